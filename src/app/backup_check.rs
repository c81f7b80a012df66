//! "Prove you wrote it down": the new phrase's words, offered in alphabetical order (which
//! says nothing about their order), picked back in the right order. A wrong pick is shown,
//! not punished: the user just picks again.

use zeroize::Zeroizing;

use crate::keys::phrase::{word_at, word_index};
use crate::keys::Phrase;

/// What a pick did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    /// Right word; more to go.
    Correct,
    /// Not the next word; nothing changes.
    Wrong,
    /// Right word, and it was the last one.
    Done,
}

pub struct BackupCheck {
    /// The phrase's words in order (wiped when dropped).
    expected: Zeroizing<Vec<u16>>,
    /// Word-list indices still to pick, alphabetical.
    remaining: Zeroizing<Vec<u16>>,
    picked: usize,
}

impl BackupCheck {
    pub fn new(phrase: &Phrase) -> BackupCheck {
        let expected: Vec<u16> = phrase.expose_words().filter_map(word_index).collect();
        let mut remaining = expected.clone();
        remaining.sort_unstable();
        BackupCheck { expected: Zeroizing::new(expected), remaining: Zeroizing::new(remaining), picked: 0 }
    }

    /// The words still to pick, in alphabetical order.
    pub fn choices(&self) -> Vec<&'static str> {
        self.remaining.iter().filter_map(|i| word_at(*i)).collect()
    }

    /// How many words are already in place.
    pub fn picked(&self) -> usize {
        self.picked
    }

    pub fn total(&self) -> usize {
        self.expected.len()
    }

    pub fn pick(&mut self, word: &str) -> Pick {
        let Some(&next) = self.expected.get(self.picked) else { return Pick::Done };
        if word_index(word) != Some(next) {
            return Pick::Wrong;
        }
        if let Some(at) = self.remaining.iter().position(|i| *i == next) {
            self.remaining.remove(at);
        }
        self.picked += 1;
        if self.picked == self.expected.len() {
            Pick::Done
        } else {
            Pick::Correct
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DEV: &str = "bottom drive obey lake curtain smoke basket hold race lonely fit walk";

    #[test]
    fn words_are_offered_alphabetically_and_picked_in_order() {
        let phrase = Phrase::parse(DEV).unwrap();
        let mut check = BackupCheck::new(&phrase);
        let mut sorted: Vec<&str> = DEV.split(' ').collect();
        sorted.sort_unstable();
        assert_eq!(check.choices(), sorted);
        assert_eq!(check.pick("drive"), Pick::Wrong);
        assert_eq!(check.picked(), 0, "a wrong pick changes nothing");
        let words: Vec<&str> = DEV.split(' ').collect();
        for word in &words[..11] {
            assert_eq!(check.pick(word), Pick::Correct);
        }
        assert_eq!(check.choices(), ["walk"]);
        assert_eq!(check.pick("walk"), Pick::Done);
    }

    #[test]
    fn a_word_that_appears_twice_is_offered_twice() {
        let phrase = Phrase::parse(
            "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about",
        )
        .unwrap();
        let mut check = BackupCheck::new(&phrase);
        assert_eq!(check.choices().iter().filter(|w| **w == "abandon").count(), 11);
        assert_eq!(check.pick("abandon"), Pick::Correct);
        assert_eq!(check.choices().len(), 11);
    }
}
