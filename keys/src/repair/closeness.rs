//! Which list words a written word is most likely a slip for: an edit distance in which a
//! key's neighbour on a QWERTY keyboard and two swapped letters cost less than any other
//! change, and a shared beginning counts for the word (BIP39 words differ in their first
//! four letters, so a writer who got those right has almost named the word).

use bip39::Language;
use zeroize::Zeroizing;

/// Every list word (but `exclude`), the likeliest meant by `written` first; ties in list
/// order. The ranking names the written word (its first entry, or the one left out), so
/// it is wiped on drop, and so is the scoring behind it.
pub(crate) fn ranked(written: &str, exclude: Option<u16>) -> Zeroizing<Vec<u16>> {
    let written = written.as_bytes();
    let list = Language::English.word_list();
    let mut scored: Zeroizing<Vec<(u32, u16)>> = Zeroizing::new(
        (0..2048u16)
            .filter(|&index| Some(index) != exclude)
            .map(|index| (cost(written, list[usize::from(index)].as_bytes()), index))
            .collect(),
    );
    scored.sort_unstable();
    Zeroizing::new(scored.iter().map(|(_, index)| *index).collect())
}

/// In quarters: a neighbour key 2, a swap of two letters 3, any other change 4, less one
/// for each of the first four letters the two share.
fn cost(written: &[u8], word: &[u8]) -> u32 {
    let (n, m) = (written.len(), word.len());
    // Damerau-Levenshtein (optimal string alignment), rows of m + 1.
    let mut rows = vec![vec![0u32; m + 1]; n + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = 4 * i as u32;
    }
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = 4 * j as u32;
    }
    for i in 1..=n {
        for j in 1..=m {
            let (a, b) = (written[i - 1], word[j - 1]);
            let change = match (a == b, neighbours(a, b)) {
                (true, _) => 0,
                (false, true) => 2,
                (false, false) => 4,
            };
            let mut best = (rows[i - 1][j] + 4).min(rows[i][j - 1] + 4).min(rows[i - 1][j - 1] + change);
            if i > 1 && j > 1 && a == word[j - 2] && written[i - 2] == b {
                best = best.min(rows[i - 2][j - 2] + 3);
            }
            rows[i][j] = best;
        }
    }
    let shared = written.iter().zip(word).take(4).take_while(|(a, b)| a == b).count() as u32;
    (rows[n][m] + 4).saturating_sub(shared)
}

const KEYBOARD: [&[u8]; 3] = [b"qwertyuiop", b"asdfghjkl", b"zxcvbnm"];

/// Whether `a` and `b` sit side by side, or one above the other's row neighbour, on QWERTY.
fn neighbours(a: u8, b: u8) -> bool {
    let place = |key: u8| {
        KEYBOARD.iter().enumerate().find_map(|(row, keys)| keys.iter().position(|&k| k == key).map(|col| (row, col)))
    };
    match (place(a), place(b)) {
        (Some((ra, ca)), Some((rb, cb))) => {
            let (rows, cols) = (ra.abs_diff(rb), ca.abs_diff(cb));
            // Rows are staggered half a key: the key below-left and below-right both touch.
            (rows == 0 && cols == 1)
                || (rows == 1 && (ca == cb || (ra < rb && ca == cb + 1) || (ra > rb && cb == ca + 1)))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first(written: &str) -> &'static str {
        Language::English.word_list()[usize::from(ranked(written, None)[0])]
    }

    #[test]
    fn common_slips_rank_the_meant_word_first() {
        // A letter missing, doubled, swapped, a neighbour key, a letter too many.
        for (written, meant) in [("thoght", "thought"), ("mechaneic", "mechanic"), ("innoctent", "innocent")] {
            assert_eq!(first(written), meant, "{written}");
        }
        for (written, meant) in [("gahsp", "gasp"), ("toty", "toy"), ("becomge", "become"), ("mlody", "melody")] {
            assert_eq!(first(written), meant, "{written}");
        }
        assert_eq!(first("dxonor"), "donor");
        assert_eq!(first("ornage"), "orange", "two letters swapped");
        assert_eq!(first("abandom"), "abandon", "m beside n");
    }

    #[test]
    fn every_word_is_ranked_once_and_an_excluded_word_not_at_all() {
        let mut all = ranked("orbit", Some(1234));
        assert_eq!(all.len(), 2047);
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), 2047);
        assert!(!all.contains(&1234));
    }

    #[test]
    fn keyboard_neighbours_are_symmetric() {
        for a in b'a'..=b'z' {
            for b in b'a'..=b'z' {
                assert_eq!(neighbours(a, b), neighbours(b, a), "{} {}", a as char, b as char);
            }
        }
        assert!(neighbours(b'm', b'n') && neighbours(b'q', b'a') && neighbours(b's', b'x'));
        assert!(!neighbours(b'q', b'p') && !neighbours(b'a', b'a'));
    }
}
