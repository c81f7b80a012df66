//! Sealing a secret under a PIN: argon2id turns the PIN into a 32-byte key, then
//! XSalsa20-Poly1305 (NaCl secretbox) encrypts with a fresh random nonce.
//!
//! Each record keeps its own argon2 parameters, so new records can use stronger ones while
//! old ones still open. Opening refuses parameters above [`KdfParams::CAP`] before doing
//! any work (as age refuses excessive scrypt work), so a damaged or hostile record cannot
//! make the app hang or run out of memory. A checksum over the record tells a damaged
//! record apart from a wrong PIN.

use crypto_secretbox::aead::{Aead, KeyInit};
use crypto_secretbox::{Nonce, XSalsa20Poly1305};
use rand_core::{OsRng, RngCore};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::pin::Pin;

const SALT_LENGTH: usize = 16;
const NONCE_LENGTH: usize = 24;
const KEY_LENGTH: usize = 32;
const RECORD_VERSION: u8 = 1;

/// argon2id cost: memory in KiB, passes, lanes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct KdfParams {
    pub memory_kib: u32,
    pub passes: u32,
    pub lanes: u32,
}

impl KdfParams {
    /// What new records use: 64 MiB, 3 passes, 1 lane.
    pub const DEFAULT: KdfParams = KdfParams { memory_kib: 64 * 1024, passes: 3, lanes: 1 };
    /// The most a record may ask for: 256 MiB, 8 passes, 4 lanes (about 10 times the default
    /// work): room to raise the default later, and still within a phone's memory.
    pub const CAP: KdfParams = KdfParams { memory_kib: 256 * 1024, passes: 8, lanes: 4 };
    /// Cheap parameters for tests that are not about the KDF's cost. Same code path.
    pub const FAST_INSECURE: KdfParams = KdfParams { memory_kib: 64, passes: 1, lanes: 1 };

    /// Whether new records may be sealed with these: valid for argon2 and within the cap.
    pub fn check(&self) -> Result<(), String> {
        if self.exceeds(&KdfParams::CAP) {
            return Err(format!("{self:?} is above the cap {:?}", KdfParams::CAP));
        }
        argon2::Params::new(self.memory_kib, self.passes, self.lanes, Some(KEY_LENGTH))
            .map(|_| ())
            .map_err(|error| format!("{self:?}: {error}"))
    }

    fn exceeds(&self, cap: &KdfParams) -> bool {
        self.memory_kib > cap.memory_kib || self.passes > cap.passes || self.lanes > cap.lanes
    }
}

/// Why a sealed record could not be opened.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum OpenSealError {
    #[error("wrong PIN")]
    WrongPin,
    #[error("the sealed secret asks for more work than allowed ({required:?}; the limit is {cap:?}): the record is damaged or was not written by AXIA Signer")]
    ExcessiveWork { required: KdfParams, cap: KdfParams },
    #[error("the sealed secret is damaged: {0}")]
    Corrupt(String),
}

/// A secret sealed under a PIN, as stored.
#[derive(Clone, Serialize, Deserialize)]
pub struct SealedSecret {
    version: u8,
    kdf: KdfParams,
    #[serde(with = "hex::serde")]
    salt: [u8; SALT_LENGTH],
    #[serde(with = "hex::serde")]
    nonce: [u8; NONCE_LENGTH],
    #[serde(with = "hex::serde")]
    ciphertext: Vec<u8>,
    /// SHA-256 over everything above, to tell damage from a wrong PIN.
    #[serde(with = "hex::serde")]
    checksum: [u8; 32],
}

impl SealedSecret {
    /// Seals `plaintext` under `pin` with fresh salt and nonce.
    pub fn seal(plaintext: &[u8], pin: &Pin, kdf: KdfParams) -> SealedSecret {
        let mut salt = [0u8; SALT_LENGTH];
        let mut nonce = [0u8; NONCE_LENGTH];
        OsRng.fill_bytes(&mut salt);
        OsRng.fill_bytes(&mut nonce);
        // The store checks its parameters when it opens (KdfParams::check).
        let key = derive_key(pin, &salt, kdf).expect("checked parameters are valid");
        let cipher = XSalsa20Poly1305::new(key.as_ref().into());
        let ciphertext = cipher.encrypt(&Nonce::from(nonce), plaintext).expect("secretbox encrypts any length");
        let mut sealed = SealedSecret { version: RECORD_VERSION, kdf, salt, nonce, ciphertext, checksum: [0; 32] };
        sealed.checksum = sealed.compute_checksum();
        sealed
    }

