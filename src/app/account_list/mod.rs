//! "Export account list" and "Import account list": an identity's derived accounts as a file
//! that holds no secret (Polkadot Vault #738). After a phrase is recovered, the paths, names and
//! networks of the accounts made from it are what is lost; this file brings them back.
//!
//! The file (`version` 1), JSON:
//! `{"format":"axia-signer-account-list","version":1,"root_scheme":"sr25519","root_public_key":"0x…",
//! "accounts":[{"network":"0x<genesis hash>","network_name":"Polkadot","scheme":"sr25519",
//! "derivation":"substrate","path":"//polkadot","has_password":false,"public_key":"0x…",
//! "name":"…","created_ms":…}]}`. The path never holds a `///password`; `has_password` says
//! there was one. The root public key is the identity's, so a list from another phrase (or
//! another BIP39 password) is refused before anything is derived.

mod import;

use std::path::Path;

use serde::{Deserialize, Serialize};

pub use import::{import_list, ImportReport, SkipReason, Skipped};

use crate::app::backup::{write_new_file, ExportFailure};
use crate::db::{Derivation, IdentityId, IdentityKind, Store, StoreError};

/// What the file says it is.
pub const FORMAT: &str = "axia-signer-account-list";
/// The version written, and the only one read.
pub const VERSION: u32 = 1;
/// The largest list read: thousands of accounts are far below it.
pub const MAX_LIST_BYTES: u64 = 4 * 1024 * 1024;

/// Why a list could not be written, read or imported. Nothing was changed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum AccountListError {
    /// The identity is gone (deleted meanwhile): choose it again.
    #[error("no such identity")]
    UnknownIdentity,
    /// The identity holds one key restored from a backup: it has no derived accounts.
    #[error(
        "this identity holds one key restored from a backup, not a seed phrase: it has no list of derived accounts"
    )]
    NotAPhrase,
    /// The file could not be read.
    #[error("cannot read {path}: {reason}")]
    Read { path: String, reason: String },
    /// Not an account list of this app (or damaged): choose the file "Export account list" wrote.
    #[error("not an AXIA Signer account list: {problem}")]
    Malformed { problem: String },
    /// A list written by a newer version: update the app.
    #[error("account list version {found} is newer than this app reads (version {VERSION}): update the app")]
    UnsupportedVersion { found: u64 },
    /// The list is of another phrase (or the same words with another BIP39 password): import
    /// it into the identity recovered from that phrase.
    #[error("this list is of another identity (its root key is {listed}): import it into the identity recovered from the phrase it was made from")]
    WrongIdentity { listed: String },
    /// The store refused the accounts (a name it does not take): nothing was added.
    #[error("nothing was added: {0}")]
    Add(#[from] crate::db::AddAccountError),
    /// The list could not be written (the file exists, the folder is missing, the disk is full).
    #[error(transparent)]
    Write(#[from] ExportFailure),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl AccountListError {
    /// A stable name for scripts.
    pub fn kind(&self) -> &'static str {
        match self {
            AccountListError::UnknownIdentity => "unknown_identity",
            AccountListError::NotAPhrase => "not_a_phrase",
            AccountListError::Read { .. } => "io",
            AccountListError::Malformed { .. } => "malformed",
            AccountListError::UnsupportedVersion { .. } => "unsupported_version",
            AccountListError::WrongIdentity { .. } => "wrong_identity",
            AccountListError::Write(error) => error.kind(),
            AccountListError::Add(_) => "invalid_name",
            AccountListError::Store(_) => "store",
        }
    }
}

/// The file's content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountList {
    pub format: String,
    pub version: u32,
    pub root_scheme: String,
    pub root_public_key: String,
    pub accounts: Vec<ListedAccount>,
}

/// One account of the list: everything needed to derive it again, and nothing secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListedAccount {
    /// The network's genesis hash, `0x` and 64 hex digits.
    pub network: String,
    /// For people reading the file; the genesis hash is what counts.
    pub network_name: String,
    pub scheme: String,
    pub derivation: Derivation,
    /// Without its `///password`.
    pub path: String,
    pub has_password: bool,
    /// The account's public key, `0x` hex: what the derivation must give again.
    pub public_key: String,
    pub name: String,
    pub created_ms: u64,
}

