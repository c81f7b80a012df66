//! Exporting accounts to polkadot-js files: one account, or all of an identity's.

use std::path::Path;

use super::files::{refuse_existing, write_new_file};
use crate::app::accounts::{stored_keypair, NewAccountError};
use crate::db::{Account, AccountKey, AddAccountError, IdentityId, IdentitySecret, Store, StoreError};
use crate::keys::backup::{self, ExportMeta, ExportedAccount};
use crate::keys::{ExportError, Password, ScryptParams};

/// Why an account could not be exported.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ExportFailure {
    #[error(transparent)]
    Export(#[from] ExportError),
    #[error(transparent)]
    Key(#[from] NewAccountError),
    #[error("the account password is wrong: it does not give this account's address")]
    WrongAccountPassword,
    #[error("no such account")]
    UnknownAccount,
    #[error("the account's network is no longer in the catalogue")]
    UnknownNetwork,
    #[error("{path} already exists: choose another file name (nothing was overwritten)")]
    FileExists { path: String },
    #[error("cannot write {path}: {reason}")]
    Write { path: String, reason: String },
    #[error(transparent)]
    Mark(#[from] AddAccountError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl ExportFailure {
    pub fn kind(&self) -> &'static str {
        match self {
            ExportFailure::Export(error) => error.kind(),
            ExportFailure::Key(NewAccountError::Path(_)) => "invalid_path",
            ExportFailure::Key(NewAccountError::NotAPhrase) => "not_a_phrase",
            ExportFailure::Key(NewAccountError::Derive(error)) => error.kind(),
            ExportFailure::Key(_) => "store",
            ExportFailure::WrongAccountPassword => "wrong_account_password",
            ExportFailure::UnknownAccount => "unknown_account",
            ExportFailure::UnknownNetwork => "unknown_network",
            ExportFailure::FileExists { .. } => "file_exists",
            ExportFailure::Write { .. } => "io",
            ExportFailure::Mark(_) | ExportFailure::Store(_) => "store",
        }
    }
}

/// The key of a stored account, from its identity's unlocked secret and (if it has one)
/// its account password, encrypted into a polkadot-js file.
pub fn export_file(
    store: &Store,
    account: &Account,
    secret: &IdentitySecret,
    account_password: &Password,
    file_password: &Password,
    params: ScryptParams,
) -> Result<ExportedAccount, ExportFailure> {
    let network = store.network(account.key.network)?.ok_or(ExportFailure::UnknownNetwork)?;
    let keypair = stored_keypair(secret, account, account_password)?;
    if keypair.public() != account.public_key {
        return Err(ExportFailure::WrongAccountPassword);
    }
    let meta = ExportMeta {
        name: account.name.clone(),
        genesis_hash: Some(account.key.network.0),
        when_created_ms: account.created_ms,
    };
    // An Ethereum network's account is written as polkadot-js writes its `ethereum` pairs.
    if let crate::db::NetworkScheme::Ethereum { .. } = network.scheme {
        return Ok(backup::export_ethereum_account(&keypair, &meta, file_password, params)?);
    }
    Ok(backup::export_account(&keypair, network.ss58_prefix, &meta, file_password, params)?)
}

/// Marks the accounts as exported in the store and its history, then writes `json` to a new
/// file at `path` (never over an existing one), readable by the user only. Marking first: a
/// security log may say a key left when the write then failed, never the other way round.
pub fn save(store: &Store, path: &Path, json: &str, accounts: &[AccountKey]) -> Result<(), ExportFailure> {
    refuse_existing(path)?;
    let name = path.file_name().map_or_else(|| path.display().to_string(), |name| name.to_string_lossy().into_owned());
    store.mark_exported(accounts, &name)?;
    write_new_file(path, json.as_bytes())
}

/// Exports one account to `path`, with the default (most compatible) scrypt cost.
pub fn export_account_to(
    store: &Store,
    account: &Account,
    secret: &IdentitySecret,
    account_password: &Password,
    file_password: &Password,
    path: &Path,
) -> Result<ExportedAccount, ExportFailure> {
    export_account_with(store, account, secret, account_password, file_password, path, ScryptParams::COMPATIBLE)
}

/// [`export_account_to`] with a chosen scrypt cost.
pub fn export_account_with(
    store: &Store,
    account: &Account,
    secret: &IdentitySecret,
    account_password: &Password,
    file_password: &Password,
    path: &Path,
    params: ScryptParams,
) -> Result<ExportedAccount, ExportFailure> {
    refuse_existing(path)?;
    let exported = export_file(store, account, secret, account_password, file_password, params)?;
    save(store, path, &exported.json, &[account.key])?;
    Ok(exported)
}

/// What "Export all" wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportedAll {
    pub exported: Vec<AccountKey>,
    /// Accounts with an account password that was not given: export them one by one.
    pub skipped: Vec<String>,
}

/// The extension's "Export all" for an identity: every account, each encrypted under the
/// file password, inside one batch file encrypted under it too. `account_password` is asked
/// for each account that has one; `None` skips that account (it is listed as skipped).
pub fn export_all_to(
    store: &Store,
    identity: IdentityId,
    secret: &IdentitySecret,
    account_password: &mut dyn FnMut(&Account) -> Option<Password>,
    file_password: &Password,
    path: &Path,
) -> Result<ExportedAll, ExportFailure> {
    export_all_with(store, identity, secret, account_password, file_password, path, ScryptParams::COMPATIBLE)
}

/// [`export_all_to`] with a chosen scrypt cost.
pub fn export_all_with(
    store: &Store,
    identity: IdentityId,
    secret: &IdentitySecret,
    account_password: &mut dyn FnMut(&Account) -> Option<Password>,
    file_password: &Password,
    path: &Path,
    params: ScryptParams,
) -> Result<ExportedAll, ExportFailure> {
    refuse_existing(path)?;
    let accounts = store.accounts(identity, None)?;
    let mut files = Vec::new();
    let mut result = ExportedAll { exported: Vec::new(), skipped: Vec::new() };
    for account in accounts {
        let password = if account.has_password {
            match account_password(&account) {
                Some(password) => password,
                None => {
                    result.skipped.push(account.name.clone());
                    continue;
                }
            }
        } else {
            Password::empty()
        };
        files.push(export_file(store, &account, secret, &password, file_password, params)?);
        result.exported.push(account.key);
    }
    let json = backup::export_batch(&files, file_password, params)?;
    save(store, path, &json, &result.exported)?;
    Ok(result)
}
