//! JSON backups through the app's controllers into a real store: restore, export, round trip.

use axia_signer::app::accounts::add;
use axia_signer::app::backup::{
    export_account_to, export_all_to, read_file, restore_account, restore_accounts, RestoreChoices, RestoreError,
};
use axia_signer::db::{EventKind, IdentityKind, IdentitySecret, NewIdentity};
use axia_signer::keys::{BackupFile, Password, Phrase};
use serde_json::Value;

use super::{account, genesis, open, pin, recover, root_public, TestClock, DEV, POLKADOT, WESTEND};

fn vector(id: &str) -> (String, Password) {
    let vectors: Value = serde_json::from_str(&crate::fixture("polkadot-js/json_backups.json")).unwrap();
    let case = vectors["cases"].as_array().unwrap().iter().find(|case| case["id"] == id).unwrap().clone();
    (case["json"].to_string(), Password::new(case["password"].as_str().unwrap_or("")))
}

fn one_account(text: &str) -> axia_signer::keys::backup::AccountFile {
    match BackupFile::parse(text).unwrap() {
        BackupFile::Account(file) => file,
        _ => panic!("one account"),
    }
}

#[test]
fn a_restored_file_becomes_an_imported_identity_under_its_network_and_name() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path(), &TestClock::new());
    let (text, password) = vector("bk-alice");
    let restored =
        restore_account(&store, &one_account(&text), &password, &pin("123456"), &RestoreChoices::default()).unwrap();
    assert_eq!((restored.name.as_str(), restored.network.as_str()), ("Alice", "Polkadot"));
    let identity = store.identity(restored.identity).unwrap().unwrap();
    assert_eq!(identity.kind, IdentityKind::ImportedKey);
    let accounts = store.accounts(restored.identity, Some(genesis(POLKADOT))).unwrap();
    assert_eq!(accounts[0].public_key.to_hex(), "0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d");

    // The same file again: the key is already here, and nothing new is written.
    let again = restore_account(&store, &one_account(&text), &password, &pin("123456"), &RestoreChoices::default());
    assert_eq!(again.unwrap_err().kind(), "already_stored");
    assert_eq!(store.identities().unwrap().len(), 1);
}

#[test]
fn a_wrong_password_or_a_missing_network_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path(), &TestClock::new());
    let (text, _) = vector("bk-alice");
    let wrong = restore_account(
        &store,
        &one_account(&text),
        &Password::new("not-it"),
        &pin("123456"),
        &RestoreChoices::default(),
    );
    assert_eq!(wrong.unwrap_err().kind(), "wrong_password");
    // This file states no genesis hash: the user must pick a network.
    let (text, password) = vector("bk-longpass");
    let file = one_account(&text);
    let unpicked = restore_account(&store, &file, &password, &pin("123456"), &RestoreChoices::default());
    assert!(matches!(unpicked, Err(RestoreError::NetworkNeeded)));
    assert!(store.identities().unwrap().is_empty());
    let picked = RestoreChoices { network: Some(genesis(WESTEND)), name: Some("Long".into()) };
    assert_eq!(restore_account(&store, &file, &password, &pin("123456"), &picked).unwrap().name, "Long");
}

#[test]
fn an_exported_account_restores_to_the_same_key_and_is_marked_and_logged() {
    let dir = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let store = open(dir.path(), &TestClock::new());
    let identity = recover(&store, "Dev", DEV, "", "123456");
    let secret = store.unlock(identity, &pin("123456")).unwrap();
    let account = store.accounts(identity, None).unwrap().remove(0);
    let file_password = Password::new("file-password");
    let path = out.path().join("dev.json");
    let exported = export_account_to(&store, &account, &secret, &Password::empty(), &file_password, &path).unwrap();
    assert!(path.file_name().is_some() && exported.json.contains(&exported.address));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
    }
    assert!(store.account(account.key).unwrap().unwrap().exported_ms.is_some(), "the key is marked as exported");
    assert!(store.history().unwrap().iter().any(|event| event.kind == EventKind::AccountExported));

    // Never over an existing file.
    let again = export_account_to(&store, &account, &secret, &Password::empty(), &file_password, &path);
    assert_eq!(again.unwrap_err().kind(), "file_exists");

    let other = tempfile::tempdir().unwrap();
    let target = open(other.path(), &TestClock::new());
    let BackupFile::Account(file) = read_file(&path).unwrap() else { panic!("one account") };
    let restored = restore_account(&target, &file, &file_password, &pin("654321"), &RestoreChoices::default()).unwrap();
    let copy = target.account(restored.account).unwrap().unwrap();
    assert_eq!((copy.public_key, copy.key.network), (account.public_key, account.key.network));
}

