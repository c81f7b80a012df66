//! A secret URI (`phrase//path///password`, `0x seed//path`): never a panic, a parsed URI
//! never prints its phrase, and the NFC form fits the buffer `SecretUri::parse` reserves for it
//! (a reallocation would leave an unwiped copy of the secret behind).
#![no_main]
use axia_signer_keys::{RootSecret, SecretUri};
use libfuzzer_sys::fuzz_target;
use unicode_normalization::UnicodeNormalization;

fuzz_target!(|text: &str| {
    assert!(text.nfc().map(char::len_utf8).sum::<usize>() <= text.len() * 3 + 4);
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
