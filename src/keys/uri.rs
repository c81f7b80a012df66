//! Secret URIs: `<phrase or 0x seed><path>[///password]`, as `subkey` and polkadot-js
//! take them.
//!
//! Parsing follows polkadot-js: the URI is NFC-normalised; everything after the first
//! `///` is the BIP39 password, slashes included; `///` with nothing after it is an empty
//! password (vector drv-113); a URI that starts with `/` derives from the well-known
//! development phrase (`//Alice`). One deliberate difference: polkadot-js takes any other
//! text of 32 characters or fewer as a raw seed (`Alice//stash`, `0x1234//Alice`,
//! vectors drv-147 and drv-148). We refuse that, because a typo in a phrase would
//! silently become a different, weak account.

use std::fmt;

use unicode_normalization::UnicodeNormalization;

use super::path::{DerivationPath, PathError};
use super::phrase::{Phrase, PhraseError};
use super::secret::{Password, Seed};

/// The Substrate development phrase behind `//Alice`, `//Bob`, …: public, holds no funds.
pub const DEV_PHRASE: &str = "bottom drive obey lake curtain smoke basket hold race lonely fit walk";

/// polkadot-js treats a non-phrase of at most this many characters as a raw seed.
const RAW_STRING_SEED_MAX: usize = 32;

/// Why a secret URI was refused. No variant carries the secret or a part of it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum UriError {
    #[error("nothing was given: enter a seed phrase or a 0x seed")]
    Empty,
    #[error(transparent)]
    Phrase(#[from] PhraseError),
    /// Short text that is neither a phrase nor a seed (what polkadot-js would accept).
    #[error("this is not a 12-24 word seed phrase or a 0x seed; polkadot-js would take short text like this as a raw seed, but AXIA Signer does not, because a typo would silently give a different account")]
    NotAPhraseOrSeed,
    #[error("a raw seed is 0x followed by exactly 64 hex digits (32 bytes)")]
    InvalidSeed,
    /// polkadot-js and sp-core silently ignore a password after a raw seed.
    #[error("a ///password belongs to a seed phrase; a raw 0x seed has no password, so it would be ignored")]
    PasswordWithSeed,
    #[error(transparent)]
    Path(#[from] PathError),
}

/// Where the root key comes from.
#[derive(Clone)]
pub enum RootSecret {
    Phrase(Phrase),
    Seed(Seed),
}

/// A parsed secret URI.
pub struct SecretUri {
    pub root: RootSecret,
    pub path: DerivationPath,
    /// The BIP39 password; empty when there was none or `///` had nothing after it.
    pub password: Password,
}

impl SecretUri {
    pub fn parse(text: &str) -> Result<SecretUri, UriError> {
        let normalized = zeroize::Zeroizing::new(text.nfc().collect::<String>());
        let text = normalized.as_str();
        if text.is_empty() {
            return Err(UriError::Empty);
        }
        let (secret_text, rest) = match text.find('/') {
            Some(0) => (DEV_PHRASE, text),
            Some(index) => (&text[..index], &text[index..]),
            None => (text, ""),
        };
        let (path_text, password) = match rest.find("///") {
            Some(index) => (&rest[..index], Some(Password::new(&rest[index + 3..]))),
            None => (rest, None),
        };
        let root = if secret_text.starts_with("0x") {
            match Seed::from_hex(secret_text) {
                Some(seed) => RootSecret::Seed(seed),
                None if secret_text.chars().count() <= RAW_STRING_SEED_MAX => return Err(UriError::NotAPhraseOrSeed),
                None => return Err(UriError::InvalidSeed),
            }
        } else {
            match Phrase::parse(secret_text) {
                Ok(phrase) => RootSecret::Phrase(phrase),
                Err(_) if looks_like_raw_string_seed(secret_text) => return Err(UriError::NotAPhraseOrSeed),
                Err(error) => return Err(error.into()),
            }
        };
        if matches!(root, RootSecret::Seed(_)) && password.as_ref().is_some_and(|p| !p.is_empty()) {
            return Err(UriError::PasswordWithSeed);
        }
        let path = DerivationPath::parse(path_text)?;
        Ok(SecretUri { root, path, password: password.unwrap_or_default() })
    }

    /// The 32-byte root seed: the phrase's mini secret under the password, or the raw seed.
    pub fn root_seed(&self) -> Seed {
        match &self.root {
            RootSecret::Phrase(phrase) => phrase.to_seed(&self.password),
            RootSecret::Seed(seed) => seed.clone(),
        }
    }
}

/// A single word of at most 32 characters is the raw-string case, not a phrase with a typo;
/// text with spaces keeps its phrase error, which says more (e.g. the word count).
fn looks_like_raw_string_seed(text: &str) -> bool {
    !text.contains(' ') && text.chars().count() <= RAW_STRING_SEED_MAX
}

impl fmt::Debug for SecretUri {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let root = match self.root {
            RootSecret::Phrase(_) => "phrase",
            RootSecret::Seed(_) => "seed",
        };
        f.debug_struct("SecretUri")
            .field("root", &format_args!("<{root} redacted>"))
            .field("path", &self.path)
            .field("password", &self.password)
            .finish()
    }
}

impl fmt::Debug for RootSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RootSecret::Phrase(phrase) => phrase.fmt(f),
            RootSecret::Seed(seed) => seed.fmt(f),
        }
    }
}
