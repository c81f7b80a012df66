//! What the PIN prompt's "OK" does with the store, on the worker: unlock, delete, or seal
//! under a new PIN; and what the prompt shows when it opens. A refusal carries the lockout
//! wait to count down, so the window never asks the store itself.

use std::time::Duration;

use crate::app::identity_views::identity_name;
use crate::app::unlock::{unlock_message, Purpose};
use crate::db::{IdentityId, IdentitySecret, Pin, Store, UnlockError};

/// A PIN checked against an identity's seal, and what it is for.
pub enum PinJob {
    Unlock(IdentityId, Pin),
    Delete(IdentityId, Pin),
    /// Seal again under `new`, opening with `current`.
    ChangePin {
        id: IdentityId,
        current: Pin,
        new: Pin,
    },
}

/// What the store said.
pub enum PinOutcome {
    Unlocked(IdentitySecret),
    Deleted,
    PinChanged,
    Refused(Refusal),
}

/// Why the PIN was not taken: what to say, and how long to wait before the next try.
#[derive(Debug, PartialEq, Eq)]
pub struct Refusal {
    /// Empty while a lockout wait is shown instead.
    pub message: String,
    pub wait: Duration,
}

impl PinJob {
    fn identity(&self) -> IdentityId {
        match self {
            PinJob::Unlock(id, _) | PinJob::Delete(id, _) | PinJob::ChangePin { id, .. } => *id,
        }
    }

    /// Runs the job (the PIN's KDF: slow, so on the worker). The PINs are dropped, wiped.
    pub fn run(self, store: &Store) -> PinOutcome {
        let id = self.identity();
        let result = match self {
            PinJob::Unlock(id, pin) => store.unlock(id, &pin).map(PinOutcome::Unlocked),
            PinJob::Delete(id, pin) => store.delete_identity(id, &pin).map(|()| PinOutcome::Deleted),
            PinJob::ChangePin { id, current, new } => {
                store.change_pin(id, &current, &new).map(|()| PinOutcome::PinChanged)
            }
        };
        result.unwrap_or_else(|error| PinOutcome::Refused(refusal(store, id, &error)))
    }
}

fn refusal(store: &Store, id: IdentityId, error: &UnlockError) -> Refusal {
    match error {
        // The wait is counted down from the store's own clock, not the error's snapshot.
        UnlockError::LockedOut { retry_after } => {
            Refusal { message: String::new(), wait: store.lockout_remaining(id).unwrap_or(*retry_after) }
        }
        other => Refusal { message: unlock_message(other), wait: Duration::ZERO },
    }
}

/// The PIN prompt as it opens: its title, the line under it, and any lockout wait left.
pub struct Prompt {
    pub title: &'static str,
    pub hint: String,
    pub wait: Duration,
}

pub fn prompt(store: &Store, id: IdentityId, purpose: &Purpose) -> Prompt {
    let (title, hint) = purpose.prompt(&identity_name(store, id));
    Prompt { title, hint, wait: store.lockout_remaining(id).unwrap_or_default() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::test_support::dev_on_westend;

    fn pin(digits: &str) -> Pin {
        Pin::new(digits).unwrap()
    }

    #[test]
    fn the_right_pin_unlocks_and_a_wrong_one_is_said_without_a_wait() {
        let (store, id, _) = dev_on_westend();
        assert!(matches!(PinJob::Unlock(id, pin("123456")).run(&store), PinOutcome::Unlocked(_)));
        let PinOutcome::Refused(refusal) = PinJob::Unlock(id, pin("000000")).run(&store) else { panic!() };
        assert!(refusal.message.contains("PIN"), "{}", refusal.message);
        assert_eq!(refusal.wait, Duration::ZERO);
    }

    #[test]
    fn repeated_wrong_pins_end_in_a_wait_to_count_down_and_the_prompt_opens_with_it() {
        let (store, id, _) = dev_on_westend();
        let wait = (0..20)
            .find_map(|_| match PinJob::Unlock(id, pin("000000")).run(&store) {
                PinOutcome::Refused(Refusal { wait, .. }) if !wait.is_zero() => Some(wait),
                _ => None,
            })
            .expect("a lockout within 20 wrong PINs");
        assert!(wait > Duration::ZERO);
        let opened = prompt(&store, id, &Purpose::ShowPhrase);
        assert!(opened.wait > Duration::ZERO && opened.wait <= wait);
        assert!(opened.hint.contains("\"Dev\""), "{}", opened.hint);
        // Even the right PIN waits.
        assert!(matches!(PinJob::Unlock(id, pin("123456")).run(&store), PinOutcome::Refused(_)));
    }

    #[test]
    fn a_changed_pin_replaces_the_old_one() {
        let (store, id, _) = dev_on_westend();
        let change = PinJob::ChangePin { id, current: pin("123456"), new: pin("654321") };
        assert!(matches!(change.run(&store), PinOutcome::PinChanged));
        assert!(matches!(PinJob::Unlock(id, pin("123456")).run(&store), PinOutcome::Refused(_)));
        assert!(matches!(PinJob::Unlock(id, pin("654321")).run(&store), PinOutcome::Unlocked(_)));
    }

    #[test]
    fn delete_needs_the_right_pin() {
        let (store, id, _) = dev_on_westend();
        assert!(matches!(PinJob::Delete(id, pin("000000")).run(&store), PinOutcome::Refused(_)));
        assert!(store.identity(id).unwrap().is_some());
        assert!(matches!(PinJob::Delete(id, pin("123456")).run(&store), PinOutcome::Deleted));
        assert!(store.identity(id).unwrap().is_none());
    }
}
