//! Identities: a name, public data readable without a PIN, and a secret sealed under it.

use std::time::Duration;

use axia_signer_keys::PublicKey;

use crate::accounts::{account_record, insert_account, AddAccountError, NewAccount};
use crate::error::StoreError;
use crate::history::{renamed_from, EventKind};
use crate::pin::Pin;
use crate::schema::{self, AccountKey, IdentityId, IdentityKind, IdentityRecord, LockoutRecord};
use crate::seal::{OpenSealError, SealedSecret};
use crate::sealed_copies::{CopyState, FirstAccount, SealedCopy};
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
    /// The name is empty, longer than [`MAX_NAME_CHARS`] or has a control or direction
    /// character: choose another.
    #[error("give the identity a name (up to {MAX_NAME_CHARS} characters)")]
    InvalidName,
    /// Another identity (`existing`) has this name, ignoring case: choose another name.
    #[error("there is already an identity named {existing:?}")]
    DuplicateName { existing: String },
    /// The same phrase (with the same BIP39 password) or key is already the identity
    /// `existing`: use that one; nothing was stored.
    #[error("this seed phrase or key is already stored as the identity {existing:?}")]
    DuplicateSecret { existing: String },
    /// One of the accounts to create with it was refused: the identity was not added either;
    /// fix that account, or add the identity without it.
    #[error(transparent)]
    Account(#[from] AddAccountError),
    /// Reading or writing failed underneath; the identity was not added.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Why a rename did not happen.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RenameError {
    /// The name is empty, longer than [`MAX_NAME_CHARS`] or has a control or direction
    /// character: choose another; the identity keeps its name.
    #[error("give the identity a name (up to {MAX_NAME_CHARS} characters)")]
    InvalidName,
    /// Another identity (`existing`) has this name, ignoring case: choose another name.
    #[error("there is already an identity named {existing:?}")]
    DuplicateName { existing: String },
    /// The identity is not in the store (deleted meanwhile): choose it again from the list.
    #[error("no such identity")]
    UnknownIdentity,
    /// Reading or writing failed underneath; the identity keeps its name.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Why an identity could not be unlocked (to read its secret, change its PIN or delete it).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum UnlockError {
    /// The PIN does not open the secret; the attempt was counted on disk. `attempts_before_wait`
    /// more may be tried before waits begin; `next_wait` is the wait owed before the next try
    /// (zero while free attempts remain). Try again, carefully.
    #[error("wrong PIN{}", attempts_note(*attempts_before_wait, *next_wait))]
    WrongPin { attempts_before_wait: u32, next_wait: Duration },
    /// Too many wrong PINs in a row: no attempt is allowed for `retry_after` (spent only
    /// while the app runs). Wait, then try again; nothing was tried or counted.
    #[error("too many wrong PINs: try again in {}", wait_text(*retry_after))]
    LockedOut { retry_after: Duration },
    /// The identity is not in the store (deleted meanwhile): choose it again from the list.
    #[error("no such identity")]
    UnknownIdentity,
    /// The sealed secret asks for argon2 work above [`crate::KdfParams::CAP`]: it is damaged or
    /// not ours, so it was not tried. Put back a backup, or restore the identity from its phrase.
    #[error("the identity's sealed secret asks for more work than allowed: the record is damaged or not ours; nothing was changed")]
    ExcessiveWork,
    /// The sealed secret is missing or damaged in both its copies, or does not decode; no
    /// wrong PIN was counted. Put back a backup of the store's folder, or restore the
    /// identity from its phrase.
    #[error("the identity's sealed secret is damaged ({0}); nothing was changed")]
    Corrupt(String),
    /// Reading or writing failed underneath; nothing was changed.
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
    /// Seals the secret under `pin` and stores the identity with its first accounts: its
    /// sealed copies first, then one transaction; durable when this returns `Ok`.
    pub fn add_identity(&self, new: NewIdentity, pin: &Pin) -> Result<(IdentityId, Vec<AccountKey>), AddIdentityError> {
        let name = valid_name(new.name).ok_or(AddIdentityError::InvalidName)?;
        let kind = match new.secret {
            IdentitySecret::Phrase { .. } => IdentityKind::Phrase,
            IdentitySecret::ImportedKey { .. } => IdentityKind::ImportedKey,
        };
        let name_key = schema::name_index_key(name);
        let root_key = schema::root_index_key(new.root_public.as_bytes());
        let _writer = self.writer();
        // Checked before the copies are written (and again in the transaction), so a
        // duplicate costs no argon2 and leaves no file behind.
        if let Some(existing) = self.trees.identity_index.get(&name_key).map_err(StoreError::from)? {
            return Err(AddIdentityError::DuplicateName { existing: self.name_by_id(&existing)? });
        }
        if let Some(existing) = self.trees.identity_index.get(&root_key).map_err(StoreError::from)? {
            return Err(AddIdentityError::DuplicateSecret { existing: self.name_by_id(&existing)? });
        }
        let sealed = SealedSecret::seal(&new.secret.to_bytes(), pin, self.options.kdf);
        let id = self.fresh_identity_id()?;
        let account_keys = self.account_keys(id, &new.accounts)?;
        let now = self.now_ms();
        let record = IdentityRecord {
            name: name.to_owned(),
            created_ms: now,
            kind,
            root_scheme: new.root_public.scheme().as_str().to_owned(),
            root_public: new.root_public.as_bytes().to_vec(),
            generation: 1,
        };
        let first_accounts = account_keys
            .iter()
            .zip(&new.accounts)
            .map(|(key, account)| FirstAccount { key: key.to_bytes().to_vec(), record: account_record(account, now) })
            .collect();
        let state = CopyState::Live { record: record.clone(), sealed, first_accounts };
        self.copies.write(&SealedCopy { id, generation: record.generation, state })?;
        let committed = self.transaction(|tx| -> TxResult<(), AddIdentityError> {
            if let Some(existing) = tx.identity_index().get(&name_key)? {
                return abort(AddIdentityError::DuplicateName { existing: self.name_of(tx, &existing)? });
            }
            if let Some(existing) = tx.identity_index().get(&root_key)? {
                return abort(AddIdentityError::DuplicateSecret { existing: self.name_of(tx, &existing)? });
            }
            if tx.identities().get(id.key())?.is_some() {
                return abort(StoreError::Corrupt(format!("identity id {} is already taken", id.0)));
            }
            tx.identities().insert(&id.key(), encode(&record))?;
            tx.identity_index().insert(name_key.as_slice(), &id.key())?;
            tx.identity_index().insert(root_key.as_slice(), &id.key())?;
            let kind_text = match kind {
                IdentityKind::Phrase => "from a seed phrase",
                IdentityKind::ImportedKey => "from an imported key",
            };
            tx.log(now, EventKind::IdentityAdded, Some((id, name)), kind_text.to_owned())?;
            for (key, account) in account_keys.iter().zip(&new.accounts) {
                insert_account::<AddIdentityError>(tx, *key, account, name, now)?;
            }
            Ok(())
        });
        if let Err(error) = committed {
            // Nothing reached sled: the copies must not bring the identity back on the next open.
            let _ = self.copies.remove(id);
            return Err(error);
        }
        self.flush()?;
        Ok((id, account_keys))
    }

    /// An id no identity has, in sled or in `sealed/`: sled's id counter starts over in a
    /// rebuilt store, and a new identity must never write over another's sealed copies.
    fn fresh_identity_id(&self) -> Result<IdentityId, StoreError> {
        loop {
            let id = IdentityId(self.db.generate_id()?);
            if !self.trees.identities.contains_key(id.key())? && self.copies.is_free(id) {
                return Ok(id);
            }
        }
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

    fn name_by_id(&self, id: &[u8]) -> Result<String, StoreError> {
        match self.trees.identities.get(id)? {
            Some(bytes) => Ok(decode::<IdentityRecord>(schema::IDENTITIES, id, &bytes)?.name),
            None => Err(crate::error::corrupt(schema::IDENTITY_INDEX, id, "an index entry points at no identity")),
        }
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
        let mut record = self.identity_record(id)?.ok_or(RenameError::UnknownIdentity)?;
        let new_key = schema::name_index_key(name);
        if let Some(holder) = self.trees.identity_index.get(&new_key).map_err(StoreError::from)? {
            if holder.as_ref() != id.key() {
                return Err(RenameError::DuplicateName { existing: self.name_by_id(&holder)? });
            }
        }
        let old_name = std::mem::replace(&mut record.name, name.to_owned());
        record.generation = next_generation(&record)?;
        let previous = self.update_copies(id, &record, None)?;
        self.commit_or_revert(&previous, || {
            self.transaction(|tx| -> TxResult<(), RenameError> {
                tx.identity_index().remove(schema::name_index_key(&old_name))?;
                tx.identity_index().insert(new_key.as_slice(), &id.key())?;
                tx.identities().insert(&id.key(), encode(&record))?;
                tx.log(now, EventKind::IdentityRenamed, Some((id, name)), renamed_from(&old_name))?;
                Ok(())
            })
        })
    }

    fn identity_record(&self, id: IdentityId) -> Result<Option<IdentityRecord>, StoreError> {
        match self.trees.identities.get(id.key())? {
            Some(bytes) => Ok(Some(decode(schema::IDENTITIES, &id.key(), &bytes)?)),
            None => Ok(None),
        }
    }

    /// The identity's sealed secret from its copies; a damaged or missing copy is rewritten
    /// from its twin on the way. The caller holds the writer lock.
    fn sealed_secret(&self, identity: &Identity) -> Result<SealedSecret, UnlockError> {
        let pair = self.copies.read(identity.id);
        let Some(best) = pair.best() else {
            return Err(UnlockError::Corrupt(self.copies_unreadable(&identity.name)));
        };
        let CopyState::Live { sealed, .. } = &best.state else { return Err(UnlockError::UnknownIdentity) };
        if !pair.stale_files().is_empty() {
            self.copies.write(best)?;
        }
        Ok(sealed.clone())
    }

    fn copies_unreadable(&self, name: &str) -> String {
        format!("both sealed copies of {name:?} are missing or damaged in {}", self.copies.dir().display())
    }

    /// Writes the copies of an identity with a new public record and, when given, a new
    /// sealed secret (else the one they hold). Always before sled's transaction; returns
    /// what they held, for [`Store::commit_or_revert`].
    fn update_copies(
        &self,
        id: IdentityId,
        record: &IdentityRecord,
        sealed: Option<SealedSecret>,
    ) -> Result<SealedCopy, StoreError> {
        let pair = self.copies.read(id);
        let Some(previous @ SealedCopy { state: CopyState::Live { sealed: old, first_accounts, .. }, .. }) =
            pair.best()
        else {
            return Err(StoreError::Corrupt(self.copies_unreadable(&record.name)));
        };
        let state = CopyState::Live {
            record: record.clone(),
            sealed: sealed.unwrap_or_else(|| old.clone()),
            first_accounts: first_accounts.clone(),
        };
        self.copies.write(&SealedCopy { id, generation: record.generation, state })?;
        Ok(previous.clone())
    }

    /// Runs sled's side of a change whose copies are already written; if it fails, the
    /// copies go back to `previous`, so the next open does not finish a change the user was
    /// told failed.
    fn commit_or_revert<E: From<StoreError>>(
        &self,
        previous: &SealedCopy,
        commit: impl FnOnce() -> Result<(), E>,
    ) -> Result<(), E> {
        if let Err(error) = commit() {
            let _ = self.copies.write(previous);
            return Err(error);
        }
        // Committed: a failed flush is reported, but the change is not undone.
        Ok(self.flush()?)
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
        let previous = self.spend_lockout(id)?;
        let retry_after = previous.owed();
        if !retry_after.is_zero() {
            return Err(UnlockError::LockedOut { retry_after });
        }
        let sealed = self.sealed_secret(&identity)?;
        let counted = previous.after_failure();
        self.write_lockout(id, &counted)?;
        match sealed.open(pin) {
            Ok(plaintext) => {
                self.write_lockout(id, &LockoutRecord::default())?;
                Ok((identity, plaintext))
            }
            Err(OpenSealError::WrongPin) => {
                let detail = format!("{} in a row", counted.failures);
                let now = self.now_ms();
                self.transaction(|tx| {
                    tx.log::<StoreError>(now, EventKind::WrongPin, Some((id, &identity.name)), detail.clone())
                })?;
                self.flush()?;
                Err(UnlockError::WrongPin {
                    attempts_before_wait: counted.attempts_before_wait(),
                    next_wait: counted.owed(),
                })
            }
            // Not the user's guess that failed: put the count back as it was.
            Err(other) => {
                self.write_lockout(id, &previous)?;
                Err(match other {
                    OpenSealError::ExcessiveWork { .. } => UnlockError::ExcessiveWork,
                    OpenSealError::Corrupt(detail) => UnlockError::Corrupt(detail),
                    OpenSealError::WrongPin => unreachable!("handled above"),
                })
            }
        }
    }

    /// Re-seals the secret under a new PIN (fresh salt, nonce and current parameters). The
    /// old sealed record leaves every file of the store before this returns.
    pub fn change_pin(&self, id: IdentityId, old: &Pin, new: &Pin) -> Result<(), UnlockError> {
        let _writer = self.writer();
        let (identity, plaintext) = self.check_pin(id, old)?;
        let sealed = SealedSecret::seal(&plaintext, new, self.options.kdf);
        let mut record = self.identity_record(id)?.ok_or(UnlockError::UnknownIdentity)?;
        record.generation = next_generation(&record)?;
        let previous = self.update_copies(id, &record, Some(sealed))?;
        let now = self.now_ms();
        self.commit_or_revert(&previous, || {
            self.transaction(|tx| {
                tx.identities().insert(&id.key(), encode(&record))?;
                tx.log(now, EventKind::PinChanged, Some((id, &identity.name)), String::new())?;
                Ok::<_, sled::transaction::ConflictableTransactionError<UnlockError>>(())
            })
        })
    }

    /// Removes the identity, its secret and all its accounts, after checking its PIN. The
    /// copies are first overwritten with a mark that it is being deleted (so a crash cannot
    /// bring it back, and the sealed record is gone at once), then sled, then the files.
    pub fn delete_identity(&self, id: IdentityId, pin: &Pin) -> Result<(), UnlockError> {
        let _writer = self.writer();
        self.check_pin(id, pin)?;
        let record = self.identity_record(id)?.ok_or(UnlockError::UnknownIdentity)?;
        let previous = self.copies.read(id).best().cloned().ok_or(UnlockError::UnknownIdentity)?;
        let generation = next_generation(&record)?;
        self.copies.write(&SealedCopy { id, generation, state: CopyState::Deleted })?;
        self.commit_or_revert(&previous, || {
            self.remove_from_sled(id, &record, self.now_ms()).map_err(UnlockError::from)
        })?;
        // The delete is done; the marks left hold no secret, and the next open removes them
        // if this fails.
        let _ = self.copies.remove(id);
        Ok(())
    }

    /// One transaction that removes an identity, its index entries, lockout and accounts,
    /// and logs it; the caller flushes. The caller holds the writer lock (or is opening).
    pub(crate) fn remove_from_sled(&self, id: IdentityId, record: &IdentityRecord, now: u64) -> Result<(), StoreError> {
        // Transactions cannot scan; the writer lock keeps these lists current until it commits.
        let accounts = keys_with_prefix(&self.trees.accounts, &AccountKey::prefix(id, None))?;
        let paths = keys_with_prefix(&self.trees.account_paths, &AccountKey::prefix(id, None))?;
        let name_key = schema::name_index_key(&record.name);
        let root_key = schema::root_index_key(&record.root_public);
        self.transaction(|tx| -> TxResult<(), StoreError> {
            tx.identities().remove(&id.key())?;
            // Index entries are removed only where they point at this identity.
            for index in [&name_key, &root_key] {
                if tx.identity_index().get(index.as_slice())?.as_deref() == Some(&id.key()[..]) {
                    tx.identity_index().remove(index.as_slice())?;
                }
            }
            tx.lockout().remove(&id.key())?;
            for key in accounts.iter() {
                tx.accounts().remove(key)?;
            }
            for key in paths.iter() {
                tx.account_paths().remove(key)?;
            }
            let detail = format!("with {} account(s)", accounts.len());
            tx.log(now, EventKind::IdentityRemoved, Some((id, &record.name)), detail)?;
            Ok(())
        })?;
        self.lockout_since.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).remove(&id);
        Ok(())
    }
}

/// The generation after `record`'s; a record at the very end of the range is damaged.
fn next_generation(record: &IdentityRecord) -> Result<u64, StoreError> {
    record
        .generation
        .checked_add(1)
        .ok_or_else(|| StoreError::Corrupt(format!("the record of {:?} has an impossible generation", record.name)))
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
