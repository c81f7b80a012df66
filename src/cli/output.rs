//! Printing results and errors as text or as one JSON object.

use std::io::Write;
use std::process::ExitCode;

use serde::Serialize;

use crate::app::accounts::NewAccountError;
use crate::app::backup::search_position::PositionError;
use crate::app::backup::{ExportFailure, RestoreError};
use crate::app::onboarding::OnboardingError;
use crate::app::paper::scan::ScanError;
use crate::app::paper::{CombineError, SplitError};
use crate::db::{
    AddAccountError, AddIdentityError, NetworkError, OpenError, PinError, RenameError, StoreError, UnlockError,
};
use crate::keys::backup::recover::RecoverError;
use crate::keys::banana::BananaError;
use crate::keys::bip32::Bip32InspectError;
use crate::keys::repair::{RepairError, WrittenError};
use crate::keys::ss58::UnknownNetwork;
use crate::keys::PhraseError;
use crate::keys::{BackupError, InspectError, UnknownScheme};

/// A secret the user asked to see (a new or stored recovery phrase): printed, and wiped
/// from memory after. Never `Debug`.
pub struct Revealed(pub zeroize::Zeroizing<String>);

impl Serialize for Revealed {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl std::fmt::Display for Revealed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Text from outside (a backup file's account name) made safe to print on a terminal:
/// control and direction characters, which could rewrite what the terminal shows, become `?`.
pub fn printable(text: &str) -> String {
    text.chars().map(|c| if crate::db::names::is_refused(c) { '?' } else { c }).collect()
}

/// A stored name for a terminal: the characters the name rule refuses (control and
/// direction characters), if an older store holds any, shown as `\u{…}`.
pub fn name(text: &str) -> String {
    crate::db::names::escaped(text)
}

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
    AccountList(#[from] crate::app::account_list::AccountListError),
    /// `--bip39-password` for an Ethereum address, whose accounts are made without one.
    #[error("an Ethereum account is made from the words alone (polkadot-js and MetaMask use no BIP39 password for it): leave out --bip39-password")]
    EthereumWithoutPassword,
    /// `identity create --ledger`: a phrase made here did not come from a Ledger.
    #[error("a new phrase did not come from a Ledger: --ledger is for identity recover")]
    LedgerForNewPhrase,
    /// `network add --scheme ethereum` without the chain's id, which its QR codes carry.
    #[error("an ethereum network needs its EIP-155 chain id: add --chain-id (Moonbeam's is 1284)")]
    ChainIdNeeded,
    /// `--chain-id` for a Substrate network, which has none.
    #[error("only an ethereum network has a chain id: leave out --chain-id, or add --scheme ethereum")]
    ChainIdWithoutEthereum,
    /// An Ethereum or Ledger URI that gives no account.
    #[error(transparent)]
    Bip32(#[from] Bip32InspectError),
    #[error(transparent)]
    Network(#[from] UnknownNetwork),
    #[error("could not read the secret from standard input: {0}")]
    ReadInput(std::io::Error),
    #[error("standard input ended before the {0} was given")]
    MissingInput(String),
    /// A line of standard input longer than any secret; refused unread past the cap.
    #[error("the {what} given is longer than {max} bytes: nothing was read past that")]
    InputTooLong { what: String, max: usize },
    /// Standard output is closed or failed (a pipe whose reader left, a full disk).
    #[error("could not write to standard output: {0}")]
    WriteOutput(std::io::Error),
    #[error("the two entries of the {0} differ")]
    Mismatch(&'static str),
    #[error("a secret on the command line is visible to other users (ps, shell history): pass - and give it on standard input (only //Alice-style development URIs may be arguments)")]
    SecretInArgv,
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
    #[error(transparent)]
    Phrase(#[from] PhraseError),
    #[error(transparent)]
    Onboarding(#[from] OnboardingError),
    #[error(transparent)]
    NewAccount(#[from] NewAccountError),
    #[error(transparent)]
    Catalogue(#[from] NetworkError),
    #[error(transparent)]
    Rename(#[from] RenameError),
    #[error("{0} holds one key restored from a backup, not a seed phrase")]
    NotAPhrase(String),
    #[error(transparent)]
    Repair(#[from] RepairError),
    #[error(transparent)]
    Recover(#[from] RecoverError),
    #[error(transparent)]
    Banana(#[from] BananaError),
    #[error(transparent)]
    Scan(#[from] ScanError),
    #[error(transparent)]
    Split(#[from] SplitError),
    #[error(transparent)]
    Combine(#[from] CombineError),
    #[error(transparent)]
    Position(#[from] PositionError),
    /// A long password search needs a yes: at a terminal it is asked, from a script `--yes` gives it.
    #[error("this search may take up to {duration}: pass --yes to start it anyway, or give more of what you remember to make it shorter")]
    ConfirmationNeeded { duration: String },
    /// The pieces file of a password search could not be read.
    #[error("cannot read the pieces file {path}: {reason}")]
    PiecesFile { path: String, reason: String },
}

impl CliError {
    pub fn kind(&self) -> &'static str {
        match self {
            CliError::Inspect(error) => error.kind(),
            CliError::Scheme(_) => "invalid_scheme",
            CliError::Bip32(error) => error.kind(),
            CliError::EthereumWithoutPassword => "invalid_password",
            CliError::ChainIdNeeded | CliError::ChainIdWithoutEthereum => "invalid_network",
            CliError::LedgerForNewPhrase => "usage",
            CliError::AccountList(error) => error.kind(),
            CliError::Network(_) => "invalid_network",
            CliError::ReadInput(_) | CliError::MissingInput(_) => "input_error",
            CliError::InputTooLong { .. } => "input_too_long",
            CliError::WriteOutput(_) => "output_error",
            CliError::Mismatch(_) => "mismatch",
            CliError::NoDataDir => "no_data_dir",
            CliError::SecretInArgv => "secret_in_argv",
            CliError::Open(OpenError::InUse { .. }) => "store_in_use",
            CliError::Open(OpenError::SchemaTooNew { .. }) => "store_too_new",
            CliError::Open(OpenError::Damaged { .. }) => "store_damaged",
            CliError::Open(OpenError::NotDamaged) => "store_not_damaged",
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
            CliError::Phrase(error) => error.kind(),
            CliError::Onboarding(OnboardingError::Add(error)) => add_identity_kind(error),
            CliError::Onboarding(OnboardingError::UnknownNetwork) => "unknown_network",
            CliError::Onboarding(OnboardingError::Derive(error)) => error.kind(),
            CliError::Onboarding(OnboardingError::FirstAccount(error)) => new_account_kind(error),
            CliError::Onboarding(OnboardingError::LedgerOnEthereum { .. }) => "wrong_network",
            CliError::Onboarding(_) => "store",
            CliError::NewAccount(error) => new_account_kind(error),
            CliError::Catalogue(error) => network_kind(error),
            CliError::Rename(RenameError::InvalidName) => "invalid_name",
            CliError::Rename(RenameError::DuplicateName { .. }) => "duplicate_name",
            CliError::Rename(RenameError::UnknownIdentity) => "unknown_identity",
            CliError::Rename(_) => "store",
            CliError::NotAPhrase(_) => "not_a_phrase",
            CliError::Repair(error) => repair_kind(error),
            CliError::Recover(error) => error.kind(),
            CliError::Banana(error) => error.kind(),
            CliError::Scan(error) => error.kind(),
            CliError::Split(error) => error.kind(),
            CliError::Combine(error) => error.kind(),
            CliError::Position(PositionError::OtherSearch { .. }) => "resume_mismatch",
            CliError::Position(_) | CliError::PiecesFile { .. } => "io",
            CliError::ConfirmationNeeded { .. } => "confirmation_needed",
        }
    }
}

fn repair_kind(error: &RepairError) -> &'static str {
    match error {
        RepairError::Written(WrittenError::TooManyWords { .. }) | RepairError::WordCount { .. } => "word_count",
        RepairError::TooManyUnknownWords { .. } | RepairError::UnknownWordAndWrongCount { .. } => {
            "too_many_unknown_words"
        }
        _ => "input_error",
    }
}

fn add_identity_kind(error: &AddIdentityError) -> &'static str {
    match error {
        AddIdentityError::InvalidName => "invalid_name",
        AddIdentityError::DuplicateName { .. } => "duplicate_name",
        AddIdentityError::DuplicateSecret { .. } => "already_stored",
        AddIdentityError::Account(error) => add_account_kind(error),
        _ => "store",
    }
}

fn add_account_kind(error: &AddAccountError) -> &'static str {
    match error {
        AddAccountError::UnknownIdentity => "unknown_identity",
        AddAccountError::UnknownNetwork => "unknown_network",
        AddAccountError::UnknownAccount => "unknown_account",
        AddAccountError::EmptyName | AddAccountError::InvalidName(_) => "invalid_name",
        AddAccountError::DuplicatePath { .. } => "duplicate_path",
        _ => "store",
    }
}

fn new_account_kind(error: &NewAccountError) -> &'static str {
    match error {
        NewAccountError::Path(_) => "invalid_path",
        NewAccountError::Derive(error) => error.kind(),
        NewAccountError::NotAPhrase => "not_a_phrase",
        NewAccountError::OtherWallet(error) => error.kind(),
        NewAccountError::WrongKindOfNetwork { .. } => "wrong_network",
        NewAccountError::Add(error) => add_account_kind(error),
        _ => "store",
    }
}

fn network_kind(error: &NetworkError) -> &'static str {
    match error {
        NetworkError::UnknownNetwork => "unknown_network",
        NetworkError::InvalidName(_) => "invalid_name",
        NetworkError::DuplicateName { .. }
        | NetworkError::DuplicateGenesisHash { .. }
        | NetworkError::DuplicatePathId { .. } => "duplicate_network",
        NetworkError::Builtin { .. } => "builtin_network",
        NetworkError::HasAccounts { .. } => "network_in_use",
        NetworkError::Store(_) => "store",
        _ => "invalid_network",
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

/// The error object for `--output json`; if standard output is closed, the message goes
/// to standard error instead.
fn print_json_error(kind: &str, message: String) {
    let object = ErrorObject { error: ErrorBody { kind, message } };
    let line = serde_json::to_string(&object).expect("an error serialises") + "\n";
    if let Err(error) = write_stdout(&line) {
        print_error(&format!("{} ({error})", object.error.message));
    }
}

/// Writes `text` to standard output and flushes it. A closed pipe (`| true`, `| head`) is an
/// error to report, never a panic: `print!` would panic there.
pub fn write_stdout(text: &str) -> Result<(), CliError> {
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()).map_err(CliError::WriteOutput)
}

/// `error: <message>` on standard error. If even that is closed there is no one to tell.
pub fn print_error(message: &str) {
    let _ = writeln!(std::io::stderr().lock(), "error: {message}");
}

/// A success as one JSON line.
pub fn json_line<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("a result serialises") + "\n"
}

/// Prints a command's outcome: `text` renders a success for people, JSON for scripts.
/// A success that cannot be written (standard output closed) fails the command.
pub fn finish<T: Serialize>(result: Result<T, CliError>, output: Output, text: impl FnOnce(&T) -> String) -> ExitCode {
    let written = match (result, output) {
        (Ok(value), Output::Json) => write_stdout(&json_line(&value)),
        (Ok(value), Output::Text) => write_stdout(&text(&value)),
        (Err(error), Output::Json) => {
            print_json_error(error.kind(), error.to_string());
            return ExitCode::FAILURE;
        }
        (Err(error), Output::Text) => {
            print_error(&error.to_string());
            return ExitCode::FAILURE;
        }
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            print_error(&error.to_string());
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
        print_error(&format!("{message}\n\nFor more information, try '--help'."));
    }
    ExitCode::from(2)
}

/// An account's address as the JSON output names it: `ss58_address` on a Substrate network,
/// `address` (EIP-55, as `inspect --scheme ethereum` and `backup inspect` give it) on an
/// Ethereum one. Flattened into the object that holds it.
#[derive(Serialize, Clone, Debug)]
pub enum AccountAddress {
    #[serde(rename = "ss58_address")]
    Ss58(String),
    #[serde(rename = "address")]
    Ethereum(String),
}

impl AccountAddress {
    pub fn on(network: &crate::db::Network, public_key: &crate::keys::PublicKey) -> AccountAddress {
        let address = crate::app::account_card::address_on(network, public_key);
        match network.scheme {
            crate::db::NetworkScheme::Ethereum { .. } if address.starts_with("0x") => AccountAddress::Ethereum(address),
            _ => AccountAddress::Ss58(address),
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            AccountAddress::Ss58(address) | AccountAddress::Ethereum(address) => address,
        }
    }
}
