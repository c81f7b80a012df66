//! What an identity's sealed secret holds, and its byte layout inside the seal.
//!
//! A phrase is kept as its BIP39 entropy (never the words) plus the BIP39 password;
//! an imported key as its scheme and secret key bytes (polkadot-js's PKCS8 form).

use axia_signer_keys::{Password, Phrase, Scheme, SecretBytes};
use zeroize::Zeroizing;

const PHRASE_TAG: u8 = 1;
const KEY_TAG: u8 = 2;

/// The secret behind an identity.
pub enum IdentitySecret {
    Phrase { phrase: Phrase, password: Password },
    ImportedKey { scheme: Scheme, secret: SecretBytes },
}

impl std::fmt::Debug for IdentitySecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            IdentitySecret::Phrase { .. } => f.write_str("IdentitySecret::Phrase(<redacted>)"),
            IdentitySecret::ImportedKey { scheme, .. } => {
                write!(f, "IdentitySecret::ImportedKey({scheme}, <redacted>)")
            }
        }
    }
}

impl IdentitySecret {
    /// `1 ‖ entropy length ‖ entropy ‖ password (UTF-8)` or `2 ‖ scheme ‖ secret key`.
    pub(crate) fn to_bytes(&self) -> Zeroizing<Vec<u8>> {
        // Sized exactly up front: growing would leave an unwiped copy behind.
        let capacity = match self {
            IdentitySecret::Phrase { password, .. } => 2 + 32 + password.expose().len(),
            IdentitySecret::ImportedKey { secret, .. } => 2 + secret.expose().len(),
        };
        let mut bytes = Zeroizing::new(Vec::with_capacity(capacity));
        match self {
            IdentitySecret::Phrase { phrase, password } => {
                let entropy = phrase.entropy();
                bytes.push(PHRASE_TAG);
                bytes.push(entropy.len() as u8);
                bytes.extend_from_slice(&entropy);
                bytes.extend_from_slice(password.expose().as_bytes());
            }
            IdentitySecret::ImportedKey { scheme, secret } => {
                bytes.push(KEY_TAG);
                bytes.push(scheme_tag(*scheme));
                bytes.extend_from_slice(secret.expose());
            }
        }
        bytes
    }

    /// The inverse of [`to_bytes`](Self::to_bytes); `None` if the bytes are not one.
    pub(crate) fn from_bytes(bytes: &[u8]) -> Option<IdentitySecret> {
        match *bytes.first()? {
            PHRASE_TAG => {
                let length = usize::from(*bytes.get(1)?);
                let entropy = bytes.get(2..2 + length)?;
                let password = std::str::from_utf8(bytes.get(2 + length..)?).ok()?;
                let phrase = Phrase::from_entropy(entropy).ok()?;
                Some(IdentitySecret::Phrase { phrase, password: Password::new(password) })
            }
            KEY_TAG => {
                let tag = *bytes.get(1)?;
                let scheme = Scheme::ALL.into_iter().find(|s| scheme_tag(*s) == tag)?;
                Some(IdentitySecret::ImportedKey { scheme, secret: SecretBytes::new(bytes[2..].to_vec()) })
            }
            _ => None,
        }
    }
}

fn scheme_tag(scheme: Scheme) -> u8 {
    match scheme {
        Scheme::Sr25519 => 1,
        Scheme::Ed25519 => 2,
        Scheme::Ecdsa => 3,
    }
}
