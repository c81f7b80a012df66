//! A sealed copy file (`db/src/sealed_copies.rs`) as read back from disk, damaged or hostile:
//! never a panic, and only a file whose checksum matches is taken.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = axia_signer_db::fuzzing::sealed_copy(data);
});
