//! `axia-signer backup …`: polkadot-js JSON backups from the command line, over the same
//! controllers as the app (`app::backup`).

use std::path::PathBuf;
use std::process::ExitCode;

use serde::Serialize;

use super::output::{finish, printable, CliError};
use super::store::pin_for;
use super::{prompt, Context};
use crate::app::backup::{self as controller, RestoreChoices};
use crate::db::{Account, GenesisHash, Store};
use crate::keys::backup::{AccountFile, StatedAddress};
use crate::keys::{ss58, BackupFile, Password, PublicKey, ScryptParams, Ss58Prefix};

#[derive(clap::Subcommand)]
pub enum BackupCommand {
    /// Decrypt and check a backup file and show what it holds (never a secret). The file's
    /// password is the first line of standard input (an empty line: no password).
    Inspect { file: PathBuf },
    /// Restore a backup file into the store as a new identity per account. Asks the file's
    /// password (for a list of files, none), each inner account's password for an "Export
    /// all" file or a list (an empty line: the file's), then the new PIN.
    Restore {
        file: PathBuf,
        /// Network (name, path id or genesis hash) for the accounts whose file names none, or
        /// one not in the catalogue; the others go under the network their file names.
        #[arg(long)]
        network: Option<String>,
        /// Name for the new identity (default: the file's name for the account).
        #[arg(long)]
        name: Option<String>,
    },
    /// Find a backup file's forgotten password from the password as remembered (first line
    /// of standard input; empty when --pieces is given) and/or the pieces it was built from.
    RecoverPassword(super::recover_password::RecoverPasswordArgs),
    /// Split an identity's phrase into Banana Split paper shares: one PNG page per share and a
    /// PDF of them all. Asks the PIN; prints the four-word passphrase once.
    Split(super::paper::SplitArgs),
    /// Recover an identity from Banana Split shares (images or QR texts). Asks the passphrase,
    /// then (unless --inspect) the BIP39 password if flagged, then the new PIN.
    Combine(super::paper::CombineArgs),
    /// Write one account to a polkadot-js backup file. Asks the PIN, the account password
    /// (if it has one), then the file's password.
    Export {
        /// The account's address (any SS58 prefix).
        account: String,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// The identity holding it, when the key is in more than one.
        #[arg(long)]
        identity: Option<String>,
        /// scrypt N = 2^17 (what polkadot-js writes today) instead of 2^15, which every reader accepts.
        #[arg(long)]
        strong: bool,
    },
    /// Write every account of an identity to one "Export all" file. Asks the PIN, each
    /// account password, then the file's password.
    ExportAll {
        identity: String,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        #[arg(long)]
        strong: bool,
    },
}

pub fn run(command: BackupCommand, context: &Context) -> ExitCode {
    let output = context.output;
    match command {
        BackupCommand::Inspect { file } => finish(inspect(&file), output, Inspected::text),
        BackupCommand::Restore { file, network, name } => {
            finish(restore(context, &file, network.as_deref(), name), output, RestoreReport::text)
        }
        BackupCommand::RecoverPassword(args) => {
            finish(super::recover_password::recover(context, args), output, super::recover_password::Report::text)
        }
        BackupCommand::Split(args) => {
            finish(super::paper::split(context, args), output, super::paper::SplitReport::text)
        }
        BackupCommand::Combine(args) => {
            finish(super::paper::combine(context, args), output, super::paper::CombineReport::text)
        }
        BackupCommand::Export { account, out, identity, strong } => {
            finish(export(context, &account, identity.as_deref(), &out, strong), output, ExportReport::text)
        }
        BackupCommand::ExportAll { identity, out, strong } => {
            finish(export_all(context, &identity, &out, strong), output, ExportReport::text)
        }
    }
}

fn params(strong: bool) -> ScryptParams {
    if strong {
        ScryptParams::STRONG
    } else {
        ScryptParams::COMPATIBLE
    }
}

#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum Inspected {
    Account {
        scheme: &'static str,
        public_key: String,
        /// The SS58 address; none for an Ethereum account, which has `address`.
        #[serde(skip_serializing_if = "Option::is_none")]
        ss58_address: Option<String>,
        /// An Ethereum account's EIP-55 address.
        #[serde(skip_serializing_if = "Option::is_none")]
        address: Option<String>,
        name: Option<String>,
        genesis_hash: Option<String>,
    },
    Batch {
        accounts: Vec<Listed>,
    },
}

#[derive(Serialize)]
struct Listed {
    ss58_address: String,
    name: Option<String>,
}

