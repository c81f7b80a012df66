//! Reading and appending to the security log.

use crate::error::StoreError;
use crate::history::{Event, EventKind};
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
                let sequence = u64::from_be_bytes(
                    key.as_ref().try_into().map_err(|_| crate::error::corrupt(schema::HISTORY, &key, "bad key"))?,
                );
                Ok(Event {
                    sequence,
                    time_ms: record.time_ms,
                    kind: record.kind,
                    identity: record.identity,
                    detail: record.detail,
                })
            })
            .collect()
    }

    /// Logs what the app did outside the store, such as showing a phrase or exporting an
    /// account. `detail` must be public (a path, an address, a file name).
    pub fn record_event(&self, kind: EventKind, identity: Option<IdentityId>, detail: &str) -> Result<(), StoreError> {
        let name = match identity {
            Some(id) => self.identity(id)?.map(|identity| identity.name),
            None => None,
        };
        let now = self.now_ms();
        let _writer = self.writer();
        self.transaction(|tx| tx.log::<StoreError>(now, kind, name.as_deref(), detail.to_owned()))?;
        self.flush()
    }
}
