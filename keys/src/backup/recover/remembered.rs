//! The passwords near the one the user remembers, likeliest first: as typed, then its
//! capitals changed, then one slip of the finger, then a common ending, then any one
//! character, then (asked for) two slips. Each class is generated lazily from the one
//! before; none is ever held as a list.

use zeroize::Zeroizing;

use super::keyboard::neighbours;
use super::Class;

/// A password as characters, wiped on drop.
pub(super) type Chars = Zeroizing<Vec<char>>;

/// What people add at the end of a password they have to change or lengthen: tried after
/// the slips, as the whole remembered password plus one of these, then with its first
/// letter's case changed plus one of these.
const ENDINGS: [&str; 14] = ["!", "1", "!!", "12", "123", "?", ".", "0", "2", "#", "@", "$", "*", "01"];
/// Years added as endings, the most recent first.
const LATEST_YEAR: u32 = 2030;
const EARLIEST_YEAR: u32 = 1950;

/// The printable ASCII characters: what "any character" means (the space included).
fn printable() -> impl Iterator<Item = char> + Clone {
    ' '..='~'
}

/// Every candidate from the remembered password, in order, with its class. Duplicates (a
/// slip that gives a password already tried) are left in: the caller drops them.
pub(super) fn candidates(typed: Chars, deep: bool) -> impl Iterator<Item = (Class, Chars)> {
    let typed: Shared = std::sync::Arc::new(typed);
    let as_typed = std::iter::once((Class::AsTyped, with(&typed, |_| {})));
    let capitals = case_changes(typed.clone()).map(|chars| (Class::Case, chars));
    let one_slip = slips(typed.clone()).map(|chars| (Class::Slip, chars));
    let ended = endings(typed.clone()).map(|chars| (Class::Ending, chars));
    let any = any_character(typed.clone()).map(|chars| (Class::AnyCharacter, chars));
    let two = deep.then(|| {
        one_slip_or_capital(typed)
            .flat_map(|once| one_slip_or_capital(std::sync::Arc::new(once)))
            .map(|chars| (Class::TwoSlips, chars))
    });
    as_typed.chain(capitals).chain(one_slip).chain(ended).chain(any).chain(two.into_iter().flatten())
}

/// The other case of a letter, when it is one character both ways (not `ß` → `SS`).
fn toggled(c: char) -> Option<char> {
    let other: Vec<char> = if c.is_lowercase() {
        c.to_uppercase().collect()
    } else if c.is_uppercase() {
        c.to_lowercase().collect()
    } else {
        return None;
    };
    match other[..] {
        [toggled] if toggled != c => Some(toggled),
        _ => None,
    }
}

type Shared = std::sync::Arc<Chars>;

/// Room for the longest change (an ending of four characters) without the vector growing:
/// a growing vector would leave an unwiped copy of the password behind.
const ROOM: usize = 4;

/// A copy of `typed` with `change` made to it.
fn with(typed: &[char], change: impl FnOnce(&mut Vec<char>)) -> Chars {
    let mut chars = Zeroizing::new(Vec::with_capacity(typed.len() + ROOM));
    chars.extend_from_slice(typed);
    change(&mut chars);
    chars
}

/// The first letter's case; all capitals; no capitals; each letter's case; any two letters' case.
fn case_changes(typed: Shared) -> impl Iterator<Item = Chars> {
    let letters: Vec<usize> = (0..typed.len()).filter(|&at| toggled(typed[at]).is_some()).collect();
    let first = letters.first().copied();
    let t = typed.clone();
    let whole = [true, false].into_iter().map(move |upper| {
        with(&t, |chars| {
            for c in chars.iter_mut() {
                if c.is_lowercase() == upper {
                    *c = toggled(*c).unwrap_or(*c);
                }
            }
        })
    });
    let t = typed.clone();
    let toggle_at =
        move |at: &[usize]| with(&t, |chars| at.iter().for_each(|&i| chars[i] = toggled(chars[i]).expect("a letter")));
    let singles = letters.clone().into_iter().map(move |at| [at]);
    let pairs = {
        let letters = letters.clone();
        (0..letters.len()).flat_map(move |a| {
            let letters = letters.clone();
            (a + 1..letters.len()).map(move |b| [letters[a], letters[b]])
        })
    };
    let toggle_one = toggle_at.clone();
    first
        .map(|at| toggle_at(&[at]))
        .into_iter()
        .chain(whole)
        .chain(singles.map(move |at| toggle_one(&at)))
        .chain(pairs.map(move |at| toggle_at(&at)))
}

/// One slip of the finger: a letter typed twice, a letter left out, two neighbours swapped,
/// a key's neighbour typed instead of it.
fn slips(typed: Shared) -> impl Iterator<Item = Chars> {
    let length = typed.len();
    let t = typed.clone();
    let doubled = (0..length).map(move |at| with(&t, |chars| chars.insert(at, chars[at])));
    let t = typed.clone();
    let left_out = (0..length).map(move |at| {
        with(&t, |chars| {
            chars.remove(at);
        })
    });
    let t = typed.clone();
    let swapped = (1..length).map(move |at| with(&t, |chars| chars.swap(at - 1, at)));
    let t = typed.clone();
    let slipped = (0..length).flat_map(move |at| {
        let t = t.clone();
        let own_capital = toggled(t[at]);
        neighbours(t[at])
            .into_iter()
            .filter(move |&near| Some(near) != own_capital)
            .map(move |near| with(&t, |chars| chars[at] = near))
    });
    doubled.chain(left_out).chain(swapped).chain(slipped)
}

/// The password with an ending added, then with its first letter's case changed and an ending added.
fn endings(typed: Shared) -> impl Iterator<Item = Chars> {
    let endings = || {
        ENDINGS.into_iter().map(str::to_owned).chain((EARLIEST_YEAR..=LATEST_YEAR).rev().map(|year| year.to_string()))
    };
    let capitalised = case_changes(typed.clone()).next().filter(|_| typed.iter().any(|&c| toggled(c).is_some()));
    [Some(Zeroizing::new(typed.to_vec())), capitalised]
        .into_iter()
        .flatten()
        .flat_map(move |stem| endings().map(move |ending| with(&stem, |chars| chars.extend(ending.chars()))))
}

/// Any printable character inserted anywhere, then any character replaced by any printable one.
fn any_character(typed: Shared) -> impl Iterator<Item = Chars> {
    let length = typed.len();
    let t = typed.clone();
    let inserted = (0..=length).flat_map(move |at| {
        let t = t.clone();
        printable().map(move |c| with(&t, |chars| chars.insert(at, c)))
    });
    let t = typed.clone();
    let replaced = (0..length).flat_map(move |at| {
        let t = t.clone();
        let own = t[at];
        printable().filter(move |&c| c != own).map(move |c| with(&t, |chars| chars[at] = c))
    });
    inserted.chain(replaced)
}

/// What a second slip starts from: one slip, or one letter's case changed.
fn one_slip_or_capital(typed: Shared) -> impl Iterator<Item = Chars> {
    let t = typed.clone();
    let capitals =
        (0..typed.len()).filter_map(move |at| toggled(t[at]).map(|other| with(&t, |chars| chars[at] = other)));
    capitals.chain(slips(typed))
}
