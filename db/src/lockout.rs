//! Wrong-PIN lockout: after five consecutive wrong PINs, each further attempt waits
//! 30 s, then 60 s, doubling up to an hour. The counter is on disk, so a restart does not
//! reset it; a correct PIN does. Nothing is ever wiped.

use std::time::Duration;

use crate::schema::LockoutRecord;

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
    /// Time left before another attempt, at `now_ms`. A clock set backwards waits the
    /// whole period rather than none of it.
    pub(crate) fn remaining(&self, now_ms: u64) -> Duration {
        let wait = wait_after(self.failures);
        if wait.is_zero() {
            return Duration::ZERO;
        }
        let elapsed = Duration::from_millis(now_ms.saturating_sub(self.last_failure_ms));
        if now_ms < self.last_failure_ms {
            return wait;
        }
        wait.saturating_sub(elapsed)
    }

    /// Wrong PINs left before the next one starts a wait.
    pub(crate) fn attempts_before_wait(&self) -> u32 {
        FREE_ATTEMPTS.saturating_sub(self.failures)
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
    fn remaining_counts_down_and_a_clock_set_back_waits_in_full() {
        let record = LockoutRecord { failures: 5, last_failure_ms: 100_000 };
        assert_eq!(record.remaining(100_000).as_secs(), 30);
        assert_eq!(record.remaining(110_000).as_secs(), 20);
        assert_eq!(record.remaining(130_000), Duration::ZERO);
        assert_eq!(record.remaining(50_000).as_secs(), 30);
    }
}
