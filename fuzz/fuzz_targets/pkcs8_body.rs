//! The PKCS8 body inside a backup (`header ‖ secret ‖ divider ‖ public key`), reached through
//! an unencrypted file, which the format allows. The first byte picks the key type (or none,
//! as the oldest files); the file's address is the body's last 32 (ecdsa: 33) bytes. Never a
//! panic, and a body opens only to the public key it states.
#![no_main]
use axia_signer_keys::{BackupFile, Password};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (u8, &[u8])| {
    let (pick, body) = input;
    let (encoding, width) = match pick % 4 {
        0 => (r#"{"content":["pkcs8","sr25519"],"type":["none"],"version":"3"}"#, 32),
        1 => (r#"{"content":["pkcs8","ed25519"],"type":["none"],"version":"3"}"#, 32),
        2 => (r#"{"content":["pkcs8","ecdsa"],"type":["none"],"version":"3"}"#, 33),
        _ => (r#"{"type":["none"],"version":"0"}"#, 32),
    };
    let stated = &body[body.len().saturating_sub(width)..];
    let file = format!(
        r#"{{"encoded":"0x{}","encoding":{encoding},"address":"0x{}"}}"#,
        hex::encode(body),
        hex::encode(stated)
    );
    let Ok(BackupFile::Account(account)) = BackupFile::parse(&file) else { return };
    if let Ok(restored) = account.decrypt(&Password::empty()) {
        assert_eq!(restored.keypair.public().as_bytes(), stated);
    }
});
