//! find-address for the accounts other wallets make from the same words: MetaMask's and
//! polkadot-js's Ethereum accounts (`m/44'/60'/a'/0/i`) when the address is an H160, and a
//! Ledger's (`m/44'/354'/a'/0'/i'` on Polkadot, `434'` on Kusama) when it is SS58; `a`
//! below [`ACCOUNTS_SEARCHED`], `i` below the depth.
//!
//! The BIP39 seed is made once. Each account level's parent (`m/44'/60'/a'/0`,
//! `m/44'/354'/a'/0'`) is derived once, and its children are tried on every core: a child
//! costs one or two HMAC-SHA512 and one fixed-base multiplication, never a walk from the master.

use std::sync::atomic::Ordering;

use rayon::prelude::*;

use super::ethereum::{derive_node, Node};
use super::ledger::ExtendedKey;
use super::path::{Bip32Path, ChildIndex};
use super::seed::Bip39Seed;
use super::EthereumAddress;
use crate::phrase::Phrase;
use crate::scheme::{AccountId, Keypair, Scheme};
use crate::search::Progress;
use crate::secret::Password;

/// How many BIP44 accounts (`a`) are tried: wallets number accounts from 0, and few users
/// open a fourth.
pub const ACCOUNTS_SEARCHED: u32 = 3;
/// The Ledger coin types searched: Polkadot, then Kusama.
pub const LEDGER_COINS: [u32; 2] = [354, 434];
/// Children tried in one batch on one core.
const CHUNK: u32 = 64;

/// The account being looked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bip32Target {
    /// An H160: Ethereum paths.
    Ethereum(EthereumAddress),
    /// An SS58 account: Ledger paths.
    Ledger(AccountId),
}

/// Which wallet's accounts the path is of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bip32Kind {
    Ethereum,
    Ledger,
}

/// The path that gives the address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bip32Found {
    pub kind: Bip32Kind,
    pub path: Bip32Path,
}

/// How a search ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Bip32Outcome {
    Found(Bip32Found),
    Missed { tried: u64 },
    Cancelled { tried: u64 },
}

/// How many paths a search for `target` tries at `depth` (for a Ledger, with 12 or 24 words).
pub fn candidate_count(target: &Bip32Target, depth: u32) -> u64 {
    let parents = match target {
        Bip32Target::Ethereum(_) => ACCOUNTS_SEARCHED,
        Bip32Target::Ledger(_) => ACCOUNTS_SEARCHED * LEDGER_COINS.len() as u32,
    };
    u64::from(parents) * u64::from(depth)
}

/// Searches for `target` below `phrase` on every core, stopping at the first match or when
/// `progress.cancel` is set. `password` is the BIP39 password: a Ledger's 25th word; Ethereum
/// accounts are made without one, as polkadot-js and MetaMask make them.
pub fn find(
    phrase: &Phrase,
    password: &Password,
    target: &Bip32Target,
    depth: u32,
    progress: &Progress,
) -> Bip32Outcome {
    let found = match target {
        Bip32Target::Ethereum(address) => find_ethereum(phrase, address, depth, progress),
        Bip32Target::Ledger(account) => find_ledger(phrase, password, account, depth, progress),
    };
    let tried = progress.tried.load(Ordering::Relaxed);
    match found {
        Some(found) => Bip32Outcome::Found(found),
        None if progress.cancel.load(Ordering::Relaxed) => Bip32Outcome::Cancelled { tried },
        None => Bip32Outcome::Missed { tried },
    }
}

fn hardened(number: u32) -> ChildIndex {
    ChildIndex::new(number, true).expect("small numbers are indices")
}

fn normal(number: u32) -> ChildIndex {
    ChildIndex::new(number, false).expect("small numbers are indices")
}

/// Work units: (parent number, first child of a chunk).
fn chunks(parents: usize, depth: u32) -> Vec<(usize, u32)> {
    (0..parents).flat_map(|parent| (0..depth).step_by(CHUNK as usize).map(move |start| (parent, start))).collect()
}

fn find_ethereum(phrase: &Phrase, target: &EthereumAddress, depth: u32, progress: &Progress) -> Option<Bip32Found> {
    let seed = Bip39Seed::new(phrase, &Password::empty());
    let parent_path = |a: u32| {
        Bip32Path::from_indices(vec![hardened(44), hardened(60), hardened(a), normal(0)]).expect("four levels")
    };
    let parents: Vec<(Bip32Path, Node)> = (0..ACCOUNTS_SEARCHED)
        .filter_map(|a| derive_node(seed.as_bytes(), &parent_path(a)).ok().map(|node| (parent_path(a), node)))
        .collect();
    chunks(parents.len(), depth).par_iter().find_map_any(|&(parent, start)| {
        if progress.cancel.load(Ordering::Relaxed) {
            return None;
        }
        let (path, node) = &parents[parent];
        let end = depth.min(start + CHUNK);
        let hit = (start..end).find(|&i| node.child_or_next(i).is_some_and(|child| child.address() == *target));
        progress.tried.fetch_add(u64::from(end - start), Ordering::Relaxed);
        hit.map(|i| Bip32Found { kind: Bip32Kind::Ethereum, path: path.child(normal(i)).expect("five levels") })
    })
}

