//! The sealed-secret record past its checksum: the fields are fuzzed and the checksum is
//! recomputed, so `open` meets every argon2 parameter and version. Never a panic; parameters
//! above the cap are refused as excessive work (and only those). Runs with costly parameters
//! under the cap are skipped: their cost is the point of them.
#![no_main]
use axia_signer_db::seal::{OpenSealError, SealedSecret};
use axia_signer_db::{KdfParams, Pin};
use libfuzzer_sys::fuzz_target;
use sha2::{Digest, Sha256};

fuzz_target!(|input: (u8, [u32; 3], [u8; 16], [u8; 24], &[u8])| {
    let (version, [memory_kib, passes, lanes], salt, nonce, ciphertext) = input;
    let cap = KdfParams::CAP;
    let excessive = memory_kib > cap.memory_kib || passes > cap.passes || lanes > cap.lanes;
    if !excessive && u64::from(memory_kib) * u64::from(passes) > 4096 {
        return;
    }
    let mut hash = Sha256::new();
    hash.update([version]);
    [memory_kib, passes, lanes].iter().for_each(|value| hash.update(value.to_le_bytes()));
    [&salt[..], &nonce, ciphertext].iter().for_each(|bytes| hash.update(bytes));
    let record = serde_json::json!({
        "version": version, "kdf": {"memory_kib": memory_kib, "passes": passes, "lanes": lanes},
        "salt": hex::encode(salt), "nonce": hex::encode(nonce), "ciphertext": hex::encode(ciphertext),
        "checksum": hex::encode(hash.finalize()),
    });
    let sealed: SealedSecret = serde_json::from_value(record).expect("a well-formed record");
    let opened = sealed.open(&Pin::new("123456").expect("a valid PIN"));
    assert_eq!(matches!(opened, Err(OpenSealError::ExcessiveWork { .. })), version == 1 && excessive);
});
