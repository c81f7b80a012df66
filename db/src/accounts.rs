//! Accounts: readable without a PIN. One path per network per identity.

use axia_signer_keys::{Bip32Path, DerivationPath, PublicKey};

use crate::error::StoreError;
use crate::history::EventKind;
use crate::names::{self, NameError, MAX_NAME_CHARS};
use crate::schema::{
    self, AccountKey, AccountOrigin, AccountRecord, Derivation, GenesisHash, IdentityId, IdentityRecord,
};
use crate::store::{abort, decode, encode, tx_decode, Store, Tx, TxResult};

/// Where an account is below its identity's phrase: a path and the kind of path it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountPath {
    derivation: Derivation,
    text: String,
}

impl AccountPath {
    /// A BIP44 path over secp256k1 (Ethereum).
    pub fn ethereum(path: &Bip32Path) -> AccountPath {
        AccountPath { derivation: Derivation::Bip44Secp256k1, text: path.to_string() }
    }

    /// A Ledger's BIP32-Ed25519 path, written with every level hardened (`m/44/354/0/0/0` is
    /// the same key as `m/44'/354'/0'/0'/0'`, and is stored as the latter).
    pub fn ledger(path: &Bip32Path) -> AccountPath {
        AccountPath { derivation: Derivation::LedgerBip32Ed25519, text: path.hardened().to_string() }
    }

    pub fn derivation(&self) -> Derivation {
        self.derivation
    }

    /// The path as written: `//polkadot`, `m/44'/60'/0'/0/0`; empty for a Substrate root.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl From<DerivationPath> for AccountPath {
    fn from(path: DerivationPath) -> AccountPath {
        AccountPath { derivation: Derivation::Substrate, text: path.as_str().to_owned() }
    }
}

/// An account to add. The path never holds the `///password`; `has_password` says
/// whether one is needed.
#[derive(Debug, Clone)]
pub struct NewAccount {
    pub network: GenesisHash,
    pub path: AccountPath,
    pub has_password: bool,
    pub public_key: PublicKey,
    pub name: String,
    pub origin: AccountOrigin,
}

/// A stored account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    pub key: AccountKey,
    pub name: String,
    pub path: String,
    /// What kind of path `path` is.
    pub derivation: Derivation,
    pub has_password: bool,
    pub public_key: PublicKey,
    pub created_ms: u64,
    pub origin: AccountOrigin,
    /// When its secret key was last written to a backup file: such a key no longer lives
    /// only here, and the app marks it.
    pub exported_ms: Option<u64>,
}

/// Why an account was not added.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AddAccountError {
    /// The identity is not in the store (deleted meanwhile): choose it again from the list.
    #[error("no such identity")]
    UnknownIdentity,
    /// An account to mark is not in the store (deleted with its identity meanwhile): list the
    /// accounts again; none was marked.
    #[error("no such account")]
    UnknownAccount,
    /// The account's network is not in the catalogue: add the network first.
    #[error("no such network: add it to the catalogue first")]
    UnknownNetwork,
    /// The account's name is empty or only spaces: give it a name.
    #[error("give the account a name")]
    EmptyName,
    /// The name breaks the rule every name keeps ([`crate::names`]).
    #[error("the account name is not usable: {0}")]
    InvalidName(NameError),
    /// The identity already has an account (`existing`) at this path on this network: use that
    /// account, or another path.
    #[error("this identity already has an account at {path:?} on {network}: {existing:?}")]
    DuplicatePath { path: String, network: String, existing: String },
    /// Reading or writing failed underneath; no account was added.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl Store {
    /// Adds one account to an identity and makes it durable.
    pub fn add_account(&self, identity: IdentityId, account: NewAccount) -> Result<AccountKey, AddAccountError> {
        Ok(self.add_accounts(identity, vec![account])?.remove(0))
    }

    /// Adds several accounts in one transaction: all of them, or none.
    pub fn add_accounts(
        &self,
        identity: IdentityId,
        accounts: Vec<NewAccount>,
    ) -> Result<Vec<AccountKey>, AddAccountError> {
        let keys = self.account_keys(identity, &accounts)?;
        let now = self.now_ms();
        let _writer = self.writer();
        self.transaction(|tx| -> TxResult<(), AddAccountError> {
            let Some(bytes) = tx.identities().get(identity.key())? else {
                return abort(AddAccountError::UnknownIdentity);
            };
            let record: IdentityRecord = tx_decode(schema::IDENTITIES, &identity.key(), &bytes)?;
            for (key, account) in keys.iter().zip(&accounts) {
                insert_account::<AddAccountError>(tx, *key, account, &record.name, now)?;
            }
            Ok(())
        })?;
        self.flush()?;
        Ok(keys)
    }

    /// Fresh keys for new accounts, none already stored: sled's id counter starts over in a
    /// rebuilt store and can step back after a damaged log, so each is checked.
    pub(crate) fn account_keys(
        &self,
        identity: IdentityId,
        accounts: &[NewAccount],
    ) -> Result<Vec<AccountKey>, StoreError> {
        accounts
            .iter()
            .map(|account| loop {
                let key = AccountKey { identity, network: account.network, sequence: self.db.generate_id()? };
                if !self.trees.accounts.contains_key(key.to_bytes())? {
                    return Ok(key);
                }
            })
            .collect()
    }

    /// An identity's accounts, on one network or all, in the order they were added
    /// (grouped by network when all).
    pub fn accounts(&self, identity: IdentityId, network: Option<GenesisHash>) -> Result<Vec<Account>, StoreError> {
        self.trees
            .accounts
            .scan_prefix(AccountKey::prefix(identity, network))
            .map(|entry| {
                let (key, value) = entry?;
                account_from(&key, &value)
            })
            .collect()
    }

    /// Marks accounts whose secret keys were just written to a backup file, and logs it, in
    /// one transaction. `file` names where they went (a file name, never its content).
    pub fn mark_exported(&self, keys: &[AccountKey], file: &str) -> Result<(), AddAccountError> {
        let now = self.now_ms();
        let _writer = self.writer();
        self.transaction(|tx| -> TxResult<(), AddAccountError> {
            for key in keys {
                let bytes = key.to_bytes();
                let Some(value) = tx.accounts().get(bytes)? else {
                    return abort(AddAccountError::UnknownAccount);
                };
                let mut record: AccountRecord = tx_decode(schema::ACCOUNTS, &bytes, &value)?;
                record.exported_ms = Some(now);
                tx.accounts().insert(&bytes[..], encode(&record))?;
                let identity_name = match tx.identities().get(key.identity.key())? {
                    Some(identity) => {
                        tx_decode::<IdentityRecord, _>(schema::IDENTITIES, &key.identity.key(), &identity)?.name
                    }
                    None => return abort(AddAccountError::UnknownIdentity),
                };
                let detail = format!("{:?} to {file}", record.name);
                tx.log(now, EventKind::AccountExported, Some((key.identity, &identity_name)), detail)?;
            }
            Ok(())
        })?;
        self.flush()?;
        Ok(())
    }

    pub fn account(&self, key: AccountKey) -> Result<Option<Account>, StoreError> {
        let bytes = key.to_bytes();
        self.trees.accounts.get(bytes)?.map(|value| account_from(&bytes, &value)).transpose()
    }
}

