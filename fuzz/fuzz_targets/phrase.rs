//! A seed phrase as typed or pasted: never a panic, a phrase that parses is exactly its text
//! and its own entropy, and word suggestions for a typed prefix start with that prefix.
#![no_main]
use axia_signer_keys::phrase::{MAX_SUGGESTIONS, WORD_COUNTS};
use axia_signer_keys::{suggest, Phrase};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let suggested = suggest(text);
    assert!(suggested.len() <= MAX_SUGGESTIONS && suggested.iter().all(|word| word.starts_with(text)));
    let Ok(phrase) = Phrase::parse(text) else { return };
    assert!(WORD_COUNTS.contains(&phrase.word_count()));
    assert_eq!(phrase.expose().as_str(), text);
    let again = Phrase::from_entropy(&phrase.entropy()).expect("a phrase's own entropy");
    assert_eq!(again.expose(), phrase.expose());
});
