//! `axia-signer find-address`: which key type and path of a phrase give an address.

use std::process::ExitCode;

use serde::Serialize;

use super::output::{finish, CliError};
use super::progress::with_bar;
use super::store::pin_for;
use super::{identity, prompt, Context};
use crate::app::find_address::{
    self as controller, Request, SearchOutcome, Wanted, DEFAULT_DEPTH, MAX_DEPTH, NEXT_STEPS,
};
use crate::db::IdentitySecret;
use crate::keys::{Password, Phrase};

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

fn find(args: FindAddressArgs, context: &Context) -> Result<Report, CliError> {
    let wanted = Wanted::parse(&args.address).map_err(|error| CliError::InvalidAddress(error.to_string()))?;
    // Ethereum accounts are made from the words alone: a password would be ignored.
    if let (Wanted::Ethereum(_), true) = (wanted, args.bip39_password) {
        return Err(CliError::EthereumWithoutPassword);
    }
    let (phrase, password) = phrase(&args, context)?;
    // Every Substrate network's path id, the user's own networks included; with a phrase
    // on standard input the store is not needed, so the built-in catalogue does when it
    // cannot be opened (the app holds it, or there is none yet).
    let space = match (context.store(), &args.identity) {
        (Ok(store), _) => controller::space(&store, args.depth)?,
        (Err(_), None) => controller::builtin_space(args.depth),
        (Err(error), Some(_)) => return Err(error),
    };
    let request = Request { wanted, space };
    let (outcome, tried) =
        with_bar(request.candidates(), |progress| controller::search_phrase(&phrase, &password, &request, progress));
    Ok(match outcome {
        SearchOutcome::Found(found) => {
            Report { found: true, scheme: Some(found.scheme()), path: Some(found.path()), tried, next: None }
        }
        SearchOutcome::Missed { tried } | SearchOutcome::Cancelled { tried } => {
            Report { found: false, scheme: None, path: None, tried, next: Some(NEXT_STEPS) }
        }
    })
}
