//! Banana Split (Parity's paper backup): a secret split into printed QR codes, any ⌊N/2⌋+1
//! of which, with a four-word passphrase, bring it back; fewer reveal nothing. Byte-compatible
//! with the reference (`tests/data/banana-split/FORMAT.md`): the title's SHA-512 salts an
//! scrypt (N = 2^15, r = 8, p = 1) of the passphrase, whose key seals the secret in a NaCl
//! secretbox; the box is split by Shamir over GF(2^8) as secrets.js lays it out.

mod passphrase;
mod shamir;
mod share;

use crypto_secretbox::aead::{Aead, KeyInit};
use crypto_secretbox::{Nonce, XSalsa20Poly1305};
use rand_core::{OsRng, RngCore};
use sha2::{Digest, Sha512};
use zeroize::Zeroizing;

pub use passphrase::{Passphrase, PASSPHRASE_WORDS};
pub use share::{Share, Version, MAX_SHARE_TEXT_BYTES, MAX_TITLE_CHARS};

/// The fewest and most shares a split makes (the reference's bounds).
pub const MIN_SHARES: u8 = 3;
pub const MAX_SHARES: u8 = 255;
/// The longest secret split (the reference flags more than 1,024 characters).
pub const MAX_SECRET_BYTES: usize = 1024;

/// Why shares could not be made or put together. Nothing secret is quoted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum BananaError {
    /// The passphrase is wrong, or a share is damaged: the format cannot tell them apart.
    #[error("cannot decrypt: the passphrase is wrong, or a share is damaged (the two cannot be told apart)")]
    CannotDecrypt,
    /// Fewer shares than the set needs.
    #[error("not enough shares: {have} of {need}")]
    NotEnoughShares { have: usize, need: usize },
    /// A share from another set: another title, nonce, required count, version or length.
    #[error("this share is from another set: its {what} differs from the shares added before")]
    MismatchedShares { what: &'static str },
    /// A share already added (the same id).
    #[error("share {id} is already added")]
    DuplicateShare { id: u8 },
    /// A `"v"` other than 1 (or none, version 0).
    #[error("share format version {found} is not supported (Banana Split writes 1; version 0 has no \"v\")")]
    UnsupportedVersion { found: String },
    /// Not a share's text.
    #[error("not a Banana Split share: {problem}")]
    Malformed { problem: String },
    /// A split asked for fewer than [`MIN_SHARES`] shares: ask for 3 to 255.
    #[error("cannot split into {total} shares: make {MIN_SHARES} to {MAX_SHARES}")]
    TooFewShares { total: u8 },
    /// An empty title, or one over [`MAX_TITLE_CHARS`]: the shares only open under their
    /// title, so it must be there and fit in a share.
    #[error("cannot split: give a title of 1 to {MAX_TITLE_CHARS} characters")]
    InvalidTitle,
    /// A secret over [`MAX_SECRET_BYTES`] (a seed phrase is far shorter).
    #[error("cannot split: the secret is longer than {MAX_SECRET_BYTES} bytes")]
    SecretTooLong,
}

impl BananaError {
    /// A stable name for scripts.
    pub fn kind(&self) -> &'static str {
        match self {
            BananaError::CannotDecrypt => "cannot_decrypt",
            BananaError::NotEnoughShares { .. } => "not_enough_shares",
            BananaError::MismatchedShares { .. } => "mismatched_shares",
            BananaError::DuplicateShare { .. } => "duplicate_share",
            BananaError::UnsupportedVersion { .. } => "unsupported_version",
            BananaError::Malformed { .. } => "malformed",
            BananaError::TooFewShares { .. } | BananaError::InvalidTitle | BananaError::SecretTooLong => {
                "invalid_split"
            }
        }
    }

    pub(crate) fn malformed(problem: impl Into<String>) -> Self {
        BananaError::Malformed { problem: problem.into() }
    }
}

/// The shares needed of `total`: ⌊total/2⌋ + 1.
pub fn required_of(total: u8) -> u8 {
    total / 2 + 1
}

/// The secretbox key: scrypt of the passphrase, salted with the title's SHA-512.
fn key(passphrase: &Passphrase, title: &str) -> Zeroizing<[u8; 32]> {
    let salt = Sha512::digest(title.as_bytes());
    let params = scrypt::Params::new(15, 8, 1, 32).expect("valid scrypt parameters");
    let mut key = Zeroizing::new([0u8; 32]);
    scrypt::scrypt(passphrase.expose().as_bytes(), &salt, &params, &mut key[..]).expect("32 bytes is a valid length");
    key
}