impl Inspected {
    fn text(&self) -> String {
        match self {
            Inspected::Account { scheme, public_key, ss58_address, address, name, genesis_hash } => {
                let address = match (ss58_address, address) {
                    (Some(ss58), _) => format!("SS58 Address:      {ss58}"),
                    (None, Some(eip55)) => format!("Address (EIP-55):  {eip55}"),
                    (None, None) => String::new(),
                };
                format!(
                    "One account, checked: the key inside gives the address the file states.\nName:              {}\nScheme:            {scheme}\nPublic key (hex):  {public_key}\n{address}\nGenesis hash:      {}\n",
                    name.as_deref().map_or_else(|| "(none)".to_owned(), printable),
                    genesis_hash.as_deref().unwrap_or("(any network)")
                )
            }
            Inspected::Batch { accounts } => {
                let mut text = format!("{} accounts, each still encrypted with its own password:\n", accounts.len());
                for account in accounts {
                    text.push_str(&format!(
                        "  {}  {}\n",
                        account.ss58_address,
                        printable(account.name.as_deref().unwrap_or(""))
                    ));
                }
                text
            }
        }
    }
}

/// The SS58 form of a stated address: as written, or for ecdsa's hex public key, its
/// account at the generic Substrate prefix (42), as polkadot-js shows it by default.
fn ss58_of(address: &StatedAddress, public: Option<&PublicKey>) -> String {
    match (address, public) {
        (StatedAddress::Ss58 { text, .. }, _) => text.clone(),
        (StatedAddress::Hex { .. }, Some(public)) => ss58::encode(Ss58Prefix::SUBSTRATE, &public.account_id()),
        (StatedAddress::Hex { public, text }, None) => PublicKey::from_bytes(crate::keys::Scheme::Ecdsa, public)
            .map(|key| ss58::encode(Ss58Prefix::SUBSTRATE, &key.account_id()))
            .unwrap_or_else(|| text.clone()),
    }
}

/// A listed account's address: SS58, or for an Ethereum file its EIP-55 address.
fn listed(file: &AccountFile) -> Listed {
    let ethereum = match &file.address {
        StatedAddress::Hex { public, .. } if file.is_ethereum() => {
            PublicKey::from_bytes(crate::keys::Scheme::Ecdsa, public)
                .and_then(|public| public.ethereum_address())
                .map(|address| address.to_string())
        }
        _ => None,
    };
    Listed { ss58_address: ethereum.unwrap_or_else(|| ss58_of(&file.address, None)), name: file.meta.name.clone() }
}

fn inspect(path: &std::path::Path) -> Result<Inspected, CliError> {
    let file = controller::read_file(path)?;
    let password = prompt::password("file password (empty: none)")?;
    Ok(match file {
        BackupFile::Account(file) => {
            let restored = file.decrypt(&password)?;
            let public = restored.keypair.public();
            let ethereum = restored.ethereum_address();
            Inspected::Account {
                scheme: if ethereum.is_some() { "ethereum" } else { public.scheme().as_str() },
                public_key: public.to_hex(),
                ss58_address: ethereum.is_none().then(|| ss58_of(&restored.address, Some(&public))),
                address: ethereum.map(|address| address.to_string()),
                name: restored.meta.name,
                genesis_hash: restored.meta.genesis_hash.map(|hash| GenesisHash(hash).to_hex()),
            }
        }
        BackupFile::Batch(batch) => {
            Inspected::Batch { accounts: batch.decrypt(&password)?.iter().map(listed).collect() }
        }
        // A plain list has no outer encryption: nothing to check with a password.
        BackupFile::Accounts(files) => Inspected::Batch { accounts: files.iter().map(listed).collect() },
    })
}

#[derive(Serialize)]
pub(super) struct RestoreReport {
    restored: Vec<RestoredAccount>,
    already_stored: Vec<String>,
}

#[derive(Serialize)]
struct RestoredAccount {
    identity: String,
    network: String,
    #[serde(flatten)]
    address: super::output::AccountAddress,
}

impl RestoreReport {
    pub(super) fn text(&self) -> String {
        let mut text = String::new();
        for account in &self.restored {
            let (identity, network) = (super::output::name(&account.identity), super::output::name(&account.network));
            text.push_str(&format!("Restored {identity} on {network}: {}\n", account.address.as_str()));
        }
        for existing in &self.already_stored {
            text.push_str(&format!("Already stored (left as it is): {}\n", super::output::name(existing)));
        }
        text.push_str("A backup holds a key, not a seed phrase: these accounts cannot derive new accounts.\n");
        text
    }
}

fn restore(
    context: &Context,
    path: &std::path::Path,
    network: Option<&str>,
    name: Option<String>,
) -> Result<RestoreReport, CliError> {
    restore_opened(context, controller::read_file(path)?, network, name, None)
}

