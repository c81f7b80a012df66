//! Repairing a phrase that was written down wrong, from the address the user expects.
//!
//! The slips people make ([`TypoClass`]) are tried one class at a time, likeliest first.
//! A candidate must pass the BIP39 checksum before anything costly (1 in 16 of 12-word
//! candidates do); each one that does costs one PBKDF2 for its mini secret, which is kept.
//! Pass 1 then tries every key type at the root and at `//<path id>` of each network; when
//! the whole class misses, pass 2 tries the find-address families (see [`crate::search`])
//! to a small depth over the kept mini secrets, with no second PBKDF2.

mod checksum;
mod closeness;
mod edits;
mod lanes;
mod written;

use std::fmt;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use rayon::prelude::*;
use zeroize::Zeroizing;

pub use edits::TypoClass;
use edits::{Candidates, Edit};
pub use written::{Written, WrittenError, MAX_WRITTEN_WORDS};

use crate::phrase::Phrase;
use crate::scheme::AccountId;
use crate::search::{find_here, Families, Found, Progress, SearchSpace};
use crate::secret::{Password, Seed};

/// How deep pass 2 goes unless asked otherwise (`//i`, `//p//i`, `/i`, `//i/j` for i, j below it).
pub const DEFAULT_REPAIR_DEPTH: u32 = 5;

/// The most mini secrets a class keeps for pass 2: the likeliest come first, so a huge class
/// searches the paths of its likeliest candidates only. Pass 2 costs about a hundred keys a
/// candidate at the default depth: this bounds it to seconds, not the hours two misspelled
/// words would take (262,144 candidates pass their checksum).
pub const PASS2_LIMIT: usize = 16_384;

/// Candidates handed to the cores at a time: big enough to keep them busy, small enough
/// that a hit early in a class or a Cancel is seen at once.
const CHUNK: usize = 4096;

/// What to search besides the words.
#[derive(Debug, Clone)]
pub struct RepairOptions {
    /// The catalogue's network path ids (`polkadot`, `kusama`, …).
    pub path_ids: Vec<String>,
    /// Pass 2's depth; 0 tries pass 1's paths only.
    pub depth: u32,
    /// Also try [`TypoClass::MisspelledAndWrongWord`] (millions of candidates).
    pub deep: bool,
}

/// One class of the plan: how many candidates it holds, and how many of those are
/// expected to pass the checksum (each costs a PBKDF2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClassPlan {
    pub class: TypoClass,
    pub candidates: u64,
    pub checksum_valid: u64,
}

/// Why nothing can be tried.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RepairError {
    /// The text is not words of a phrase: see the inner error.
    #[error(transparent)]
    Written(#[from] WrittenError),
    /// Too far from any phrase length (12, 15, 18, 21 or 24 words, give or take one).
    #[error("{found} words: a phrase has 12, 15, 18, 21 or 24 words, and a repair adds or removes one at most")]
    WordCount { found: usize },
    /// More words are not list words than a repair can replace (two at most, none when a
    /// word is also missing): check those words against the list and correct some first.
    #[error("too many words are not seed words (words {positions}): correct some of them first", positions = list(.positions))]
    TooManyUnknownWords { positions: Vec<usize> },
    /// A word count one off a phrase's, and a word not in the list besides: a missing word is
    /// searched for only among list words, and a word too many may be the one misspelled
    /// word. Correct the words named, then repair.
    #[error("with {found} words, a word missing or one too many is found only when the other words are seed words: correct word {positions} first", positions = list(.positions))]
    UnknownWordAndWrongCount { found: usize, positions: Vec<usize> },
}

fn list(positions: &[usize]) -> String {
    positions.iter().map(usize::to_string).collect::<Vec<_>>().join(", ")
}

/// One word the repair changed. Positions are 1-based: in the written phrase, except for a
/// missing word, whose position is the one it takes in the repaired phrase.
pub struct Change {
    pub position: usize,
    /// As written; `None` for a word that was missing.
    pub was: Option<Zeroizing<String>>,
    /// As repaired; `None` for a word that was one too many.
    pub now: Option<&'static str>,
}

impl fmt::Debug for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Change(word {} redacted)", self.position)
    }
}

/// The phrase that gives the address, and how it was found.
#[derive(Debug)]
pub struct Repaired {
    pub phrase: Phrase,
    pub changes: Vec<Change>,
    pub found: Found,
    pub class: TypoClass,
    /// Candidates tried, in every class, up to this one.
    pub tried: u64,
}

/// How a repair ended.
#[derive(Debug)]
pub enum RepairOutcome {
    Found(Repaired),
    /// Every class was tried: how many candidates in each, and how many of them all passed
    /// the checksum (each cost a PBKDF2 and pass 1).
    Missed {
        tried: u64,
        tried_by_class: Vec<(TypoClass, u64)>,
        seeds: u64,
    },
    Cancelled {
        tried: u64,
    },
}

