//! `axia-signer account …`: list, add (the app's Add account controller) and show (the
//! app's account card, with its QR code drawn in the terminal).

use std::process::ExitCode;

use serde::Serialize;

use super::output::{self, finish, AccountAddress, CliError};
use super::store::pin_for;
use super::{identity, prompt, Context};
use crate::app::account_card::AccountCard;
use crate::app::accounts;
use crate::app::lookup::accounts_with_id;
use crate::db::{Account, AccountKey, Derivation, Identity, Network, Store};
use crate::keys::{ss58, EthereumAddress, PublicKey};

#[derive(clap::Subcommand)]
pub enum AccountCommand {
    /// Accounts (public data, no PIN), of one identity and/or on one network.
    List {
        #[arg(long)]
        identity: Option<String>,
        #[arg(long)]
        network: Option<String>,
    },
    /// Derive and store an account. Asks the PIN, then the account password with --password.
    Add {
        #[arg(long)]
        identity: String,
        #[arg(long)]
        network: String,
        /// `//hard/soft` path, without its `///password` (use --password for that); on an
        /// Ethereum network a BIP44 path (`m/44'/60'/0'/0/1`); a Ledger's `m/44'/354'/0'/0'/1'`.
        #[arg(long, allow_hyphen_values = true)]
        path: String,
        /// sr25519, ed25519, ecdsa, ethereum or ed25519-ledger; by default the network's
        /// (ethereum on an Ethereum network), and ed25519-ledger for a path from `m`.
        #[arg(long)]
        scheme: Option<String>,
        #[arg(long)]
        name: Option<String>,
        /// The account has a password (the `///password` of a Substrate URI); it is asked for.
        #[arg(long)]
        password: bool,
    },
    /// Write an identity's list of derived accounts to a file (no secret in it, no PIN):
    /// paths, names, networks, to bring them back after recovering the phrase.
    ExportList {
        identity: String,
        #[arg(long, value_name = "FILE")]
        out: std::path::PathBuf,
    },
    /// Derive again every account of a list (`export-list`) in a recovered identity. Asks the
    /// PIN, then the password of each listed account that has one (an empty line skips it).
    ImportList { identity: String, file: std::path::PathBuf },
    /// One account: address, path, and its QR code (`substrate:<address>:<genesis hash>`).
    Show {
        /// The account's address (any SS58 prefix).
        address: String,
        #[arg(long)]
        identity: Option<String>,
    },
}

pub fn run(command: AccountCommand, context: &Context) -> ExitCode {
    let output = context.output;
    match command {
        AccountCommand::List { identity, network } => {
            finish(list(context, identity.as_deref(), network.as_deref()), output, AccountList::text)
        }
        AccountCommand::Add { identity, network, path, scheme, name, password } => {
            let at = Place { network: &network, path: &path, scheme: scheme.as_deref() };
            finish(add(context, &identity, at, name.as_deref(), password), output, AccountRow::text)
        }
        AccountCommand::ExportList { identity, out } => {
            finish(super::account_list::export(context, &identity, &out), output, super::account_list::Exported::text)
        }
        AccountCommand::ImportList { identity, file } => {
            finish(super::account_list::import(context, &identity, &file), output, super::account_list::Imported::text)
        }
        AccountCommand::Show { address, identity } => {
            finish(show(context, &address, identity.as_deref()), output, Shown::text)
        }
    }
}

/// One account as every command prints it.
#[derive(Serialize)]
pub struct AccountRow {
    pub identity: String,
    pub name: String,
    pub network: String,
    pub path: String,
    pub has_password: bool,
    /// The key type, or how another wallet made it: `ethereum`, `ed25519-ledger`.
    pub scheme: &'static str,
    #[serde(flatten)]
    pub address: AccountAddress,
    /// Its secret key has been written to a backup file.
    pub exported: bool,
}

