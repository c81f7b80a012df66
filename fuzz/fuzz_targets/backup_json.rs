//! A polkadot-js JSON backup (one account, a list, or an "Export all" file): never a panic,
//! and an account opens only to the key its address states. A file that names scrypt is
//! parsed, not opened (scrypt would make every run 50 ms long); a version 2 file's key is
//! the password itself, so those are tried with one.
#![no_main]
use axia_signer_keys::backup::StatedAddress;
use axia_signer_keys::{BackupFile, Password};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let accounts = match BackupFile::parse(text) {
        Ok(BackupFile::Account(account)) => vec![account],
        Ok(BackupFile::Accounts(accounts)) => accounts,
        Ok(BackupFile::Batch(_)) | Err(_) => return,
    };
    let (none, password) = (Password::empty(), Password::new(if text.contains("scrypt") { "" } else { "password" }));
    let opened = accounts.iter().map(|account| account.decrypt(if account.is_encrypted() { &password } else { &none }));
    for restored in opened.flatten() {
        let public = restored.keypair.public();
        match &restored.address {
            StatedAddress::Ss58 { account, .. } => assert_eq!(*account, public.account_id()),
            StatedAddress::Hex { public: stated, .. } => assert_eq!(stated.as_slice(), public.as_bytes()),
        }
    }
});
