use super::*;
use crate::app::accounts::add;
use crate::app::test_support::{dev_on_westend, DEV};
use crate::db::IdentitySecret;
use crate::keys::bip32::{ledger_keypair, EthereumKey};
use crate::keys::{Bip32Path, Password, Phrase, PublicKey};

/// "Dev" on Westend with accounts of every kind, each added as the account form adds it: a
/// Substrate path on another network, one with a `///password`, a Ledger's path on Polkadot
/// and an Ethereum path on Moonbeam.
fn dev_with_accounts() -> (Store, IdentityId, IdentitySecret) {
    let (store, id, secret) = dev_on_westend();
    let polkadot = store.network_by_name("polkadot").unwrap().unwrap();
    let moonbeam = store.network_by_name("moonbeam").unwrap().unwrap();
    let none = &Password::empty();
    add(&store, id, &secret, &polkadot, "//polkadot", none, "Main").unwrap();
    add(&store, id, &secret, &polkadot, "//polkadot//2", &Password::new("hunter22"), "Guarded").unwrap();
    add(&store, id, &secret, &polkadot, "m/44'/354'/0'/0'/3'", none, "From the Ledger").unwrap();
    add(&store, id, &secret, &moonbeam, "m/44'/60'/0'/0/9", none, "MetaMask").unwrap();
    (store, id, secret)
}

#[test]
fn accounts_of_other_wallets_are_derived_as_those_wallets_derive_them() {
    let (store, id, _) = dev_with_accounts();
    let accounts = store.accounts(id, None).unwrap();
    let phrase = Phrase::parse(DEV).unwrap();
    let ledger = accounts.iter().find(|account| account.name == "From the Ledger").unwrap();
    let path = Bip32Path::parse("m/44'/354'/0'/0'/3'").unwrap();
    assert_eq!(ledger.public_key, ledger_keypair(&phrase, &Password::empty(), &path).unwrap().public());
    assert_eq!(ledger.derivation, crate::db::Derivation::LedgerBip32Ed25519);
    let metamask = accounts.iter().find(|account| account.name == "MetaMask").unwrap();
    let path = Bip32Path::parse("m/44'/60'/0'/0/9").unwrap();
    let key = PublicKey::Ecdsa(*EthereumKey::from_phrase(&phrase, &path).unwrap().public_key());
    assert_eq!((metamask.public_key, metamask.derivation), (key, crate::db::Derivation::Bip44Secp256k1));
}

fn names_and_paths(store: &Store, id: IdentityId) -> Vec<(String, String, &'static str)> {
    let mut accounts: Vec<_> =
        store.accounts(id, None).unwrap().into_iter().map(|a| (a.name, a.path, a.derivation.as_str())).collect();
    accounts.sort();
    accounts
}

#[test]
fn a_list_exported_then_imported_on_a_fresh_recovery_gives_back_every_account() {
    let (store, id, _) = dev_with_accounts();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("Dev accounts.json");
    assert_eq!(export_list(&store, id, &file).unwrap(), 5);
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(!text.contains("hunter22") && !text.contains("bottom drive"), "no secret in the list: {text}");
    assert!(export_list(&store, id, &file).is_err(), "never over a file");

    let (fresh, fresh_id, fresh_secret) = dev_on_westend();
    let list = read_list(&file).unwrap();
    let mut asked = Vec::new();
    let report = import_list(&fresh, fresh_id, &fresh_secret, &list, &mut |listed| {
        asked.push(listed.name.clone());
        Some(Password::new("hunter22"))
    })
    .unwrap();
    assert_eq!(asked, ["Guarded"], "only the account with a password asks for one");
    assert_eq!(report.present, ["Westend"], "the first account of the recovery is there already");
    assert_eq!(report.added.len(), 4);
    assert_eq!(report.skipped, []);
    assert_eq!(names_and_paths(&fresh, fresh_id), names_and_paths(&store, id));
    // Again: everything is present, nothing is added twice, and no password is asked.
    let again = import_list(&fresh, fresh_id, &fresh_secret, &list, &mut |_| panic!("nothing to ask")).unwrap();
    assert_eq!((again.added.len(), again.present.len()), (0, 5));
}

