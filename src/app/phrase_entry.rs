//! The recover screen's phrase field: tidying what was typed, marking unknown words,
//! suggesting the word being typed, and saying whether "Next" may be pressed.

use zeroize::Zeroizing;

use crate::keys::phrase::{is_known_word, suggest, WORD_COUNTS};
use crate::keys::{Phrase, PhraseError};

/// What the field shows while the user types. It holds the typed words: wiped on drop, no
/// `Debug`, no `Clone`.
pub struct PhraseEntry {
    /// The words, lowercased, single-spaced, trimmed.
    pub words: Vec<WordState>,
    /// Shown once when the text had extra spaces or capitals that were tidied.
    pub tidied: bool,
    /// Up to eight wordlist words for the word being typed (the last one, while the text
    /// does not end in a space).
    pub suggestions: Vec<&'static str>,
    /// `Ok` when the phrase is complete and valid: "Next" is enabled.
    pub verdict: Result<(), PhraseError>,
}

/// One word and whether the wordlist knows it.
pub struct WordState {
    pub word: Zeroizing<String>,
    pub known: bool,
}

impl PhraseEntry {
    pub fn analyse(typed: &str) -> PhraseEntry {
        let lower = Zeroizing::new(typed.to_lowercase());
        let words: Vec<&str> = lower.split_whitespace().collect();
        let tidy = Zeroizing::new(words.join(" "));
        // A trailing space is how one starts the next word; anything else that changed is news.
        let tidied = typed.trim_end() != tidy.as_str();
        let typing_last = !typed.is_empty() && !typed.ends_with(char::is_whitespace);
        let suggestions = match (typing_last, words.last()) {
            (true, Some(last)) if !is_known_word(last) || suggest(last).len() > 1 => suggest(last),
            _ => Vec::new(),
        };
        let verdict = match Phrase::parse(&tidy) {
            Ok(_) => Ok(()),
            // A word still being typed is not an error yet, unless the count is already full.
            Err(PhraseError::UnknownWord { position, .. })
                if typing_last && position == words.len() && !WORD_COUNTS.contains(&words.len()) =>
            {
                Err(PhraseError::WordCount { found: words.len() })
            }
            Err(error) => Err(error),
        };
        // The word being typed is not marked unknown while it can still become a word.
        let last = words.len().saturating_sub(1);
        let plausible = |i: usize, w: &str| is_known_word(w) || (typing_last && i == last && !suggest(w).is_empty());
        PhraseEntry {
            words: words
                .iter()
                .enumerate()
                .map(|(i, w)| WordState { word: Zeroizing::new((*w).to_owned()), known: plausible(i, w) })
                .collect(),
            tidied,
            suggestions,
            verdict,
        }
    }

    /// The text to parse once "Next" is pressed.
    pub fn tidy_text(&self) -> Zeroizing<String> {
        Zeroizing::new(self.words.iter().map(|w| w.word.as_str()).collect::<Vec<_>>().join(" "))
    }

    /// The word at 1-based `position`, as typed (tidied), for saying which word is wrong.
    pub fn word(&self, position: usize) -> Option<&str> {
        self.words.get(position.checked_sub(1)?).map(|w| w.word.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DEV: &str = "bottom drive obey lake curtain smoke basket hold race lonely fit walk";

    #[test]
    fn a_valid_phrase_enables_next() {
        let entry = PhraseEntry::analyse(DEV);
        assert_eq!(entry.verdict, Ok(()));
        assert!(!entry.tidied);
        assert_eq!(*entry.tidy_text(), DEV);
    }

    #[test]
    fn spaces_and_capitals_are_tidied_with_a_notice() {
        let messy = format!("  {}  ", DEV.to_uppercase().replace(' ', "   "));
        let entry = PhraseEntry::analyse(&messy);
        assert!(entry.tidied);
        assert_eq!(entry.verdict, Ok(()));
        assert_eq!(*entry.tidy_text(), DEV);
    }

    #[test]
    fn the_word_being_typed_gets_suggestions() {
        let entry = PhraseEntry::analyse("bottom dri");
        assert_eq!(entry.suggestions, ["drift", "drill", "drink", "drip", "drive"]);
        assert_eq!(entry.verdict, Err(PhraseError::WordCount { found: 2 }));
        assert!(PhraseEntry::analyse("bottom drive ").suggestions.is_empty());
    }

    #[test]
    fn unknown_words_are_marked_where_they_are() {
        let entry = PhraseEntry::analyse(&DEV.replace("lake", "lakr"));
        let unknown: Vec<usize> = entry.words.iter().enumerate().filter(|(_, w)| !w.known).map(|(i, _)| i).collect();
        assert_eq!(unknown, [3]);
        assert!(matches!(entry.verdict, Err(PhraseError::UnknownWord { position: 4 })));
        assert_eq!(entry.word(4), Some("lakr"), "the screen names the word from what was typed");
    }

    #[test]
    fn a_complete_phrase_with_a_wrong_word_fails_the_checksum() {
        let entry = PhraseEntry::analyse(&DEV.replace("fit walk", "walk fit"));
        assert_eq!(entry.verdict, Err(PhraseError::BadChecksum));
    }
}
