//! A Banana Split share's QR text (`keys::banana::Share::parse`), then into a share set beside
//! a good share: refused with a kind, or a share whose text reads back the same (when the
//! escaped text still fits the cap); never a panic.
#![no_main]
use axia_signer_keys::banana::{Share, ShareSet};
use libfuzzer_sys::fuzz_target;

const GOOD: &str = r#"{"v":1,"t":"x","r":2,"d":"8AQI=","n":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}"#;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(share) = Share::parse(text) else { return };
    let written = share.to_text();
    if written.len() <= axia_signer_keys::banana::MAX_SHARE_TEXT_BYTES {
        let again = Share::parse(&written).expect("what we write reads back");
        assert_eq!(again.to_text(), written);
    }
    let mut set = ShareSet::default();
    set.add_text(GOOD).unwrap();
    let _ = set.add(share);
});
