//! An SS58 address or a network name: never a panic, a decoded address encodes back to the
//! same text, and an unknown name is echoed only when it cannot be a phrase.
#![no_main]
use axia_signer_keys::ss58::{self, UnknownNetwork};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok((prefix, account)) = ss58::decode(text) {
        assert_eq!(ss58::encode(prefix, &account), text);
    }
    if let Err(UnknownNetwork::Name { name: Some(echoed) }) = ss58::prefix_for_network(text) {
        assert!(echoed.chars().count() <= 32 && !echoed.contains(char::is_whitespace));
    }
});