#[test]
fn export_all_writes_a_batch_that_restores_every_account_and_skips_unasked_passwords() {
    let dir = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let store = open(dir.path(), &TestClock::new());
    let identity = recover(&store, "Dev", DEV, "", "123456");
    let secret = store.unlock(identity, &pin("123456")).unwrap();
    let westend = store.network(genesis(WESTEND)).unwrap().unwrap();
    add(&store, identity, &secret, &westend, "//0", &Password::empty(), "zero").unwrap();
    add(&store, identity, &secret, &westend, "//1", &Password::new("pw"), "guarded").unwrap();
    let path = out.path().join("all.json");
    let file_password = Password::new("batch-password");
    let result = export_all_to(&store, identity, &secret, &mut |_| None, &file_password, &path).unwrap();
    assert_eq!((result.exported.len(), result.skipped.as_slice()), (2, &["guarded".to_owned()][..]));

    let other = tempfile::tempdir().unwrap();
    let target = open(other.path(), &TestClock::new());
    let BackupFile::Batch(batch) = read_file(&path).unwrap() else { panic!("a batch") };
    assert_eq!(batch.listed.len(), 2);
    let inner = batch.decrypt(&file_password).unwrap();
    let restored = restore_accounts(&target, &inner, &mut |_, _| file_password.clone(), &pin("654321"), None).unwrap();
    assert_eq!(restored.restored.len(), 2);
    let names: Vec<String> = restored.restored.iter().map(|r| r.name.clone()).collect();
    assert_eq!(names, ["Westend", "zero"]);
}

#[test]
fn a_directory_or_a_huge_file_is_not_read_as_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(read_file(dir.path()).unwrap_err().kind(), "io");
    let huge = dir.path().join("huge.json");
    std::fs::File::create(&huge).unwrap().set_len(64 * 1024 * 1024).unwrap();
    let error = read_file(&huge).unwrap_err();
    assert!(error.to_string().contains("too large"), "{error}");
}

#[test]
fn a_picked_network_serves_only_the_accounts_whose_file_names_none() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path(), &TestClock::new());
    let (alice, alice_password) = vector("bk-alice");
    let (long, long_password) = vector("bk-longpass");
    let files = vec![one_account(&alice), one_account(&long)];
    let passwords = [alice_password, long_password];
    let restored =
        restore_accounts(&store, &files, &mut |i, _| passwords[i].clone(), &pin("123456"), Some(genesis(WESTEND)))
            .unwrap();
    let networks: Vec<&str> = restored.restored.iter().map(|r| r.network.as_str()).collect();
    assert_eq!(networks, ["Polkadot", "Westend"], "Alice's file names Polkadot; the other names none");
}

#[test]
fn export_all_with_only_guarded_accounts_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let store = open(dir.path(), &TestClock::new());
    let phrase = Phrase::parse(DEV).unwrap();
    let mut only = account(&phrase, &Password::new("pw"), WESTEND, "//only", "only");
    only.has_password = true;
    let secret = IdentitySecret::Phrase { phrase: phrase.clone(), password: Password::empty() };
    let new = NewIdentity {
        name: "Guarded",
        secret: &secret,
        root_public: root_public(&phrase, &Password::empty()),
        accounts: vec![only],
    };
    let (identity, _) = store.add_identity(new, &pin("123456")).unwrap();
    let path = out.path().join("none.json");
    let error = export_all_to(&store, identity, &secret, &mut |_| None, &Password::new("batch-password"), &path);
    assert_eq!(error.unwrap_err().kind(), "nothing_to_export");
    assert!(!path.exists(), "no empty batch file is written");
}

#[test]
fn a_backup_of_an_account_derived_here_is_refused_naming_where_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path(), &TestClock::new());
    // polkadot-js's "Alice" is //Alice of the development phrase: recovered here, it is an
    // account of the phrase's identity, not an identity's root.
    let id = recover(&store, "Dev", DEV, "", "123456");
    let phrase = Phrase::parse(DEV).unwrap();
    store.add_account(id, account(&phrase, &Password::empty(), POLKADOT, "//Alice", "Alice here")).unwrap();
    let (text, password) = vector("bk-alice");
    let error = restore_account(&store, &one_account(&text), &password, &pin("123456"), &RestoreChoices::default())
        .unwrap_err();
    assert_eq!(error.to_string(), "this account is already here: \"Alice here\" in the identity \"Dev\"");
    assert_eq!(error.kind(), "already_stored");
    assert_eq!(store.identities().unwrap().len(), 1, "no second identity for the same key");
}
