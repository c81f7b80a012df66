//! polkadot-js JSON backups in the app and on the command line: restoring a file into a new
//! identity that holds its one key, and exporting accounts to files.
//!
//! A restored file becomes an identity of kind "imported key": it holds a key, not a
//! phrase, so it cannot derive new accounts.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::app::accounts::{keypair_at, NewAccountError};
use crate::db::{
    Account, AccountKey, AccountOrigin, AddAccountError, AddIdentityError, GenesisHash, IdentityId, IdentitySecret,
    Network, NewAccount, NewIdentity, Pin, Store, StoreError, MAX_NAME_CHARS,
};
use crate::keys::backup::{self, AccountFile, ExportMeta, ExportedAccount, RestoredAccount};
use crate::keys::{BackupError, BackupFile, DerivationPath, ExportError, Password, ScryptParams};

/// Why a file was not restored.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RestoreError {
    #[error("cannot read {path}: {reason}")]
    Read { path: String, reason: String },
    #[error(transparent)]
    Backup(#[from] BackupError),
    /// The file does not say which network, and none was picked.
    #[error("the file does not say which network this account is for: pick one")]
    NetworkNeeded,
    #[error("the file is for a network that is not in the catalogue (genesis {genesis}): pick one, or add the network first")]
    UnknownNetwork { genesis: String },
    #[error(transparent)]
    Add(#[from] AddIdentityError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl RestoreError {
    pub fn kind(&self) -> &'static str {
        match self {
            RestoreError::Read { .. } => "io",
            RestoreError::Backup(error) => error.kind(),
            RestoreError::NetworkNeeded | RestoreError::UnknownNetwork { .. } => "unknown_network",
            RestoreError::Add(AddIdentityError::DuplicateSecret { .. }) => "already_stored",
            RestoreError::Add(AddIdentityError::DuplicateName { .. }) => "duplicate_name",
            RestoreError::Add(_) | RestoreError::Store(_) => "store",
        }
    }
}

/// Reads and parses a backup file (no password yet).
pub fn read_file(path: &Path) -> Result<BackupFile, RestoreError> {
    let unreadable = |reason: String| RestoreError::Read { path: path.display().to_string(), reason };
    // A FIFO or a device would block or never end, and a huge file is not a backup: look
    // before reading. Even an "Export all" of hundreds of accounts is far below the cap.
    let metadata = fs::metadata(path).map_err(|error| unreadable(error.to_string()))?;
    if !metadata.is_file() {
        return Err(unreadable("not a regular file".to_owned()));
    }
    if metadata.len() > MAX_FILE_BYTES {
        return Err(unreadable(format!("{} bytes is too large for a backup file", metadata.len())));
    }
    let mut text = String::new();
    fs::File::open(path)
        .and_then(|file| std::io::Read::read_to_string(&mut std::io::Read::take(file, MAX_FILE_BYTES), &mut text))
        .map_err(|error| unreadable(error.to_string()))?;
    Ok(BackupFile::parse(&text)?)
}

/// The largest file read as a backup (an account file is about 600 bytes).
const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Where a restored account goes and what it is called; `None` takes the file's word.
#[derive(Debug, Clone, Default)]
pub struct RestoreChoices {
    /// For a file that names no network, or one not in the catalogue.
    pub network: Option<GenesisHash>,
    pub name: Option<String>,
}

/// What a restore made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    pub identity: IdentityId,
    pub account: AccountKey,
    pub name: String,
    pub network: String,
}

/// The network a restored account goes under: the one picked, else the file's `genesisHash`.
pub fn network_for(store: &Store, file: &AccountFile, picked: Option<GenesisHash>) -> Result<Network, RestoreError> {
    let genesis = picked.or(file.meta.genesis_hash.map(GenesisHash)).ok_or(RestoreError::NetworkNeeded)?;
    store.network(genesis)?.ok_or_else(|| RestoreError::UnknownNetwork { genesis: genesis.to_hex() })
}

/// For one account of several: the file's own network when the catalogue has it, else the
/// `fallback` (picked once for the accounts that name none or an unknown one).
fn network_or_fallback(
    store: &Store,
    file: &AccountFile,
    fallback: Option<GenesisHash>,
) -> Result<Network, RestoreError> {
    match network_for(store, file, None) {
        Err(RestoreError::NetworkNeeded | RestoreError::UnknownNetwork { .. }) if fallback.is_some() => {
            network_for(store, file, fallback)
        }
        other => other,
    }
}

