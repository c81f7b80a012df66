//! One search over every family of accounts a phrase can hold: an Ethereum address among
//! MetaMask's paths; an SS58 address among the Substrate paths (this app's, polkadot-js's,
//! Polkadot Vault's), then a Ledger's. The app and the command line both run this.

use std::sync::atomic::Ordering;

use super::FindError;
use crate::app::accounts::KeyKind;
use crate::keys::bip32::search::{self as bip32, Bip32Found, Bip32Kind, Bip32Outcome, Bip32Target};
use crate::keys::search::{self, Found, Outcome, Progress, SearchSpace};
use crate::keys::{ss58, AccountId, EthereumAddress, Password, Phrase, PublicKey};

/// The address searched for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wanted {
    /// An SS58 address (any prefix), as its account id.
    Account(AccountId),
    /// An Ethereum (H160) address.
    Ethereum(EthereumAddress),
}

impl Wanted {
    /// `0x` and 40 hex digits is an Ethereum address (its EIP-55 checksum checked when it
    /// has mixed case; SS58 never starts so); anything else must be SS58.
    pub fn parse(address: &str) -> Result<Wanted, FindError> {
        let address = address.trim();
        if address.starts_with("0x") {
            return Ok(Wanted::Ethereum(EthereumAddress::parse(address)?));
        }
        Ok(Wanted::Account(ss58::decode(address)?.1))
    }

    /// Whether `key` is the account searched for.
    pub fn is(&self, key: &PublicKey) -> bool {
        match self {
            Wanted::Account(account) => key.account_id() == *account,
            Wanted::Ethereum(address) => key.ethereum_address().as_ref() == Some(address),
        }
    }
}

/// Where the address was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FoundAt {
    /// A key type at a Substrate path.
    Substrate(Found),
    /// Another wallet's BIP32 path: MetaMask's or a Ledger's.
    OtherWallet(Bip32Found),
}

impl From<Found> for FoundAt {
    fn from(found: Found) -> FoundAt {
        FoundAt::Substrate(found)
    }
}

impl FoundAt {
    /// The scheme as `inspect --scheme` names it.
    pub fn scheme(&self) -> &'static str {
        self.kind().as_str()
    }

    /// The kind of key it is, as the account form adds one.
    pub fn kind(&self) -> KeyKind {
        match self {
            FoundAt::Substrate(found) => KeyKind::Substrate(found.scheme),
            FoundAt::OtherWallet(Bip32Found { kind: Bip32Kind::Ethereum, .. }) => KeyKind::Ethereum,
            FoundAt::OtherWallet(Bip32Found { kind: Bip32Kind::Ledger, .. }) => KeyKind::Ledger,
        }
    }

    /// The path as typed in the account form (`""` for the root).
    pub fn path(&self) -> String {
        match self {
            FoundAt::Substrate(found) => found.path.as_str().to_owned(),
            FoundAt::OtherWallet(found) => found.path.to_string(),
        }
    }
}

/// How a search ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SearchOutcome {
    Found(FoundAt),
    Missed { tried: u64 },
    Cancelled { tried: u64 },
}

/// A search as asked: what it looks for, and the Substrate paths and depth to try.
#[derive(Debug, Clone)]
pub struct Request {
    pub wanted: Wanted,
    pub space: SearchSpace,
}

impl Request {
    /// Every candidate the search may try, for its progress bar.
    pub fn candidates(&self) -> u64 {
        match self.wanted {
            Wanted::Ethereum(address) => bip32::candidate_count(&Bip32Target::Ethereum(address), self.space.depth),
            Wanted::Account(account) => {
                self.space.candidate_count() + bip32::candidate_count(&Bip32Target::Ledger(account), self.space.depth)
            }
        }
    }
}

/// Searches `phrase` (with its BIP39 password: a Ledger's 25th word; Ethereum accounts are
/// made without one, as polkadot-js and MetaMask make them) on every core, stopping at the
/// first match or when `progress.cancel` is set. Blocking: call it off the UI thread.
pub fn search_phrase(phrase: &Phrase, password: &Password, request: &Request, progress: &Progress) -> SearchOutcome {
    let depth = request.space.depth;
    let account = match request.wanted {
        Wanted::Ethereum(address) => {
            return other_wallet(bip32::find(phrase, password, &Bip32Target::Ethereum(address), depth, progress))
        }
        Wanted::Account(account) => account,
    };
    match search::find(&phrase.to_seed(password), &account, &request.space, progress) {
        Outcome::Found(found) => SearchOutcome::Found(found.into()),
        Outcome::Cancelled { tried } => SearchOutcome::Cancelled { tried },
        // Every Substrate path missed: a Ledger's next, counted on from there.
        Outcome::Missed { .. } if !progress.cancel.load(Ordering::Relaxed) => {
            other_wallet(bip32::find(phrase, password, &Bip32Target::Ledger(account), depth, progress))
        }
        Outcome::Missed { tried } => SearchOutcome::Cancelled { tried },
    }
}

fn other_wallet(outcome: Bip32Outcome) -> SearchOutcome {
    match outcome {
        Bip32Outcome::Found(found) => SearchOutcome::Found(FoundAt::OtherWallet(found)),
        Bip32Outcome::Missed { tried } => SearchOutcome::Missed { tried },
        Bip32Outcome::Cancelled { tried } => SearchOutcome::Cancelled { tried },
    }
}
