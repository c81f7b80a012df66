//! One rule for every stored name (identities, accounts, networks and units): no control
//! or bidirectional-override characters, and a length cap.

use axia_signer::db::names::NameError;
use axia_signer::db::{AddAccountError, AddIdentityError, NetworkError, NewNetwork, RenameError};
use axia_signer::keys::{Password, Phrase, Scheme};

use super::*;

/// Names the rule refuses, each with what the rule says about it.
fn hostile_names() -> Vec<(String, NameError)> {
    vec![
        ("Evil\u{1b}[2J".to_owned(), NameError::ControlCharacter),
        ("Bell\u{7}".to_owned(), NameError::ControlCharacter),
        ("gpj\u{202E}exe".to_owned(), NameError::BidiControl),
        ("iso\u{2067}late".to_owned(), NameError::BidiControl),
        ("N".repeat(65), NameError::TooLong { max: 64 }),
    ]
}

#[test]
fn identity_account_and_network_names_share_one_rule() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path(), &TestClock::new());
    let id = recover(&store, "Main", DEV, "", "123456");
    let phrase = Phrase::parse(DEV).unwrap();
    for (i, (name, problem)) in hostile_names().into_iter().enumerate() {
        let account = account(&phrase, &Password::empty(), POLKADOT, &format!("//{i}"), &name);
        assert_eq!(store.add_account(id, account), Err(AddAccountError::InvalidName(problem)), "{name:?}");
        let network = NewNetwork {
            name: name.clone(),
            ss58_prefix: 2007,
            genesis_hash: format!("0x{}", "ab".repeat(32)),
            path_id: "axiacoin".into(),
            scheme: axia_signer::db::NetworkScheme::Substrate(Scheme::Sr25519),
            ledger_coin: None,
            unit: "AXC".into(),
            decimals: 18,
            colour: String::new(),
        };
        assert_eq!(store.add_network(network.clone()), Err(NetworkError::InvalidName(problem)), "{name:?}");
        let unit = match problem {
            NameError::TooLong { .. } => "U".repeat(13),
            _ => name.chars().take(12).collect(),
        };
        let unit = NewNetwork { name: "AXIACoin".into(), unit, ..network };
        assert_eq!(store.add_network(unit), Err(NetworkError::InvalidUnit), "{name:?}");
        assert_eq!(store.rename_identity(id, &name), Err(RenameError::InvalidName), "{name:?}");
        let phrase = Phrase::generate(axia_signer::keys::PhraseLength::Words12);
        let new = PhraseIdentity {
            name: &name,
            phrase: &phrase,
            password: &Password::empty(),
            network: genesis(WESTEND),
            first_account: FirstAccount::Root,
        };
        assert!(
            matches!(
                add_phrase_identity(&store, new, &pin("123456")),
                Err(axia_signer::app::onboarding::OnboardingError::Add(AddIdentityError::InvalidName))
            ),
            "{name:?}"
        );
    }
    assert_eq!(store.accounts(id, None).unwrap().len(), 1, "only the first account was stored");
    let builtin = axia_signer::db::networks::builtin_networks().len();
    assert_eq!(store.networks().unwrap().len(), builtin, "only the built-in networks");
    assert_eq!(store.identities().unwrap().len(), 1);
}
