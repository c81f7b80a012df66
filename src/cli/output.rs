//! Printing results and errors as text or as one JSON object.

use std::process::ExitCode;

use serde::Serialize;

use crate::app::backup::{ExportFailure, RestoreError};
use crate::db::{OpenError, PinError, StoreError, UnlockError};
use crate::keys::ss58::UnknownNetwork;
use crate::keys::{BackupError, InspectError, UnknownScheme};

/// How a command prints its result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Output {
    Text,
    Json,
}

/// Everything a command can fail with, each with a stable `kind` for scripts.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CliError {
    #[error(transparent)]
    Inspect(#[from] InspectError),
    #[error(transparent)]
    Scheme(#[from] UnknownScheme),
    #[error(transparent)]
    Network(#[from] UnknownNetwork),
    #[error("could not read the secret from standard input: {0}")]
    ReadInput(std::io::Error),
    #[error("standard input ended before {0} was given")]
    MissingInput(&'static str),
    #[error("the two entries of the {0} differ")]
    Mismatch(&'static str),
    #[error("no data directory could be found for this user; pass --data-dir")]
    NoDataDir,
    #[error(transparent)]
    Open(#[from] OpenError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Pin(#[from] PinError),
    #[error(transparent)]
    Unlock(#[from] UnlockError),
    #[error(transparent)]
    Backup(#[from] BackupError),
    #[error(transparent)]
    Restore(#[from] RestoreError),
    #[error(transparent)]
    Export(#[from] ExportFailure),
    #[error("no identity named {0:?} (see `identity list`)")]
    UnknownIdentity(String),
    #[error("no network {0:?} in the catalogue (see `network list`)")]
    UnknownNetworkName(String),
    #[error("no stored account has the address {0} (see `account list`)")]
    UnknownAccount(String),
    #[error("{0}")]
    InvalidAddress(String),
    #[error("the address {address} is in {count} identities: say which with --identity")]
    AmbiguousAccount { address: String, count: usize },
}

impl CliError {
    pub fn kind(&self) -> &'static str {
        match self {
            CliError::Inspect(error) => error.kind(),
            CliError::Scheme(_) => "invalid_scheme",
            CliError::Network(_) => "invalid_network",
            CliError::ReadInput(_) | CliError::MissingInput(_) => "input_error",
            CliError::Mismatch(_) => "mismatch",
            CliError::NoDataDir => "no_data_dir",
            CliError::Open(OpenError::InUse { .. }) => "store_in_use",
            CliError::Open(OpenError::SchemaTooNew { .. }) => "store_too_new",
            CliError::Open(_) | CliError::Store(_) => "store",
            CliError::Pin(_) => "invalid_pin",
            CliError::Unlock(error) => unlock_kind(error),
            CliError::Backup(error) => error.kind(),
            CliError::Restore(error) => error.kind(),
            CliError::Export(error) => error.kind(),
            CliError::UnknownIdentity(_) => "unknown_identity",
            CliError::UnknownAccount(_) => "unknown_account",
            CliError::UnknownNetworkName(_) => "unknown_network",
            CliError::InvalidAddress(_) => "invalid_address",
            CliError::AmbiguousAccount { .. } => "ambiguous_account",
        }
    }
}

fn unlock_kind(error: &UnlockError) -> &'static str {
    match error {
        UnlockError::WrongPin { .. } => "wrong_pin",
        UnlockError::LockedOut { .. } => "locked_out",
        UnlockError::UnknownIdentity => "unknown_identity",
        _ => "store",
    }
}

#[derive(Serialize)]
struct ErrorBody<'a> {
    kind: &'a str,
    message: String,
}

#[derive(Serialize)]
struct ErrorObject<'a> {
    error: ErrorBody<'a>,
}

fn print_json_error(kind: &str, message: String) {
    let object = ErrorObject { error: ErrorBody { kind, message } };
    println!("{}", serde_json::to_string(&object).expect("an error serialises"));
}

/// Prints a command's outcome: `text` renders a success for people, JSON for scripts.
pub fn finish<T: Serialize>(result: Result<T, CliError>, output: Output, text: impl FnOnce(&T) -> String) -> ExitCode {
    match (result, output) {
        (Ok(value), Output::Json) => {
            println!("{}", serde_json::to_string(&value).expect("a result serialises"));
            ExitCode::SUCCESS
        }
        (Ok(value), Output::Text) => {
            print!("{}", text(&value));
            ExitCode::SUCCESS
        }
        (Err(error), Output::Json) => {
            print_json_error(error.kind(), error.to_string());
            ExitCode::FAILURE
        }
        (Err(error), Output::Text) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

/// A command line clap could not parse (or `--help`/`--version`, which are not errors).
///
/// clap's own messages quote what was typed ("unexpected argument 'drive'"), which is a
/// phrase word when someone types a phrase unquoted, so those are replaced by a message
/// that names the problem but not the text.
pub fn usage_error(error: clap::Error, json: bool) -> ExitCode {
    use clap::error::ErrorKind;
    let message = match error.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = error.print();
            return ExitCode::SUCCESS;
        }
        ErrorKind::MissingRequiredArgument | ErrorKind::MissingSubcommand => {
            // These name only the command's own arguments: safe, and more helpful.
            let rendered = error.render().to_string();
            let lines: Vec<&str> = rendered
                .lines()
                .take_while(|line| !line.starts_with("Usage:"))
                .map(|line| line.trim().trim_start_matches("error: "))
                .filter(|line| !line.is_empty())
                .collect();
            lines.join(" ")
        }
        ErrorKind::UnknownArgument => {
            "unexpected argument (a seed phrase goes on standard input with -, not on the command line)".to_owned()
        }
        ErrorKind::InvalidSubcommand => "unknown command".to_owned(),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => "an option has a value it does not accept".to_owned(),
        _ => "the command line is not valid".to_owned(),
    };
    if json {
        print_json_error("usage", message);
    } else {
        eprintln!("error: {message}\n\nFor more information, try '--help'.");
    }
    ExitCode::from(2)
}