/// Decrypts one account file with its password and stores its key as a new identity sealed
/// under `pin`. Nothing is written unless every check passes.
pub fn restore_account(
    store: &Store,
    file: &AccountFile,
    file_password: &Password,
    pin: &Pin,
    choices: &RestoreChoices,
) -> Result<Restored, RestoreError> {
    // The network is checked first: it costs nothing, and a wrong one should not wait for scrypt.
    let network = network_or_fallback(store, file, choices.network)?;
    let restored = file.decrypt(file_password)?;
    store_restored(store, restored, &network, pin, choices.name.as_deref())
}

fn store_restored(
    store: &Store,
    restored: RestoredAccount,
    network: &Network,
    pin: &Pin,
    name: Option<&str>,
) -> Result<Restored, RestoreError> {
    let keypair = restored.keypair;
    let secret = IdentitySecret::ImportedKey { scheme: keypair.scheme(), secret: keypair.export_secret() };
    // A name typed by the user is theirs to fix if it is taken or invalid. A name from the
    // file is anyone's text: control characters dropped, cut to fit, and numbered when
    // taken ("Alice" in two wallets).
    let given = name.map(str::trim).filter(|name| !name.is_empty());
    let base = match given {
        Some(given) => given.to_owned(),
        None => restored
            .meta
            .name
            .as_deref()
            .map(tidy_name)
            .filter(|name| !name.is_empty())
            .unwrap_or_else(|| "Restored account".to_owned()),
    };
    // Checked before sealing: argon2 is the slow part, and a key already here needs none.
    if let Some(existing) = store.identity_by_root(&keypair.public())? {
        return Err(AddIdentityError::DuplicateSecret { existing: existing.name }.into());
    }
    let candidates: Vec<String> = if given.is_some() {
        vec![base.clone()]
    } else {
        std::iter::once(base.clone()).chain((2..100).map(|n| numbered(&base, n))).collect()
    };
    for candidate in &candidates {
        let account = NewAccount {
            network: network.genesis_hash,
            path: DerivationPath::root(),
            has_password: false,
            public_key: keypair.public(),
            name: candidate.clone(),
            origin: AccountOrigin::Imported,
        };
        let new =
            NewIdentity { name: candidate, secret: &secret, root_public: keypair.public(), accounts: vec![account] };
        match store.add_identity(new, pin) {
            Ok((identity, accounts)) => {
                return Ok(Restored {
                    identity,
                    account: accounts[0],
                    name: candidate.clone(),
                    network: network.name.clone(),
                })
            }
            Err(AddIdentityError::DuplicateName { .. }) if given.is_none() => continue,
            Err(error) => return Err(error.into()),
        }
    }
    Err(AddIdentityError::DuplicateName { existing: base }.into())
}

/// What a batch restore made, and what it left alone.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RestoredBatch {
    pub restored: Vec<Restored>,
    /// Accounts already stored here (by the identity that holds them).
    pub already_stored: Vec<String>,
}

/// Restores every account of a batch (or list) file. Every account is decrypted first, with
/// the password `password_for` gives it, so a wrong password stops the restore before
/// anything is written; then each becomes its own identity under `pin`. Each goes under the
/// network its file names; `fallback` serves those that name none or one not in the
/// catalogue. Accounts already stored are left as they are and reported.
pub fn restore_accounts(
    store: &Store,
    files: &[AccountFile],
    password_for: &mut dyn FnMut(usize, &AccountFile) -> Password,
    pin: &Pin,
    fallback: Option<GenesisHash>,
) -> Result<RestoredBatch, RestoreError> {
    let mut opened = Vec::with_capacity(files.len());
    for (index, file) in files.iter().enumerate() {
        let network = network_or_fallback(store, file, fallback)?;
        opened.push((file.decrypt(&password_for(index, file))?, network));
    }
    let mut result = RestoredBatch::default();
    for (restored, network) in opened {
        match store_restored(store, restored, &network, pin, None) {
            Ok(restored) => result.restored.push(restored),
            Err(RestoreError::Add(AddIdentityError::DuplicateSecret { existing })) => {
                result.already_stored.push(existing)
            }
            Err(error) => return Err(error),
        }
    }
    Ok(result)
}

