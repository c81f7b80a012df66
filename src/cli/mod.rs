//! The command line. Each command prints one JSON object with `--output json`, or an
//! `{"error":{"kind":…,"message":…}}` object and a non-zero exit code.

mod account;
mod account_list;
mod backup;
mod find_address;
mod history;
mod identity;
mod inspect;
mod network;
mod output;
mod paper;
mod progress;
mod prompt;
mod recover_password;
mod repair_phrase;
mod store;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

pub use output::{CliError, Output};

#[derive(Parser)]
#[command(name = "axia-signer", version, about = "Back up and restore accounts on Substrate networks")]
struct Cli {
    /// Where the identity store lives (default: the user's data directory).
    #[arg(long, global = true, value_name = "DIR")]
    data_dir: Option<std::path::PathBuf>,
    /// `json` prints exactly one JSON object on standard output (errors too).
    #[arg(long, global = true, value_enum, default_value_t = Output::Text)]
    output: Output,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Show the public key and address of a secret URI (like `subkey inspect`).
    Inspect(inspect::InspectArgs),
    /// Identities: list, create, recover, rename, delete, show-phrase, change-pin.
    #[command(subcommand)]
    Identity(identity::IdentityCommand),
    /// Accounts: list, add, show.
    #[command(subcommand)]
    Account(account::AccountCommand),
    /// The network catalogue: list, add, remove.
    #[command(subcommand)]
    Network(network::NetworkCommand),
    /// The security log.
    History(history::HistoryArgs),
    /// polkadot-js JSON backup files: inspect, restore, export.
    #[command(subcommand)]
    Backup(backup::BackupCommand),
    /// Which key type and derivation path of a phrase give an address.
    FindAddress(find_address::FindAddressArgs),
    /// Repair a phrase written down wrong (a misspelled, wrong, missing, extra or swapped
    /// word) from the address it should give; the phrase as written on standard input.
    RepairPhrase(repair_phrase::RepairPhraseArgs),
    /// The store itself: rebuild a damaged one from its sealed copies.
    #[command(subcommand)]
    Store(store::StoreCommand),
    /// Whether core dumps are off and the process is not dumpable (for tests; hidden).
    #[command(hide = true)]
    ProcessStatus,
}

/// What every command gets: where the store is and how to print.
pub struct Context {
    pub output: Output,
    data_dir: Option<std::path::PathBuf>,
}

impl Context {
    /// Opens the store in `--data-dir`, or the app's own in the user's data directory, and
    /// says on standard error what opening it mended.
    pub fn store(&self) -> Result<crate::db::Store, CliError> {
        let store = crate::db::Store::open(&self.data_dir()?)?;
        store::report_repairs(&store);
        Ok(store)
    }

    pub fn data_dir(&self) -> Result<std::path::PathBuf, CliError> {
        self.data_dir.clone().or_else(crate::app::default_data_dir).ok_or(CliError::NoDataDir)
    }
}

/// Parses the process's arguments and runs the command.
pub fn main() -> Launch {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => return output::usage_error(error, wants_json(std::env::args())).into(),
    };
    let context = Context { output: cli.output, data_dir: cli.data_dir.clone() };
    match cli.command {
        Some(Command::Inspect(args)) => inspect::run(args, context.output),
        Some(Command::Identity(command)) => identity::run(command, &context),
        Some(Command::Account(command)) => account::run(command, &context),
        Some(Command::Network(command)) => network::run(command, &context),
        Some(Command::History(args)) => history::run(args, &context),
        Some(Command::Backup(command)) => backup::run(command, &context),
        Some(Command::FindAddress(args)) => find_address::run(args, &context),
        Some(Command::RepairPhrase(args)) => repair_phrase::run(args, &context),
        Some(Command::Store(command)) => store::run(command, &context),
        Some(Command::ProcessStatus) => {
            output::finish(Ok(crate::hardening::status()), context.output, |status| format!("{status:?}\n"))
        }
        None => {
            let Some(data_dir) = cli.data_dir.or_else(crate::app::default_data_dir) else {
                output::print_error("no data directory could be found for this user; pass --data-dir");
                return Launch::Done(ExitCode::FAILURE);
            };
            return Launch::Window { data_dir };
        }
    }
    .into()
}

/// What the command line decided: it ran a command, or the app window is wanted.
pub enum Launch {
    Done(ExitCode),
    /// No command was given: the window, over the store in `data_dir`.
    Window {
        data_dir: std::path::PathBuf,
    },
}

impl From<ExitCode> for Launch {
    fn from(code: ExitCode) -> Launch {
        Launch::Done(code)
    }
}

/// Says why the window could not run, as every command says its errors.
pub fn report(message: &str) -> ExitCode {
    output::print_error(message);
    ExitCode::FAILURE
}

/// Whether `--output json` was asked for, read from the raw arguments so that even a
/// usage error can answer in JSON.
fn wants_json(args: impl Iterator<Item = String>) -> bool {
    let args: Vec<String> = args.collect();
    args.windows(2).any(|pair| pair[0] == "--output" && pair[1] == "json") || args.iter().any(|a| a == "--output=json")
}
