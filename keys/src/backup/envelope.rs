//! The encrypted `encoded` bytes: `salt(32) ‖ N ‖ p ‖ r (u32 LE each) ‖ nonce(24) ‖ tag(16) ‖ body`
//! with scrypt, or `nonce ‖ tag ‖ body` with the password itself as the key (version 2 files).
//! The cipher is NaCl's secretbox (XSalsa20-Poly1305, tag first).

use crypto_secretbox::aead::{Aead, KeyInit};
use crypto_secretbox::{Nonce, XSalsa20Poly1305};
use rand_core::{OsRng, RngCore};
use zeroize::Zeroizing;

use super::error::BackupError;
use crate::secret::Password;

const SALT_LENGTH: usize = 32;
const HEADER_LENGTH: usize = SALT_LENGTH + 12;
const NONCE_LENGTH: usize = 24;
const TAG_LENGTH: usize = 16;

/// scrypt cost parameters, as the file header stores them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScryptParams {
    pub n: u32,
    pub p: u32,
    pub r: u32,
}

impl ScryptParams {
    /// What we write by default: N = 2^15. Older polkadot-js releases and other wallets refuse
    /// larger N, and every reader accepts this one.
    pub const COMPATIBLE: ScryptParams = ScryptParams { n: 1 << 15, p: 1, r: 8 };
    /// What polkadot-js writes today: four times the work of [`COMPATIBLE`](Self::COMPATIBLE).
    pub const STRONG: ScryptParams = ScryptParams { n: 1 << 17, p: 1, r: 8 };
    /// The presets polkadot-js reads. Its list also has N = 2^13/p = 10 and N = 2^14/p = 5,
    /// but its own `p ≤ 4` limit refuses them, so no reader accepts them and neither do we.
    pub const ACCEPTED: [ScryptParams; 4] = [
        ScryptParams { n: 1 << 15, p: 1, r: 8 },
        ScryptParams { n: 1 << 15, p: 3, r: 8 },
        ScryptParams { n: 1 << 16, p: 2, r: 8 },
        ScryptParams { n: 1 << 17, p: 1, r: 8 },
    ];

    fn check(self) -> Result<(), BackupError> {
        if Self::ACCEPTED.contains(&self) {
            Ok(())
        } else {
            Err(BackupError::UnsupportedKdfParams { n: self.n, p: self.p, r: self.r })
        }
    }

    /// The 32-byte secretbox key: the first half of scrypt's 64-byte output.
    pub(crate) fn key(self, password: &Password, salt: &[u8]) -> Zeroizing<[u8; 32]> {
        let params = scrypt::Params::new(self.n.trailing_zeros() as u8, self.r, self.p, 64)
            .expect("accepted presets are valid scrypt parameters");
        let mut output = Zeroizing::new([0u8; 64]);
        scrypt::scrypt(password.expose().as_bytes(), salt, &params, &mut output[..])
            .expect("64 bytes is a valid scrypt output length");
        let mut key = Zeroizing::new([0u8; 32]);
        key.copy_from_slice(&output[..32]);
        key
    }
}

/// How a file's `encoded` is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Protection {
    /// Version 3: a scrypt header, then secretbox.
    Scrypt,
    /// Version 2 (and relabelled copies): secretbox keyed by the password bytes, zero-padded
    /// or cut to 32 bytes.
    PasswordKey,
    /// `["none"]`: the body in plain text.
    None,
}

/// Where the body of `encoded` lies and what it costs to open, read before any work.
pub(crate) struct Sealed<'a> {
    scrypt: Option<(ScryptParams, &'a [u8])>,
    nonce: &'a [u8; NONCE_LENGTH],
    ciphertext: &'a [u8],
}

