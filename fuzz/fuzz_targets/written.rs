//! The `written` file (`db/src/high_water.rs`): a count and its CRC32, or nothing; never a
//! panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = axia_signer_db::fuzzing::written(text);
    }
});
