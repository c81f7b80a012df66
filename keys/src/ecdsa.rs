//! ecdsa over secp256k1: the seed is the private key; the public key is SEC 1 compressed.

use k256::ecdsa::{RecoveryId, Signature, SigningKey, VerifyingKey};
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

/// `r ‖ s ‖ recovery id` over blake2b-256(message), as sp-core's `ecdsa::Pair::sign` and
/// polkadot-js's `secp256k1Sign(message, pair, 'blake2')` make it: the message is hashed,
/// then the hash is signed as a prehash (RFC 6979 nonce, low s). `None` when the seed is not
/// a valid private key (a [`Keypair`](super::Keypair) never holds one).
pub(crate) fn sign(seed: &Seed, message: &[u8]) -> Option<[u8; 65]> {
    // SigningKey zeroizes its scalar on drop.
    let key = SigningKey::from_bytes(seed.as_bytes().into()).ok()?;
    let (signature, recovery) = key.sign_prehash_recoverable(&blake2b_256(&[message])).ok()?;
    let mut bytes = [0u8; 65];
    bytes[..64].copy_from_slice(&signature.to_bytes());
    bytes[64] = recovery.to_byte();
    Some(bytes)
}

/// Whether `signature` is `public`'s signature of blake2b-256(message): the key recovered
/// from it must be `public`, as sp-core and polkadot-js check. High-s signatures are refused.
pub(crate) fn verify(public: &[u8; 33], message: &[u8], signature: &[u8; 65]) -> bool {
    let (Ok(rs), Some(recovery)) = (Signature::from_slice(&signature[..64]), RecoveryId::from_byte(signature[64]))
    else {
        return false;
    };
    VerifyingKey::recover_from_prehash(&blake2b_256(&[message]), &rs, recovery)
        .is_ok_and(|recovered| recovered.to_encoded_point(true).as_bytes() == public)
}
