//! Every entity written and read back, and each way a write is refused.

use axia_signer::db::{
    AddAccountError, AddIdentityError, EventKind, IdentityKind, IdentitySecret, NetworkError, NewIdentity, NewNetwork,
    OpenError, RenameError, Store, UnlockError,
};
use axia_signer::keys::{Password, Phrase, Scheme, SecretBytes};

use super::*;

fn axiacoin() -> NewNetwork {
    NewNetwork {
        name: "AXIACoin".into(),
        ss58_prefix: 2007,
        genesis_hash: format!("0x{}", "ab".repeat(32)),
        path_id: "axiacoin".into(),
        scheme: axia_signer::db::NetworkScheme::Substrate(Scheme::Sr25519),
        ledger_coin: None,
        unit: "AXC".into(),
        decimals: 18,
        colour: "#1e90ff".into(),
    }
}

#[test]
fn a_recovered_identity_reads_back_and_unseals_to_the_same_phrase() {
    let dir = tempfile::tempdir().unwrap();
    let clock = TestClock::new();
    let id = {
        let store = open(dir.path(), &clock);
        recover(&store, "Savings", DEV, "extra words", "123456")
    };
    let store = open(dir.path(), &clock);
    let identity = store.identity(id).unwrap().unwrap();
    assert_eq!((identity.name.as_str(), identity.kind), ("Savings", IdentityKind::Phrase));
    assert_eq!(store.identity_by_name("SAVINGS").unwrap().unwrap().id, id);
    assert_eq!(store.identities().unwrap(), std::slice::from_ref(&identity));
    let IdentitySecret::Phrase { phrase, password } = store.unlock(id, &pin("123456")).unwrap() else {
        panic!("a phrase identity unseals to a phrase");
    };
    assert_eq!(phrase.expose().as_str(), DEV);
    assert_eq!(password.expose(), "extra words");
    assert_eq!(identity.root_public, root_public(&phrase, &password));
}

#[test]
fn accounts_read_back_by_identity_and_network() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path(), &TestClock::new());
    let id = recover(&store, "Main", DEV, "", "123456");
    let phrase = Phrase::parse(DEV).unwrap();
    let none = Password::empty();
    let mut soft = account(&phrase, &none, POLKADOT, "//polkadot/0", "Soft one");
    soft.has_password = true;
    let key = store.add_account(id, soft.clone()).unwrap();
    store.add_account(id, account(&phrase, &none, POLKADOT, "//polkadot", "Polkadot root")).unwrap();

    let on_polkadot = store.accounts(id, Some(genesis(POLKADOT))).unwrap();
    let names: Vec<&str> = on_polkadot.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["Soft one", "Polkadot root"]);
    let stored = store.account(key).unwrap().unwrap();
    assert_eq!((stored.path.as_str(), stored.has_password, stored.public_key), ("//polkadot/0", true, soft.public_key));
    assert_eq!(store.accounts(id, None).unwrap().len(), 3);
    assert_eq!(store.accounts(id, Some(genesis(WESTEND))).unwrap()[0].name, "Westend");
}