/// Restores a file read; `known` is its password when found already (then not asked).
pub(super) fn restore_opened(
    context: &Context,
    file: BackupFile,
    network: Option<&str>,
    name: Option<String>,
    known: Option<&Password>,
) -> Result<RestoreReport, CliError> {
    let file_password = |what: &str| known.map_or_else(|| prompt::password(what), |password| Ok(password.clone()));
    let store = context.store()?;
    let network = network.map(|text| super::network::named(&store, text)).transpose()?;
    let (restored, already_stored) = match file {
        BackupFile::Account(file) => {
            let file_password = file_password("file password (empty: none)")?;
            let choices = RestoreChoices { network, name };
            // A wrong password is said before the new PIN is asked for.
            controller::check_account(&store, &file, &file_password, &choices)?;
            let pin = prompt::new_pin()?;
            (vec![controller::restore_account(&store, &file, &file_password, &pin, &choices)?], Vec::new())
        }
        BackupFile::Batch(batch) => {
            let file_password = file_password("file password")?;
            let inner = batch.decrypt(&file_password)?;
            restore_list(&store, &inner, Some(&file_password), network)?
        }
        // A plain list has no outer encryption: only each account's own password.
        BackupFile::Accounts(files) => restore_list(&store, &files, None, network)?,
    };
    let restored = restored
        .into_iter()
        .map(|restored| -> Result<RestoredAccount, CliError> {
            let account =
                store.account(restored.account)?.ok_or_else(|| CliError::UnknownAccount(restored.name.clone()))?;
            let network = store
                .network(restored.account.network)?
                .ok_or_else(|| CliError::UnknownNetworkName(restored.network.clone()))?;
            Ok(RestoredAccount {
                identity: restored.name,
                network: restored.network,
                address: super::output::AccountAddress::on(&network, &account.public_key),
            })
        })
        .collect::<Result<_, _>>()?;
    Ok(RestoreReport { restored, already_stored })
}

/// Asks each encrypted account's password in order, naming the account (an empty line: the
/// outer file's password, when there is one), then the PIN.
fn restore_list(
    store: &Store,
    files: &[AccountFile],
    outer: Option<&Password>,
    network: Option<GenesisHash>,
) -> Result<(Vec<controller::Restored>, Vec<String>), CliError> {
    let mut passwords = Vec::with_capacity(files.len());
    for (index, file) in files.iter().enumerate() {
        if !file.is_encrypted() {
            passwords.push(Password::empty());
            continue;
        }
        let name = printable(file.meta.name.as_deref().unwrap_or(file.address.text()));
        let same = if outer.is_some() { ", empty: the file's" } else { "" };
        let password = prompt::password(&format!("password of account {} ({name}{same})", index + 1))?;
        passwords.push(match (password.is_empty(), outer) {
            (true, Some(outer)) => outer.clone(),
            _ => password,
        });
    }
    controller::check_accounts(store, files, &mut |index, _| passwords[index].clone(), network)?;
    let pin = prompt::new_pin()?;
    let result = controller::restore_accounts(store, files, &mut |index, _| passwords[index].clone(), &pin, network)?;
    Ok((result.restored, result.already_stored))
}

#[derive(Serialize)]
struct ExportReport {
    file: String,
    accounts: Vec<String>,
    skipped: Vec<String>,
}

impl ExportReport {
    fn text(&self) -> String {
        let mut text = format!(
            "Wrote {} ({}).\n",
            self.file,
            crate::app::text::count_of(self.accounts.len(), "account", "accounts")
        );
        for name in &self.skipped {
            text.push_str(&format!("Skipped {name}: no account password given; export it on its own.\n"));
        }
        text
    }
}

fn export(
    context: &Context,
    address: &str,
    identity: Option<&str>,
    out: &std::path::Path,
    strong: bool,
) -> Result<ExportReport, CliError> {
    let store = context.store()?;
    let (identity, account) = super::account::at_address(&store, address, identity)?;
    let pin = pin_for(&store, identity.id)?;
    let secret = store.unlock(identity.id, &pin)?;
    let account_password = if account.has_password { prompt::password("account password")? } else { Password::empty() };
    let file_password = prompt::new_password("file password")?;
    let exported = controller::export_account_with(
        &store,
        &account,
        &secret,
        &account_password,
        &file_password,
        out,
        params(strong),
    )?;
    Ok(ExportReport { file: out.display().to_string(), accounts: vec![exported.ss58_address], skipped: Vec::new() })
}

fn export_all(
    context: &Context,
    identity: &str,
    out: &std::path::Path,
    strong: bool,
) -> Result<ExportReport, CliError> {
    let store = context.store()?;
    let identity = super::identity::named(&store, identity)?;
    let pin = pin_for(&store, identity.id)?;
    let secret = store.unlock(identity.id, &pin)?;
    // Account passwords are asked up front, in the order `account list` shows the accounts.
    let mut account_passwords = Vec::new();
    for account in store.accounts(identity.id, None)?.into_iter().filter(|account| account.has_password) {
        let what = format!("account password of {} ({})", account.name, account.path);
        account_passwords.push((account.key, prompt::password(&what)?));
    }
    let file_password = prompt::new_password("file password")?;
    let mut password_of = |account: &Account| {
        account_passwords.iter().find(|(key, _)| *key == account.key).map(|(_, password)| password.clone())
    };
    let result = controller::export_all_with(
        &store,
        identity.id,
        &secret,
        &mut password_of,
        &file_password,
        out,
        params(strong),
    )?;
    let mut accounts = Vec::new();
    for key in &result.exported {
        if let (Some(account), Some(network)) = (store.account(*key)?, store.network(key.network)?) {
            accounts.push(crate::app::account_card::address_on(&network, &account.public_key));
        }
    }
    Ok(ExportReport { file: out.display().to_string(), accounts, skipped: result.skipped })
}
