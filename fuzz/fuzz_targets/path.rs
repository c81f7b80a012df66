//! A derivation path: never a panic, at most one junction per slash, parsing its own text
//! gives it back, and deriving along a short one never panics either.
#![no_main]
use std::sync::OnceLock;

use axia_signer_keys::{DerivationPath, Keypair, Scheme, Seed};
use libfuzzer_sys::fuzz_target;

static ROOTS: OnceLock<Vec<Keypair>> = OnceLock::new();

fuzz_target!(|text: &str| {
    let Ok(path) = DerivationPath::parse(text) else { return };
    assert_eq!(path.as_str(), text);
    assert!(path.junctions().len() <= text.matches('/').count());
    assert_eq!(DerivationPath::parse(path.as_str()).as_ref(), Ok(&path));
    if path.junctions().len() <= 4 {
        let seed = || Seed::from_bytes([7; 32]);
        let roots = ROOTS.get_or_init(|| Scheme::ALL.map(|s| Keypair::from_seed(s, &seed()).expect("a seed")).into());
        roots.iter().for_each(|root| drop(root.derive(&path)));
    }
});