impl<'a> Sealed<'a> {
    /// Splits `encoded`, refusing scrypt parameters outside the accepted set before anything
    /// expensive happens. `plaintext_lengths` are the body sizes this kind of file can hold
    /// (empty: any), so a truncated file is called damaged rather than "wrong password".
    pub(crate) fn split(
        encoded: &'a [u8],
        protection: Protection,
        plaintext_lengths: &[usize],
    ) -> Result<Sealed<'a>, BackupError> {
        let (scrypt, rest) = match protection {
            Protection::None => unreachable!("a plain body is not sealed"),
            Protection::PasswordKey => (None, encoded),
            Protection::Scrypt => {
                if encoded.len() < HEADER_LENGTH {
                    return Err(BackupError::malformed(
                        "encoded",
                        format!("{} bytes is shorter than the 44-byte scrypt header", encoded.len()),
                    ));
                }
                let word = |at: usize| u32::from_le_bytes(encoded[at..at + 4].try_into().expect("4 bytes"));
                let params = ScryptParams { n: word(SALT_LENGTH), p: word(SALT_LENGTH + 4), r: word(SALT_LENGTH + 8) };
                params.check()?;
                (Some((params, &encoded[..SALT_LENGTH])), &encoded[HEADER_LENGTH..])
            }
        };
        if rest.len() < NONCE_LENGTH + TAG_LENGTH {
            return Err(BackupError::malformed("encoded", "truncated: the nonce and tag are incomplete"));
        }
        let body_length = rest.len() - NONCE_LENGTH - TAG_LENGTH;
        if !plaintext_lengths.is_empty() && !plaintext_lengths.contains(&body_length) {
            return Err(BackupError::malformed(
                "encoded",
                format!("the encrypted key is {body_length} bytes, an account backup holds 85, 86 or 117: the file is truncated or damaged"),
            ));
        }
        Ok(Sealed {
            scrypt,
            nonce: rest[..NONCE_LENGTH].try_into().expect("24 bytes"),
            ciphertext: &rest[NONCE_LENGTH..],
        })
    }

    /// The scrypt cost of opening it (none: the password itself is the key).
    pub(crate) fn params(&self) -> Option<ScryptParams> {
        self.scrypt.map(|(params, _)| params)
    }

    /// Runs the KDF and opens the box.
    pub(crate) fn open(&self, password: &Password) -> Result<Zeroizing<Vec<u8>>, BackupError> {
        let key = match self.scrypt {
            Some((params, salt)) => params.key(password, salt),
            None => password_key(password),
        };
        let cipher = XSalsa20Poly1305::new(key.as_ref().into());
        cipher
            .decrypt(&Nonce::from(*self.nonce), self.ciphertext)
            .map(Zeroizing::new)
            .map_err(|_| BackupError::WrongPassword)
    }
}

/// Version 2 files: the UTF-8 password zero-padded (or cut) to 32 bytes is the key.
fn password_key(password: &Password) -> Zeroizing<[u8; 32]> {
    let mut key = Zeroizing::new([0u8; 32]);
    let bytes = password.expose().as_bytes();
    let length = bytes.len().min(32);
    key[..length].copy_from_slice(&bytes[..length]);
    key
}

/// Encrypts `body` with a fresh salt and nonce: `salt ‖ N ‖ p ‖ r ‖ nonce ‖ tag ‖ ciphertext`.
pub(crate) fn seal(body: &[u8], password: &Password, params: ScryptParams) -> Vec<u8> {
    let mut salt = [0u8; SALT_LENGTH];
    let mut nonce = [0u8; NONCE_LENGTH];
    OsRng.fill_bytes(&mut salt);
    OsRng.fill_bytes(&mut nonce);
    let key = params.key(password, &salt);
    let cipher = XSalsa20Poly1305::new(key.as_ref().into());
    let ciphertext = cipher.encrypt(&Nonce::from(nonce), body).expect("secretbox encrypts any length");
    let mut encoded = Vec::with_capacity(HEADER_LENGTH + NONCE_LENGTH + ciphertext.len());
    encoded.extend_from_slice(&salt);
    for word in [params.n, params.p, params.r] {
        encoded.extend_from_slice(&word.to_le_bytes());
    }
    encoded.extend_from_slice(&nonce);
    encoded.extend_from_slice(&ciphertext);
    encoded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refused_parameters_cost_nothing_and_are_named() {
        let mut encoded = vec![0u8; 201];
        encoded[32..36].copy_from_slice(&(1u32 << 20).to_le_bytes());
        encoded[36..40].copy_from_slice(&1u32.to_le_bytes());
        encoded[40..44].copy_from_slice(&8u32.to_le_bytes());
        let error = Sealed::split(&encoded, Protection::Scrypt, &[]).err().unwrap();
        assert_eq!(error, BackupError::UnsupportedKdfParams { n: 1 << 20, p: 1, r: 8 });
    }

    #[test]
    fn sealed_bytes_open_with_the_same_password_only() {
        let password = Password::new("hunter22");
        let encoded = seal(b"body", &password, ScryptParams::COMPATIBLE);
        let sealed = Sealed::split(&encoded, Protection::Scrypt, &[]).unwrap();
        assert_eq!(sealed.open(&password).unwrap().as_slice(), b"body");
        assert_eq!(sealed.open(&Password::new("hunter23")).err(), Some(BackupError::WrongPassword));
    }
}
