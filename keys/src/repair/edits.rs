//! The slips people make writing a phrase down, as classes of edits to the written words,
//! each class enumerated lazily in likelihood order (no list of candidates is ever held).

use std::sync::Arc;

use zeroize::Zeroizing;

use super::closeness::ranked;
use super::written::{Slot, Written};

/// A kind of slip, tried in this order (each only if the ones before found nothing).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TypoClass {
    /// The phrase exactly as written (it may be right, and the account elsewhere).
    AsWritten,
    /// The words that are not list words, replaced by the closest list words first.
    Misspelled,
    /// One list word that should have been another.
    WrongWord,
    /// Two neighbouring words swapped.
    NeighboursSwapped,
    /// One word left out, anywhere.
    MissingWord,
    /// One word too many.
    ExtraWord,
    /// Any two words swapped.
    AnyTwoSwapped,
    /// Two words that are not list words, every pair of list words for them.
    TwoMisspelled,
    /// One misspelled word plus one wrong list word (only when asked: it is large).
    MisspelledAndWrongWord,
}

impl TypoClass {
    /// Its key in JSON output.
    pub fn key(self) -> &'static str {
        match self {
            TypoClass::AsWritten => "as_written",
            TypoClass::Misspelled => "misspelled",
            TypoClass::WrongWord => "wrong_word",
            TypoClass::NeighboursSwapped => "neighbours_swapped",
            TypoClass::MissingWord => "missing_word",
            TypoClass::ExtraWord => "extra_word",
            TypoClass::AnyTwoSwapped => "any_two_swapped",
            TypoClass::TwoMisspelled => "two_misspelled",
            TypoClass::MisspelledAndWrongWord => "misspelled_and_wrong_word",
        }
    }

    /// What a person reads.
    pub fn describe(self) -> &'static str {
        match self {
            TypoClass::AsWritten => "the phrase as written",
            TypoClass::Misspelled => "a misspelled word",
            TypoClass::WrongWord => "a wrong word",
            TypoClass::NeighboursSwapped => "two neighbouring words swapped",
            TypoClass::MissingWord => "a missing word",
            TypoClass::ExtraWord => "a word too many",
            TypoClass::AnyTwoSwapped => "any two words swapped",
            TypoClass::TwoMisspelled => "two misspelled words",
            TypoClass::MisspelledAndWrongWord => "a misspelled word and a wrong word",
        }
    }
}

/// One candidate: the written words changed this way. Positions are 0-based. No `Debug`:
/// its word indices name words of the phrase.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Edit {
    None,
    Replace { at: usize, word: u16 },
    ReplaceTwo { first: (usize, u16), second: (usize, u16) },
    Swap(usize, usize),
    Insert { at: usize, word: u16 },
    Remove { at: usize },
}

/// How many close words each of two misspellings tries in [`TypoClass::Misspelled`]
/// before [`TypoClass::TwoMisspelled`] tries them all.
const CLOSE_WORDS: usize = 64;

/// The written phrase with every ranking the classes need, computed once.
pub(crate) struct Candidates {
    /// The written words' indices; `u16::MAX` where a word is not a list word.
    base: Zeroizing<Vec<u16>>,
    unknown: Vec<usize>,
    /// For each position, the list words closest to what is written there first (wiped:
    /// a ranking names its word).
    ranks: Arc<Vec<Zeroizing<Vec<u16>>>>,
}

const UNKNOWN: u16 = u16::MAX;

impl Candidates {
    pub(crate) fn new(written: &Written) -> Candidates {
        let base: Vec<u16> =
            written.slots.iter().map(|slot| if let Slot::Known(i) = slot { *i } else { UNKNOWN }).collect();
        let ranks = written
            .slots
            .iter()
            .map(|slot| match slot {
                Slot::Known(index) => ranked(written_word(*index), Some(*index)),
                Slot::Unknown(word) => ranked(word, None),
            })
            .collect();
        Candidates { base: Zeroizing::new(base), unknown: written.unknown(), ranks: Arc::new(ranks) }
    }

    /// The written words with `edit` made, if every word is then a list word.
    pub(crate) fn apply(&self, edit: Edit) -> Option<Zeroizing<Vec<u16>>> {
        let mut words = Zeroizing::new(self.base.to_vec());
        match edit {
            Edit::None => {}
            Edit::Replace { at, word } => words[at] = word,
            Edit::ReplaceTwo { first, second } => {
                words[first.0] = first.1;
                words[second.0] = second.1;
            }
            Edit::Swap(a, b) => words.swap(a, b),
            Edit::Insert { at, word } => words.insert(at, word),
            Edit::Remove { at } => {
                words.remove(at);
            }
        }
        (!words.contains(&UNKNOWN)).then_some(words)
    }