/// A name from a file, fit for an identity: no control characters, at most the store's length.
fn tidy_name(name: &str) -> String {
    let clean: String = name.chars().filter(|c| !c.is_control()).collect();
    clean.trim().chars().take(MAX_NAME_CHARS).collect::<String>().trim().to_owned()
}

/// `base (n)`, cutting `base` so the whole still fits.
fn numbered(base: &str, n: u32) -> String {
    let suffix = format!(" ({n})");
    let room = MAX_NAME_CHARS.saturating_sub(suffix.chars().count());
    format!("{}{suffix}", base.chars().take(room).collect::<String>().trim_end())
}

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
    let path = DerivationPath::parse(&account.path).map_err(NewAccountError::Path)?;
    let keypair = keypair_at(secret, account.public_key.scheme(), &path, account_password.expose())?;
    if keypair.public() != account.public_key {
        return Err(ExportFailure::WrongAccountPassword);
    }
    let meta = ExportMeta {
        name: account.name.clone(),
        genesis_hash: Some(account.key.network.0),
        when_created_ms: account.created_ms,
    };
    Ok(backup::export_account(&keypair, network.ss58_prefix, &meta, file_password, params)?)
}

/// Marks the accounts as exported in the store and its history, then writes `json` to a new
/// file at `path` (never over an existing one), readable by the user only. Marking first: a
/// security log may say a key left when the write then failed, never the other way round.
pub fn save(store: &Store, path: &Path, json: &str, accounts: &[AccountKey]) -> Result<(), ExportFailure> {
    refuse_existing(path)?;
    let name = path.file_name().map_or_else(|| path.display().to_string(), |name| name.to_string_lossy().into_owned());
    store.mark_exported(accounts, &name)?;
    write_new_file(path, json)
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

fn refuse_existing(path: &Path) -> Result<(), ExportFailure> {
    if path.exists() {
        return Err(ExportFailure::FileExists { path: path.display().to_string() });
    }
    Ok(())
}

/// Writes through a temporary file in the same directory and renames it into place, so a
/// crash leaves either no file or the whole file. Created 0600 on Unix: a backup is
/// encrypted, but its owner alone needs to read it.
fn write_new_file(path: &Path, contents: &str) -> Result<(), ExportFailure> {
    let failed =
        |error: std::io::Error| ExportFailure::Write { path: path.display().to_string(), reason: error.to_string() };
    refuse_existing(path)?;
    let directory = path.parent().filter(|parent| !parent.as_os_str().is_empty()).unwrap_or(Path::new("."));
    // A name of our own (process and time), so a leftover from a crash never gets in the way.
    let unique = format!(
        ".{}.{}-{}.partial",
        path.file_name().unwrap_or_default().to_string_lossy(),
        std::process::id(),
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos())
    );
    let temporary = directory.join(unique);
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(&temporary).map_err(failed)?;
    let written = file.write_all(contents.as_bytes()).and_then(|()| file.sync_all());
    drop(file);
    // hard_link never replaces a file that appeared meanwhile; rename would. Where the file
    // system has no hard links, rename after the check above.
    let result = written.and_then(|()| match fs::hard_link(&temporary, path) {
        Err(error) if error.kind() != std::io::ErrorKind::AlreadyExists => fs::rename(&temporary, path),
        linked => linked,
    });
    let _ = fs::remove_file(&temporary);
    result.map_err(|error| match error.kind() {
        std::io::ErrorKind::AlreadyExists => ExportFailure::FileExists { path: path.display().to_string() },
        _ => failed(error),
    })
}

/// `<address>.json` in `directory`, or `<address> (2).json` … if that exists.
pub fn free_file_name(directory: &Path, address: &str) -> PathBuf {
    let mut candidate = directory.join(format!("{address}.json"));
    let mut n = 2;
    while candidate.exists() {
        candidate = directory.join(format!("{address} ({n}).json"));
        n += 1;
    }
    candidate
}

/// Where exports go by default on a desktop: the Downloads folder, else home.
pub fn default_export_directory() -> PathBuf {
    directories::UserDirs::new()
        .and_then(|dirs| dirs.download_dir().map(Path::to_path_buf).or_else(|| Some(dirs.home_dir().to_path_buf())))
        .unwrap_or_else(|| PathBuf::from("."))
}
