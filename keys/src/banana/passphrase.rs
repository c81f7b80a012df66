//! The passphrase that locks a set of shares: four words of the EFF large word list (7,776
//! words), drawn uniformly from all of it (the reference draws `u16 % 2048`, so it only ever
//! uses the first 2,048: 44 bits where the whole list gives 51.7).

use std::fmt;

use rand_core::{OsRng, RngCore};
use zeroize::Zeroizing;

/// The EFF large word list, in its own order (dice 11111 to 66666).
const EFF_LARGE: &str = include_str!("eff_large_wordlist.txt");
const WORD_COUNT: u16 = 7776;
/// Words in a passphrase.
pub const PASSPHRASE_WORDS: usize = 4;

fn words() -> impl Iterator<Item = &'static str> {
    EFF_LARGE.lines()
}

/// A passphrase: words joined by `-`, as the reference keys the scrypt with it.
pub struct Passphrase(Zeroizing<String>);

impl Passphrase {
    /// Four words drawn uniformly from the whole list.
    pub fn generate() -> Passphrase {
        Passphrase::from_indices(&mut || {
            // Rejection keeps the draw uniform: 62,208 = 8 · 7,776 is the largest multiple below 2^16.
            loop {
                let draw = (OsRng.next_u32() & 0xffff) as u16;
                if draw < 8 * WORD_COUNT {
                    return draw % WORD_COUNT;
                }
            }
        })
    }

    fn from_indices(index: &mut dyn FnMut() -> u16) -> Passphrase {
        let mut text = Zeroizing::new(String::with_capacity(PASSPHRASE_WORDS * 10));
        for position in 0..PASSPHRASE_WORDS {
            if position > 0 {
                text.push('-');
            }
            text.push_str(words().nth(usize::from(index())).expect("an index below the word count"));
        }
        Passphrase(text)
    }

    /// A passphrase as typed back: words separated by spaces, dashes or both, in any case,
    /// joined by single dashes as the reference keys it (so "drop down" is the word
    /// "drop-down", and "charging - gigabyte" is "charging-gigabyte").
    pub fn typed(text: &str) -> Passphrase {
        let mut joined = Zeroizing::new(String::with_capacity(text.len()));
        for word in text.split(|c: char| c.is_whitespace() || c == '-').filter(|word| !word.is_empty()) {
            if !joined.is_empty() {
                joined.push('-');
            }
            joined.extend(word.chars().flat_map(char::to_lowercase));
        }
        Passphrase(joined)
    }

    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The words, for showing them to be written down.
    pub fn words(&self) -> Vec<&str> {
        self.0.split('-').collect()
    }
}

impl fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Passphrase(<redacted>)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_the_eff_large_list() {
        let all: Vec<&str> = words().collect();
        assert_eq!(all.len(), usize::from(WORD_COUNT));
        assert_eq!((all[0], all[2047], all[7775]), ("abacus", "duration", "zoom"));
        let unique: std::collections::HashSet<&&str> = all.iter().collect();
        assert_eq!(unique.len(), all.len());
    }

    #[test]
    fn generated_passphrases_reach_past_the_first_2048_words() {
        let mut beyond = 0;
        for _ in 0..50 {
            let passphrase = Passphrase::generate();
            let text = passphrase.expose();
            assert!(text.split('-').count() >= PASSPHRASE_WORDS, "{text}");
            let index = |word: &str| words().position(|w| w == word);
            beyond += text.split('-').filter(|word| index(word).is_some_and(|i| i >= 2048)).count();
        }
        assert!(beyond > 50, "of 200 words, about 147 lie past the first 2,048: {beyond}");
    }

    #[test]
    fn a_passphrase_typed_back_with_spaces_or_capitals_is_the_same() {
        for typed in [
            "charging  gigabyte  cuddle  obituary",
            "Charging-Gigabyte-Cuddle-Obituary",
            " charging gigabyte\tcuddle obituary\n",
            "charging - gigabyte -- cuddle obituary",
        ] {
            assert_eq!(Passphrase::typed(typed).expose(), "charging-gigabyte-cuddle-obituary", "{typed:?}");
        }
        assert_eq!(Passphrase::typed("yo yo t shirt").expose(), "yo-yo-t-shirt");
    }
}
