//! After Change PIN or Delete, the old sealed record (which opens with the old PIN) is in no
//! file of the store: not in sled's log, not in a leftover copy. Also when the process is
//! killed right after the change was acknowledged.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

use axia_signer::db::IdentityId;

use super::*;

const CHILD_DIR_VAR: &str = "AXIA_SIGNER_OLD_SEAL_CHILD_DIR";

/// The ciphertext of an identity's sealed record, read from its sealed copy, as hex text.
fn sealed_ciphertext(dir: &Path, id: IdentityId) -> String {
    let copy = std::fs::read_to_string(dir.join("sealed").join(format!("{:016x}.a", id.0))).unwrap();
    let start = copy.find("\"ciphertext\":\"").expect("the copy holds a ciphertext") + 14;
    let end = start + copy[start..].find('"').unwrap();
    copy[start..end].to_owned()
}

/// Panics if any file under `dir` holds the ciphertext, as hex or as raw bytes.
fn assert_nowhere(dir: &Path, ciphertext_hex: &str, what: &str) {
    let raw = hex::decode(ciphertext_hex).unwrap();
    for (file, bytes) in &files_under(dir) {
        let file = file.display();
        for needle in [ciphertext_hex.as_bytes(), &raw[..]] {
            assert!(!bytes.windows(needle.len()).any(|w| w == needle), "{what}: the old sealed record is in {file}");
        }
    }
}

#[test]
fn after_change_pin_the_old_sealed_record_is_in_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let clock = TestClock::new();
    let store = open(dir.path(), &clock);
    let id = recover(&store, "Main", DEV, "", "111111");
    let old = sealed_ciphertext(dir.path(), id);
    store.change_pin(id, &pin("111111"), &pin("222222")).unwrap();
    assert_nowhere(dir.path(), &old, "store still open");
    drop(store);
    assert_nowhere(dir.path(), &old, "store closed");
    let store = open(dir.path(), &clock);
    assert!(store.unlock(id, &pin("111111")).is_err());
    assert!(store.unlock(id, &pin("222222")).is_ok());
}

#[test]
fn after_delete_the_sealed_record_is_in_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let clock = TestClock::new();
    let store = open(dir.path(), &clock);
    let id = recover(&store, "Main", DEV, "", "111111");
    let keep = recover(
        &store,
        "Other",
        "legal winner thank year wave sausage worth useful legal winner thank yellow",
        "",
        "333333",
    );
    let old = sealed_ciphertext(dir.path(), id);
    store.delete_identity(id, &pin("111111")).unwrap();
    drop(store);
    assert_nowhere(dir.path(), &old, "after delete");
    let store = open(dir.path(), &clock);
    assert!(store.identity(id).unwrap().is_none());
    assert!(store.repairs().is_empty(), "{:?}", store.repairs());
    assert!(store.unlock(keep, &pin("333333")).is_ok());
}

/// The child: changes the PIN, deletes another identity, says so, then waits to be killed.
#[test]
#[ignore = "run by a_kill_right_after_the_change_leaves_no_old_sealed_record as its child process"]
fn old_seal_child() {
    let Ok(dir) = std::env::var(CHILD_DIR_VAR) else { return };
    let store = Store::open_with(Path::new(&dir), TestClock::new().options()).unwrap();
    let changed = store.identity_by_name("Changed").unwrap().unwrap().id;
    let deleted = store.identity_by_name("Deleted").unwrap().unwrap().id;
    store.change_pin(changed, &pin("111111"), &pin("222222")).unwrap();
    store.delete_identity(deleted, &pin("333333")).unwrap();
    println!("ACK");
    std::thread::sleep(std::time::Duration::from_secs(60));
}

#[test]
fn a_kill_right_after_the_change_leaves_no_old_sealed_record() {
    let dir = tempfile::tempdir().unwrap();
    let (changed, deleted) = {
        let store = open(dir.path(), &TestClock::new());
        let changed = recover(&store, "Changed", DEV, "", "111111");
        let deleted = recover(
            &store,
            "Deleted",
            "legal winner thank year wave sausage worth useful legal winner thank yellow",
            "",
            "333333",
        );
        (changed, deleted)
    };
    let old_changed = sealed_ciphertext(dir.path(), changed);
    let old_deleted = sealed_ciphertext(dir.path(), deleted);
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "store::old_seals::old_seal_child", "--ignored", "--nocapture", "--test-threads=1"])
        .env(CHILD_DIR_VAR, dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    assert!(lines.any(|line| line.is_ok_and(|l| l.contains("ACK"))), "the child did not finish its change");
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    assert_nowhere(dir.path(), &old_changed, "killed after change PIN");
    assert_nowhere(dir.path(), &old_deleted, "killed after delete");
    let store = open(dir.path(), &TestClock::new());
    assert!(store.unlock(changed, &pin("222222")).is_ok());
    assert!(store.identity(deleted).unwrap().is_none());
}