#[test]
fn a_ledger_and_an_ethereum_path_are_stored_with_their_kind() {
    use axia_signer::db::{AccountPath, Derivation};
    use axia_signer::keys::bip32::{ledger_keypair, EthereumKey};
    use axia_signer::keys::{Bip32Path, PublicKey};
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path(), &TestClock::new());
    let id = recover(&store, "Main", DEV, "", "123456");
    let phrase = Phrase::parse(DEV).unwrap();
    let ledger_path = Bip32Path::parse("m/44'/354'/0'/0'/0'").unwrap();
    let mut on_ledger = account(&phrase, &Password::empty(), POLKADOT, "//polkadot", "From the Ledger");
    on_ledger.path = AccountPath::ledger(&ledger_path);
    on_ledger.public_key = ledger_keypair(&phrase, &Password::empty(), &ledger_path).unwrap().public();
    let ledger_key = store.add_account(id, on_ledger.clone()).unwrap();
    let ethereum_path = Bip32Path::parse("m/44'/60'/0'/0/0").unwrap();
    let mut ethereum = account(&phrase, &Password::empty(), POLKADOT, "//polkadot", "Alith");
    ethereum.path = AccountPath::ethereum(&ethereum_path);
    ethereum.public_key = PublicKey::Ecdsa(*EthereumKey::from_phrase(&phrase, &ethereum_path).unwrap().public_key());
    let ethereum_key = store.add_account(id, ethereum).unwrap();

    let stored = store.account(ledger_key).unwrap().unwrap();
    assert_eq!((stored.path.as_str(), stored.derivation), ("m/44'/354'/0'/0'/0'", Derivation::LedgerBip32Ed25519));
    assert_eq!(stored.public_key, on_ledger.public_key);
    let stored = store.account(ethereum_key).unwrap().unwrap();
    assert_eq!((stored.path.as_str(), stored.derivation), ("m/44'/60'/0'/0/0", Derivation::Bip44Secp256k1));
    let westend = store.accounts(id, Some(genesis(WESTEND))).unwrap();
    assert_eq!(westend[0].derivation, Derivation::Substrate, "a Substrate path says so");
}

#[test]
fn an_imported_key_identity_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path(), &TestClock::new());
    let root =
        axia_signer::keys::Keypair::from_seed(Scheme::Ed25519, &axia_signer::keys::Seed::from_bytes([7; 32])).unwrap();
    let secret = IdentitySecret::ImportedKey { scheme: Scheme::Ed25519, secret: root.export_secret() };
    let new = NewIdentity { name: "From backup", secret: &secret, root_public: root.public(), accounts: vec![] };
    let (id, _) = store.add_identity(new, &pin("123456")).unwrap();
    assert_eq!(store.identity(id).unwrap().unwrap().kind, IdentityKind::ImportedKey);
    let IdentitySecret::ImportedKey { scheme, secret } = store.unlock(id, &pin("123456")).unwrap() else {
        panic!("an imported key unseals to a key");
    };
    assert_eq!(scheme, Scheme::Ed25519);
    assert_eq!(secret.expose(), root.export_secret().expose());
    let _: SecretBytes = secret;
}

#[test]
fn networks_settings_and_history_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let clock = TestClock::new();
    {
        let store = open(dir.path(), &clock);
        let names: Vec<String> = store.networks().unwrap().into_iter().map(|n| n.name).collect();
        assert_eq!(names, ["Kusama", "Moonbeam", "Moonriver", "Polkadot", "Westend"]);
        store.add_network(axiacoin()).unwrap();
        let evm = NewNetwork {
            name: "AXIA EVM".into(),
            genesis_hash: format!("0x{}", "cd".repeat(32)),
            path_id: "axia-evm".into(),
            scheme: axia_signer::db::NetworkScheme::Ethereum { chain_id: 2008 },
            ..axiacoin()
        };
        store.add_network(evm).unwrap();
        store.set_setting("lock_after_secs", "120").unwrap();
        let id = recover(&store, "Main", DEV, "", "123456");
        store.record_event(EventKind::PhraseShown, Some(id), "").unwrap();
    }
    let store = open(dir.path(), &clock);
    let axia = store.network_by_name("axiacoin").unwrap().unwrap();
    assert_eq!((axia.ss58_prefix.value(), axia.unit.as_str(), axia.decimals), (2007, "AXC", 18));
    assert_eq!(store.network(axia.genesis_hash).unwrap().unwrap(), axia);
    let evm = store.network_by_name("axia evm").unwrap().unwrap();
    assert_eq!(evm.scheme, axia_signer::db::NetworkScheme::Ethereum { chain_id: 2008 });
    assert_eq!(store.setting("lock_after_secs").unwrap().as_deref(), Some("120"));
    assert_eq!(store.setting("missing").unwrap(), None);
    let kinds: Vec<EventKind> = store.history().unwrap().into_iter().map(|e| e.kind).collect();
    assert_eq!(
        kinds,
        [
            EventKind::NetworkAdded,
            EventKind::NetworkAdded,
            EventKind::IdentityAdded,
            EventKind::AccountDerived,
            EventKind::PhraseShown
        ]
    );
    store.remove_network(axia.genesis_hash).unwrap();
    assert!(store.network_by_name("AXIACoin").unwrap().is_none());
}