    /// The classes worth trying for this phrase, in order, with how many candidates each holds.
    #[cfg(test)]
    fn classes(&self, deep: bool) -> Vec<(TypoClass, u64)> {
        classes_with_counts(self.base.len(), self.unknown.len(), deep)
    }

    /// The class's candidates, likeliest first.
    pub(crate) fn edits(&self, class: TypoClass) -> Box<dyn Iterator<Item = Edit> + Send> {
        let n = self.base.len();
        let ranks = self.ranks.clone();
        let unknown = self.unknown.clone();
        match class {
            TypoClass::AsWritten => Box::new(std::iter::once(Edit::None)),
            TypoClass::Misspelled if unknown.len() == 1 => {
                let at = unknown[0];
                Box::new((0..2048).map(move |r| Edit::Replace { at, word: ranks[at][r] }))
            }
            TypoClass::Misspelled | TypoClass::TwoMisspelled => {
                let (p, q) = (unknown[0], unknown[1]);
                let (close, all) = (class == TypoClass::Misspelled, class == TypoClass::TwoMisspelled);
                let size = if close { CLOSE_WORDS } else { 2048 };
                Box::new(
                    by_rank_sum(size, size)
                        // Every pair, but those "a misspelled word" already tried.
                        .filter(move |&(a, b)| !(all && a < CLOSE_WORDS && b < CLOSE_WORDS))
                        .map(move |(a, b)| Edit::ReplaceTwo { first: (p, ranks[p][a]), second: (q, ranks[q][b]) }),
                )
            }
            // Near spellings of every word before far ones of any.
            TypoClass::WrongWord => Box::new((0..2047).flat_map(move |r| {
                let ranks = ranks.clone();
                (0..n).map(move |at| Edit::Replace { at, word: ranks[at][r] })
            })),
            TypoClass::NeighboursSwapped => Box::new((0..n - 1).map(|a| Edit::Swap(a, a + 1))),
            TypoClass::MissingWord => {
                Box::new((0..=n).flat_map(|at| (0..2048u16).map(move |word| Edit::Insert { at, word })))
            }
            TypoClass::ExtraWord if unknown.len() == 1 => Box::new(std::iter::once(Edit::Remove { at: unknown[0] })),
            TypoClass::ExtraWord => Box::new((0..n).map(|at| Edit::Remove { at })),
            TypoClass::AnyTwoSwapped => Box::new((0..n).flat_map(move |a| (a + 2..n).map(move |b| Edit::Swap(a, b)))),
            TypoClass::MisspelledAndWrongWord => {
                let p = unknown[0];
                Box::new(by_rank_sum(2048, 2047).flat_map(move |(a, b)| {
                    let ranks = ranks.clone();
                    (0..n)
                        .filter(move |&at| at != p)
                        .map(move |at| Edit::ReplaceTwo { first: (p, ranks[p][a]), second: (at, ranks[at][b]) })
                }))
            }
        }
    }
}

/// The classes for `n` written words of which `unknown` are not list words, with how many
/// candidates each holds (no ranking needed: cheap).
pub(crate) fn classes_with_counts(n: usize, unknown: usize, deep: bool) -> Vec<(TypoClass, u64)> {
    let count = |class| {
        let n = n as u64;
        match class {
            TypoClass::AsWritten => 1,
            TypoClass::Misspelled if unknown == 1 => 2048,
            TypoClass::Misspelled => (CLOSE_WORDS * CLOSE_WORDS) as u64,
            TypoClass::WrongWord => n * 2047,
            TypoClass::NeighboursSwapped => n - 1,
            TypoClass::MissingWord => (n + 1) * 2048,
            TypoClass::ExtraWord if unknown == 1 => 1,
            TypoClass::ExtraWord => n,
            TypoClass::AnyTwoSwapped => (n - 1) * (n - 2) / 2,
            TypoClass::TwoMisspelled => 2048 * 2048 - (CLOSE_WORDS * CLOSE_WORDS) as u64,
            TypoClass::MisspelledAndWrongWord => 2048 * (n - 1) * 2047,
        }
    };
    classes_for(n, unknown, deep).into_iter().map(|class| (class, count(class))).collect()
}

