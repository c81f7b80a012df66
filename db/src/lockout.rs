//! Wrong-PIN lockout: after five consecutive wrong PINs, each further attempt waits
//! 30 s, then 60 s, doubling up to an hour. The counter is on disk, so a restart does not
//! reset it; a correct PIN does. Nothing is ever wiped.
//!
//! The wall clock plays no part: the record holds the wait still *owed*, which is spent
//! only in monotonic time while a store is open, and written back as it is spent. Setting
//! the clock forward skips nothing and setting it back stretches nothing; a restart loses
//! at most the moments since the last write. What it cannot stop: someone who can put back
//! an older copy of the store's files resets the count (they could as well copy the sealed
//! records and guess offline: see the README's security section).

use std::time::Duration;

use crate::error::StoreError;
use crate::schema::{self, IdentityId, LockoutRecord};
use crate::store::{decode, encode, Store};

/// Wrong PINs allowed before attempts have to wait.
pub const FREE_ATTEMPTS: u32 = 5;
const FIRST_WAIT: Duration = Duration::from_secs(30);
const LONGEST_WAIT: Duration = Duration::from_secs(60 * 60);

/// How long to wait after `failures` consecutive wrong PINs before the next attempt.
pub fn wait_after(failures: u32) -> Duration {
    if failures < FREE_ATTEMPTS {
        return Duration::ZERO;
    }
    let doublings = (failures - FREE_ATTEMPTS).min(16);
    (FIRST_WAIT * 2u32.pow(doublings)).min(LONGEST_WAIT)
}

impl LockoutRecord {
    /// The wait still owed: what the record says, never more than the schedule gives for
    /// its count (a damaged or edited record cannot lock the owner out for longer).
    pub(crate) fn owed(&self) -> Duration {
        let full = wait_after(self.failures);
        self.owed_ms.map_or(full, |ms| Duration::from_millis(ms).min(full))
    }

    /// The record after one more wrong PIN: its full wait owed.
    pub(crate) fn after_failure(&self) -> LockoutRecord {
        let failures = self.failures.saturating_add(1);
        LockoutRecord { failures, owed_ms: Some(wait_after(failures).as_millis() as u64) }
    }

    /// The record once `elapsed` of its wait has passed.
    pub(crate) fn spent(&self, elapsed: Duration) -> LockoutRecord {
        let owed = self.owed().saturating_sub(elapsed);
        LockoutRecord { failures: self.failures, owed_ms: Some(owed.as_millis() as u64) }
    }

    /// Wrong PINs left before the next one starts a wait.
    pub(crate) fn attempts_before_wait(&self) -> u32 {
        FREE_ATTEMPTS.saturating_sub(self.failures)
    }
}

impl Store {
    /// Every owed wait starts counting from this open.
    pub(crate) fn start_lockout_clocks(&self) -> Result<(), StoreError> {
        let now = self.ticks_ms();
        let mut since = self.lockout_since();
        for key in self.trees.lockout.iter().keys() {
            if let Some(id) = IdentityId::from_key(&key?) {
                since.insert(id, now);
            }
        }
        Ok(())
    }

    /// How long before the next PIN attempt on this identity is allowed. The monotonic
    /// time since the wait was last written is spent, and what is left written back, so a
    /// restart keeps what was waited.
    pub fn lockout_remaining(&self, id: IdentityId) -> Result<Duration, StoreError> {
        let _writer = self.writer();
        Ok(self.spend_lockout(id)?.owed())
    }

    /// [`Store::lockout_remaining`]'s record. The caller holds the writer lock.
    pub(crate) fn spend_lockout(&self, id: IdentityId) -> Result<LockoutRecord, StoreError> {
        let record = match self.trees.lockout.get(id.key())? {
            Some(bytes) => decode(schema::LOCKOUT, &id.key(), &bytes)?,
            None => LockoutRecord::default(),
        };
        if record.owed().is_zero() {
            return Ok(record);
        }
        let now = self.ticks_ms();
        let start = self.lockout_since().insert(id, now).unwrap_or(now);
        let elapsed = Duration::from_millis(now.saturating_sub(start));
        if elapsed.is_zero() {
            return Ok(record);
        }
        let spent = record.spent(elapsed);
        self.trees.lockout.insert(id.key(), encode(&spent))?;
        self.flush()?;
        Ok(spent)
    }

    /// Writes back what is left of every wait, so the time this store was open counts after
    /// a restart. Run when the store closes.
    pub(crate) fn spend_all_lockouts(&self) -> Result<(), StoreError> {
        let _writer = self.writer();
        let waiting: Vec<IdentityId> = self.lockout_since().keys().copied().collect();
        for id in waiting {
            self.spend_lockout(id)?;
        }
        Ok(())
    }

    /// Writes the count (removes it when zero) and starts its wait's clock, durably.
    pub(crate) fn write_lockout(&self, id: IdentityId, record: &LockoutRecord) -> Result<(), StoreError> {
        if record.failures == 0 {
            self.trees.lockout.remove(id.key())?;
            self.lockout_since().remove(&id);
        } else {
            self.trees.lockout.insert(id.key(), encode(record))?;
            self.lockout_since().insert(id, self.ticks_ms());
        }
        self.flush()
    }

    fn lockout_since(&self) -> std::sync::MutexGuard<'_, std::collections::HashMap<IdentityId, u64>> {
        self.lockout_since.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_start_at_the_fifth_failure_and_double_to_an_hour() {
        let waits: Vec<u64> = (0..14).map(|f| wait_after(f).as_secs()).collect();
        assert_eq!(waits, [0, 0, 0, 0, 0, 30, 60, 120, 240, 480, 960, 1920, 3600, 3600]);
        assert_eq!(wait_after(u32::MAX).as_secs(), 3600);
    }

    #[test]
    fn the_owed_wait_is_spent_and_never_exceeds_the_schedule() {
        let record = LockoutRecord::default().after_failure();
        assert_eq!(record.owed(), Duration::ZERO);
        let fifth = (0..5).fold(LockoutRecord::default(), |r, _| r.after_failure());
        assert_eq!(fifth.owed().as_secs(), 30);
        assert_eq!(fifth.spent(Duration::from_secs(10)).owed().as_secs(), 20);
        assert_eq!(fifth.spent(Duration::from_secs(45)).owed(), Duration::ZERO);
        let edited = LockoutRecord { failures: 5, owed_ms: Some(u64::MAX) };
        assert_eq!(edited.owed().as_secs(), 30);
        let older_version = LockoutRecord { failures: 6, owed_ms: None };
        assert_eq!(older_version.owed().as_secs(), 60);
    }
}