#[test]
fn a_wrong_pin_is_refused_and_counted() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path(), &TestClock::new());
    let id = recover(&store, "Main", DEV, "", "123456");
    let error = store.unlock(id, &pin("654321")).unwrap_err();
    assert!(matches!(error, UnlockError::WrongPin { attempts_before_wait: 4, .. }), "{error:?}");
    assert_eq!(error.to_string(), "wrong PIN (4 tries left before a wait)");
    assert!(store.unlock(id, &pin("123456")).is_ok());
    assert_eq!(store.history().unwrap().iter().filter(|e| e.kind == EventKind::WrongPin).count(), 1);
}

#[test]
fn changing_the_pin_reseals_and_the_old_pin_stops_working() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path(), &TestClock::new());
    let id = recover(&store, "Main", DEV, "", "123456");
    assert!(matches!(store.change_pin(id, &pin("000000"), &pin("98765432")), Err(UnlockError::WrongPin { .. })));
    store.change_pin(id, &pin("123456"), &pin("98765432")).unwrap();
    assert!(matches!(store.unlock(id, &pin("123456")), Err(UnlockError::WrongPin { .. })));
    assert!(store.unlock(id, &pin("98765432")).is_ok());
    assert!(store.history().unwrap().iter().any(|e| e.kind == EventKind::PinChanged));
}

#[test]
fn the_same_phrase_twice_is_refused_with_the_existing_name() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path(), &TestClock::new());
    recover(&store, "First", DEV, "", "123456");
    let phrase = Phrase::parse(DEV).unwrap();
    let secret = IdentitySecret::Phrase { phrase: phrase.clone(), password: Password::empty() };
    let root_public = root_public(&phrase, &Password::empty());
    let again = NewIdentity { name: "Second", secret: &secret, root_public, accounts: vec![] };
    assert_eq!(
        store.add_identity(again, &pin("123456")).unwrap_err(),
        AddIdentityError::DuplicateSecret { existing: "First".into() }
    );
    // The same phrase under another BIP39 password is another identity.
    recover(&store, "Second", DEV, "hidden", "123456");
    assert_eq!(store.identities().unwrap().len(), 2);
}

#[test]
fn names_are_unique_ignoring_case() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path(), &TestClock::new());
    let first = recover(&store, "Savings", DEV, "", "123456");
    let other = Phrase::generate(axia_signer::keys::PhraseLength::Words12);
    let secret = IdentitySecret::Phrase { phrase: other.clone(), password: Password::empty() };
    let new = NewIdentity {
        name: "  savings ",
        secret: &secret,
        root_public: root_public(&other, &Password::empty()),
        accounts: vec![],
    };
    assert_eq!(
        store.add_identity(new, &pin("123456")).unwrap_err(),
        AddIdentityError::DuplicateName { existing: "Savings".into() }
    );
    let blank = NewIdentity {
        name: " ",
        secret: &secret,
        root_public: root_public(&other, &Password::empty()),
        accounts: vec![],
    };
    assert_eq!(store.add_identity(blank, &pin("123456")).unwrap_err(), AddIdentityError::InvalidName);
    let second = recover(&store, "Daily", &other.expose(), "", "123456");
    assert_eq!(
        store.rename_identity(second, "SAVINGS"),
        Err(RenameError::DuplicateName { existing: "Savings".into() })
    );
    store.rename_identity(first, "SAVINGS").unwrap();
    assert_eq!(store.identity(first).unwrap().unwrap().name, "SAVINGS");
    assert_eq!(store.identity_by_name("savings").unwrap().unwrap().id, first);
}

