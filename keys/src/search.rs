//! "I restored my phrase and got a different address": try the ways wallets make accounts
//! from a phrase, for every key type, until one gives the address.
//!
//! The paths tried, for `i`, `j` below the depth and every network path id `p`: the root,
//! `//p`, `//p//i`, `//p/i`, `//i`, `/i` and `//i/j`. ed25519 and ecdsa have no soft
//! junctions, so for them only the root, `//p`, `//p//i` and `//i`.
//!
//! The work is split by parent key (the root, each `//p`, each `//i`) across every core
//! (rayon). Below a parent, sr25519 children cost one batched base-point multiplication each:
//! a soft child's scalar is the parent's plus a transcript hash, and the Ristretto encodings
//! of a whole family share one field inversion. The root is derived once per key type.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use curve25519_dalek::Scalar;
use rayon::prelude::*;
use zeroize::Zeroizing;

use crate::path::{DerivationPath, Junction};
use crate::scheme::{AccountId, Keypair, Scheme};
use crate::secret::Seed;
use crate::sr25519;

/// What to try.
#[derive(Debug, Clone)]
pub struct SearchSpace {
    /// The path ids of the catalogue's networks (`polkadot`, `kusama`, …).
    pub path_ids: Vec<String>,
    /// `i` and `j` run from 0 to `depth - 1`.
    pub depth: u32,
}

impl SearchSpace {
    /// How many (key type, path) candidates the space holds.
    pub fn candidate_count(&self) -> u64 {
        let (n, d) = (self.path_ids.len() as u64, u64::from(self.depth));
        let hard_only = 1 + n + n * d + d;
        let sr25519 = hard_only + n * d + d + d * d;
        sr25519 + 2 * hard_only
    }
}

/// The key type and path that give the address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub scheme: Scheme,
    pub path: DerivationPath,
}

/// How a search ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Found(Found),
    /// Every candidate was tried.
    Missed {
        tried: u64,
    },
    Cancelled {
        tried: u64,
    },
}

/// Shared with whoever shows progress: candidates tried so far, and a cancel switch.
#[derive(Debug, Default)]
pub struct Progress {
    pub tried: AtomicU64,
    pub cancel: AtomicBool,
}

/// One parent key and the children tried below it: `//i` (when `hard`), then `/i` (when
/// `soft`), for `i` below the depth. Paths are written out only for a hit, so a deep search
/// holds no list of candidates.
struct Family {
    scheme: Scheme,
    /// Text of the parent's path: "" for the root, "//polkadot", "//7".
    parent: String,
    /// Whether the parent is a candidate of this family (a `//i` is one of the root's children).
    parent_counts: bool,
    hard: bool,
    soft: bool,
    depth: u32,
}

impl Family {
    /// The children, in order, as (junction, whether soft, number).
    fn children(&self) -> impl Iterator<Item = (Junction, u32)> + '_ {
        let hard = (0..self.depth).filter(|_| self.hard).map(|i| (hard_number(i), i));
        let soft = (0..self.depth).filter(|_| self.soft).map(|i| (soft_number(i), i));
        hard.chain(soft)
    }

    /// `//i` or `/i`.
    fn step(junction: &Junction, i: u32) -> String {
        let slashes = if junction.is_soft() { "/" } else { "//" };
        format!("{slashes}{i}")
    }

    fn child_path(&self, junction: &Junction, i: u32) -> String {
        format!("{}{}", self.parent, Family::step(junction, i))
    }

    fn size(&self) -> u64 {
        u64::from(self.depth) * (u64::from(self.hard) + u64::from(self.soft)) + u64::from(self.parent_counts)
    }
}

fn hard_number(i: u32) -> Junction {
    let mut code = [0u8; 32];
    code[..4].copy_from_slice(&i.to_le_bytes());
    Junction::Hard(code)
}

fn soft_number(i: u32) -> Junction {
    let Junction::Hard(code) = hard_number(i) else { unreachable!("hard_number is hard") };
    Junction::Soft(code)
}

fn families(space: &SearchSpace) -> Vec<Family> {
    let depth = space.depth;
    let mut families = Vec::new();
    for scheme in Scheme::ALL {
        let soft = scheme == Scheme::Sr25519;
        // The root, with `//i` and (sr25519) `/i` below it; each `//p` likewise.
        let parents = std::iter::once(String::new()).chain(space.path_ids.iter().map(|id| format!("//{id}")));
        for parent in parents {
            families.push(Family { scheme, parent, parent_counts: true, hard: true, soft, depth });
        }
        if soft {
            // `//i/j`: the `//i` themselves are children of the root above.
            for i in 0..depth {
                let parent = format!("//{i}");
                families.push(Family { scheme, parent, parent_counts: false, hard: false, soft: true, depth });
            }
        }
    }
    families
}

/// A space's candidates laid out once, for searching many seeds on one thread each.
pub struct Families(Vec<Family>);

impl Families {
    pub fn of(space: &SearchSpace) -> Families {
        Families(families(space))
    }
}

/// Searches `families` for `target` on this thread only: for a caller that spreads many
/// seeds over the cores itself (phrase repair).
pub fn find_here(seed: &Seed, target: &AccountId, families: &Families) -> Option<Found> {
    let roots = roots(seed);
    families.0.iter().find_map(|family| {
        let root = roots.iter().find(|root| root.scheme() == family.scheme)?;
        search_family(root, family, target)
    })
}

fn roots(seed: &Seed) -> Vec<Keypair> {
    Scheme::ALL.into_iter().filter_map(|scheme| Keypair::from_seed(scheme, seed).ok()).collect()
}