/// The classes worth trying for `n` written words of which `unknown` are not list words.
pub(crate) fn classes_for(n: usize, unknown: usize, deep: bool) -> Vec<TypoClass> {
    let full = |count: usize| count.is_multiple_of(3) && (12..=24).contains(&count);
    let mut classes = Vec::new();
    if full(n) {
        match unknown {
            0 => classes.extend([
                TypoClass::AsWritten,
                TypoClass::WrongWord,
                TypoClass::NeighboursSwapped,
                TypoClass::AnyTwoSwapped,
            ]),
            1 => {
                classes.push(TypoClass::Misspelled);
                if deep {
                    classes.push(TypoClass::MisspelledAndWrongWord);
                }
            }
            2 => classes.extend([TypoClass::Misspelled, TypoClass::TwoMisspelled]),
            _ => {}
        }
    } else if full(n + 1) && unknown == 0 {
        classes.push(TypoClass::MissingWord);
    } else if n > 0 && full(n - 1) && unknown <= 1 {
        classes.push(TypoClass::ExtraWord);
    }
    classes
}

fn written_word(index: u16) -> &'static str {
    bip39::Language::English.word_list()[usize::from(index)]
}

/// Every pair of ranks (a < `first`, b < `second`), by a + b: the two likeliest together first.
fn by_rank_sum(first: usize, second: usize) -> impl Iterator<Item = (usize, usize)> {
    (0..first + second - 1).flat_map(move |sum| {
        let low = sum.saturating_sub(second - 1);
        (low..=sum.min(first - 1)).map(move |a| (a, sum - a))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidates(text: &str) -> Candidates {
        Candidates::new(&Written::parse(text).unwrap())
    }

    const TWELVE: &str = "bottom drive obey lake curtain smoke basket hold race lonely fit walk";

    #[test]
    fn each_class_yields_as_many_candidates_as_it_says() {
        let cases = [
            (TWELVE.to_owned(), false),
            (TWELVE.replace("drive", "drvie"), true),
            (TWELVE.replace("drive", "drvie").replace("lake", "laek"), false),
            (TWELVE.replace(" lake", ""), false),
            (format!("{TWELVE} zoo"), false),
            (format!("{TWELVE} zzz"), false),
        ];
        for (text, deep) in cases {
            let candidates = candidates(&text);
            for (class, count) in candidates.classes(deep) {
                if class == TypoClass::MisspelledAndWrongWord {
                    // 46 million: check the formula's pieces instead.
                    assert_eq!(by_rank_sum(2048, 2047).count() as u64, 2048 * 2047);
                    continue;
                }
                assert_eq!(candidates.edits(class).count() as u64, count, "{class:?} of {text:?}");
            }
        }
    }

    #[test]
    fn the_classes_follow_from_the_words_given() {
        let classes = |text: &str, deep| candidates(text).classes(deep).into_iter().map(|(c, _)| c).collect::<Vec<_>>();
        use TypoClass::*;
        assert_eq!(classes(TWELVE, false), [AsWritten, WrongWord, NeighboursSwapped, AnyTwoSwapped]);
        assert_eq!(classes(&TWELVE.replace("drive", "drvie"), false), [Misspelled]);
        assert_eq!(classes(&TWELVE.replace("drive", "drvie"), true), [Misspelled, MisspelledAndWrongWord]);
        assert_eq!(classes(&TWELVE.replace(" lake", ""), false), [MissingWord]);
        assert_eq!(classes(&format!("{TWELVE} zoo"), false), [ExtraWord]);
        assert!(classes(&TWELVE.replace("drive", "x").replace("lake", "y").replace("fit", "z"), true).is_empty());
        assert!(classes("bottom drive obey", false).is_empty());
    }

    #[test]
    fn rank_sums_visit_every_pair_once_likeliest_first() {
        let pairs: Vec<(usize, usize)> = by_rank_sum(3, 2).collect();
        assert_eq!(pairs, [(0, 0), (0, 1), (1, 0), (1, 1), (2, 0), (2, 1)]);
    }

    #[test]
    fn an_edit_that_leaves_an_unknown_word_is_no_candidate() {
        let candidates = candidates(&TWELVE.replace("drive", "drvie"));
        assert!(candidates.apply(Edit::None).is_none());
        assert!(candidates.apply(Edit::Replace { at: 1, word: 7 }).is_some());
        assert!(candidates.apply(Edit::Replace { at: 0, word: 7 }).is_none());
    }
}