#[test]
fn the_same_path_twice_on_one_network_is_refused_but_other_networks_are_fine() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path(), &TestClock::new());
    let id = recover(&store, "Main", DEV, "", "123456");
    let phrase = Phrase::parse(DEV).unwrap();
    let none = Password::empty();
    let again = account(&phrase, &none, WESTEND, "//westend", "Again");
    assert_eq!(
        store.add_account(id, again).unwrap_err(),
        AddAccountError::DuplicatePath {
            path: "//westend".into(),
            network: "Westend".into(),
            existing: "Westend".into()
        }
    );
    store.add_account(id, account(&phrase, &none, POLKADOT, "//westend", "Odd but allowed")).unwrap();
    let unknown = account(&phrase, &none, &format!("0x{}", "cd".repeat(32)), "//x", "Nowhere");
    assert_eq!(store.add_account(id, unknown).unwrap_err(), AddAccountError::UnknownNetwork);
}

#[test]
fn custom_networks_are_validated_against_the_catalogue() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path(), &TestClock::new());
    store.add_network(axiacoin()).unwrap();
    let same_genesis = NewNetwork { name: "Other".into(), path_id: "other".into(), ..axiacoin() };
    assert_eq!(
        store.add_network(same_genesis),
        Err(NetworkError::DuplicateGenesisHash { existing: "AXIACoin".into() })
    );
    let same_name = NewNetwork { genesis_hash: format!("0x{}", "01".repeat(32)), path_id: "x".into(), ..axiacoin() };
    assert_eq!(store.add_network(same_name), Err(NetworkError::DuplicateName { existing: "AXIACoin".into() }));
    let same_path_id =
        NewNetwork { name: "Elsewhere".into(), genesis_hash: format!("0x{}", "02".repeat(32)), ..axiacoin() };
    assert_eq!(
        store.add_network(same_path_id),
        Err(NetworkError::DuplicatePathId { path_id: "axiacoin".into(), existing: "AXIACoin".into() })
    );
    let reserved = NewNetwork { ss58_prefix: 47, ..axiacoin() };
    assert!(matches!(store.add_network(reserved), Err(NetworkError::InvalidPrefix(_))));
    let polkadot = store.network_by_name("polkadot").unwrap().unwrap();
    assert_eq!(store.remove_network(polkadot.genesis_hash), Err(NetworkError::Builtin { name: "Polkadot".into() }));
    let id = recover(&store, "Main", DEV, "", "123456");
    let phrase = Phrase::parse(DEV).unwrap();
    let axia = store.network_by_name("AXIACoin").unwrap().unwrap();
    store
        .add_account(id, account(&phrase, &Password::empty(), &axia.genesis_hash.to_hex(), "//axiacoin", "AXIA"))
        .unwrap();
    assert_eq!(
        store.remove_network(axia.genesis_hash),
        Err(NetworkError::HasAccounts { name: "AXIACoin".into(), accounts: 1 })
    );
}

#[test]
fn deleting_an_identity_needs_its_pin_and_takes_its_accounts() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path(), &TestClock::new());
    let id = recover(&store, "Main", DEV, "", "123456");
    assert!(matches!(store.delete_identity(id, &pin("111111")), Err(UnlockError::WrongPin { .. })));
    store.delete_identity(id, &pin("123456")).unwrap();
    assert!(store.identity(id).unwrap().is_none());
    assert!(store.accounts(id, None).unwrap().is_empty());
    assert_eq!(store.check_integrity().unwrap(), Vec::<String>::new());
    // The name and the phrase are free again.
    recover(&store, "Main", DEV, "", "123456");
}

#[test]
fn a_newer_schema_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let clock = TestClock::new();
    drop(open(dir.path(), &clock));
    {
        let raw = super::raw_sled(dir.path());
        raw.open_tree("meta").unwrap().insert("schema_version", &99u32.to_be_bytes()).unwrap();
        raw.drop_tree("networks").unwrap();
        raw.flush().unwrap();
    }
    let error = Store::open_with(dir.path(), clock.options()).err().unwrap();
    assert_eq!(error, OpenError::SchemaTooNew { found: 99, supported: 4 });
    let raw = super::raw_sled(dir.path());
    assert!(!raw.tree_names().iter().any(|name| name.as_ref() == b"networks"), "no tree was created");
}

