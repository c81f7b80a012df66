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

    /// Whether new records may be sealed with these: within the cap, and valid for argon2
    /// (which [`SealedSecret::seal`] relies on).
    pub fn check(&self) -> Result<(), KdfParamsError> {
        let cap = KdfParams::CAP;
        if self.memory_kib > cap.memory_kib {
            return Err(KdfParamsError::MemoryAboveCap { memory_kib: self.memory_kib, cap: cap.memory_kib });
        }
        if self.passes > cap.passes {
            return Err(KdfParamsError::PassesAboveCap { passes: self.passes, cap: cap.passes });
        }
        if self.lanes > cap.lanes {
            return Err(KdfParamsError::LanesAboveCap { lanes: self.lanes, cap: cap.lanes });
        }
        if self.passes < argon2::Params::MIN_T_COST {
            return Err(KdfParamsError::TooFewPasses { passes: self.passes, min: argon2::Params::MIN_T_COST });
        }
        if self.lanes < argon2::Params::MIN_P_COST {
            return Err(KdfParamsError::TooFewLanes { lanes: self.lanes, min: argon2::Params::MIN_P_COST });
        }
        // argon2 works on 1 KiB blocks and needs 8 of them per lane (no overflow: lanes are capped).
        let min = (8 * self.lanes).max(argon2::Params::MIN_M_COST);
        if self.memory_kib < min {
            return Err(KdfParamsError::MemoryTooSmall { memory_kib: self.memory_kib, lanes: self.lanes, min });
        }
        Ok(())
    }

    fn exceeds(&self, cap: &KdfParams) -> bool {
        self.memory_kib > cap.memory_kib || self.passes > cap.passes || self.lanes > cap.lanes
    }
}

/// Why argon2 parameters may not seal new records ([`KdfParams::check`]). Each names the
/// parameter and the bound it breaks: set [`crate::StoreOptions::kdf`] within them
/// ([`KdfParams::DEFAULT`] is).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum KdfParamsError {
    /// More memory than [`KdfParams::CAP`] allows: a record sealed with it would be refused
    /// when opened, so its secret would be lost. Ask for at most `cap` KiB.
    #[error("argon2 memory of {memory_kib} KiB is above the cap of {cap} KiB")]
    MemoryAboveCap { memory_kib: u32, cap: u32 },
    /// More passes than [`KdfParams::CAP`] allows (the secret would be lost, as above). Ask
    /// for at most `cap`.
    #[error("{passes} argon2 passes are above the cap of {cap}")]
    PassesAboveCap { passes: u32, cap: u32 },
    /// More lanes than [`KdfParams::CAP`] allows (the secret would be lost, as above). Ask
    /// for at most `cap`.
    #[error("{lanes} argon2 lanes are above the cap of {cap}")]
    LanesAboveCap { lanes: u32, cap: u32 },
    /// Fewer passes than argon2 runs: ask for at least `min`.
    #[error("argon2 needs at least {min} pass, not {passes}")]
    TooFewPasses { passes: u32, min: u32 },
    /// Fewer lanes than argon2 runs: ask for at least `min`.
    #[error("argon2 needs at least {min} lane, not {lanes}")]
    TooFewLanes { lanes: u32, min: u32 },
    /// Less memory than argon2 needs for this many lanes (8 KiB each): ask for at least `min`
    /// KiB, or fewer lanes.
    #[error("argon2 needs at least {min} KiB of memory for {lanes} lane(s), not {memory_kib} KiB")]
    MemoryTooSmall { memory_kib: u32, lanes: u32, min: u32 },
}

/// Why a sealed record could not be opened.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum OpenSealError {
    /// The PIN does not open the record (its checksum matched, so it is not damaged): try again.
    #[error("wrong PIN")]
    WrongPin,
    /// The record asks for argon2 work above `cap`: damaged or not ours, so it was not tried.
    /// Put back a backup, or restore the identity from its phrase.
    #[error("the sealed secret asks for more work than allowed ({required:?}; the limit is {cap:?}): the record is damaged or was not written by AXIA Signer")]
    ExcessiveWork { required: KdfParams, cap: KdfParams },
    /// The record is damaged (its checksum or version is wrong): put back a backup, or restore
    /// the identity from its phrase.
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
    fn each_refused_parameter_has_its_error_with_the_numbers() {
        let cases = [
            (KdfParams { memory_kib: 256 * 1024 + 1, ..KdfParams::DEFAULT }, "262145 KiB is above the cap of 262144"),
            (KdfParams { passes: 9, ..KdfParams::DEFAULT }, "9 argon2 passes are above the cap of 8"),
            (KdfParams { lanes: 5, ..KdfParams::DEFAULT }, "5 argon2 lanes are above the cap of 4"),
            (KdfParams { passes: 0, ..KdfParams::DEFAULT }, "at least 1 pass, not 0"),
            (KdfParams { lanes: 0, ..KdfParams::DEFAULT }, "at least 1 lane, not 0"),
            (KdfParams { memory_kib: 31, passes: 1, lanes: 4 }, "at least 32 KiB of memory for 4 lane(s), not 31"),
        ];
        for (params, text) in cases {
            let error = params.check().expect_err("refused");
            assert!(error.to_string().contains(text), "{params:?}: {error}");
        }
        assert_eq!(
            KdfParams { memory_kib: 7, passes: 1, lanes: 1 }.check(),
            Err(KdfParamsError::MemoryTooSmall { memory_kib: 7, lanes: 1, min: 8 })
        );
    }

    #[test]
    fn the_check_accepts_exactly_what_argon2_accepts_within_the_cap() {
        let cap = KdfParams::CAP;
        for memory_kib in [0, 1, 7, 8, 15, 16, 31, 32, 64, 64 * 1024, cap.memory_kib, cap.memory_kib + 1] {
            for passes in [0, 1, 3, cap.passes, cap.passes + 1] {
                for lanes in [0, 1, 2, cap.lanes, cap.lanes + 1] {
                    let params = KdfParams { memory_kib, passes, lanes };
                    let argon2 = argon2::Params::new(memory_kib, passes, lanes, Some(KEY_LENGTH)).is_ok();
                    assert_eq!(params.check().is_ok(), argon2 && !params.exceeds(&cap), "{params:?}");
                }
            }
        }
        assert_eq!(KdfParams::DEFAULT.check(), Ok(()));
        assert_eq!(KdfParams::FAST_INSECURE.check(), Ok(()));
    }

    #[test]
    fn salt_and_nonce_are_fresh_each_time() {
        let a = SealedSecret::seal(b"secret", &pin("123456"), KdfParams::FAST_INSECURE);
        let b = SealedSecret::seal(b"secret", &pin("123456"), KdfParams::FAST_INSECURE);
        assert_ne!((a.salt, a.nonce), (b.salt, b.nonce));
        assert_ne!(a.ciphertext, b.ciphertext);
    }
}
