//! Identities: a name, public data readable without a PIN, and a secret sealed under it.

use std::time::Duration;

use axia_signer_keys::PublicKey;

use crate::accounts::{insert_account, AddAccountError, NewAccount};
use crate::error::StoreError;
use crate::history::EventKind;
use crate::lockout;
use crate::pin::Pin;
use crate::schema::{self, AccountKey, IdentityId, IdentityKind, IdentityRecord, LockoutRecord};
use crate::seal::{OpenSealError, SealedSecret};
use crate::secret::IdentitySecret;
use crate::store::{abort, decode, encode, tx_decode, Store, TxResult};

/// Longest identity name, in characters.
pub const MAX_NAME_CHARS: usize = 64;

/// A stored identity's public side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    pub id: IdentityId,
    pub name: String,
    pub created_ms: u64,
    pub kind: IdentityKind,
    /// sr25519 root public key of a phrase (with its BIP39 password), or the imported key.
    pub root_public: PublicKey,
}

/// What [`Store::add_identity`] needs.
pub struct NewIdentity<'a> {
    pub name: &'a str,
    pub secret: &'a IdentitySecret,
    /// Computed by the caller from `secret` (the store does no derivation); it detects the
    /// same phrase recovered twice.
    pub root_public: PublicKey,
    /// Accounts created with the identity, in the same transaction.
    pub accounts: Vec<NewAccount>,
}

