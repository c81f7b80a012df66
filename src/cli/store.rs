//! `axia-signer store rebuild`: for a store refused as damaged, set its damaged files aside
//! and rebuild every identity from its sealed copies. And what every command does on open:
//! tell the user what the store mended, and wait out a PIN lockout before asking a PIN.

use std::process::ExitCode;
use std::time::Duration;

use serde::Serialize;

use super::output::{finish, printable, CliError};
use super::{prompt, Context};
use crate::db::{wait_text, IdentityId, Pin, Store, StoreOptions};

#[derive(clap::Subcommand)]
pub enum StoreCommand {
    /// Set a damaged store's files aside (kept in `damaged-<time>/`) and rebuild every
    /// identity, with the accounts it was created with, from its sealed copies.
    Rebuild,
}

#[derive(Serialize)]
struct Rebuilt {
    /// What was rebuilt or mended, in words.
    repairs: Vec<String>,
    /// Where the damaged files were kept.
    kept: Option<String>,
}

pub fn run(command: StoreCommand, context: &Context) -> ExitCode {
    match command {
        StoreCommand::Rebuild => finish(rebuild(context), context.output, |rebuilt: &Rebuilt| {
            let mut text: String = rebuilt.repairs.iter().map(|r| format!("{r}\n")).collect();
            if let Some(kept) = &rebuilt.kept {
                text.push_str(&format!("The damaged files are kept in {kept}.\n"));
            }
            text
        }),
    }
}

fn rebuild(context: &Context) -> Result<Rebuilt, CliError> {
    let store = Store::rebuild(&context.data_dir()?, StoreOptions::default())?;
    Ok(Rebuilt {
        repairs: store.repairs().iter().map(|r| printable(&r.to_string())).collect(),
        kept: store.kept_damaged().map(|dir| dir.display().to_string()),
    })
}

/// Tells the user, on standard error, what opening the store mended.
pub fn report_repairs(store: &Store) {
    for repair in store.repairs() {
        eprintln!("note: {}", printable(&repair.to_string()));
    }
    if let Some(kept) = store.kept_damaged() {
        eprintln!("note: the store's files as they were found are kept in {}", kept.display());
    }
}

/// The PIN of an identity, asked once any lockout wait has passed. The wait only counts
/// down while AXIA Signer runs, so the command waits it out here, saying so.
pub fn pin_for(store: &Store, identity: IdentityId) -> Result<Pin, CliError> {
    let mut remaining = store.lockout_remaining(identity)?;
    if !remaining.is_zero() {
        eprintln!(
            "Too many wrong PINs: waiting {} before the next try (the wait passes only while AXIA Signer runs; Ctrl-C stops).",
            wait_text(remaining)
        );
    }
    while !remaining.is_zero() {
        std::thread::sleep(remaining.min(Duration::from_secs(1)));
        remaining = store.lockout_remaining(identity)?;
    }
    prompt::pin()
}