#[test]
fn a_second_process_gets_in_use_not_a_hang() {
    let dir = tempfile::tempdir().unwrap();
    let clock = TestClock::new();
    let _first = open(dir.path(), &clock);
    let error = Store::open_with(dir.path(), clock.options()).err().unwrap();
    assert!(matches!(error, OpenError::InUse { .. }), "{error:?}");
    assert!(error.to_string().contains("in use"));
}

#[test]
fn a_damaged_secret_is_not_a_wrong_pin() {
    let dir = tempfile::tempdir().unwrap();
    let clock = TestClock::new();
    let store = open(dir.path(), &clock);
    let id = recover(&store, "Main", DEV, "", "123456");
    // Both sealed copies damaged (one alone would be mended from the other).
    for slot in ["a", "b"] {
        let path = dir.path().join("sealed").join(format!("{:016x}.{slot}", id.0));
        let text = std::fs::read_to_string(&path).unwrap();
        let at = text.find("\"ciphertext\":\"").unwrap() + 14;
        let flipped = if &text[at..at + 1] == "0" { "1" } else { "0" };
        std::fs::write(&path, format!("{}{flipped}{}", &text[..at], &text[at + 1..])).unwrap();
    }
    let error = store.unlock(id, &pin("123456")).unwrap_err();
    assert!(matches!(error, UnlockError::Corrupt(_)), "{error:?}");
    assert!(error.to_string().contains("damaged"), "{error}");
    assert!(
        store.history().unwrap().iter().all(|e| e.kind != EventKind::WrongPin),
        "damage is not counted as a wrong PIN"
    );
    assert!(store.lockout_remaining(id).unwrap().is_zero());
}

#[test]
fn an_unreadable_identity_record_is_rebuilt_from_its_sealed_copy_and_the_damage_kept() {
    let dir = tempfile::tempdir().unwrap();
    let clock = TestClock::new();
    let id = recover(&open(dir.path(), &clock), "Main", DEV, "", "123456");
    {
        let raw = super::raw_sled(dir.path());
        let identities = raw.open_tree("identities").unwrap();
        let (key, _) = identities.iter().next().unwrap().unwrap();
        identities.insert(key, b"{not json".to_vec()).unwrap();
        raw.flush().unwrap();
    }
    let store = open(dir.path(), &clock);
    assert!(matches!(store.repairs(), [axia_signer::db::Repair::IdentityRebuilt { .. }]), "{:?}", store.repairs());
    assert_eq!(store.identities().unwrap()[0].name, "Main");
    assert!(store.unlock(id, &pin("123456")).is_ok());
    let kept = store.kept_damaged().expect("the files as found are kept").to_owned();
    drop(store);
    let raw = super::raw_sled(&kept);
    assert_eq!(raw.open_tree("identities").unwrap().iter().next().unwrap().unwrap().1.as_ref(), b"{not json");
}

#[test]
fn an_unreadable_record_without_a_copy_is_named_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let clock = TestClock::new();
    drop(open(dir.path(), &clock));
    {
        let raw = super::raw_sled(dir.path());
        raw.open_tree("identities").unwrap().insert(7u64.to_be_bytes(), b"{not json".to_vec()).unwrap();
        raw.flush().unwrap();
    }
    let error = Store::open_with(dir.path(), clock.options()).err().expect("refused");
    assert!(matches!(error, OpenError::Damaged { .. }), "{error:?}");
    assert!(error.to_string().contains("identities"), "{error}");
    let raw = super::raw_sled(dir.path());
    assert_eq!(raw.open_tree("identities").unwrap().get(7u64.to_be_bytes()).unwrap().unwrap().as_ref(), b"{not json");
}

#[test]
fn sealing_parameters_that_could_never_be_opened_are_refused_at_open() {
    use axia_signer::db::{KdfParams, StoreOptions};
    for kdf in [KdfParams { passes: 17, ..KdfParams::DEFAULT }, KdfParams { lanes: 0, ..KdfParams::FAST_INSECURE }] {
        let options = StoreOptions { kdf, ..StoreOptions::default() };
        assert!(matches!(Store::temporary(options), Err(OpenError::InvalidOptions(_))), "{kdf:?}");
    }
}
