//! The list inside an "Export all" file, which is only read after decryption: the input is
//! sealed as a version 2 file seals it (the password is the key, no KDF), then opened
//! through the public API. Never a panic; unencrypted accounts inside are opened too.
#![no_main]
use axia_signer_keys::{BackupFile, Password};
use crypto_secretbox::aead::{Aead, KeyInit};
use crypto_secretbox::{Nonce, XSalsa20Poly1305};
use libfuzzer_sys::fuzz_target;

const PASSWORD: &str = "fuzzing-password-of-32-bytes-xyz";

fuzz_target!(|inner: &[u8]| {
    let key = <[u8; 32]>::try_from(PASSWORD.as_bytes()).expect("32 bytes");
    let sealed = XSalsa20Poly1305::new(&key.into()).encrypt(&Nonce::default(), inner).expect("any length");
    let encoded = hex::encode([&[0u8; 24][..], &sealed].concat());
    let file = format!(
        r#"{{"encoded":"0x{encoded}","encoding":{{"content":["batch-pkcs8"],"type":["xsalsa20-poly1305"],"version":"3"}},"accounts":[]}}"#
    );
    let Ok(BackupFile::Batch(batch)) = BackupFile::parse(&file) else { panic!("a well-formed batch file") };
    for account in batch.decrypt(&Password::new(PASSWORD)).into_iter().flatten() {
        let _ = account.decrypt(&Password::empty());
    }
});