/// Whether a repair has anything to try for these words (a count near a phrase's, and at
/// most two words not in the list): cheap, for offering it while the user types.
pub fn repairable(written: &Written) -> bool {
    !edits::classes_for(written.word_count(), written.unknown().len(), false).is_empty()
}

/// The classes this written phrase calls for, in the order they are tried.
pub fn plan(written: &Written, deep: bool) -> Result<Vec<ClassPlan>, RepairError> {
    let classes = edits::classes_with_counts(written.word_count(), written.unknown().len(), deep);
    if classes.is_empty() {
        let found = written.word_count();
        let positions: Vec<usize> = written.unknown().into_iter().map(|i| i + 1).collect();
        let full = found.is_multiple_of(3) && (12..=24).contains(&found);
        return Err(match ((11..=25).contains(&found), positions.is_empty(), full) {
            (true, false, true) => RepairError::TooManyUnknownWords { positions },
            (true, false, false) => RepairError::UnknownWordAndWrongCount { found, positions },
            _ => RepairError::WordCount { found },
        });
    }
    let words = |class| match class {
        TypoClass::MissingWord => written.word_count() + 1,
        TypoClass::ExtraWord => written.word_count() - 1,
        _ => written.word_count(),
    };
    Ok(classes
        .into_iter()
        .map(|(class, candidates)| {
            // 1 in 2^(words / 3) candidates pass the checksum, rounded up: a candidate may.
            let checksum_valid = candidates.div_ceil(1 << (words(class) / 3));
            ClassPlan { class, candidates, checksum_valid }
        })
        .collect())
}

/// Checksum-valid candidates this machine tries per second on every core: each one's
/// PBKDF2 and pass 1 over `options`' networks (a short measurement).
pub fn candidates_per_second(options: &RepairOptions) -> f64 {
    let first_pass = Families::of(&SearchSpace { path_ids: options.path_ids.clone(), depth: 0 });
    let nobody = AccountId::from_bytes([0; 32]);
    let batches = 2 * rayon::current_num_threads();
    let entropy = [7u8; 16];
    let start = Instant::now();
    (0..batches).into_par_iter().for_each(|_| {
        for seed in lanes::mini_secrets(&[&entropy[..]; lanes::LANES], &Password::empty()) {
            std::hint::black_box(find_here(&seed, &nobody, &first_pass));
        }
    });
    (batches * lanes::LANES) as f64 / start.elapsed().as_secs_f64().max(1e-9)
}

/// Mini secrets per second on this thread through the multi-buffer PBKDF2 (for the benchmark
/// beside the `pbkdf2` crate's single rate).
#[doc(hidden)]
pub fn multi_buffer_pbkdf2_per_second(batches: usize) -> f64 {
    let entropy = [7u8; 16];
    let start = Instant::now();
    for _ in 0..batches {
        std::hint::black_box(lanes::mini_secrets(&[&entropy[..]; lanes::LANES], &Password::empty()));
    }
    (batches * lanes::LANES) as f64 / start.elapsed().as_secs_f64().max(1e-9)
}

/// How long pass 1 of the plan takes at `per_second` checksum-valid candidates, if every
/// class runs to its end.
pub fn estimate(plan: &[ClassPlan], per_second: f64) -> Duration {
    let seeds: u64 = plan.iter().map(|class| class.checksum_valid).sum();
    Duration::from_secs_f64(seeds as f64 / per_second.max(1.0))
}

/// Searches the plan's candidates for the phrase whose account is `target`, on every core,
/// stopping at the first match or when `progress.cancel` is set (`progress.tried` counts
/// candidates as they are tried).
pub fn repair(
    written: &Written,
    target: &AccountId,
    password: &Password,
    options: &RepairOptions,
    progress: &Progress,
) -> Result<RepairOutcome, RepairError> {
    let plan = plan(written, options.deep)?;
    let candidates = Candidates::new(written);
    let first_pass = Families::of(&SearchSpace { path_ids: options.path_ids.clone(), depth: 0 });
    let second_pass = Families::of(&SearchSpace { path_ids: options.path_ids.clone(), depth: options.depth });
    let search = Search { candidates: &candidates, target, password, progress };
    let mut tried_by_class = Vec::new();
    let mut seeds = 0;
    for ClassPlan { class, .. } in plan {
        let (hit, tried, valid) = search.class(class, &first_pass, (options.depth > 0).then_some(&second_pass));
        seeds += valid;
        let total = progress.tried.load(Ordering::Relaxed);
        if let Some((edit, found)) = hit {
            let phrase = candidates.phrase(edit);
            return Ok(RepairOutcome::Found(Repaired {
                phrase,
                changes: changes(written, edit),
                found,
                class,
                tried: total,
            }));
        }
        if progress.cancel.load(Ordering::Relaxed) {
            return Ok(RepairOutcome::Cancelled { tried: total });
        }
        tried_by_class.push((class, tried));
    }
    Ok(RepairOutcome::Missed { tried: progress.tried.load(Ordering::Relaxed), tried_by_class, seeds })
}