fn account_from(key: &[u8], value: &[u8]) -> Result<Account, StoreError> {
    let record: AccountRecord = decode(schema::ACCOUNTS, key, value)?;
    Ok(Account {
        key: AccountKey::from_bytes(key)
            .ok_or_else(|| crate::error::corrupt(schema::ACCOUNTS, key, "malformed key"))?,
        public_key: schema::public_key(schema::ACCOUNTS, key, &record.scheme, &record.public_key)?,
        name: record.name,
        path: record.path,
        derivation: record.derivation,
        has_password: record.has_password,
        created_ms: record.created_ms,
        origin: record.origin,
        exported_ms: record.exported_ms,
    })
}

/// Checks and writes one account inside a transaction, with its path index and log entry.
pub(crate) fn insert_account<E: From<AddAccountError> + From<StoreError>>(
    tx: &Tx,
    key: AccountKey,
    account: &NewAccount,
    identity_name: &str,
    now: u64,
) -> TxResult<(), E> {
    let name = match names::check(&account.name, MAX_NAME_CHARS) {
        Ok(name) => name,
        Err(NameError::Empty) => return abort(AddAccountError::EmptyName),
        Err(problem) => return abort(AddAccountError::InvalidName(problem)),
    };
    let Some(network_bytes) = tx.networks().get(key.network.0)? else {
        return abort(AddAccountError::UnknownNetwork);
    };
    let network: schema::NetworkRecord = tx_decode(schema::NETWORKS, &key.network.0, &network_bytes)?;
    let path_key = schema::account_path_key(key.identity, key.network, account.path.as_str());
    if let Some(existing) = tx.account_paths().get(&path_key)? {
        let existing_name = tx
            .accounts()
            .get(&existing)?
            .and_then(|bytes| decode::<AccountRecord>(schema::ACCOUNTS, &existing, &bytes).ok())
            .map(|record| record.name)
            .unwrap_or_default();
        return abort(AddAccountError::DuplicatePath {
            path: account.path.as_str().to_owned(),
            network: network.name,
            existing: existing_name,
        });
    }
    let record = account_record(account, now);
    tx.accounts().insert(&key.to_bytes()[..], encode(&record))?;
    tx.account_paths().insert(path_key, &key.to_bytes()[..])?;
    let kind = match account.origin {
        AccountOrigin::Derived => EventKind::AccountDerived,
        AccountOrigin::Imported => EventKind::AccountImported,
    };
    let password_note = if account.has_password { " (with a password)" } else { "" };
    // The root has no path to quote: `"Found root" at ""` read as a bug.
    let place = match account.path.as_str() {
        "" => "with no derivation".to_owned(),
        path => format!("at {path:?}"),
    };
    let detail = format!("{name:?} {place}{password_note} on {}", network.name);
    tx.log(now, kind, Some((key.identity, identity_name)), detail)?;
    Ok(())
}

/// The record a new account is stored as.
pub(crate) fn account_record(account: &NewAccount, now: u64) -> AccountRecord {
    AccountRecord {
        name: account.name.trim().to_owned(),
        path: account.path.as_str().to_owned(),
        derivation: account.path.derivation(),
        has_password: account.has_password,
        scheme: account.public_key.scheme().as_str().to_owned(),
        public_key: account.public_key.as_bytes().to_vec(),
        created_ms: now,
        origin: account.origin,
        exported_ms: None,
    }
}
