//! `<12 or 24 words>[ <25th word>]/m/44'/354'/0'/0'/0'`: a Ledger account written as a secret
//! URI, as polkadot-js's `hdLedger` takes it. A Ledger's optional passphrase is its "25th
//! word": the word after 24 is the BIP39 password, not a `///password`.

use std::fmt;

use super::path::{Bip32Path, Bip32PathError};
use crate::phrase::{Phrase, PhraseError};
use crate::secret::Password;

/// Why a text is not a Ledger secret URI. No variant carries a word of the phrase.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LedgerUriError {
    /// No path after the words: a Ledger account is always at a path such as
    /// `/m/44'/354'/0'/0'/0'` (Polkadot) or `/m/44'/434'/0'/0'/0'` (Kusama).
    #[error("a Ledger account needs its path after the words, like /m/44'/354'/0'/0'/0'")]
    NoPath,
    /// A `///password`: a Ledger's passphrase is its 25th word, typed after the 24 words.
    #[error("a Ledger's passphrase is its 25th word, after the 24 words; there is no ///password")]
    TriplePassword,
    /// The words are not a BIP39 phrase of 12 or 24 words (with a 25th as the passphrase).
    #[error(transparent)]
    Phrase(#[from] PhraseError),
    /// The text after the words is not a BIP32 path.
    #[error(transparent)]
    Path(#[from] Bip32PathError),
}

/// A phrase, the Ledger's 25th word (empty for none) and the path.
pub struct LedgerUri {
    pub phrase: Phrase,
    pub password: Password,
    pub path: Bip32Path,
}

impl LedgerUri {
    /// Splits at the first `/`: the words before, the BIP32 path after (its `/` dropped).
    pub fn parse(text: &str) -> Result<LedgerUri, LedgerUriError> {
        let text = text.trim();
        if text.contains("///") {
            return Err(LedgerUriError::TriplePassword);
        }
        let (words, path) = text.split_once('/').ok_or(LedgerUriError::NoPath)?;
        let path = Bip32Path::parse(path)?;
        let words: Vec<&str> = words.split_whitespace().collect();
        let (words, password) = match words.len() {
            25 => (&words[..24], Password::new(words[24])),
            _ => (&words[..], Password::empty()),
        };
        let phrase = Phrase::parse(&zeroize::Zeroizing::new(words.join(" ")))?;
        Ok(LedgerUri { phrase, password, path })
    }
}

impl fmt::Debug for LedgerUri {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LedgerUri").field("phrase", &self.phrase).field("path", &self.path).finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ZONDAX: &str = "equip will roof matter pink blind book anxiety banner elbow sun young";

    #[test]
    fn the_words_and_the_path_split_at_the_first_slash_and_a_25th_word_is_the_password() {
        let uri = LedgerUri::parse(&format!("{ZONDAX}/m/44'/354'/0'/0'/0'")).unwrap();
        assert_eq!(uri.path.to_string(), "m/44'/354'/0'/0'/0'");
        assert!(uri.password.is_empty());
        let phrase24 = [ZONDAX, ZONDAX].join(" ");
        // Not a valid 24-word checksum, so only the split is checked here.
        assert!(matches!(
            LedgerUri::parse(&format!("{phrase24} extra/m/44'/354'/0'/0'/0'")),
            Err(LedgerUriError::Phrase(_))
        ));
    }

    #[test]
    fn a_missing_path_or_a_triple_slash_password_is_refused() {
        assert_eq!(LedgerUri::parse(ZONDAX).err(), Some(LedgerUriError::NoPath));
        let triple = format!("{ZONDAX}/m/44'/354'/0'/0'/0'///secret");
        assert_eq!(LedgerUri::parse(&triple).err(), Some(LedgerUriError::TriplePassword));
        let bad = format!("{ZONDAX}/44'/354'");
        assert_eq!(LedgerUri::parse(&bad).err(), Some(LedgerUriError::Path(Bip32PathError::MissingMaster)));
    }

    #[test]
    fn a_ledger_uri_prints_no_words() {
        let shown = format!("{:?}", LedgerUri::parse(&format!("{ZONDAX}/m/44'/354'/0'/0'/0'")).unwrap());
        assert!(!shown.contains("equip") && shown.contains("354'"), "{shown}");
    }
}
