//! An unlocked identity: its secret in memory only while needed, in locked pages (kept out
//! of swap where the OS allows, see [`Locked`]). It locks again after two minutes without
//! use; dropping it wipes the secret.

use std::time::{Duration, Instant};

use crate::db::{IdentityId, IdentitySecret};
use crate::keys::secret::Locked;

/// How long an unlocked identity stays unlocked without use.
pub const IDLE_LOCK: Duration = Duration::from_secs(120);

pub struct Unlocked {
    pub identity: IdentityId,
    secret: Locked<IdentitySecret>,
    last_used: Instant,
}

impl Unlocked {
    pub fn new(identity: IdentityId, secret: IdentitySecret, now: Instant) -> Unlocked {
        Unlocked { identity, secret: Locked::new(secret), last_used: now }
    }

    /// The secret, counting as use.
    pub fn secret(&mut self, now: Instant) -> &IdentitySecret {
        self.last_used = now;
        &self.secret
    }

    /// Whether it is `identity`, still within its idle time.
    pub fn is_open_for(&self, identity: IdentityId, now: Instant) -> bool {
        self.identity == identity && !self.expired(now)
    }

    /// Whether it has been idle for [`IDLE_LOCK`] at `now`.
    pub fn expired(&self, now: Instant) -> bool {
        now.saturating_duration_since(self.last_used) >= IDLE_LOCK
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::{Password, Phrase, PhraseLength};

    #[test]
    fn it_locks_after_two_idle_minutes_and_use_keeps_it_open() {
        let start = Instant::now();
        let secret =
            IdentitySecret::Phrase { phrase: Phrase::generate(PhraseLength::Words12), password: Password::empty() };
        let mut unlocked = Unlocked::new(IdentityId(1), secret, start);
        assert!(!unlocked.expired(start + Duration::from_secs(119)));
        unlocked.secret(start + Duration::from_secs(100));
        assert!(!unlocked.expired(start + Duration::from_secs(200)));
        assert!(unlocked.expired(start + Duration::from_secs(220)));
    }
}