impl AccountRow {
    pub fn text(&self) -> String {
        let path = if self.path.is_empty() { "(root)" } else { &self.path };
        let password = if self.has_password { "///…" } else { "" };
        let exported = if self.exported { "  [exported]" } else { "" };
        format!(
            "{}  {}  {} {}{password}  {} ({}){exported}\n",
            self.address.as_str(),
            output::name(&self.name),
            output::name(&self.network),
            output::name(path),
            output::name(&self.identity),
            self.scheme
        )
    }
}

pub fn row(store: &Store, identity: &Identity, key: AccountKey) -> Result<AccountRow, CliError> {
    let account = store.account(key)?.ok_or_else(|| CliError::UnknownAccount(identity.name.clone()))?;
    row_of(store, identity, &account)
}

fn row_of(store: &Store, identity: &Identity, account: &Account) -> Result<AccountRow, CliError> {
    let network = store.network(account.key.network)?.ok_or_else(|| CliError::UnknownAccount(account.name.clone()))?;
    Ok(AccountRow {
        identity: identity.name.clone(),
        name: account.name.clone(),
        network: network.name.clone(),
        path: account.path.clone(),
        has_password: account.has_password,
        scheme: scheme_name(&network, account.derivation, &account.public_key),
        address: AccountAddress::on(&network, &account.public_key),
        exported: account.exported_ms.is_some(),
    })
}

/// The scheme as `inspect --scheme` names it: `ethereum` for any account on an Ethereum
/// network (a restored key too), `ed25519-ledger` for a Ledger's path, else the key type.
pub fn scheme_name(network: &Network, derivation: Derivation, public_key: &PublicKey) -> &'static str {
    let kind = match derivation {
        _ if network.is_ethereum() => accounts::KeyKind::Ethereum,
        Derivation::LedgerBip32Ed25519 => accounts::KeyKind::Ledger,
        _ => accounts::KeyKind::Substrate(public_key.scheme()),
    };
    kind.as_str()
}

#[derive(Serialize)]
struct AccountList {
    accounts: Vec<AccountRow>,
}

impl AccountList {
    fn text(&self) -> String {
        if self.accounts.is_empty() {
            return "No accounts.\n".to_owned();
        }
        self.accounts.iter().map(AccountRow::text).collect()
    }
}

fn list(context: &Context, identity: Option<&str>, network: Option<&str>) -> Result<AccountList, CliError> {
    let store = context.store()?;
    let network = network.map(|text| super::network::named(&store, text)).transpose()?;
    let identities = match identity {
        Some(name) => vec![identity::named(&store, name)?],
        None => store.identities()?,
    };
    let mut accounts = Vec::new();
    for identity in &identities {
        for account in store.accounts(identity.id, network)? {
            accounts.push(row_of(&store, identity, &account)?);
        }
    }
    Ok(AccountList { accounts })
}

/// Where `account add` puts the account, as typed.
struct Place<'a> {
    network: &'a str,
    path: &'a str,
    scheme: Option<&'a str>,
}

fn add(
    context: &Context,
    identity: &str,
    at: Place,
    name: Option<&str>,
    has_password: bool,
) -> Result<AccountRow, CliError> {
    let store = context.store()?;
    let identity = identity::named(&store, identity)?;
    let genesis = super::network::named(&store, at.network)?;
    let network = store.network(genesis)?.ok_or_else(|| CliError::UnknownNetworkName(at.network.to_owned()))?;
    let kind = match at.scheme {
        Some(scheme) => scheme.parse::<accounts::KeyKind>()?,
        None => accounts::KeyKind::inferred(&network, at.path),
    };
    // The path and the kind are checked before the PIN is asked: a typo should not cost a
    // PIN attempt.
    accounts::check_kind(&network, kind, at.path, has_password)?;
    let pin = pin_for(&store, identity.id)?;
    let secret = store.unlock(identity.id, &pin)?;
    let password = if has_password { prompt::password("account password")? } else { Default::default() };
    let name = name.map(str::to_owned).unwrap_or_else(|| format!("{} {}", network.name, at.path.trim()));
    let key = accounts::add_of_kind(&store, identity.id, &secret, (&network, kind), at.path, &password, &name)?;
    row(&store, &identity, key)
}

