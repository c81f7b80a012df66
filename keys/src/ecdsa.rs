//! ecdsa over secp256k1: the seed is the private key; the public key is SEC 1 compressed.

use k256::elliptic_curve::sec1::ToEncodedPoint;

use super::hash::blake2b_256;
use super::secret::Seed;

/// SCALE encoding of the string "Secp256k1HDKD": its compact length (13 << 2) then the bytes.
const HDKD_CONTEXT: &[u8] = b"\x34Secp256k1HDKD";

/// The 33-byte compressed public key, or `None` when the seed is not a valid private key
/// (zero, or not below the curve order).
pub(crate) fn public(seed: &Seed) -> Option<[u8; 33]> {
    // k256's SecretKey zeroizes on drop.
    let secret = k256::SecretKey::from_bytes(seed.as_bytes().into()).ok()?;
    let point = secret.public_key().to_encoded_point(true);
    point.as_bytes().try_into().ok()
}

/// seed' = blake2b-256(SCALE("Secp256k1HDKD") || seed || chain code)
pub(crate) fn derive_hard(seed: &Seed, chain_code: &[u8; 32]) -> Seed {
    Seed::from_bytes(blake2b_256(&[HDKD_CONTEXT, seed.as_bytes(), chain_code]))
}
