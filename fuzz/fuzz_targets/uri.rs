//! A secret URI (`phrase//path///password`, `0x seed//path`): never a panic, and a parsed
//! URI never prints its phrase.
#![no_main]
use axia_signer_keys::{RootSecret, SecretUri};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    match SecretUri::parse(text) {
        Ok(uri) => {
            let shown = format!("{uri:?}");
            if let RootSecret::Phrase(phrase) = &uri.root {
                let phrase = phrase.expose();
                assert!(!shown.contains(phrase.as_str()) || uri.path.as_str().contains(phrase.as_str()));
            }
        }
        Err(error) => drop((error.kind(), error.to_string())),
    }
});
