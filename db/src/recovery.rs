//! On every open, sled's identities are held against their sealed copies
//! ([`crate::sealed_copies`]), and whatever one lost is put back from the other. What was
//! mended is returned as [`Repair`]s for the user to read.
//!
//! The copies are written before sled on every change, so:
//! - a copy with no identity in sled, or ahead of sled's record, holds a change sled lost
//!   (a damaged log) or never got (a crash before its transaction): sled is rolled forward;
//! - a copy marked deleted finishes a delete a crash interrupted;
//! - a copy missing, damaged or behind is rewritten from its twin (or from sled's record
//!   and the twin's sealed secret).

use std::fmt;

use crate::error::StoreError;
use crate::history::EventKind;
use crate::schema::{self, AccountKey, IdentityId, IdentityRecord};
use crate::sealed_copies::{CopyState, Pair, SealedCopy, Slot};
use crate::store::{decode, encode, Store, TxResult};

/// Something opening the store found damaged or unfinished and mended. Each reads as a
/// sentence for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Repair {
    /// The database had lost this identity (a damaged log, or a crash while it was being
    /// added); it was rebuilt from its sealed copy, with the accounts it was created with.
    IdentityRebuilt { name: String, accounts: usize },
    /// The database had lost the latest change to this identity (a new name or PIN); it
    /// was redone from the sealed copy.
    IdentityUpdated { name: String },
    /// One of the identity's two sealed copies was damaged, missing or out of date; it was
    /// rewritten from the other.
    CopyMended { name: String, file: String },
    /// A delete that a crash cut short was finished.
    DeleteFinished { name: String },
    /// Both sealed copies of this identity are missing or damaged: it is listed with its
    /// accounts, but its secret cannot be unlocked. Restore the `sealed` folder from a
    /// backup, or recover the identity again from its phrase.
    SecretLost { name: String, reason: String },
    /// A damaged file in `sealed/` that belongs to no identity; left where it is.
    StrayCopy { file: String, reason: String },
    /// sled's log lost changes it had acknowledged (it reads a damaged message as the end
    /// of its log). Identities are put back from their sealed copies; accounts, names and
    /// networks changed since may be missing. The files as found are kept.
    WritesLost { lost: u64 },
}

impl fmt::Display for Repair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Repair::IdentityRebuilt { name, accounts } => write!(
                f,
                "the identity {name:?} had been lost from the database and was rebuilt from its sealed copy with the {accounts} account(s) it was created with; add any later accounts again (\"Can't find your account?\" finds them)"
            ),
            Repair::IdentityUpdated { name } => {
                write!(f, "the latest change to the identity {name:?} had been lost from the database and was redone")
            }
            Repair::CopyMended { name, file } => {
                write!(f, "the sealed copy {file} of the identity {name:?} was damaged or out of date and was rewritten")
            }
            Repair::DeleteFinished { name } => write!(f, "deleting the identity {name:?} had been interrupted and was finished"),
            Repair::SecretLost { name, reason } => write!(
                f,
                "the identity {name:?} cannot be unlocked: {reason}; restore the store's sealed folder from a backup or recover the identity again from its phrase"
            ),
            Repair::WritesLost { lost } => write!(
                f,
                "the database had lost the last {lost} change(s) it had saved (its log is damaged); every identity is checked against its sealed copy, but accounts added, names given or networks added since may be missing"
            ),
            Repair::StrayCopy { file, reason } => {
                write!(f, "the file {file} in the sealed folder belongs to no identity ({reason}); it was left in place")
            }
        }
    }
}