    /// Opens the record with `pin`. Refuses excessive parameters before any work.
    pub fn open(&self, pin: &Pin) -> Result<Zeroizing<Vec<u8>>, OpenSealError> {
        if self.version != RECORD_VERSION {
            return Err(OpenSealError::Corrupt(format!("unknown sealed-record version {}", self.version)));
        }
        if self.checksum != self.compute_checksum() {
            return Err(OpenSealError::Corrupt("its checksum does not match".into()));
        }
        if self.kdf.exceeds(&KdfParams::CAP) {
            return Err(OpenSealError::ExcessiveWork { required: self.kdf, cap: KdfParams::CAP });
        }
        let key = derive_key(pin, &self.salt, self.kdf)
            .map_err(|e| OpenSealError::Corrupt(format!("its argon2 parameters are invalid ({e})")))?;
        let cipher = XSalsa20Poly1305::new(key.as_ref().into());
        cipher
            .decrypt(&Nonce::from(self.nonce), self.ciphertext.as_slice())
            .map(Zeroizing::new)
            .map_err(|_| OpenSealError::WrongPin)
    }

    pub fn kdf(&self) -> KdfParams {
        self.kdf
    }

    fn compute_checksum(&self) -> [u8; 32] {
        let mut hash = Sha256::new();
        hash.update([self.version]);
        for value in [self.kdf.memory_kib, self.kdf.passes, self.kdf.lanes] {
            hash.update(value.to_le_bytes());
        }
        hash.update(self.salt);
        hash.update(self.nonce);
        hash.update(&self.ciphertext);
        hash.finalize().into()
    }
}

fn derive_key(pin: &Pin, salt: &[u8], kdf: KdfParams) -> Result<Zeroizing<[u8; KEY_LENGTH]>, argon2::Error> {
    let params = argon2::Params::new(kdf.memory_kib, kdf.passes, kdf.lanes, Some(KEY_LENGTH))?;
    // argon2's working memory is derived from the PIN: our own buffer, wiped when dropped.
    let mut memory = Zeroizing::new(vec![argon2::Block::default(); params.block_count()]);
    let argon = argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params);
    let mut key = Zeroizing::new([0u8; KEY_LENGTH]);
    argon.hash_password_into_with_memory(pin.as_bytes(), salt, key.as_mut(), memory.as_mut_slice())?;
    Ok(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pin(text: &str) -> Pin {
        Pin::new(text).unwrap()
    }

    #[test]
    fn seal_then_open_with_the_right_pin() {
        let sealed = SealedSecret::seal(b"secret", &pin("123456"), KdfParams::FAST_INSECURE);
        assert_eq!(sealed.open(&pin("123456")).unwrap().as_slice(), b"secret");
    }

    #[test]
    fn a_wrong_pin_is_not_a_damaged_record() {
        let sealed = SealedSecret::seal(b"secret", &pin("123456"), KdfParams::FAST_INSECURE);
        assert_eq!(sealed.open(&pin("654321")).unwrap_err(), OpenSealError::WrongPin);
        let mut damaged = sealed.clone();
        damaged.ciphertext[0] ^= 1;
        assert!(matches!(damaged.open(&pin("123456")), Err(OpenSealError::Corrupt(_))));
    }

    #[test]
    fn excessive_parameters_are_refused_before_any_work() {
        let mut sealed = SealedSecret::seal(b"secret", &pin("123456"), KdfParams::FAST_INSECURE);
        sealed.kdf.memory_kib = 64 * 1024 * 1024; // 64 GiB: would exhaust memory
        sealed.checksum = sealed.compute_checksum();
        assert!(matches!(sealed.open(&pin("123456")), Err(OpenSealError::ExcessiveWork { .. })));
    }

    #[test]
    fn salt_and_nonce_are_fresh_each_time() {
        let a = SealedSecret::seal(b"secret", &pin("123456"), KdfParams::FAST_INSECURE);
        let b = SealedSecret::seal(b"secret", &pin("123456"), KdfParams::FAST_INSECURE);
        assert_ne!((a.salt, a.nonce), (b.salt, b.nonce));
        assert_ne!(a.ciphertext, b.ciphertext);
    }
}
