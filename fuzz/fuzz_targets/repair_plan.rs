//! The phrase as written, as `repair-phrase` and the repair screen take it: any text is
//! refused with an error or gives a plan whose classes can be listed; never a panic.
#![no_main]
use axia_signer_keys::repair::{plan, repairable, Written};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(written) = Written::parse(text) else { return };
    let offered = repairable(&written);
    for deep in [false, true] {
        match plan(&written, deep) {
            Ok(classes) => assert!(offered && !classes.is_empty()),
            Err(_) => assert!(!offered),
        }
    }
});
