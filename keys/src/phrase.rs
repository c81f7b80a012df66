//! BIP39 seed phrases (English) and the Substrate way of turning one into a seed.
//!
//! Substrate does not use the BIP39 seed (`Mnemonic::to_seed`, PBKDF2 over the
//! *sentence*). It runs PBKDF2 over the phrase's *entropy* (substrate-bip39), so the same
//! phrase gives other keys here than in a Bitcoin or Ethereum wallet.

use std::fmt;

use bip39::{Language, Mnemonic};
use hmac::Hmac;
use sha2::Sha512;
use zeroize::Zeroizing;

use super::secret::{Password, Seed};

/// Word counts a phrase may have.
pub const WORD_COUNTS: [usize; 5] = [12, 15, 18, 21, 24];

/// How many suggestions [`suggest`] returns at most: what fits above a phone keyboard.
pub const MAX_SUGGESTIONS: usize = 8;

const PBKDF2_ROUNDS: u32 = 2048;

/// The longest phrase text: 24 words of at most 8 letters and their spaces. Longer text
/// is not split into words (it is counted, which costs no allocation).
const MAX_PHRASE_BYTES: usize = 24 * 8 + 23;

/// Why a text is not a seed phrase. No word of the phrase is ever part of an error, not
/// even a misspelled one (it is most of a real word): an error names positions, and a screen
/// that needs the word shows it from what the user typed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PhraseError {
    /// Leading, trailing or doubled spaces, tabs or line breaks between the words.
    #[error("the seed phrase has extra spaces or line breaks: words must be separated by single spaces")]
    ExtraWhitespace,
    /// Not 12, 15, 18, 21 or 24 words.
    #[error("the seed phrase has {found} words: it must have 12, 15, 18, 21 or 24")]
    WordCount { found: usize },
    /// A word (1-based position) that is not in the BIP39 English wordlist: check its
    /// spelling against the paper.
    #[error("word {position} is not in the BIP39 English wordlist")]
    UnknownWord { position: usize },
    /// A word with capital letters; the wordlist is lowercase.
    #[error("word {position} has capital letters: seed phrase words are lowercase")]
    NotLowercase { position: usize },
    /// Every word is known but the last one does not match the checksum: a word is
    /// wrong, missing or in the wrong place.
    #[error("the seed phrase's checksum does not match: a word is wrong or out of order")]
    BadChecksum,
}

/// A valid BIP39 English phrase. Zeroized on drop; never printed.
#[derive(Clone)]
pub struct Phrase(Mnemonic);

/// How long a new phrase is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhraseLength {
    Words12,
    Words24,
}

impl Phrase {
    /// Checks a phrase strictly: lowercase words from the English list, single spaces,
    /// a valid word count and checksum. Tidying user input is the caller's job.
    pub fn parse(text: &str) -> Result<Phrase, PhraseError> {
        if text != text.trim() || text.contains("  ") || text.chars().any(|c| c.is_whitespace() && c != ' ') {
            return Err(PhraseError::ExtraWhitespace);
        }
        if text.len() > MAX_PHRASE_BYTES {
            let found = text.split(' ').count();
            return Err(if WORD_COUNTS.contains(&found) {
                // The right count with words too long for the list: name the first.
                let index = text.split(' ').position(|word| word.len() > 8).expect("some word is too long");
                PhraseError::UnknownWord { position: index + 1 }
            } else {
                PhraseError::WordCount { found }
            });
        }
        let words: Vec<&str> = if text.is_empty() { Vec::new() } else { text.split(' ').collect() };
        if !WORD_COUNTS.contains(&words.len()) {
            return Err(PhraseError::WordCount { found: words.len() });
        }
        for (index, word) in words.iter().enumerate() {
            if Language::English.find_word(word).is_some() {
                continue;
            }
            let position = index + 1;
            let lower = word.to_lowercase();
            return Err(if Language::English.find_word(&lower).is_some() {
                PhraseError::NotLowercase { position }
            } else {
                PhraseError::UnknownWord { position }
            });
        }
        Mnemonic::parse_in_normalized(Language::English, text).map(Phrase).map_err(|error| match error {
            bip39::Error::InvalidChecksum => PhraseError::BadChecksum,
            // The checks above leave only the checksum to fail; map the rest defensively.
            bip39::Error::BadWordCount(found) => PhraseError::WordCount { found },
            _ => PhraseError::BadChecksum,
        })
    }