/// Searches the space for `target`, on every core, stopping at the first match or when
/// `progress.cancel` is set.
pub fn find(seed: &Seed, target: &AccountId, space: &SearchSpace, progress: &Progress) -> Outcome {
    let roots = roots(seed);
    let found = families(space).par_iter().find_map_any(|family| {
        if progress.cancel.load(Ordering::Relaxed) {
            return None;
        }
        let root = roots.iter().find(|root| root.scheme() == family.scheme)?;
        let found = search_family(root, family, target);
        progress.tried.fetch_add(family.size(), Ordering::Relaxed);
        found
    });
    let tried = progress.tried.load(Ordering::Relaxed);
    match found {
        Some(found) => Outcome::Found(found),
        None if progress.cancel.load(Ordering::Relaxed) => Outcome::Cancelled { tried },
        None => Outcome::Missed { tried },
    }
}

fn found(scheme: Scheme, path: &str) -> Found {
    Found { scheme, path: DerivationPath::parse(path).expect("search paths are valid") }
}

fn search_family(root: &Keypair, family: &Family, target: &AccountId) -> Option<Found> {
    let parent_path = DerivationPath::parse(&family.parent).expect("search paths are valid");
    let parent = root.derive(&parent_path).ok()?;
    if family.parent_counts && parent.public().account_id() == *target {
        return Some(found(family.scheme, &family.parent));
    }
    match parent.sr25519_secret() {
        Some(secret) => {
            let parent_public = *parent.public().as_bytes().first_chunk::<32>().expect("32 bytes");
            let parent_scalar = secret.scalar();
            let children: Vec<(Junction, u32)> = family.children().collect();
            let scalars: Vec<Zeroizing<Scalar>> = children
                .iter()
                .map(|(junction, _)| match junction {
                    Junction::Soft(code) => Zeroizing::new(*parent_scalar + sr25519::soft_offset(&parent_public, code)),
                    Junction::Hard(_) => secret.derive(junction).scalar(),
                })
                .collect();
            let publics = sr25519::public_keys_of_scalars(&scalars);
            let index = publics.iter().position(|public| public == target.as_bytes())?;
            let (junction, i) = &children[index];
            Some(found(family.scheme, &family.child_path(junction, *i)))
        }
        // ed25519 and ecdsa: hard junctions only, each a hash and one multiplication.
        None => family.children().find_map(|(junction, i)| {
            let step = DerivationPath::parse(&Family::step(&junction, i)).expect("search paths are valid");
            let child = parent.derive(&step).ok()?;
            (child.public().account_id() == *target).then(|| found(family.scheme, &family.child_path(&junction, i)))
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::phrase::Phrase;
    use crate::secret::Password;

    const DEV: &str = "bottom drive obey lake curtain smoke basket hold race lonely fit walk";

    fn seed() -> Seed {
        Phrase::parse(DEV).unwrap().to_seed(&Password::empty())
    }

    fn space() -> SearchSpace {
        SearchSpace { path_ids: vec!["polkadot".into(), "kusama".into(), "westend".into()], depth: 10 }
    }

    fn account(scheme: Scheme, path: &str) -> AccountId {
        let root = Keypair::from_seed(scheme, &seed()).unwrap();
        root.derive(&DerivationPath::parse(path).unwrap()).unwrap().public().account_id()
    }

    #[test]
    fn every_kind_of_path_is_found_for_every_scheme_that_has_it() {
        let cases = [
            (Scheme::Sr25519, vec!["", "//polkadot", "//kusama//3", "//westend/4", "//5", "/6", "//7/8", "//9/9"]),
            (Scheme::Ed25519, vec!["", "//polkadot", "//kusama//2", "//9"]),
            (Scheme::Ecdsa, vec!["", "//westend", "//polkadot//0", "//1"]),
        ];
        for (scheme, paths) in cases {
            for path in paths {
                let outcome = find(&seed(), &account(scheme, path), &space(), &Progress::default());
                assert_eq!(outcome, Outcome::Found(found(scheme, path)), "{scheme} {path:?}");
            }
        }
    }

    #[test]
    fn a_miss_tries_every_candidate_once() {
        let outcome = find(&seed(), &account(Scheme::Sr25519, "//10"), &space(), &Progress::default());
        assert_eq!(outcome, Outcome::Missed { tried: space().candidate_count() });
        let total: u64 = families(&space()).iter().map(Family::size).sum();
        assert_eq!(total, space().candidate_count());
    }

    #[test]
    fn a_cancelled_search_says_so() {
        let progress = Progress::default();
        progress.cancel.store(true, Ordering::Relaxed);
        let outcome = find(&seed(), &account(Scheme::Sr25519, "//10"), &space(), &progress);
        assert_eq!(outcome, Outcome::Cancelled { tried: 0 });
    }

    #[test]
    fn a_cancel_from_another_thread_stops_a_search_under_way() {
        // Deep enough that the search is still running when the other thread sees progress.
        let space = SearchSpace { depth: 300, ..space() };
        let progress = Progress::default();
        let outcome = std::thread::scope(|scope| {
            scope.spawn(|| {
                while progress.tried.load(Ordering::Relaxed) == 0 {
                    std::thread::yield_now();
                }
                progress.cancel.store(true, Ordering::Relaxed);
            });
            find(&seed(), &account(Scheme::Sr25519, "//300"), &space, &progress)
        });
        let Outcome::Cancelled { tried } = outcome else { panic!("not cancelled: {outcome:?}") };
        assert!(0 < tried && tried < space.candidate_count(), "{tried} of {}", space.candidate_count());
    }
}
