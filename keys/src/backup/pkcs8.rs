//! The plaintext polkadot-js encrypts: a fixed PKCS8-like header, the secret, a divider and
//! the public key. Generation 3 holds a 64-byte secret (117 bytes in all, 86 for ecdsa's 32);
//! generations 1 and 2 a 32-byte seed (85 bytes).

use zeroize::Zeroizing;

use super::error::BackupError;
use crate::scheme::{Keypair, Scheme};

const HEADER: [u8; 16] =
    [0x30, 0x53, 0x02, 0x01, 0x01, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20];
const DIVIDER: [u8; 5] = [0xa1, 0x23, 0x03, 0x21, 0x00];

/// Every body length a single-account file can hold: 117 (64-byte secret, 32-byte public),
/// 86 (ecdsa: 32-byte secret, 33-byte public), 85 (32-byte seed, 32-byte public).
pub(crate) const BODY_LENGTHS: [usize; 3] = [117, 86, 85];

/// `HEADER ‖ secret ‖ DIVIDER ‖ public key`.
pub(crate) fn encode(pair: &Keypair) -> Zeroizing<Vec<u8>> {
    let secret = pair.export_secret();
    let public = pair.public();
    let mut body = Zeroizing::new(Vec::with_capacity(HEADER.len() + 64 + DIVIDER.len() + 33));
    body.extend_from_slice(&HEADER);
    body.extend_from_slice(secret.expose());
    body.extend_from_slice(&DIVIDER);
    body.extend_from_slice(public.as_bytes());
    body
}

/// The key in a decrypted body. The public key stored after the divider must be the one
/// the secret makes (only its first 32 bytes for ecdsa, which polkadot-js cuts).
pub(crate) fn decode(body: &[u8], scheme: Scheme) -> Result<Keypair, BackupError> {
    if !body.starts_with(&HEADER) {
        return Err(BackupError::malformed("encoded", "the decrypted key does not start with the PKCS8 header"));
    }
    let rest = &body[HEADER.len()..];
    // The 64-byte layout first, as polkadot-js tries it; then the 32-byte seed layout.
    let (secret, stored_public) = [64, 32]
        .into_iter()
        .find(|&length| rest.get(length..length + DIVIDER.len()) == Some(&DIVIDER[..]))
        .map(|length| (&rest[..length], &rest[length + DIVIDER.len()..]))
        .ok_or_else(|| BackupError::malformed("encoded", "no divider after the secret key in the decrypted body"))?;
    let pair = keypair(scheme, secret)?;
    let public = pair.public();
    let expected = &public.as_bytes()[..stored_public.len().min(public.as_bytes().len())];
    if stored_public.len() < 32 || stored_public != expected {
        return Err(BackupError::malformed("encoded", "the public key stored with the secret is not the secret's"));
    }
    Ok(pair)
}

fn keypair(scheme: Scheme, secret: &[u8]) -> Result<Keypair, BackupError> {
    Keypair::from_polkadot_js_secret(scheme, secret)
        .ok_or_else(|| BackupError::malformed("encoded", format!("the secret is not a valid {scheme} key")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::secret::Seed;

    #[test]
    fn every_scheme_survives_encode_then_decode() {
        for scheme in Scheme::ALL {
            let pair = Keypair::from_seed(scheme, &Seed::from_bytes([3; 32])).unwrap();
            let body = encode(&pair);
            assert!(BODY_LENGTHS.contains(&body.len()));
            assert_eq!(decode(&body, scheme).unwrap().public(), pair.public());
        }
    }

    #[test]
    fn a_body_whose_public_key_is_not_its_secrets_is_refused() {
        let pair = Keypair::from_seed(Scheme::Sr25519, &Seed::from_bytes([3; 32])).unwrap();
        let mut body = encode(&pair);
        let last = body.len() - 1;
        body[last] ^= 1;
        assert_eq!(decode(&body, Scheme::Sr25519).err().map(|e| e.kind()), Some("malformed"));
    }
}
