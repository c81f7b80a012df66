//! Restoring a backup file: each account becomes an identity of its own holding its key.

use std::fs;
use std::path::Path;

use crate::db::{
    AccountKey, AccountOrigin, AddIdentityError, GenesisHash, IdentityId, IdentitySecret, Network, NetworkScheme,
    NewAccount, NewIdentity, Pin, Store, StoreError, MAX_NAME_CHARS,
};
use crate::keys::backup::{AccountFile, RestoredAccount};
use crate::keys::{BackupError, BackupFile, DerivationPath, Password};

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
    /// The file's key is already an account here (recovered from its phrase, or restored
    /// before): nothing is added. Open that account instead.
    #[error("this account is already here: \"{account}\" in the identity \"{identity}\"")]
    AlreadyStored { identity: String, account: String },
    /// An Ethereum (Moonbeam, MetaMask) account's file for a Substrate network: pick an
    /// Ethereum network (Moonbeam, Moonriver) for it.
    #[error("this file holds an Ethereum account (Moonbeam, MetaMask), which cannot go under {network}: pick an Ethereum network such as Moonbeam")]
    EthereumFileOnSubstrate { network: String },
    /// A Substrate account's file for an Ethereum network: pick a Substrate network for it.
    #[error("{network} is an Ethereum network, and this file holds a Substrate account: pick a Substrate network such as Polkadot")]
    SubstrateFileOnEthereum { network: String },
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
            RestoreError::EthereumFileOnSubstrate { .. } | RestoreError::SubstrateFileOnEthereum { .. } => {
                "wrong_network"
            }
            RestoreError::Add(AddIdentityError::DuplicateSecret { .. }) | RestoreError::AlreadyStored { .. } => {
                "already_stored"
            }
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

/// The largest file read as a backup (an account file is about 600 bytes): the key core's
/// own cap, so a file is refused before it is read rather than after.
const MAX_FILE_BYTES: u64 = crate::keys::backup::MAX_FILE_BYTES as u64;

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
    match network_for(store, file, None).and_then(|network| fits(file, network)) {
        // The file names no network, one not here, or one its key cannot go on (an
        // Ethereum key's file naming Polkadot): the one picked serves instead.
        Err(
            RestoreError::NetworkNeeded
            | RestoreError::UnknownNetwork { .. }
            | RestoreError::EthereumFileOnSubstrate { .. }
            | RestoreError::SubstrateFileOnEthereum { .. },
        ) if fallback.is_some() => fits(file, network_for(store, file, fallback)?),
        other => other,
    }
}

/// The network, if an account of `file`'s kind can live there: an Ethereum key only on an
/// Ethereum network, every other only on a Substrate one. Checked before the PIN is asked
/// and before anything is stored.
fn fits(file: &AccountFile, network: Network) -> Result<Network, RestoreError> {
    match (file.is_ethereum(), network.scheme) {
        (true, NetworkScheme::Substrate(_)) => Err(RestoreError::EthereumFileOnSubstrate { network: network.name }),
        (false, NetworkScheme::Ethereum { .. }) => Err(RestoreError::SubstrateFileOnEthereum { network: network.name }),
        _ => Ok(network),
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

/// What [`restore_account`] checks, writing nothing: the password opens the file, the key
/// is not here already, and it has a network. The app asks for the new PIN only after this,
/// so a wrong password is said at once. The password is tried first: it is what the user
/// just typed.
pub fn check_account(
    store: &Store,
    file: &AccountFile,
    file_password: &Password,
    choices: &RestoreChoices,
) -> Result<(), RestoreError> {
    let restored = file.decrypt(file_password)?;
    not_here_already(store, &restored.keypair.public())?;
    network_or_fallback(store, file, choices.network)?;
    Ok(())
}

/// What [`restore_accounts`] checks before writing: every account opens with its password
/// and has a network. Accounts already here are not an error: the restore reports them.
pub fn check_accounts(
    store: &Store,
    files: &[AccountFile],
    password_for: &mut dyn FnMut(usize, &AccountFile) -> Password,
    fallback: Option<GenesisHash>,
) -> Result<(), RestoreError> {
    for (index, file) in files.iter().enumerate() {
        file.decrypt(&password_for(index, file))?;
        network_or_fallback(store, file, fallback)?;
    }
    Ok(())
}

/// Refuses a key that is already here: an identity's root (a restored key), or any account
/// (a key derived from a stored phrase is not its identity's root).
fn not_here_already(store: &Store, public: &crate::keys::PublicKey) -> Result<(), RestoreError> {
    if let Some(existing) = store.identity_by_root(public)? {
        return Err(AddIdentityError::DuplicateSecret { existing: existing.name }.into());
    }
    match crate::app::lookup::accounts_with_id(store, &public.account_id())?.into_iter().next() {
        Some((identity, account)) => {
            Err(RestoreError::AlreadyStored { identity: identity.name, account: account.name })
        }
        None => Ok(()),
    }
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
    not_here_already(store, &keypair.public())?;
    let candidates: Vec<String> = if given.is_some() {
        vec![base.clone()]
    } else {
        std::iter::once(base.clone()).chain((2..100).map(|n| numbered(&base, n))).collect()
    };
    for candidate in &candidates {
        let account = NewAccount {
            network: network.genesis_hash,
            path: DerivationPath::root().into(),
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
            Err(RestoreError::AlreadyStored { identity, account }) => {
                result.already_stored.push(format!("{account} (in {identity})"))
            }
            Err(error) => return Err(error),
        }
    }
    Ok(result)
}

/// A name from a file, fit for an identity: none of the characters the name rule refuses
/// (control and direction characters), at most the store's length.
fn tidy_name(name: &str) -> String {
    let clean: String = name.chars().filter(|c| !crate::db::names::is_refused(*c)).collect();
    clean.trim().chars().take(MAX_NAME_CHARS).collect::<String>().trim().to_owned()
}

/// `base (n)`, cutting `base` so the whole still fits.
fn numbered(base: &str, n: u32) -> String {
    let suffix = format!(" ({n})");
    let room = MAX_NAME_CHARS.saturating_sub(suffix.chars().count());
    format!("{}{suffix}", base.chars().take(room).collect::<String>().trim_end())
}
