//! A seed phrase as typed or pasted: never a panic, and a phrase that parses is exactly its
//! text and its own entropy.
#![no_main]
use axia_signer_keys::{phrase::WORD_COUNTS, Phrase};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let Ok(phrase) = Phrase::parse(text) else { return };
    assert!(WORD_COUNTS.contains(&phrase.word_count()));
    assert_eq!(phrase.expose().as_str(), text);
    let again = Phrase::from_entropy(&phrase.entropy()).expect("a phrase's own entropy");
    assert_eq!(again.expose(), phrase.expose());
});