/// Splits `secret` into `total` shares titled `title`, locked by `passphrase`: the QR texts,
/// in share order.
pub fn split(secret: &str, title: &str, passphrase: &Passphrase, total: u8) -> Result<Vec<String>, BananaError> {
    let mut nonce = [0u8; 24];
    OsRng.fill_bytes(&mut nonce);
    split_with(secret, title, passphrase, total, nonce, &mut || (OsRng.next_u32() & 0xff) as u8)
}

/// [`split`] with the nonce and random coefficients given (for known-answer tests).
fn split_with(
    secret: &str,
    title: &str,
    passphrase: &Passphrase,
    total: u8,
    nonce: [u8; 24],
    coefficient: &mut dyn FnMut() -> u8,
) -> Result<Vec<String>, BananaError> {
    if total < MIN_SHARES {
        return Err(BananaError::TooFewShares { total });
    }
    if title.trim().is_empty() || title.chars().count() > MAX_TITLE_CHARS {
        return Err(BananaError::InvalidTitle);
    }
    if secret.len() > MAX_SECRET_BYTES {
        return Err(BananaError::SecretTooLong);
    }
    let key = key(passphrase, title);
    let sealed = Zeroizing::new(
        XSalsa20Poly1305::new(key.as_ref().into())
            .encrypt(&Nonce::from(nonce), secret.as_bytes())
            .expect("secretbox seals any length"),
    );
    let required = required_of(total);
    let shares = shamir::split(&shamir::pad(&sealed), total, required, coefficient);
    Ok(shares
        .into_iter()
        .zip(1..=total)
        .map(|(data, id)| Share { version: Version::V1, title: title.to_owned(), required, id, data, nonce }.to_text())
        .collect())
}

/// Shares being gathered: each one added is checked against the first at once.
#[derive(Debug, Default, Clone)]
pub struct ShareSet {
    shares: Vec<Share>,
}

impl ShareSet {
    /// Adds a share, refusing one that cannot belong with those added before.
    pub fn add(&mut self, share: Share) -> Result<(), BananaError> {
        if let Some(first) = self.shares.first() {
            let differs = [
                ("title", first.title != share.title),
                ("nonce (another split of the same title)", first.nonce != share.nonce),
                ("required count", first.required != share.required),
                ("version", first.version != share.version),
                ("length", first.data.len() != share.data.len()),
            ];
            if let Some((what, _)) = differs.into_iter().find(|(_, differs)| *differs) {
                return Err(BananaError::MismatchedShares { what });
            }
            if self.shares.iter().any(|added| added.id == share.id) {
                return Err(BananaError::DuplicateShare { id: share.id });
            }
        }
        self.shares.push(share);
        Ok(())
    }

    /// Parses and adds a QR text.
    pub fn add_text(&mut self, text: &str) -> Result<(), BananaError> {
        self.add(Share::parse(text)?)
    }

    pub fn title(&self) -> Option<&str> {
        self.shares.first().map(|share| share.title.as_str())
    }

    /// How many shares are added, and how many the set needs.
    pub fn count(&self) -> (usize, usize) {
        (self.shares.len(), self.shares.first().map_or(0, |share| usize::from(share.required)))
    }

    pub fn is_complete(&self) -> bool {
        let (have, need) = self.count();
        need > 0 && have >= need
    }

    /// The secret, from the shares added and the passphrase.
    pub fn recover(&self, passphrase: &Passphrase) -> Result<Zeroizing<String>, BananaError> {
        let (have, need) = self.count();
        if !self.is_complete() {
            return Err(BananaError::NotEnoughShares { have, need: need.max(2) });
        }
        let first = &self.shares[0];
        let chosen: Vec<(u8, &[u8])> = self.shares.iter().map(|share| (share.id, &share.data[..])).collect();
        let padded = shamir::combine(&chosen);
        let sealed = shamir::unpad(&padded).ok_or(BananaError::CannotDecrypt)?;
        let key = key(passphrase, &first.title);
        let opened = XSalsa20Poly1305::new(key.as_ref().into())
            .decrypt(&Nonce::from(first.nonce), sealed)
            .map(Zeroizing::new)
            .map_err(|_| BananaError::CannotDecrypt)?;
        let text = std::str::from_utf8(&opened).map_err(|_| BananaError::CannotDecrypt)?;
        Ok(Zeroizing::new(text.to_owned()))
    }
}

#[cfg(test)]
mod tests;