    /// The phrase whose entropy this is (16, 20, 24, 28 or 32 bytes), as a store keeps it.
    pub fn from_entropy(entropy: &[u8]) -> Result<Phrase, PhraseError> {
        Mnemonic::from_entropy_in(Language::English, entropy)
            .map(Phrase)
            .map_err(|_| PhraseError::WordCount { found: entropy.len() * 3 / 4 })
    }

    /// A new random phrase from the operating system's random number generator.
    pub fn generate(length: PhraseLength) -> Phrase {
        let words = match length {
            PhraseLength::Words12 => 12,
            PhraseLength::Words24 => 24,
        };
        Phrase(Mnemonic::generate_in(Language::English, words).expect("12 and 24 are valid word counts"))
    }

    pub fn word_count(&self) -> usize {
        self.0.word_count()
    }

    /// The words, for the one screen that shows them. Keep the result short-lived.
    pub fn expose_words(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.0.words()
    }

    /// The phrase as one string, wiped when dropped.
    pub fn expose(&self) -> Zeroizing<String> {
        let mut text = Zeroizing::new(String::with_capacity(24 * 9));
        for (i, word) in self.0.words().enumerate() {
            if i > 0 {
                text.push(' ');
            }
            text.push_str(word);
        }
        text
    }

    /// The raw BIP39 entropy: 16 to 32 bytes.
    pub fn entropy(&self) -> Zeroizing<Vec<u8>> {
        let (array, len) = self.0.to_entropy_array();
        let array = Zeroizing::new(array);
        Zeroizing::new(array[..len].to_vec())
    }

    /// The Substrate root seed (the sr25519 mini secret):
    /// PBKDF2-HMAC-SHA512(entropy, "mnemonic" + password, 2048 rounds), first 32 bytes.
    pub fn to_seed(&self, password: &Password) -> Seed {
        seed_from_entropy(&self.entropy(), password)
    }
}

/// Substrate's mini secret: PBKDF2-HMAC-SHA512 over the phrase's *entropy* (not its words,
/// unlike BIP39's own seed), salted "mnemonic" + password, 2,048 rounds; the first 32 bytes.
pub(crate) fn seed_from_entropy(entropy: &[u8], password: &Password) -> Seed {
    let mut salt = Zeroizing::new(String::with_capacity(8 + password.expose().len()));
    salt.push_str("mnemonic");
    salt.push_str(password.expose());
    let mut output = Zeroizing::new([0u8; 64]);
    pbkdf2::pbkdf2::<Hmac<Sha512>>(entropy, salt.as_bytes(), PBKDF2_ROUNDS, &mut output[..])
        .expect("HMAC takes keys of any length");
    Seed::from_prefix(&output[..])
}

impl fmt::Debug for Phrase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Phrase(<{} words redacted>)", self.word_count())
    }
}

/// Up to [`MAX_SUGGESTIONS`] wordlist words that start with `prefix`, in list order.
/// An empty prefix suggests nothing: eight words starting with "a" help no one.
pub fn suggest(prefix: &str) -> Vec<&'static str> {
    if prefix.is_empty() {
        return Vec::new();
    }
    Language::English.words_by_prefix(prefix).iter().take(MAX_SUGGESTIONS).copied().collect()
}

/// A word's index in the English wordlist (0..2048).
pub fn word_index(word: &str) -> Option<u16> {
    Language::English.find_word(word)
}

/// The English wordlist's word at `index`, if the index is below 2048.
pub fn word_at(index: u16) -> Option<&'static str> {
    Language::English.word_list().get(usize::from(index)).copied()
}

