//! Signatures, made and checked the way sp-core and polkadot-js make and check them, so a
//! signature from either side verifies on the other.
//!
//! - sr25519: schnorrkel in the "substrate" signing context (the nonce is random).
//! - ed25519: RFC 8032 over the message.
//! - ecdsa: secp256k1 over **blake2b-256 of the message**, `r ‖ s ‖ recovery id` (65 bytes).

use std::fmt;

use super::scheme::{PublicKey, Scheme};
use super::{ecdsa, ed25519, sr25519};

/// Length of an sr25519 or ed25519 signature in bytes.
pub const SIGNATURE_LENGTH: usize = 64;
/// Length of an ecdsa signature in bytes: `r ‖ s ‖ recovery id`.
pub const ECDSA_SIGNATURE_LENGTH: usize = 65;

/// A signature of one scheme.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Signature {
    Sr25519([u8; SIGNATURE_LENGTH]),
    Ed25519([u8; SIGNATURE_LENGTH]),
    Ecdsa([u8; ECDSA_SIGNATURE_LENGTH]),
}

impl Signature {
    pub fn scheme(&self) -> Scheme {
        match self {
            Signature::Sr25519(_) => Scheme::Sr25519,
            Signature::Ed25519(_) => Scheme::Ed25519,
            Signature::Ecdsa(_) => Scheme::Ecdsa,
        }
    }

    /// A signature of `scheme` from its bytes; `None` if the length is wrong for it.
    pub fn from_bytes(scheme: Scheme, bytes: &[u8]) -> Option<Signature> {
        Some(match scheme {
            Scheme::Sr25519 => Signature::Sr25519(bytes.try_into().ok()?),
            Scheme::Ed25519 => Signature::Ed25519(bytes.try_into().ok()?),
            Scheme::Ecdsa => Signature::Ecdsa(bytes.try_into().ok()?),
        })
    }

    pub fn as_bytes(&self) -> &[u8] {
        match self {
            Signature::Sr25519(bytes) | Signature::Ed25519(bytes) => bytes,
            Signature::Ecdsa(bytes) => bytes,
        }
    }

    pub fn to_hex(&self) -> String {
        format!("0x{}", hex::encode(self.as_bytes()))
    }
}

impl fmt::Debug for Signature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Signature({}, {})", self.scheme(), self.to_hex())
    }
}

impl PublicKey {
    /// Whether `signature` is this key's signature of `message`. A signature of another
    /// scheme is not.
    pub fn verify(&self, message: &[u8], signature: &Signature) -> bool {
        match (self, signature) {
            (PublicKey::Sr25519(public), Signature::Sr25519(signature)) => sr25519::verify(public, message, signature),
            (PublicKey::Ed25519(public), Signature::Ed25519(signature)) => ed25519::verify(public, message, signature),
            (PublicKey::Ecdsa(public), Signature::Ecdsa(signature)) => ecdsa::verify(public, message, signature),
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::secret::Seed;
    use crate::{Keypair, SecretUri};

    const MESSAGE: &[u8] = b"AXIA Signer signs this";

    fn alice(scheme: Scheme) -> Keypair {
        let uri = SecretUri::parse("//Alice").unwrap();
        Keypair::from_seed(scheme, &uri.root_seed()).unwrap().derive(&uri.path).unwrap()
    }

    fn signature(scheme: Scheme, text: &str) -> Signature {
        Signature::from_bytes(scheme, &hex::decode(text).unwrap()).unwrap()
    }

    #[test]
    fn every_scheme_verifies_its_own_signature_and_nothing_else() {
        for scheme in Scheme::ALL {
            let pair = alice(scheme);
            let other = Keypair::from_seed(scheme, &Seed::from_bytes([3; 32])).unwrap();
            let signature = pair.sign(MESSAGE);
            assert_eq!(signature.scheme(), scheme);
            assert!(pair.public().verify(MESSAGE, &signature), "{scheme}: own signature");
            assert!(!pair.public().verify(b"another message", &signature), "{scheme}: another message");
            assert!(!other.public().verify(MESSAGE, &signature), "{scheme}: another key");
            let mut flipped = signature.as_bytes().to_vec();
            flipped[10] ^= 1;
            let flipped = Signature::from_bytes(scheme, &flipped).unwrap();
            assert!(!pair.public().verify(MESSAGE, &flipped), "{scheme}: a flipped bit");
        }
    }

    #[test]
    fn a_signature_of_another_scheme_never_verifies() {
        // sr25519 and ed25519 signatures have the same length; the scheme still decides.
        let sr = alice(Scheme::Sr25519).sign(MESSAGE);
        let as_ed = Signature::from_bytes(Scheme::Ed25519, sr.as_bytes()).unwrap();
        assert!(!alice(Scheme::Sr25519).public().verify(MESSAGE, &as_ed));
        assert!(!alice(Scheme::Ed25519).public().verify(MESSAGE, &sr));
        assert_eq!(Signature::from_bytes(Scheme::Ecdsa, sr.as_bytes()), None, "64 bytes is not an ecdsa signature");
    }

    #[test]
    fn ed25519_is_rfc_8032() {
        // RFC 8032 section 7.1, TEST 2: a one-byte message.
        let seed = hex::decode("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb").unwrap();
        let pair = Keypair::from_seed(Scheme::Ed25519, &Seed::from_bytes(seed.try_into().unwrap())).unwrap();
        let expected = signature(
            Scheme::Ed25519,
            "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da\
             085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00",
        );
        assert_eq!(pair.sign(&[0x72]), expected);
    }

    #[test]
    fn ecdsa_signs_the_blake2_256_hash_exactly_as_polkadot_js() {
        // polkadot-js 14.0.3: u8aToHex(secp256k1Sign(stringToU8a("AXIA Signer signs this"),
        // secp256k1PairFromSeed(<//Alice seed>), 'blake2')). RFC 6979 makes it deterministic.
        let expected = signature(Scheme::Ecdsa, POLKADOT_JS_ALICE_ECDSA);
        assert_eq!(alice(Scheme::Ecdsa).sign(MESSAGE), expected);
    }

    #[test]
    fn sr25519_verifies_a_polkadot_js_signature() {
        // polkadot-js 14.0.3: sr25519Sign(stringToU8a("AXIA Signer signs this"), <//Alice pair>).
        let signature = signature(Scheme::Sr25519, POLKADOT_JS_ALICE_SR25519);
        assert!(alice(Scheme::Sr25519).public().verify(MESSAGE, &signature));
    }

    const POLKADOT_JS_ALICE_ECDSA: &str = "8d533a7841e103080d4aa6c87b152ca14db59e054d0d4cdf8d33ae6cc4da0bf5\
                                           0e9ad422e68218fdddf55e2a00a68790aa62332cd146cd4d2dd8eaf09739e38200";
    const POLKADOT_JS_ALICE_SR25519: &str = "6e9e0f1d37ec8056bbbbcf06ea1c04e8ced4b1b33c1c86deb20bf2aa72686829\
                                             b0cac842c6c4e7cc5e1156ce8ab5cd61aae7814381f5335fbc1ae459b50d9988";
}