impl Store {
    /// Holds every identity in sled against its sealed copies and mends what disagrees.
    pub(crate) fn reconcile(&self) -> Result<Vec<Repair>, StoreError> {
        let mut ids = self.copies.ids()?;
        for key in self.trees.identities.iter().keys() {
            let key = key?;
            let id = IdentityId::from_key(&key)
                .ok_or_else(|| crate::error::corrupt(schema::IDENTITIES, &key, "malformed key"))?;
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        // Everything is read before anything is written: damage found while reading
        // refuses the open with no file changed.
        let mut found = Vec::with_capacity(ids.len());
        for id in ids {
            let pair = self.copies.read(id);
            let in_sled: Option<IdentityRecord> = match self.trees.identities.get(id.key())? {
                // A record that does not decode is rebuilt from a readable copy, like a lost
                // one; without one, the open is refused and the record kept as it is.
                Some(bytes) => match decode(schema::IDENTITIES, &id.key(), &bytes) {
                    Ok(record) => Some(record),
                    Err(_) if pair.best().is_some() => None,
                    Err(error) => return Err(error),
                },
                None => None,
            };
            found.push((pair, in_sled));
        }
        self.read_small_trees()?;
        let mut repairs = Vec::new();
        for (pair, in_sled) in found {
            self.reconcile_one(pair, in_sled, &mut repairs)?;
        }
        Ok(repairs)
    }

    /// Reads every record of the trees that stay small (not accounts, not history), so that
    /// damage in them is found while opening, when the files can still be put back.
    fn read_small_trees(&self) -> Result<(), StoreError> {
        let t = &self.trees;
        for tree in [&t.meta, &t.identity_index, &t.networks, &t.lockout] {
            for entry in tree.iter() {
                entry?;
            }
        }
        Ok(())
    }

    fn reconcile_one(
        &self,
        pair: Pair,
        in_sled: Option<IdentityRecord>,
        repairs: &mut Vec<Repair>,
    ) -> Result<(), StoreError> {
        let id = pair.id;
        let best = pair.best().cloned();
        match (best, in_sled) {
            (None, None) => {
                for (slot, file) in pair.slots.iter().zip(pair.files()) {
                    if let Slot::Damaged(reason) = slot {
                        repairs.push(Repair::StrayCopy { file, reason: reason.clone() });
                    }
                }
            }
            (None, Some(record)) => {
                let reason = match &pair.slots {
                    [Slot::Missing, Slot::Missing] => "both of its sealed copies are missing".to_owned(),
                    _ => "both of its sealed copies are damaged".to_owned(),
                };
                repairs.push(Repair::SecretLost { name: record.name, reason });
            }
            (Some(copy), in_sled) => match (&copy.state, in_sled) {
                // The marks stay until an open finds sled without the identity: if this open
                // is refused and sled's files put back, the next one finishes the delete again.
                (CopyState::Deleted, Some(record)) => {
                    self.remove_from_sled(id, &record, self.now_ms())?;
                    repairs.push(Repair::DeleteFinished { name: record.name });
                }
                (CopyState::Deleted, None) => {
                    // A record that did not decode may still be there under the id.
                    self.trees.identities.remove(id.key())?;
                    self.copies.remove(id)?;
                }
                (CopyState::Live { record, first_accounts, .. }, None) => {
                    let restored = self.rebuild_identity(id, record, first_accounts)?;
                    repairs.push(Repair::IdentityRebuilt { name: record.name.clone(), accounts: restored });
                    self.mend_copies(&pair, &copy, repairs)?;
                }
                (CopyState::Live { record, .. }, Some(in_sled)) => {
                    if copy.generation > in_sled.generation {
                        self.roll_forward(id, &in_sled, record)?;
                        repairs.push(Repair::IdentityUpdated { name: record.name.clone() });
                        self.mend_copies(&pair, &copy, repairs)?;
                    } else if copy.generation < in_sled.generation {
                        // The copies are behind sled's record, which only a file put back by
                        // hand can do: sled's public record, the copy's sealed secret.
                        let mut newer = copy.clone();
                        newer.generation = in_sled.generation;
                        if let CopyState::Live { record, .. } = &mut newer.state {
                            *record = in_sled.clone();
                        }
                        self.copies.write(&newer)?;
                        for file in pair.files() {
                            repairs.push(Repair::CopyMended { name: in_sled.name.clone(), file });
                        }
                    } else {
                        self.mend_copies(&pair, &copy, repairs)?;
                    }
                }
            },
        }
        Ok(())
    }

    /// Rewrites both files from the best copy when either is not it.
    fn mend_copies(&self, pair: &Pair, best: &SealedCopy, repairs: &mut Vec<Repair>) -> Result<(), StoreError> {
        let stale = pair.stale_files();
        if stale.is_empty() {
            return Ok(());
        }
        self.copies.write(best)?;
        let name = match &best.state {
            CopyState::Live { record, .. } => record.name.clone(),
            CopyState::Deleted => String::new(),
        };
        for file in stale {
            repairs.push(Repair::CopyMended { name: name.clone(), file });
        }
        Ok(())
    }

    /// Puts an identity sled lost back: its record, its index entries and the accounts it
    /// was created with (those whose network is still known). Returns how many accounts.
    fn rebuild_identity(
        &self,
        id: IdentityId,
        record: &IdentityRecord,
        first_accounts: &[crate::sealed_copies::FirstAccount],
    ) -> Result<usize, StoreError> {
        let accounts: Vec<_> = first_accounts
            .iter()
            .filter_map(|account| Some((AccountKey::from_bytes(&account.key)?, &account.record)))
            .filter(|(key, _)| self.trees.networks.contains_key(key.network.0).unwrap_or(false))
            .collect();
        let now = self.now_ms();
        self.transaction(|tx| -> TxResult<(), StoreError> {
            tx.identities().insert(&id.key(), encode(record))?;
            // An index entry another identity holds stays with it: the rebuilt one is still
            // reachable by id, and the user is told its name.
            for index in [schema::name_index_key(&record.name), schema::root_index_key(&record.root_public)] {
                if tx.identity_index().get(&index)?.is_none() {
                    tx.identity_index().insert(index, &id.key())?;
                }
            }
            for (key, account) in &accounts {
                let path_key = schema::account_path_key(key.identity, key.network, &account.path);
                if tx.account_paths().get(&path_key)?.is_none() {
                    tx.accounts().insert(&key.to_bytes()[..], encode(*account))?;
                    tx.account_paths().insert(path_key, &key.to_bytes()[..])?;
                }
            }
            let detail = "rebuilt from its sealed copy".to_owned();
            tx.log(now, EventKind::IdentityAdded, Some((id, &record.name)), detail)?;
            Ok(())
        })?;
        self.flush()?;
        Ok(accounts.len())
    }

    /// sled's record catches up with the copy's (a rename it lost).
    fn roll_forward(&self, id: IdentityId, old: &IdentityRecord, new: &IdentityRecord) -> Result<(), StoreError> {
        self.transaction(|tx| -> TxResult<(), StoreError> {
            if old.name != new.name {
                let (old_key, new_key) = (schema::name_index_key(&old.name), schema::name_index_key(&new.name));
                if tx.identity_index().get(&old_key)?.as_deref() == Some(&id.key()[..]) {
                    tx.identity_index().remove(old_key)?;
                }
                if tx.identity_index().get(&new_key)?.is_none() {
                    tx.identity_index().insert(new_key, &id.key())?;
                }
            }
            tx.identities().insert(&id.key(), encode(new))?;
            Ok(())
        })?;
        self.flush()
    }
}