#[test]
fn a_list_of_another_phrase_is_refused_before_anything_is_derived() {
    use crate::app::onboarding::{add_phrase_identity, FirstAccount, PhraseIdentity};
    let (store, id, _) = dev_with_accounts();
    let list = account_list(&store, id).unwrap();
    // The same words with a BIP39 password are another identity, as another phrase is.
    let other = crate::app::test_support::store();
    let westend = other.network_by_name("westend").unwrap().unwrap().genesis_hash;
    let phrase = Phrase::parse(DEV).unwrap();
    let password = Password::new("25th word");
    let new = PhraseIdentity {
        name: "Other",
        phrase: &phrase,
        password: &password,
        network: westend,
        first_account: FirstAccount::NetworkPath,
    };
    let pin = crate::db::Pin::new("123456").unwrap();
    let (other_id, _) = add_phrase_identity(&other, new, &pin).unwrap();
    let other_secret = other.unlock(other_id, &pin).unwrap();
    let refused = import_list(&other, other_id, &other_secret, &list, &mut |_| None).unwrap_err();
    assert_eq!(refused.kind(), "wrong_identity");
    assert_eq!(other.accounts(other_id, None).unwrap().len(), 1, "nothing added");
}

#[test]
fn a_missing_or_wrong_password_and_an_unknown_network_skip_only_that_account() {
    let (store, id, _) = dev_with_accounts();
    let mut list = account_list(&store, id).unwrap();
    list.accounts[0].network = format!("0x{}", "ab".repeat(32));
    list.accounts[0].network_name = "Elsewhere".into();
    let unknown = list.accounts[0].name.clone();
    let (fresh, fresh_id, fresh_secret) = dev_on_westend();
    let report = import_list(&fresh, fresh_id, &fresh_secret, &list, &mut |_| Some(Password::new("wrong"))).unwrap();
    let reasons: Vec<(String, String)> =
        report.skipped.iter().map(|skipped| (skipped.name.clone(), skipped.reason.to_string())).collect();
    assert!(reasons.contains(&("Guarded".into(), SkipReason::WrongKey.to_string())), "{reasons:?}");
    assert!(reasons.iter().any(|(name, reason)| *name == unknown && reason.contains("Elsewhere")), "{reasons:?}");
    let report = import_list(&fresh, fresh_id, &fresh_secret, &list, &mut |_| None).unwrap();
    assert!(report.skipped.iter().any(|s| s.name == "Guarded" && s.reason == SkipReason::NoPassword));
}

#[test]
fn an_ethereum_or_ledger_entry_claiming_an_account_password_is_skipped_as_damaged() {
    let (store, id, _) = dev_with_accounts();
    let mut list = account_list(&store, id).unwrap();
    for listed in list.accounts.iter_mut().filter(|listed| listed.derivation != crate::db::Derivation::Substrate) {
        listed.has_password = true;
    }
    let (fresh, fresh_id, fresh_secret) = dev_on_westend();
    let report = import_list(&fresh, fresh_id, &fresh_secret, &list, &mut |listed| {
        assert_eq!(listed.derivation, crate::db::Derivation::Substrate, "asked for {}", listed.name);
        None
    });
    let skipped: Vec<(String, SkipReason)> =
        report.unwrap().skipped.into_iter().map(|skipped| (skipped.name, skipped.reason)).collect();
    assert!(skipped.contains(&("MetaMask".into(), SkipReason::PasswordOnOtherWallet)), "{skipped:?}");
    assert!(skipped.contains(&("From the Ledger".into(), SkipReason::PasswordOnOtherWallet)), "{skipped:?}");
}

