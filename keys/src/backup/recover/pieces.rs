//! Passwords built from remembered pieces: every ordered choice of one to `up_to` different
//! pieces, joined directly, then by each separator throughout, then by mixed separators.
//! A piece made only of `-`, `_` and `.` is a separator, never a piece on its own.

use zeroize::Zeroizing;

use super::remembered::Chars;

/// How many pieces a password is built from at most, unless asked otherwise.
pub const DEFAULT_MAX_PIECES: usize = 4;
/// The most that can be asked for: 64 pieces taken 8 at a time is already 10^14 candidates.
pub const MAX_PIECES_TAKEN: usize = 8;

#[derive(Clone)]
pub(super) struct Pieces {
    words: Vec<Chars>,
    separators: Vec<Chars>,
    /// The most pieces a candidate is built from.
    up_to: usize,
}

fn is_separator(piece: &[char]) -> bool {
    !piece.is_empty() && piece.iter().all(|c| matches!(c, '-' | '_' | '.'))
}

impl Pieces {
    /// Sorts the pieces into words and separators, dropping empty lines and repeats.
    pub(super) fn new(pieces: Vec<Chars>, up_to: usize) -> Pieces {
        let mut words: Vec<Chars> = Vec::new();
        let mut separators: Vec<Chars> = Vec::new();
        for piece in pieces.into_iter().filter(|piece| !piece.is_empty()) {
            let kind = if is_separator(&piece) { &mut separators } else { &mut words };
            if !kind.contains(&piece) {
                kind.push(piece);
            }
        }
        Pieces { words, separators, up_to }
    }

    pub(super) fn up_to(&self) -> usize {
        self.up_to
    }

    /// The words, then the separators.
    pub(super) fn all(&self) -> impl Iterator<Item = &Chars> {
        self.words.iter().chain(&self.separators)
    }

    /// How many passwords [`Pieces::candidates`] gives (saturating: only an estimate's input).
    pub(super) fn count(&self) -> u64 {
        (1..=self.up_to.min(self.words.len()))
            .map(|taken| {
                let arrangements =
                    (0..taken).fold(1u64, |product, i| product.saturating_mul((self.words.len() - i) as u64));
                let joins = ((self.separators.len() + 1) as u64).saturating_pow(taken as u32 - 1);
                arrangements.saturating_mul(joins)
            })
            .fold(0u64, u64::saturating_add)
    }

    pub(super) fn candidates(self) -> impl Iterator<Item = Chars> {
        let this = std::sync::Arc::new(self);
        (1..=this.up_to.min(this.words.len())).flat_map(move |taken| {
            let this = this.clone();
            joins(taken - 1, this.separators.len()).into_iter().flat_map(move |join| {
                let this = this.clone();
                Arrangements::new(this.words.len(), taken).map(move |order| this.build(&order, &join))
            })
        })
    }

    fn build(&self, order: &[usize], join: &[usize]) -> Chars {
        // Sized up front: a growing vector would leave unwiped copies behind.
        let length = order.iter().map(|&word| self.words[word].len()).sum::<usize>()
            + join
                .iter()
                .filter(|&&separator| separator > 0)
                .map(|&separator| self.separators[separator - 1].len())
                .sum::<usize>();
        let mut chars = Zeroizing::new(Vec::with_capacity(length));
        for (at, &word) in order.iter().enumerate() {
            if at > 0 && join[at - 1] > 0 {
                chars.extend_from_slice(&self.separators[join[at - 1] - 1]);
            }
            chars.extend_from_slice(&self.words[word]);
        }
        chars
    }
}

/// The ways to fill `gaps` gaps, each with nothing (0) or separator `s` (1-based): nothing
/// throughout first, then each separator throughout, then the mixed ways.
fn joins(gaps: usize, separators: usize) -> Vec<Vec<usize>> {
    let uniform: Vec<Vec<usize>> =
        (0..=separators).map(|s| vec![s; gaps]).take(if gaps == 0 { 1 } else { separators + 1 }).collect();
    let mut all = uniform.clone();
    let mut digits = vec![0usize; gaps];
    loop {
        if !uniform.contains(&digits) {
            all.push(digits.clone());
        }
        let Some(at) = (0..gaps).rev().find(|&at| digits[at] < separators) else { break };
        digits[at] += 1;
        digits[at + 1..].iter_mut().for_each(|digit| *digit = 0);
    }
    all
}

/// The ordered choices of `taken` different indices below `of`, in lexicographic order.
struct Arrangements {
    of: usize,
    digits: Vec<usize>,
    done: bool,
}

impl Arrangements {
    fn new(of: usize, taken: usize) -> Arrangements {
        Arrangements { of, digits: vec![0; taken], done: taken > of }
    }

    fn advance(&mut self) -> bool {
        for at in (0..self.digits.len()).rev() {
            if self.digits[at] + 1 < self.of {
                self.digits[at] += 1;
                self.digits[at + 1..].iter_mut().for_each(|digit| *digit = 0);
                return true;
            }
        }
        false
    }

    fn distinct(&self) -> bool {
        self.digits.iter().enumerate().all(|(at, digit)| !self.digits[..at].contains(digit))
    }
}

impl Iterator for Arrangements {
    type Item = Vec<usize>;

    fn next(&mut self) -> Option<Vec<usize>> {
        while !self.done {
            let current = self.distinct().then(|| self.digits.clone());
            self.done = !self.advance();
            if current.is_some() {
                return current;
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(list: &[&str], up_to: usize) -> Pieces {
        Pieces::new(list.iter().map(|piece| Zeroizing::new(piece.chars().collect())).collect(), up_to)
    }

    fn texts(pieces: Pieces) -> Vec<String> {
        pieces.candidates().map(|chars| chars.iter().collect()).collect()
    }

    #[test]
    fn pieces_join_directly_then_by_each_separator_then_mixed() {
        let all = texts(pieces(&["a", "b", "-", "_"], 2));
        assert_eq!(all, ["a", "b", "ab", "ba", "a-b", "b-a", "a_b", "b_a"]);
        let three = texts(pieces(&["x", "y", "z", "-"], 3));
        let at = |text: &str| three.iter().position(|t| t == text).unwrap();
        assert!(at("xyz") < at("x-y-z") && at("x-y-z") < at("x-yz"));
        assert_eq!(three.len() as u64, pieces(&["x", "y", "z", "-"], 3).count());
    }

    #[test]
    fn the_count_is_what_the_candidates_hold() {
        for (list, up_to) in
            [(&["blue", "Blue", "otter", "9", "-", "."][..], 4), (&["a", "a", "b"][..], 3), (&["-"][..], 2)]
        {
            let p = pieces(list, up_to);
            assert_eq!(p.count(), texts(p.clone()).len() as u64, "{list:?}");
        }
    }
}
