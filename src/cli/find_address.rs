//! `axia-signer find-address`: which key type and path of a phrase give an address.

use std::process::ExitCode;

use serde::Serialize;

use super::output::{finish, CliError};
use super::progress::with_bar;
use super::store::pin_for;
use super::{identity, prompt, Context};
use crate::app::find_address::{self as controller, FindError, DEFAULT_DEPTH, MAX_DEPTH, NEXT_STEPS};
use crate::db::IdentitySecret;
use crate::keys::bip32::search::{self as bip32_search, Bip32Kind, Bip32Outcome, Bip32Target};
use crate::keys::search::Outcome;
use crate::keys::{EthereumAddress, Password, Phrase};

#[derive(clap::Args)]
pub struct FindAddressArgs {
    /// The address to find: SS58 with any prefix (Substrate paths, then a Ledger's), or an
    /// Ethereum 0x address (MetaMask's and polkadot-js's Ethereum paths).
    address: String,
    /// Search this identity's phrase (asks its PIN). Without it, the phrase is asked
    /// (a terminal prompt, or the first line of standard input).
    #[arg(long)]
    identity: Option<String>,
    /// The phrase was used with a BIP39 password (asked after the phrase).
    #[arg(long, conflicts_with = "identity")]
    bip39_password: bool,
    /// i and j run below this (at most 1000: `//i/j` alone is depth² candidates); also the
    /// index i of `m/44'/60'/a'/0/i` and `m/44'/354'|434'/a'/0'/i'` (a below 3).
    #[arg(long, default_value_t = DEFAULT_DEPTH, value_parser = clap::value_parser!(u32).range(1..=i64::from(MAX_DEPTH)))]
    depth: u32,
}

#[derive(Serialize)]
struct Report {
    found: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    scheme: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<String>,
    /// Candidates tried before the answer (or all of them, on a miss).
    tried: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    next: Option<&'static str>,
}

impl Report {
    fn text(&self) -> String {
        match (self.scheme, &self.path) {
            (Some(scheme), Some(path)) => {
                let shown = if path.is_empty() { "the root (no derivation)" } else { path };
                format!("Found: {scheme}, path {shown}\n(after {} candidates)\n", self.tried)
            }
            _ => format!("Not found in {} candidates. Next: {}.\n", self.tried, NEXT_STEPS),
        }
    }
}

pub fn run(args: FindAddressArgs, context: &Context) -> ExitCode {
    finish(find(args, context), context.output, Report::text)
}

/// The phrase searched and its BIP39 password: the identity's (after its PIN), or typed.
fn phrase(args: &FindAddressArgs, context: &Context) -> Result<(Phrase, Password), CliError> {
    match &args.identity {
        Some(name) => {
            let store = context.store()?;
            let identity = identity::named(&store, name)?;
            let pin = pin_for(&store, identity.id)?;
            match store.unlock(identity.id, &pin)? {
                IdentitySecret::Phrase { phrase, password } => Ok((phrase, password)),
                IdentitySecret::ImportedKey { .. } => Err(CliError::NotAPhrase(identity.name)),
            }
        }
        None => {
            let phrase = identity::read_phrase()?;
            let password = if args.bip39_password { prompt::password("BIP39 password")? } else { Password::empty() };
            Ok((phrase, password))
        }
    }
}

/// An Ethereum address: only the Ethereum paths.
fn find_ethereum(args: &FindAddressArgs, context: &Context, address: EthereumAddress) -> Result<Report, CliError> {
    if args.bip39_password {
        return Err(CliError::EthereumWithoutPassword);
    }
    let (phrase, password) = phrase(args, context)?;
    let target = Bip32Target::Ethereum(address);
    let (outcome, tried) = with_bar(bip32_search::candidate_count(&target, args.depth), |progress| {
        controller::find_other_wallets(&phrase, &password, &target, args.depth, progress)
    });
    Ok(bip32_report(outcome, tried))
}

fn bip32_report(outcome: Bip32Outcome, tried: u64) -> Report {
    match outcome {
        Bip32Outcome::Found(found) => {
            let scheme = match found.kind {
                Bip32Kind::Ethereum => "ethereum",
                Bip32Kind::Ledger => "ed25519-ledger",
            };
            Report { found: true, scheme: Some(scheme), path: Some(found.path.to_string()), tried, next: None }
        }
        Bip32Outcome::Missed { tried } | Bip32Outcome::Cancelled { tried } => {
            Report { found: false, scheme: None, path: None, tried, next: Some(NEXT_STEPS) }
        }
    }
}

/// Which search gave the answer for an SS58 address.
enum Searched {
    Substrate(Outcome),
    /// The Substrate paths all missed; a Ledger's were tried next.
    Ledger(Bip32Outcome),
}

fn find(args: FindAddressArgs, context: &Context) -> Result<Report, CliError> {
    if let Some(ethereum) = controller::ethereum_target(&args.address) {
        let address =
            ethereum.map_err(|error| CliError::InvalidAddress(format!("not an Ethereum address: {error}")))?;
        return find_ethereum(&args, context, address);
    }
    let target = controller::target(&args.address).map_err(|error| match error {
        FindError::Address(error) => CliError::InvalidAddress(format!("not an address: {error}")),
        other => CliError::InvalidAddress(other.to_string()),
    })?;
    let (phrase, password) = phrase(&args, context)?;
    let seed = phrase.to_seed(&password);
    // Every catalogue network's path id, the user's own networks included; with a phrase
    // on standard input the store is not needed, so the built-in catalogue does when it
    // cannot be opened (the app holds it, or there is none yet).
    let space = match (context.store(), &args.identity) {
        (Ok(store), _) => controller::space(&store, args.depth)?,
        (Err(_), None) => controller::builtin_space(args.depth),
        (Err(error), Some(_)) => return Err(error),
    };
    // Substrate paths first (this app's, polkadot-js's, Polkadot Vault's), then a Ledger's.
    let ledger = Bip32Target::Ledger(target);
    let total = space.candidate_count() + bip32_search::candidate_count(&ledger, args.depth);
    let (searched, tried) = with_bar(total, |progress| match controller::find(&seed, &target, &space, progress) {
        Outcome::Missed { .. } => {
            Searched::Ledger(controller::find_other_wallets(&phrase, &password, &ledger, args.depth, progress))
        }
        other => Searched::Substrate(other),
    });
    let outcome = match searched {
        Searched::Substrate(outcome) => outcome,
        Searched::Ledger(outcome) => return Ok(bip32_report(outcome, tried)),
    };
    Ok(match outcome {
        Outcome::Found(found) => Report {
            found: true,
            scheme: Some(found.scheme.as_str()),
            path: Some(found.path.as_str().to_owned()),
            tried,
            next: None,
        },
        Outcome::Missed { tried } | Outcome::Cancelled { tried } => {
            Report { found: false, scheme: None, path: None, tried, next: Some(NEXT_STEPS) }
        }
    })
}
