//! The phrase as the user wrote it down: each word a list word or not. Nothing here is
//! printed; the words are wiped on drop.

use std::fmt;

use bip39::Language;
use zeroize::{Zeroize, Zeroizing};

/// More words than this is not a phrase with a slip in it.
pub const MAX_WRITTEN_WORDS: usize = 25;

/// A written word longer than this is not a slip for a list word (the longest has 8 letters).
const MAX_WORD_CHARS: usize = 16;

/// One written word.
pub(crate) enum Slot {
    /// A word of the list: its index.
    Known(u16),
    /// Not a list word, as written (lowercase).
    Unknown(Zeroizing<String>),
}

/// The phrase as written: words split on spaces, commas and line ends, lowercased.
pub struct Written {
    pub(crate) slots: Vec<Slot>,
}

/// Why the written text cannot be repaired.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum WrittenError {
    /// Nothing was given: type the words as written down.
    #[error("no words were given")]
    NoWords,
    /// Too many words for a phrase with a slip: give the words of one phrase.
    #[error("{found} words: a phrase has at most 24 (25 with one word too many)")]
    TooManyWords { found: usize },
    /// A "word" far longer than any list word (position 1-based): check what was pasted.
    #[error("word {position} is too long to be a seed word")]
    WordTooLong { position: usize },
}

impl Written {
    pub fn parse(text: &str) -> Result<Written, WrittenError> {
        let words: Vec<&str> =
            text.split(|c: char| c.is_whitespace() || c == ',' || c == ';').filter(|word| !word.is_empty()).collect();
        match words.len() {
            0 => return Err(WrittenError::NoWords),
            found if found > MAX_WRITTEN_WORDS => return Err(WrittenError::TooManyWords { found }),
            _ => {}
        }
        let mut slots = Vec::with_capacity(words.len());
        for (index, word) in words.into_iter().enumerate() {
            if word.chars().count() > MAX_WORD_CHARS {
                return Err(WrittenError::WordTooLong { position: index + 1 });
            }
            let word = Zeroizing::new(word.to_lowercase());
            slots.push(match Language::English.find_word(&word) {
                Some(index) => Slot::Known(index),
                None => Slot::Unknown(word),
            });
        }
        Ok(Written { slots })
    }

    pub fn word_count(&self) -> usize {
        self.slots.len()
    }

    /// The positions (0-based) of words not in the list.
    pub(crate) fn unknown(&self) -> Vec<usize> {
        self.slots.iter().enumerate().filter(|(_, slot)| matches!(slot, Slot::Unknown(_))).map(|(i, _)| i).collect()
    }

    /// The word at `position` as written.
    pub(crate) fn word(&self, position: usize) -> &str {
        match &self.slots[position] {
            Slot::Known(index) => Language::English.word_list()[usize::from(*index)],
            Slot::Unknown(word) => word,
        }
    }
}

impl Drop for Written {
    fn drop(&mut self) {
        // A list word's index names the word as surely as its letters.
        for slot in &mut self.slots {
            if let Slot::Known(index) = slot {
                index.zeroize();
            }
        }
    }
}

impl fmt::Debug for Written {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Written(<{} words redacted>)", self.slots.len())
    }
}