#[test]
fn only_a_list_of_this_format_and_version_is_read() {
    let (store, id, _) = dev_with_accounts();
    let text = serde_json::to_string(&account_list(&store, id).unwrap()).unwrap();
    assert!(parse_list(&text).is_ok());
    let kind = |text: &str| parse_list(text).err().map(|error| error.kind());
    assert_eq!(kind(&text.replace("\"version\":1", "\"version\":2")), Some("unsupported_version"));
    assert_eq!(kind(&text.replace(FORMAT, "something-else")), Some("malformed"));
    assert_eq!(kind("[1, 2"), Some("malformed"));
    assert_eq!(kind(&text.replace("\"derivation\":\"substrate\"", "\"derivation\":\"magic\"")), Some("malformed"));
}

#[test]
fn an_ethereum_account_shows_its_eip55_address_and_exports_as_polkadot_js_writes_it() {
    use crate::app::account_card::AccountCard;
    use crate::app::backup::export_file;
    use crate::keys::{BackupFile, ScryptParams};
    let (store, id, secret) = dev_with_accounts();
    let accounts = store.accounts(id, None).unwrap();
    let ethereum = accounts.iter().find(|account| account.name == "MetaMask").unwrap();
    // polkadot-js's address for the development phrase at this path (ethereum.json, eth-dev-3).
    let card = AccountCard::load(&store, ethereum.key).unwrap().unwrap();
    assert_eq!(card.address, "0x2898FE7a42Be376C8BC7AF536A940F7Fd5aDd423");
    // EIP-681, with Moonbeam's chain id: what MetaMask scans.
    assert_eq!(card.qr_payload, "ethereum:0x2898FE7a42Be376C8BC7AF536A940F7Fd5aDd423@1284");
    let file = export_file(
        &store,
        ethereum,
        &secret,
        &Password::empty(),
        &Password::new("file-pass"),
        ScryptParams::COMPATIBLE,
    )
    .unwrap();
    let BackupFile::Account(read) = BackupFile::parse(&file.json).unwrap() else { panic!("one account") };
    assert!(read.is_ethereum());
    let opened = read.decrypt(&Password::new("file-pass")).unwrap();
    assert_eq!(opened.ethereum_address().unwrap().to_string(), "0x2898FE7a42Be376C8BC7AF536A940F7Fd5aDd423");
    // A Ledger's account is an ordinary ed25519 key: written as one, the same address.
    let ledger = accounts.iter().find(|account| account.name == "From the Ledger").unwrap();
    let file =
        export_file(&store, ledger, &secret, &Password::empty(), &Password::new("file-pass"), ScryptParams::COMPATIBLE)
            .unwrap();
    let BackupFile::Account(read) = BackupFile::parse(&file.json).unwrap() else { panic!("one account") };
    let opened = read.decrypt(&Password::new("file-pass")).unwrap();
    assert_eq!(opened.keypair.public(), ledger.public_key);
}

#[test]
fn a_ledger_path_written_without_hardening_is_the_same_account_and_a_bad_name_skips_only_its_entry() {
    let (store, id, _) = dev_with_accounts();
    let mut list = account_list(&store, id).unwrap();
    let ledger = list.accounts.iter_mut().find(|listed| listed.name == "From the Ledger").unwrap();
    assert_eq!(ledger.path, "m/44'/354'/0'/0'/3'");
    ledger.path = "m/44/354/0/0/3".into();
    let main = list.accounts.iter_mut().find(|listed| listed.name == "Main").unwrap();
    main.name = "\u{7}bell".into();
    let report = import_list(
        &store,
        id,
        &store.unlock(id, &crate::db::Pin::new("123456").unwrap()).unwrap(),
        &list,
        &mut |_| None,
    )
    .unwrap();
    assert!(report.added.is_empty(), "{report:?}");
    assert!(report.present.contains(&"From the Ledger".to_owned()), "the same key, stored hardened: {report:?}");
    assert!(report.skipped.iter().any(|s| s.reason == SkipReason::InvalidName), "{report:?}");
}