fn find_ledger(
    phrase: &Phrase,
    password: &Password,
    target: &AccountId,
    depth: u32,
    progress: &Progress,
) -> Option<Bip32Found> {
    // A Ledger takes 12 or 24 words (`ledger_seed` refuses others): no Ledger account to find.
    if ![12, 24].contains(&phrase.word_count()) {
        return None;
    }
    let master = ExtendedKey::master(&Bip39Seed::new(phrase, password));
    let parents: Vec<(Bip32Path, ExtendedKey)> = LEDGER_COINS
        .iter()
        .flat_map(|&coin| (0..ACCOUNTS_SEARCHED).map(move |a| (coin, a)))
        .map(|(coin, a)| {
            let path = Bip32Path::from_indices(vec![hardened(44), hardened(coin), hardened(a), hardened(0)])
                .expect("four levels");
            let parent = master.below(&path);
            (path, parent)
        })
        .collect();
    chunks(parents.len(), depth).par_iter().find_map_any(|&(parent, start)| {
        if progress.cancel.load(Ordering::Relaxed) {
            return None;
        }
        let (path, key) = &parents[parent];
        let end = depth.min(start + CHUNK);
        let hit = (start..end).find(|&i| {
            let child = key.child(i | super::HARDENED).seed();
            Keypair::from_seed(Scheme::Ed25519, &child).is_ok_and(|pair| pair.public().account_id() == *target)
        });
        progress.tried.fetch_add(u64::from(end - start), Ordering::Relaxed);
        hit.map(|i| Bip32Found { kind: Bip32Kind::Ledger, path: path.child(hardened(i)).expect("five levels") })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::uri::DEV_PHRASE;

    const ZONDAX: &str = "equip will roof matter pink blind book anxiety banner elbow sun young";

    fn outcome(phrase: &str, target: Bip32Target, depth: u32) -> Bip32Outcome {
        find(&Phrase::parse(phrase).unwrap(), &Password::empty(), &target, depth, &Progress::default())
    }

    #[test]
    fn alith_is_found_at_the_first_ethereum_path() {
        let alith = EthereumAddress::parse("0xf24FF3a9CF04c71Dbc94D0b566f7A27B94566cac").unwrap();
        let Bip32Outcome::Found(found) = outcome(DEV_PHRASE, Bip32Target::Ethereum(alith), 5) else { panic!() };
        assert_eq!((found.kind, found.path.to_string()), (Bip32Kind::Ethereum, "m/44'/60'/0'/0/0".to_owned()));
    }

    #[test]
    fn a_ledger_account_is_found_on_kusama_at_a_later_account_and_index() {
        let path = Bip32Path::parse("m/44'/434'/2'/0'/37'").unwrap();
        let phrase = Phrase::parse(ZONDAX).unwrap();
        let account = super::super::ledger_keypair(&phrase, &Password::empty(), &path).unwrap().public().account_id();
        let Bip32Outcome::Found(found) = outcome(ZONDAX, Bip32Target::Ledger(account), 50) else { panic!() };
        assert_eq!((found.kind, found.path), (Bip32Kind::Ledger, path));
    }

    #[test]
    fn a_miss_tries_every_path_once() {
        let nobody = Bip32Target::Ledger(AccountId::from_bytes([7; 32]));
        assert_eq!(outcome(ZONDAX, nobody, 10), Bip32Outcome::Missed { tried: candidate_count(&nobody, 10) });
        let no_one = Bip32Target::Ethereum(EthereumAddress::from_bytes([7; 20]));
        assert_eq!(outcome(DEV_PHRASE, no_one, 70), Bip32Outcome::Missed { tried: 210 });
    }

    #[test]
    fn a_cancelled_search_says_so() {
        let progress = Progress::default();
        progress.cancel.store(true, Ordering::Relaxed);
        let nobody = Bip32Target::Ledger(AccountId::from_bytes([7; 32]));
        let phrase = Phrase::parse(ZONDAX).unwrap();
        let ended = find(&phrase, &Password::empty(), &nobody, 10, &progress);
        assert!(matches!(ended, Bip32Outcome::Cancelled { .. }), "{ended:?}");
    }
}
