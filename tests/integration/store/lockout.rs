//! Five wrong PINs, then waits that double; the count survives a restart.

use axia_signer::db::UnlockError;

use super::*;

fn retry_after(error: UnlockError) -> u64 {
    match error {
        UnlockError::LockedOut { retry_after } => retry_after.as_secs(),
        other => panic!("expected a lockout, got {other:?}"),
    }
}

#[test]
fn five_wrong_pins_then_a_wait_that_survives_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let clock = TestClock::new();
    let id = {
        let store = open(dir.path(), &clock);
        let id = recover(&store, "Main", DEV, "", "123456");
        for _ in 0..5 {
            assert!(matches!(store.unlock(id, &pin("999999")), Err(UnlockError::WrongPin { .. })));
        }
        id
    };
    let store = open(dir.path(), &clock);
    // Even the right PIN waits: the attempt is not even tried.
    assert_eq!(retry_after(store.unlock(id, &pin("123456")).unwrap_err()), 30);
    assert!(store.unlock(id, &pin("123456")).unwrap_err().to_string().contains("try again in 30 s"));
    clock.advance_secs(10);
    assert_eq!(store.lockout_remaining(id).unwrap().as_secs(), 20);
    clock.advance_secs(20);
    // The sixth wrong PIN doubles the wait.
    let sixth = store.unlock(id, &pin("999999")).unwrap_err();
    assert!(matches!(sixth, UnlockError::WrongPin { attempts_before_wait: 0, .. }), "{sixth:?}");
    assert_eq!(retry_after(store.unlock(id, &pin("123456")).unwrap_err()), 60);
    clock.advance_secs(60);
    assert!(store.unlock(id, &pin("123456")).is_ok());
    assert!(store.lockout_remaining(id).unwrap().is_zero());
    // The count starts again after a right PIN.
    assert!(matches!(store.unlock(id, &pin("999999")), Err(UnlockError::WrongPin { attempts_before_wait: 4, .. })));
}

#[test]
fn the_wait_caps_at_an_hour_and_nothing_is_wiped() {
    let dir = tempfile::tempdir().unwrap();
    let clock = TestClock::new();
    let store = open(dir.path(), &clock);
    let id = recover(&store, "Main", DEV, "", "123456");
    for _ in 0..20 {
        let remaining = store.lockout_remaining(id).unwrap().as_secs();
        clock.advance_secs(remaining);
        assert!(store.unlock(id, &pin("999999")).is_err());
    }
    assert_eq!(store.lockout_remaining(id).unwrap().as_secs(), 3600);
    clock.advance_secs(3600);
    assert!(store.unlock(id, &pin("123456")).is_ok(), "the identity is still there");
}

fn locked_out_identity(dir: &std::path::Path, clock: &TestClock) -> axia_signer::db::IdentityId {
    let store = open(dir, clock);
    let id = recover(&store, "Main", DEV, "", "123456");
    for _ in 0..5 {
        assert!(matches!(store.unlock(id, &pin("999999")), Err(UnlockError::WrongPin { .. })));
    }
    assert_eq!(retry_after(store.unlock(id, &pin("123456")).unwrap_err()), 30);
    id
}

#[test]
fn setting_the_clock_forward_skips_no_wait() {
    let dir = tempfile::tempdir().unwrap();
    let clock = TestClock::new();
    let id = locked_out_identity(dir.path(), &clock);
    let store = open(dir.path(), &clock);
    clock.set_wall_clock_ms(1_700_000_000_000 + 365 * 24 * 3600 * 1000);
    assert_eq!(retry_after(store.unlock(id, &pin("123456")).unwrap_err()), 30);
}

#[test]
fn failures_stamped_by_a_clock_far_ahead_wait_no_longer_than_the_schedule() {
    let dir = tempfile::tempdir().unwrap();
    let clock = TestClock::new();
    clock.set_wall_clock_ms(1_700_000_000_000 + 365 * 24 * 3600 * 1000);
    let id = locked_out_identity(dir.path(), &clock);
    clock.set_wall_clock_ms(1_700_000_000_000);
    let store = open(dir.path(), &clock);
    clock.advance_secs(30);
    assert!(store.unlock(id, &pin("123456")).is_ok(), "30 s of the app running is the whole wait");
}

#[test]
fn a_restart_keeps_what_was_waited_and_what_is_owed() {
    let dir = tempfile::tempdir().unwrap();
    let clock = TestClock::new();
    let id = locked_out_identity(dir.path(), &clock);
    {
        let store = open(dir.path(), &clock);
        clock.advance_secs(10);
        assert_eq!(store.lockout_remaining(id).unwrap().as_secs(), 20);
    }
    // Time while nothing runs does not count, and a new process's ticker starts anew.
    let restarted = TestClock::new();
    restarted.advance_secs(5000);
    let store = open(dir.path(), &restarted);
    assert_eq!(store.lockout_remaining(id).unwrap().as_secs(), 20);
    restarted.advance_secs(20);
    assert!(store.unlock(id, &pin("123456")).is_ok());
}

#[test]
fn time_the_store_was_open_after_the_last_try_counts_after_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let clock = TestClock::new();
    let id = locked_out_identity(dir.path(), &clock);
    {
        let _open = open(dir.path(), &clock);
        clock.advance_secs(12);
        // Closed without asking for the wait again.
    }
    let store = open(dir.path(), &TestClock::new());
    assert_eq!(store.lockout_remaining(id).unwrap().as_secs(), 18);
}