/// Whether `word` is in the English wordlist (for marking words while the user types).
pub fn is_known_word(word: &str) -> bool {
    Language::English.find_word(word).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    const DEV: &str = "bottom drive obey lake curtain smoke basket hold race lonely fit walk";

    #[test]
    fn a_valid_phrase_parses_and_keeps_its_words() {
        let phrase = Phrase::parse(DEV).unwrap();
        assert_eq!(phrase.word_count(), 12);
        assert_eq!(phrase.expose().as_str(), DEV);
    }

    #[test]
    fn every_allowed_length_parses() {
        for words in WORD_COUNTS {
            let zeros = vec!["abandon"; words - 1].join(" ");
            // The last word carries the checksum of all-zero entropy for each length.
            let last = match words {
                12 => "about",
                15 => "address",
                18 => "agent",
                21 => "admit",
                _ => "art",
            };
            assert!(Phrase::parse(&format!("{zeros} {last}")).is_ok(), "{words} words");
        }
    }

    #[test]
    fn unknown_word_names_its_position_not_the_word() {
        let typo = DEV.replace("lake", "lakr");
        let error = Phrase::parse(&typo).unwrap_err();
        assert_eq!(error, PhraseError::UnknownWord { position: 4 });
        assert!(!format!("{error} {error:?}").contains("lakr"));
    }

    #[test]
    fn capital_letters_are_named_not_called_unknown() {
        let capital = DEV.replace("bottom", "Bottom");
        assert_eq!(Phrase::parse(&capital).unwrap_err(), PhraseError::NotLowercase { position: 1 });
    }

    #[test]
    fn wrong_word_count_is_reported_with_the_count() {
        let eleven = DEV.rsplit_once(' ').unwrap().0;
        assert_eq!(Phrase::parse(eleven).unwrap_err(), PhraseError::WordCount { found: 11 });
        assert_eq!(Phrase::parse("").unwrap_err(), PhraseError::WordCount { found: 0 });
    }

    #[test]
    fn long_text_is_counted_not_split_and_a_long_word_is_named_by_position() {
        let megabyte = "z".repeat(1 << 20);
        assert_eq!(Phrase::parse(&megabyte).unwrap_err(), PhraseError::WordCount { found: 1 });
        let long_words = vec!["z".repeat(100); 12].join(" ");
        let error = Phrase::parse(&long_words).unwrap_err();
        assert_eq!(error, PhraseError::UnknownWord { position: 1 });
    }

    #[test]
    fn a_swapped_word_fails_the_checksum() {
        let swapped = DEV.replace("fit walk", "walk fit");
        assert_eq!(Phrase::parse(&swapped).unwrap_err(), PhraseError::BadChecksum);
    }

    #[test]
    fn extra_whitespace_is_its_own_error() {
        for bad in [
            format!(" {DEV}"),
            format!("{DEV} "),
            DEV.replace(' ', "  "),
            DEV.replacen(' ', "\t", 1),
            format!("{DEV}\n"),
        ] {
            assert_eq!(Phrase::parse(&bad).unwrap_err(), PhraseError::ExtraWhitespace, "{bad:?}");
        }
    }

    #[test]
    fn suggestions_are_prefix_matches_capped_at_eight() {
        assert_eq!(suggest("lak"), ["lake"]);
        let many = suggest("a");
        assert_eq!(many.len(), MAX_SUGGESTIONS);
        assert!(many.iter().all(|w| w.starts_with('a')));
        assert!(suggest("").is_empty());
        assert!(suggest("zzz").is_empty());
        assert!(is_known_word("walk") && !is_known_word("walks"));
    }

    #[test]
    fn entropy_round_trips() {
        let phrase = Phrase::parse(DEV).unwrap();
        assert_eq!(Phrase::from_entropy(&phrase.entropy()).unwrap().expose(), phrase.expose());
        assert!(Phrase::from_entropy(&[0u8; 17]).is_err());
    }

    #[test]
    fn generated_phrases_have_the_asked_length_and_differ() {
        let a = Phrase::generate(PhraseLength::Words12);
        let b = Phrase::generate(PhraseLength::Words24);
        assert_eq!((a.word_count(), b.word_count()), (12, 24));
        assert!(Phrase::parse(&a.expose()).is_ok());
        assert_ne!(a.expose(), Phrase::generate(PhraseLength::Words12).expose());
    }
}