struct Search<'a> {
    candidates: &'a Candidates,
    target: &'a AccountId,
    password: &'a Password,
    progress: &'a Progress,
}

impl Search<'_> {
    /// One class: pass 1 chunk by chunk in likelihood order, then pass 2 over what it kept.
    /// Returns the hit, the candidates tried and how many of them passed the checksum.
    fn class(
        &self,
        class: TypoClass,
        first: &Families,
        second: Option<&Families>,
    ) -> (Option<(Edit, Found)>, u64, u64) {
        let mut edits = self.candidates.edits(class);
        let mut kept: Vec<(Edit, Seed)> = Vec::new();
        let (mut tried, mut valid) = (0u64, 0u64);
        loop {
            if self.progress.cancel.load(Ordering::Relaxed) {
                return (None, tried, valid);
            }
            let chunk: Vec<Edit> = edits.by_ref().take(CHUNK).collect();
            if chunk.is_empty() {
                break;
            }
            let seeds = self.seeds(&chunk);
            let hit =
                seeds.par_iter().find_map_first(|(edit, seed)| find_here(seed, self.target, first).map(|f| (*edit, f)));
            // A hit counts the candidates up to it, not the rest of its chunk.
            let counted = match &hit {
                Some((edit, _)) => chunk.iter().position(|e| e == edit).map_or(chunk.len(), |i| i + 1),
                None => chunk.len(),
            };
            tried += counted as u64;
            valid += seeds.len() as u64;
            self.progress.tried.fetch_add(counted as u64, Ordering::Relaxed);
            if hit.is_some() {
                return (hit, tried, valid);
            }
            let room = PASS2_LIMIT.saturating_sub(kept.len());
            kept.extend(seeds.into_iter().take(room));
        }
        let Some(second) = second else { return (None, tried, valid) };
        let hit = kept.par_iter().find_map_first(|(edit, seed)| {
            if self.progress.cancel.load(Ordering::Relaxed) {
                return None;
            }
            find_here(seed, self.target, second).map(|found| (*edit, found))
        });
        (hit, tried, valid)
    }

    /// The mini secrets of the candidates whose words are all list words and whose checksum
    /// holds, in the order given: [`lanes::LANES`] PBKDF2s at a time on each core.
    fn seeds(&self, chunk: &[Edit]) -> Vec<(Edit, Seed)> {
        let valid: Vec<(Edit, checksum::Entropy)> = chunk
            .par_iter()
            .filter_map(|&edit| Some((edit, checksum::checked_entropy(&self.candidates.apply(edit)?)?)))
            .collect();
        valid
            .par_chunks(lanes::LANES)
            .flat_map_iter(|batch| {
                let entropies: Vec<&[u8]> = batch.iter().map(|(_, entropy)| entropy.as_bytes()).collect();
                let seeds = lanes::mini_secrets(&entropies, self.password);
                batch.iter().map(|(edit, _)| *edit).zip(seeds).collect::<Vec<_>>()
            })
            .collect()
    }
}

impl Candidates {
    fn phrase(&self, edit: Edit) -> Phrase {
        let words = self.apply(edit).expect("a hit is a whole phrase");
        let mut text = Zeroizing::new(String::with_capacity(words.len() * 9));
        for (i, &index) in words.iter().enumerate() {
            if i > 0 {
                text.push(' ');
            }
            text.push_str(list_word(index));
        }
        Phrase::parse(&text).expect("a hit passed the checksum")
    }
}

fn list_word(index: u16) -> &'static str {
    bip39::Language::English.word_list()[usize::from(index)]
}

fn changes(written: &Written, edit: Edit) -> Vec<Change> {
    let was = |at: usize| Some(Zeroizing::new(written.word(at).to_owned()));
    let replaced = |at: usize, word: u16| Change { position: at + 1, was: was(at), now: Some(list_word(word)) };
    match edit {
        Edit::None => Vec::new(),
        Edit::Replace { at, word } => vec![replaced(at, word)],
        Edit::ReplaceTwo { first, second } => {
            let mut both = vec![replaced(first.0, first.1), replaced(second.0, second.1)];
            both.sort_by_key(|change| change.position);
            both
        }
        Edit::Swap(a, b) => {
            let word = |at: usize| bip39::Language::English.find_word(written.word(at)).map(list_word);
            vec![
                Change { position: a + 1, was: was(a), now: word(b) },
                Change { position: b + 1, was: was(b), now: word(a) },
            ]
        }
        Edit::Insert { at, word } => vec![Change { position: at + 1, was: None, now: Some(list_word(word)) }],
        Edit::Remove { at } => vec![Change { position: at + 1, was: was(at), now: None }],
    }
}