/// The stored account with this address (in `identity` when given): SS58, or `0x` and an
/// Ethereum account's H160 (an account on an Ethereum network). One key can sit on several
/// networks (the same path on Westend and on Polkadot): the address's SS58 prefix picks the
/// network when it can; otherwise any of them is the same key.
pub fn at_address(store: &Store, address: &str, identity: Option<&str>) -> Result<(Identity, Account), CliError> {
    if address.trim().starts_with("0x") {
        let wanted =
            EthereumAddress::parse(address.trim()).map_err(|error| CliError::InvalidAddress(error.to_string()))?;
        let found = crate::app::lookup::ethereum_accounts(store, &wanted)?;
        return one_identity(store, address, identity, found);
    }
    let (prefix, account_id) =
        ss58::decode(address.trim()).map_err(|error| CliError::InvalidAddress(error.to_string()))?;
    let mut found = accounts_with_id(store, &account_id)?;
    found.retain(|(_, account)| store.network(account.key.network).ok().flatten().is_some_and(|n| !n.is_ethereum()));
    if let Some(name) = identity {
        let wanted = identity::named(store, name)?;
        found.retain(|(identity, _)| identity.id == wanted.id);
    }
    let on_prefix: Vec<usize> = (0..found.len())
        .filter(|&i| store.network(found[i].1.key.network).ok().flatten().is_some_and(|n| n.ss58_prefix == prefix))
        .collect();
    if !on_prefix.is_empty() {
        found = on_prefix.into_iter().map(|i| found[i].clone()).collect();
    }
    one_identity(store, address, None, found)
}

/// The one identity's account among `found` (those of `identity` when given).
fn one_identity(
    store: &Store,
    address: &str,
    identity: Option<&str>,
    mut found: Vec<(Identity, Account)>,
) -> Result<(Identity, Account), CliError> {
    if let Some(name) = identity {
        let wanted = identity::named(store, name)?;
        found.retain(|(identity, _)| identity.id == wanted.id);
    }
    let mut identities: Vec<_> = found.iter().map(|(identity, _)| identity.id).collect();
    identities.dedup();
    match identities.len() {
        0 => Err(CliError::UnknownAccount(address.trim().to_owned())),
        1 => Ok(found.remove(0)),
        count => Err(CliError::AmbiguousAccount { address: address.trim().to_owned(), count }),
    }
}

#[derive(Serialize)]
struct Shown {
    #[serde(flatten)]
    account: AccountRow,
    public_key: String,
    qr_payload: String,
    #[serde(skip)]
    qr_text: String,
}

impl Shown {
    fn text(&self) -> String {
        format!("{}Public key: {}\n{}\n{}\n", self.account.text(), self.public_key, self.qr_text, self.qr_payload)
    }
}

fn show(context: &Context, address: &str, identity: Option<&str>) -> Result<Shown, CliError> {
    let store = context.store()?;
    let (identity, account) = at_address(&store, address, identity)?;
    let card = AccountCard::load(&store, account.key)?.ok_or_else(|| CliError::UnknownAccount(address.to_owned()))?;
    Ok(Shown {
        public_key: account.public_key.to_hex(),
        qr_text: qr_text(&card.qr_payload),
        qr_payload: card.qr_payload,
        account: row_of(&store, &identity, &account)?,
    })
}

/// The QR code in half-block characters (two modules per character cell), dark on light,
/// with a quiet zone so phone cameras read it off a dark terminal too.
fn qr_text(payload: &str) -> String {
    use qrcode::render::unicode::Dense1x2;
    match qrcode::QrCode::new(payload.as_bytes()) {
        Ok(code) => {
            code.render::<Dense1x2>().dark_color(Dense1x2::Light).light_color(Dense1x2::Dark).quiet_zone(true).build()
        }
        Err(_) => String::new(),
    }
}