/// Why an identity was not added.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AddIdentityError {
    #[error("give the identity a name (up to {MAX_NAME_CHARS} characters)")]
    InvalidName,
    #[error("there is already an identity named {existing:?}")]
    DuplicateName { existing: String },
    #[error("this seed phrase or key is already stored as the identity {existing:?}")]
    DuplicateSecret { existing: String },
    #[error(transparent)]
    Account(#[from] AddAccountError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Why a rename did not happen.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RenameError {
    #[error("give the identity a name (up to {MAX_NAME_CHARS} characters)")]
    InvalidName,
    #[error("there is already an identity named {existing:?}")]
    DuplicateName { existing: String },
    #[error("no such identity")]
    UnknownIdentity,
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Why an identity could not be unlocked (to read its secret, change its PIN or delete it).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum UnlockError {
    #[error("wrong PIN{}", attempts_note(*attempts_before_wait, *next_wait))]
    WrongPin { attempts_before_wait: u32, next_wait: Duration },
    #[error("too many wrong PINs: try again in {}", wait_text(*retry_after))]
    LockedOut { retry_after: Duration },
    #[error("no such identity")]
    UnknownIdentity,
    #[error("the identity's sealed secret asks for more work than allowed: the record is damaged or not ours; nothing was changed")]
    ExcessiveWork,
    #[error("the identity's sealed secret is damaged ({0}); nothing was changed")]
    Corrupt(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

fn attempts_note(attempts: u32, next_wait: Duration) -> String {
    match attempts {
        0 => format!(" (wait {} before the next try)", wait_text(next_wait)),
        1 => " (1 try left before a wait)".to_owned(),
        n => format!(" ({n} tries left before a wait)"),
    }
}

/// "45 s", "2 min 30 s", "1 h".
pub fn wait_text(wait: Duration) -> String {
    let secs = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
    match (secs / 3600, secs % 3600 / 60, secs % 60) {
        (0, 0, s) => format!("{s} s"),
        (0, m, 0) => format!("{m} min"),
        (0, m, s) => format!("{m} min {s} s"),
        (h, 0, _) => format!("{h} h"),
        (h, m, _) => format!("{h} h {m} min"),
    }
}

fn valid_name(name: &str) -> Option<&str> {
    crate::names::check(name, MAX_NAME_CHARS).ok()
}

impl Store {
    /// Seals the secret under `pin` and stores the identity with its first accounts, as one
    /// transaction; durable when this returns `Ok`.
    pub fn add_identity(&self, new: NewIdentity, pin: &Pin) -> Result<(IdentityId, Vec<AccountKey>), AddIdentityError> {
        let name = valid_name(new.name).ok_or(AddIdentityError::InvalidName)?;
        let kind = match new.secret {
            IdentitySecret::Phrase { .. } => IdentityKind::Phrase,
            IdentitySecret::ImportedKey { .. } => IdentityKind::ImportedKey,
        };
        // argon2 runs before the transaction, which may be retried.
        let sealed = SealedSecret::seal(&new.secret.to_bytes(), pin, self.options.kdf);
        let id = IdentityId(self.db.generate_id().map_err(StoreError::from)?);
        let account_keys = self.account_keys(id, &new.accounts)?;
        let now = self.now_ms();
        let record = IdentityRecord {
            name: name.to_owned(),
            created_ms: now,
            kind,
            root_scheme: new.root_public.scheme().as_str().to_owned(),
            root_public: new.root_public.as_bytes().to_vec(),
        };
        let name_key = schema::name_index_key(name);
        let root_key = schema::root_index_key(new.root_public.as_bytes());
        let _writer = self.writer();
        self.transaction(|tx| -> TxResult<(), AddIdentityError> {
            if let Some(existing) = tx.identity_index().get(&name_key)? {
                return abort(AddIdentityError::DuplicateName { existing: self.name_of(tx, &existing)? });
            }
            if let Some(existing) = tx.identity_index().get(&root_key)? {
                return abort(AddIdentityError::DuplicateSecret { existing: self.name_of(tx, &existing)? });
            }
            tx.identities().insert(&id.key(), encode(&record))?;
            tx.identity_index().insert(name_key.as_slice(), &id.key())?;
            tx.identity_index().insert(root_key.as_slice(), &id.key())?;
            tx.secrets().insert(&id.key(), encode(&sealed))?;
            let kind_text = match kind {
                IdentityKind::Phrase => "from a seed phrase",
                IdentityKind::ImportedKey => "from an imported key",
            };
            tx.log(now, EventKind::IdentityAdded, Some(name), kind_text.to_owned())?;
            for (key, account) in account_keys.iter().zip(&new.accounts) {
                insert_account::<AddIdentityError>(tx, *key, account, name, now)?;
            }
            Ok(())
        })?;
        self.flush()?;
        Ok((id, account_keys))
    }

    fn name_of<E: From<StoreError>>(
        &self,
        tx: &crate::store::Tx,
        id: &[u8],
    ) -> Result<String, sled::transaction::ConflictableTransactionError<E>> {
        let Some(bytes) = tx.identities().get(id)? else {
            return abort(crate::error::corrupt(schema::IDENTITY_INDEX, id, "an index entry points at no identity"));
        };
        let record: IdentityRecord = tx_decode(schema::IDENTITIES, id, &bytes)?;
        Ok(record.name)
    }

    /// Every identity, oldest first.
    pub fn identities(&self) -> Result<Vec<Identity>, StoreError> {
        self.trees
            .identities
            .iter()
            .map(|entry| {
                let (key, value) = entry?;
                identity_from(&key, &value)
            })
            .collect()
    }

    pub fn identity(&self, id: IdentityId) -> Result<Option<Identity>, StoreError> {
        let key = id.key();
        self.trees.identities.get(key)?.map(|value| identity_from(&key, &value)).transpose()
    }

    /// The identity whose root public key this is (the same phrase, recovered before).
    pub fn identity_by_root(&self, root_public: &PublicKey) -> Result<Option<Identity>, StoreError> {
        self.identity_by_index(&schema::root_index_key(root_public.as_bytes()))
    }

    /// The identity with this name, ignoring case.
    pub fn identity_by_name(&self, name: &str) -> Result<Option<Identity>, StoreError> {
        self.identity_by_index(&schema::name_index_key(name.trim()))
    }

    fn identity_by_index(&self, index_key: &[u8]) -> Result<Option<Identity>, StoreError> {
        match self.trees.identity_index.get(index_key)? {
            Some(id) => self.identity(
                IdentityId::from_key(&id)
                    .ok_or_else(|| crate::error::corrupt(schema::IDENTITY_INDEX, index_key, "not an identity id"))?,
            ),
            None => Ok(None),
        }
    }

    pub fn rename_identity(&self, id: IdentityId, new_name: &str) -> Result<(), RenameError> {
        let name = valid_name(new_name).ok_or(RenameError::InvalidName)?;
        let now = self.now_ms();
        let _writer = self.writer();
        self.transaction(|tx| -> TxResult<(), RenameError> {
            let Some(bytes) = tx.identities().get(id.key())? else {
                return abort(RenameError::UnknownIdentity);
            };
            let mut record: IdentityRecord = tx_decode(schema::IDENTITIES, &id.key(), &bytes)?;
            let new_key = schema::name_index_key(name);
            if let Some(holder) = tx.identity_index().get(&new_key)? {
                if holder.as_ref() != id.key() {
                    return abort(RenameError::DuplicateName { existing: self.name_of(tx, &holder)? });
                }
            }
            tx.identity_index().remove(schema::name_index_key(&record.name))?;
            tx.identity_index().insert(new_key, &id.key())?;
            let detail = format!("from {:?}", record.name);
            record.name = name.to_owned();
            tx.identities().insert(&id.key(), encode(&record))?;
            tx.log(now, EventKind::IdentityRenamed, Some(name), detail)?;
            Ok(())
        })?;
        Ok(self.flush()?)
    }

    /// How long before the next PIN attempt on this identity is allowed.
    pub fn lockout_remaining(&self, id: IdentityId) -> Result<Duration, StoreError> {
        Ok(self.lockout_record(id)?.remaining(self.now_ms()))
    }

    fn lockout_record(&self, id: IdentityId) -> Result<LockoutRecord, StoreError> {
        match self.trees.lockout.get(id.key())? {
            Some(bytes) => decode(schema::LOCKOUT, &id.key(), &bytes),
            None => Ok(LockoutRecord::default()),
        }
    }

    /// Opens the identity's secret with its PIN. Wrong PINs are counted on disk.
    pub fn unlock(&self, id: IdentityId, pin: &Pin) -> Result<IdentitySecret, UnlockError> {
        let _writer = self.writer();
        let (identity, plaintext) = self.check_pin(id, pin)?;
        IdentitySecret::from_bytes(&plaintext)
            .ok_or_else(|| UnlockError::Corrupt(format!("the secret of {:?} does not decode", identity.name)))
    }

    /// Lockout check, then argon2 and decryption. The attempt is counted as wrong on disk
    /// *before* it is tried, and uncounted when the PIN is right: killing the process during
    /// argon2 must not give a free guess. The caller holds the writer lock.
    fn check_pin(&self, id: IdentityId, pin: &Pin) -> Result<(Identity, zeroize::Zeroizing<Vec<u8>>), UnlockError> {
        let identity = self.identity(id)?.ok_or(UnlockError::UnknownIdentity)?;
        let previous = self.lockout_record(id)?;
        let retry_after = previous.remaining(self.now_ms());
        if !retry_after.is_zero() {
            return Err(UnlockError::LockedOut { retry_after });
        }
        let bytes =
            self.trees.secrets.get(id.key()).map_err(StoreError::from)?.ok_or_else(|| {
                UnlockError::Corrupt(format!("the identity {:?} has no sealed secret", identity.name))
            })?;
        let sealed: SealedSecret = decode(schema::SECRETS, &id.key(), &bytes).map_err(|e| match e {
            StoreError::Corrupt(detail) => UnlockError::Corrupt(detail),
            other => UnlockError::Store(other),
        })?;
        let now = self.now_ms();
        let counted = LockoutRecord { failures: previous.failures.saturating_add(1), last_failure_ms: now };
        self.trees.lockout.insert(id.key(), encode(&counted)).map_err(StoreError::from)?;
        self.flush()?;
        match sealed.open(pin) {
            Ok(plaintext) => {
                self.trees.lockout.remove(id.key()).map_err(StoreError::from)?;
                self.flush()?;
                Ok((identity, plaintext))
            }
            Err(OpenSealError::WrongPin) => {
                let detail = format!("{} in a row", counted.failures);
                self.transaction(|tx| {
                    tx.log::<StoreError>(now, EventKind::WrongPin, Some(&identity.name), detail.clone())
                })?;
                self.flush()?;
                Err(UnlockError::WrongPin {
                    attempts_before_wait: counted.attempts_before_wait(),
                    next_wait: lockout::wait_after(counted.failures),
                })
            }
            // Not the user's guess that failed: put the count back as it was.
            Err(other) => {
                self.restore_lockout(id, &previous)?;
                Err(match other {
                    OpenSealError::ExcessiveWork { .. } => UnlockError::ExcessiveWork,
                    OpenSealError::Corrupt(detail) => UnlockError::Corrupt(detail),
                    OpenSealError::WrongPin => unreachable!("handled above"),
                })
            }
        }
    }

    fn restore_lockout(&self, id: IdentityId, previous: &LockoutRecord) -> Result<(), StoreError> {
        if previous.failures == 0 {
            self.trees.lockout.remove(id.key())?;
        } else {
            self.trees.lockout.insert(id.key(), encode(previous))?;
        }
        self.flush()
    }

    /// Re-seals the secret under a new PIN (fresh salt, nonce and current parameters), atomically.
    pub fn change_pin(&self, id: IdentityId, old: &Pin, new: &Pin) -> Result<(), UnlockError> {
        let _writer = self.writer();
        let (identity, plaintext) = self.check_pin(id, old)?;
        let sealed = SealedSecret::seal(&plaintext, new, self.options.kdf);
        let now = self.now_ms();
        self.transaction(|tx| {
            tx.secrets().insert(&id.key(), encode(&sealed))?;
            tx.log(now, EventKind::PinChanged, Some(&identity.name), String::new())?;
            Ok::<_, sled::transaction::ConflictableTransactionError<UnlockError>>(())
        })?;
        Ok(self.flush()?)
    }

    /// Removes the identity, its secret and all its accounts, after checking its PIN.
    pub fn delete_identity(&self, id: IdentityId, pin: &Pin) -> Result<(), UnlockError> {
        let _writer = self.writer();
        let (identity, _) = self.check_pin(id, pin)?;
        // Transactions cannot scan; the writer lock keeps these lists current until it commits.
        let accounts = keys_with_prefix(&self.trees.accounts, &AccountKey::prefix(id, None))?;
        let paths = keys_with_prefix(&self.trees.account_paths, &AccountKey::prefix(id, None))?;
        let now = self.now_ms();
        let root_key = schema::root_index_key(identity.root_public.as_bytes());
        self.transaction(|tx| {
            tx.identities().remove(&id.key())?;
            tx.identity_index().remove(schema::name_index_key(&identity.name))?;
            tx.identity_index().remove(root_key.as_slice())?;
            tx.secrets().remove(&id.key())?;
            tx.lockout().remove(&id.key())?;
            for key in accounts.iter() {
                tx.accounts().remove(key)?;
            }
            for key in paths.iter() {
                tx.account_paths().remove(key)?;
            }
            let detail = format!("with {} account(s)", accounts.len());
            tx.log(now, EventKind::IdentityRemoved, Some(&identity.name), detail)?;
            Ok::<_, sled::transaction::ConflictableTransactionError<UnlockError>>(())
        })?;
        Ok(self.flush()?)
    }
}

fn keys_with_prefix(tree: &sled::Tree, prefix: &[u8]) -> Result<Vec<sled::IVec>, StoreError> {
    Ok(tree.scan_prefix(prefix).keys().collect::<Result<_, _>>()?)
}

fn identity_from(key: &[u8], value: &[u8]) -> Result<Identity, StoreError> {
    let record: IdentityRecord = decode(schema::IDENTITIES, key, value)?;
    Ok(Identity {
        id: IdentityId::from_key(key).ok_or_else(|| crate::error::corrupt(schema::IDENTITIES, key, "malformed key"))?,
        root_public: schema::public_key(schema::IDENTITIES, key, &record.root_scheme, &record.root_public)?,
        name: record.name,
        created_ms: record.created_ms,
        kind: record.kind,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_read_naturally() {
        assert_eq!(wait_text(Duration::from_secs(30)), "30 s");
        assert_eq!(wait_text(Duration::from_millis(29_001)), "30 s");
        assert_eq!(wait_text(Duration::from_secs(150)), "2 min 30 s");
        assert_eq!(wait_text(Duration::from_secs(3600)), "1 h");
    }
}
