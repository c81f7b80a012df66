//! ed25519 keys from a 32-byte seed, with Substrate's hard derivation.

use ed25519_dalek::SigningKey;

use super::hash::blake2b_256;
use super::secret::Seed;

/// SCALE encoding of the string "Ed25519HDKD": its compact length (11 << 2) then the bytes.
const HDKD_CONTEXT: &[u8] = b"\x2cEd25519HDKD";

pub(crate) fn public(seed: &Seed) -> [u8; 32] {
    // SigningKey zeroizes its copy of the seed on drop.
    SigningKey::from_bytes(seed.as_bytes()).verifying_key().to_bytes()
}

/// seed' = blake2b-256(SCALE("Ed25519HDKD") || seed || chain code)
pub(crate) fn derive_hard(seed: &Seed, chain_code: &[u8; 32]) -> Seed {
    Seed::from_bytes(blake2b_256(&[HDKD_CONTEXT, seed.as_bytes(), chain_code]))
}
