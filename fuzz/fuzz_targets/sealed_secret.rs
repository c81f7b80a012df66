//! The store's sealed-secret record (`db/src/seal.rs`) as read back from disk: never a panic,
//! a record writes back what it read, and opening refuses damage before any KDF work
//! (only an intact checksum reaches argon2, so a mutated record stays cheap).
#![no_main]
use axia_signer_db::seal::SealedSecret;
use axia_signer_db::Pin;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(sealed) = serde_json::from_slice::<SealedSecret>(data) else { return };
    let written = serde_json::to_vec(&sealed).expect("a record serialises");
    let again: SealedSecret = serde_json::from_slice(&written).expect("a record reads back what it wrote");
    assert_eq!(serde_json::to_vec(&again).expect("a record serialises"), written);
    let _ = sealed.open(&Pin::new("123456").expect("a valid PIN"));
});
