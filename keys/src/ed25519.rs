//! ed25519 keys from a 32-byte seed, with Substrate's hard derivation.

use ed25519_dalek::{Signer, SigningKey, VerifyingKey};

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

/// The RFC 8032 signature of `message` (deterministic).
pub(crate) fn sign(seed: &Seed, message: &[u8]) -> [u8; 64] {
    SigningKey::from_bytes(seed.as_bytes()).sign(message).to_bytes()
}

/// Whether `signature` is `public`'s signature of `message`. Strict: small-order keys and
/// non-canonical signatures are refused (an honest signer never makes them).
pub(crate) fn verify(public: &[u8; 32], message: &[u8], signature: &[u8; 64]) -> bool {
    let Ok(public) = VerifyingKey::from_bytes(public) else { return false };
    public.verify_strict(message, &ed25519_dalek::Signature::from_bytes(signature)).is_ok()
}
