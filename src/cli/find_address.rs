//! `axia-signer find-address`: which key type and path of a phrase give an address.

use std::process::ExitCode;

use serde::Serialize;

use super::output::{finish, CliError};
use super::progress::with_bar;
use super::store::pin_for;
use super::{identity, prompt, Context};
use crate::app::find_address::{self as controller, FindError, DEFAULT_DEPTH, MAX_DEPTH, NEXT_STEPS};
use crate::keys::search::Outcome;
use crate::keys::{Password, Seed};

#[derive(clap::Args)]
pub struct FindAddressArgs {
    /// The address to find, with any SS58 prefix.
    address: String,
    /// Search this identity's phrase (asks its PIN). Without it, the phrase is asked
    /// (a terminal prompt, or the first line of standard input).
    #[arg(long)]
    identity: Option<String>,
    /// The phrase was used with a BIP39 password (asked after the phrase).
    #[arg(long, conflicts_with = "identity")]
    bip39_password: bool,
    /// i and j run below this (at most 1000: `//i/j` alone is depth² candidates).
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

fn seed(args: &FindAddressArgs, context: &Context) -> Result<Seed, CliError> {
    match &args.identity {
        Some(name) => {
            let store = context.store()?;
            let identity = identity::named(&store, name)?;
            let pin = pin_for(&store, identity.id)?;
            let secret = store.unlock(identity.id, &pin)?;
            controller::seed_of(&secret).map_err(|_| CliError::NotAPhrase(identity.name))
        }
        None => {
            let phrase = identity::read_phrase()?;
            let password = if args.bip39_password { prompt::password("BIP39 password")? } else { Password::empty() };
            Ok(phrase.to_seed(&password))
        }
    }
}

fn find(args: FindAddressArgs, context: &Context) -> Result<Report, CliError> {
    let target = controller::target(&args.address).map_err(|error| match error {
        FindError::Address(error) => CliError::InvalidAddress(format!("not an address: {error}")),
        other => CliError::InvalidAddress(other.to_string()),
    })?;
    let seed = seed(&args, context)?;
    // Every catalogue network's path id, the user's own networks included; with a phrase
    // on standard input the store is not needed, so the built-in catalogue does when it
    // cannot be opened (the app holds it, or there is none yet).
    let space = match (context.store(), &args.identity) {
        (Ok(store), _) => controller::space(&store, args.depth)?,
        (Err(_), None) => controller::builtin_space(args.depth),
        (Err(error), Some(_)) => return Err(error),
    };
    let (outcome, tried) =
        with_bar(space.candidate_count(), |progress| controller::find(&seed, &target, &space, progress));
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
