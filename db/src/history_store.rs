//! Reading and appending to the security log.

use crate::error::{corrupt, StoreError};
use crate::history::{renamed_from, Event, EventKind};
use crate::schema::{self, EventRecord, IdentityId};
use crate::store::{decode, Store};

impl Store {
    /// The whole log, oldest first.
    pub fn history(&self) -> Result<Vec<Event>, StoreError> {
        self.trees
            .history
            .iter()
            .map(|entry| {
                let (key, value) = entry?;
                let record: EventRecord = decode(schema::HISTORY, &key, &value)?;
                let sequence =
                    u64::from_be_bytes(key.as_ref().try_into().map_err(|_| corrupt(schema::HISTORY, &key, "bad key"))?);
                Ok(Event {
                    sequence,
                    time_ms: record.time_ms,
                    kind: record.kind,
                    identity: record.identity,
                    identity_id: record.identity_id,
                    detail: record.detail,
                })
            })
            .collect()
    }

    /// The events of one identity, oldest first, whatever it was called at the time: its
    /// events stay with it through renames, and an identity given one of its names later
    /// gets none of them. A deleted identity's events are still found by its id.
    ///
    /// Events written before ids were stored name the identity only as it was called then.
    /// Such an event is `id`'s when `id` had that name at that point of the log. The log is
    /// read newest first, following `id`'s name back: each of its events says what it was
    /// called then, and each of its renames what it was called before (the old name, in the
    /// detail). The walk ends, and no older event without an id is `id`'s, at
    /// - its creation (an [`EventKind::IdentityAdded`] of that name),
    /// - the removal of an identity of that name (an earlier holder of it), or
    /// - an event of another identity, by id, under that name.
    ///
    /// So an identity never gets events from before it was created, nor those of a deleted
    /// or renamed identity whose name it took. An old event the walk cannot place (the log
    /// lost a rename) is left out here; [`Store::history`] still shows it.
    pub fn history_of(&self, id: IdentityId) -> Result<Vec<Event>, StoreError> {
        let mut trail = match self.identity(id)? {
            Some(identity) => Trail::Named(identity.name),
            // Deleted: the walk starts at its removal, an event with its id.
            None => Trail::Ended,
        };
        let mut events = Vec::new();
        for event in self.history()?.into_iter().rev() {
            let under_its_name = trail.is_name(event.identity.as_deref());
            let its_own = match event.identity_id {
                Some(owner) => owner == id,
                None => under_its_name && event.kind != EventKind::IdentityRemoved,
            };
            if its_own {
                trail = Trail::before(&event);
                events.push(event);
            } else if under_its_name {
                // Another identity had this name here: `id` took it later.
                trail = Trail::Ended;
            }
        }
        events.reverse();
        Ok(events)
    }

    /// Logs what the app did outside the store, such as showing a phrase or exporting an
    /// account. `detail` must be public (a path, an address, a file name).
    pub fn record_event(&self, kind: EventKind, identity: Option<IdentityId>, detail: &str) -> Result<(), StoreError> {
        let identity = match identity {
            Some(id) => self.identity(id)?.map(|identity| (id, identity.name)),
            None => None,
        };
        let now = self.now_ms();
        let _writer = self.writer();
        self.transaction(|tx| {
            let identity = identity.as_ref().map(|(id, name)| (*id, name.as_str()));
            tx.log::<StoreError>(now, kind, identity, detail.to_owned())
        })?;
        self.flush()
    }
}

/// What [`Store::history_of`]'s identity was called just after the event the walk is at.
enum Trail {
    Named(String),
    /// Renamed right after: called whatever this rename detail names.
    RenamedFrom(String),
    /// Not yet created (or never seen under a name): older events without an id are not its.
    Ended,
}

impl Trail {
    fn is_name(&self, name: Option<&str>) -> bool {
        match (self, name) {
            (Trail::Named(current), Some(name)) => current == name,
            (Trail::RenamedFrom(detail), Some(name)) => *detail == renamed_from(name),
            _ => false,
        }
    }

    /// What the identity was called before `event`, one of its own.
    fn before(event: &Event) -> Trail {
        match (event.kind, &event.identity) {
            (EventKind::IdentityAdded, _) | (_, None) => Trail::Ended,
            (EventKind::IdentityRenamed, Some(_)) => Trail::RenamedFrom(event.detail.clone()),
            (_, Some(name)) => Trail::Named(name.clone()),
        }
    }
}

#[cfg(test)]
mod tests;