/// Identity `id`'s list: its root key and every account derived from its phrase.
pub fn account_list(store: &Store, id: IdentityId) -> Result<AccountList, AccountListError> {
    let identity = store.identity(id)?.ok_or(AccountListError::UnknownIdentity)?;
    if identity.kind != IdentityKind::Phrase {
        return Err(AccountListError::NotAPhrase);
    }
    let networks = store.networks()?;
    let accounts = store
        .accounts(id, None)?
        .into_iter()
        .map(|account| ListedAccount {
            network: account.key.network.to_hex(),
            network_name: networks
                .iter()
                .find(|network| network.genesis_hash == account.key.network)
                .map(|network| network.name.clone())
                .unwrap_or_default(),
            scheme: account.public_key.scheme().as_str().to_owned(),
            derivation: account.derivation,
            path: account.path,
            has_password: account.has_password,
            public_key: account.public_key.to_hex(),
            name: account.name,
            created_ms: account.created_ms,
        })
        .collect();
    Ok(AccountList {
        format: FORMAT.to_owned(),
        version: VERSION,
        root_scheme: identity.root_public.scheme().as_str().to_owned(),
        root_public_key: identity.root_public.to_hex(),
        accounts,
    })
}

/// Writes identity `id`'s list to `path`, never over a file; returns how many accounts it holds.
pub fn export_list(store: &Store, id: IdentityId, path: &Path) -> Result<usize, AccountListError> {
    let list = account_list(store, id)?;
    let text = serde_json::to_string_pretty(&list).expect("plain structs serialize");
    write_new_file(path, text.as_bytes())?;
    Ok(list.accounts.len())
}

/// Where "Export account list" proposes to write: a free `<name> accounts.json` in `directory`.
pub fn proposed_file(store: &Store, id: IdentityId, directory: &Path) -> std::path::PathBuf {
    let name = crate::app::identity_views::identity_name(store, id);
    crate::app::backup::free_file_name(directory, &format!("{} accounts", crate::app::backup::file_stem(&name)))
}

/// "Save list" in the app: the list written to `path`; what Manage identity then says.
pub fn export_message(store: &Store, id: IdentityId, path: &Path) -> Result<String, AccountListError> {
    let count = export_list(store, id, path)?;
    Ok(format!(
        "Account list saved to {} ({}). It holds no secret: keep it anywhere, and import it after recovering the phrase.",
        path.display(),
        crate::app::text::count_of(count, "account", "accounts")
    ))
}

/// What Manage identity says after an import in the app, where no account password is asked:
/// those accounts are named, to be added with Add account and their password.
pub fn import_message(report: &ImportReport) -> String {
    let mut message = format!("Added {}.", crate::app::text::count_of(report.added.len(), "account", "accounts"));
    if !report.present.is_empty() {
        message += &format!(" {} already here.", crate::app::text::count_of(report.present.len(), "was", "were"));
    }
    for skipped in &report.skipped {
        message += &format!(" Not added: \"{}\": {}.", skipped.name, skipped.reason);
    }
    if report.skipped.iter().any(|skipped| skipped.reason == SkipReason::NoPassword) {
        message += " Add the accounts with a password with \"Add account\" and their password, or import on the command line, which asks for them.";
    }
    message
}

/// Reads a list file and checks it is identity `id`'s (its root key is public): before the
/// PIN is asked, so a wrong file is said at once.
pub fn check_list(store: &Store, id: IdentityId, path: &Path) -> Result<AccountList, AccountListError> {
    let list = read_list(path)?;
    import::check_root(store, id, &list)?;
    Ok(list)
}

/// Reads a list file: its size, its JSON, its format and version.
pub fn read_list(path: &Path) -> Result<AccountList, AccountListError> {
    let unreadable = |reason: String| AccountListError::Read { path: path.display().to_string(), reason };
    let metadata = std::fs::metadata(path).map_err(|error| unreadable(error.to_string()))?;
    if !metadata.is_file() {
        return Err(unreadable("not a file".to_owned()));
    }
    if metadata.len() > MAX_LIST_BYTES {
        return Err(AccountListError::Malformed { problem: format!("larger than {} MiB", MAX_LIST_BYTES >> 20) });
    }
    let text = std::fs::read_to_string(path).map_err(|error| unreadable(error.to_string()))?;
    parse_list(&text)
}

/// Parses a list's text; the version is checked before the rest, so a newer file says so.
pub fn parse_list(text: &str) -> Result<AccountList, AccountListError> {
    let malformed = |problem: String| AccountListError::Malformed { problem };
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|error| malformed(format!("not JSON ({error})")))?;
    if value.get("format").and_then(serde_json::Value::as_str) != Some(FORMAT) {
        return Err(malformed(format!("\"format\" is not \"{FORMAT}\"")));
    }
    match value.get("version").and_then(serde_json::Value::as_u64) {
        Some(version) if version == u64::from(VERSION) => {}
        Some(found) => return Err(AccountListError::UnsupportedVersion { found }),
        None => return Err(malformed("no \"version\"".to_owned())),
    }
    serde_json::from_value(value).map_err(|error| malformed(error.to_string()))
}
#[cfg(test)]
mod tests;
