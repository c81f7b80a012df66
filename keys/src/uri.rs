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

/// The longest secret URI, in bytes, checked before it is normalised or split: room for a
/// 24-word phrase, a path of [`MAX_PATH_BYTES`](crate::path::MAX_PATH_BYTES) and a long
/// password. The CLI reads no longer line (see `src/cli/prompt.rs`).
pub const MAX_URI_BYTES: usize = 4096;

/// Why a secret URI was refused. No variant carries the secret or a part of it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum UriError {
    /// Nothing was given: enter a seed phrase or a `0x` seed.
    #[error("nothing was given: enter a seed phrase or a 0x seed")]
    Empty,
    /// Longer than [`MAX_URI_BYTES`]; refused before any work.
    #[error("the secret URI is longer than {max} bytes")]
    TooLong { max: usize },
    /// A path with no phrase in front of it; only `//…` means the development phrase.
    #[error("there is no seed phrase before the path: write the phrase, then the path")]
    MissingPhrase,
    /// The words are not a valid BIP39 phrase: see [`PhraseError`] for which word or checksum.
    #[error(transparent)]
    Phrase(#[from] PhraseError),
    /// Short text that is neither a phrase nor a seed (what polkadot-js would accept).
    #[error("this is not a 12-24 word seed phrase or a 0x seed; polkadot-js would take short text like this as a raw seed, but AXIA Signer does not, because a typo would silently give a different account")]
    NotAPhraseOrSeed,
    /// `0x` but not 64 hex digits after it: a raw seed is exactly 32 bytes.
    #[error("a raw seed is 0x followed by exactly 64 hex digits (32 bytes)")]
    InvalidSeed,
    /// polkadot-js and sp-core silently ignore a password after a raw seed.
    #[error("a ///password belongs to a seed phrase; a raw 0x seed has no password, so it would be ignored")]
    PasswordWithSeed,
    /// The path after the phrase is not valid: see [`PathError`].
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
        if text.len() > MAX_URI_BYTES {
            return Err(UriError::TooLong { max: MAX_URI_BYTES });
        }
        // Reserve enough up front that the normalised copy is never reallocated (a
        // reallocation would leave an unwiped copy of the secret behind).
        let mut normalized = zeroize::Zeroizing::new(String::with_capacity(text.len() * 3 + 4));
        normalized.extend(text.nfc());
        let text = normalized.as_str();
        if text.is_empty() {
            return Err(UriError::Empty);
        }
        let (secret_text, rest) = match text.find('/') {
            Some(0) if text.starts_with("//") => (DEV_PHRASE, text),
            Some(0) => return Err(UriError::MissingPhrase),
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

#[cfg(test)]
mod tests {
    use super::*;

    const F12: &str = "goat earth enter define behave net fox capable receive put apple receive";
    const SEED: &str = "0xfac7959dbfe72f052e5a0c3c8d6530f202b02fd8f9f5ca3580ec8deb7797479e";

    #[test]
    fn phrase_path_and_password_are_split_at_the_first_triple_slash() {
        let uri = SecretUri::parse(&format!("{F12}//0///p@ss/with//slashes")).unwrap();
        assert_eq!(uri.path.as_str(), "//0");
        assert_eq!(uri.password.expose(), "p@ss/with//slashes");
    }

    #[test]
    fn empty_password_after_triple_slash_is_no_password() {
        let uri = SecretUri::parse(&format!("{F12}///")).unwrap();
        assert!(uri.password.is_empty() && uri.path.is_root());
    }

    #[test]
    fn a_leading_slash_uses_the_development_phrase() {
        let uri = SecretUri::parse("//Alice").unwrap();
        assert!(matches!(&uri.root, RootSecret::Phrase(p) if p.expose().as_str() == DEV_PHRASE));
        // polkadot-js adds the development phrase only before `//`.
        assert_eq!(SecretUri::parse("/soft").err(), Some(UriError::MissingPhrase));
    }

    #[test]
    fn hex_seed_is_taken_as_the_root() {
        let uri = SecretUri::parse(&format!("{SEED}//Alice")).unwrap();
        assert_eq!(hex::encode(uri.root_seed().as_bytes()), SEED[2..]);
    }

    #[test]
    fn short_text_is_refused_not_used_as_a_raw_seed() {
        assert_eq!(SecretUri::parse("Alice//stash").err(), Some(UriError::NotAPhraseOrSeed));
        assert_eq!(SecretUri::parse("0x1234//Alice").err(), Some(UriError::NotAPhraseOrSeed));
    }

    #[test]
    fn malformed_seeds_are_invalid_seed() {
        assert_eq!(SecretUri::parse(&SEED[..SEED.len() - 1]).err(), Some(UriError::InvalidSeed));
        assert_eq!(SecretUri::parse(&format!("{}g", &SEED[..SEED.len() - 1])).err(), Some(UriError::InvalidSeed));
        assert_eq!(SecretUri::parse(&format!("{SEED}///secret")).err(), Some(UriError::PasswordWithSeed));
    }

    #[test]
    fn phrase_and_path_errors_come_through() {
        assert_eq!(SecretUri::parse("").err(), Some(UriError::Empty));
        assert!(matches!(
            SecretUri::parse(&format!("{F12} extra")),
            Err(UriError::Phrase(PhraseError::WordCount { found: 13 }))
        ));
        assert!(matches!(
            SecretUri::parse(&format!("{F12}//")),
            Err(UriError::Path(PathError::EmptyJunction { position: 1 }))
        ));
        assert!(matches!(SecretUri::parse(&format!("{F12}//polkadot/")), Err(UriError::Path(_))));
    }

    #[test]
    fn hostile_uris_are_refused_before_any_work() {
        let junctions = format!("{F12}{}", "/a".repeat(3_000_000));
        assert_eq!(SecretUri::parse(&junctions).err(), Some(UriError::TooLong { max: MAX_URI_BYTES }));
        // Under the URI cap, the path's own caps apply.
        let many = format!("{F12}{}", "/1".repeat(crate::path::MAX_JUNCTIONS + 1));
        assert!(matches!(SecretUri::parse(&many), Err(UriError::Path(PathError::TooManyJunctions { .. }))));
    }

    #[test]
    fn the_uri_is_nfc_normalised() {
        // "é" written as e + combining acute (NFD) names the same junction as the NFC form.
        let nfd = SecretUri::parse(&format!("{F12}//caf\u{65}\u{301}")).unwrap();
        let nfc = SecretUri::parse(&format!("{F12}//caf\u{e9}")).unwrap();
        assert_eq!(nfd.path.junctions(), nfc.path.junctions());
    }
}
