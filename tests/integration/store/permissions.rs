//! The store is private to its user: its folders 0700 and its files 0600, whatever the
//! umask of the process that made them, and mended when opened.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command;

use super::*;

/// Every folder and file under `dir` (itself included) with its mode.
fn modes(dir: &Path, out: &mut Vec<(String, bool, u32)>) {
    let mode = std::fs::metadata(dir).unwrap().permissions().mode() & 0o777;
    out.push((dir.display().to_string(), true, mode));
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            modes(&path, out);
        } else {
            out.push((
                path.display().to_string(),
                false,
                std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            ));
        }
    }
}

fn assert_private(dir: &Path) {
    let mut all = Vec::new();
    modes(dir, &mut all);
    assert!(all.len() > 5, "the store made its files: {all:?}");
    for (path, is_dir, mode) in all {
        let wanted = if is_dir { 0o700 } else { 0o600 };
        assert_eq!(mode, wanted, "{path} is {mode:o}");
    }
}

#[test]
fn a_store_made_under_a_permissive_umask_is_private() {
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("store");
    // The real binary, started by a shell whose umask lets everyone read and write.
    let binary = env!("CARGO_BIN_EXE_axia-signer");
    let status = Command::new("sh")
        .arg("-c")
        .arg(format!("umask 000; exec '{binary}' --data-dir '{}' identity list", dir.display()))
        .status()
        .unwrap();
    assert!(status.success());
    assert_private(&dir);
}

#[test]
fn opening_mends_a_store_whose_files_others_could_read() {
    let dir = tempfile::tempdir().unwrap();
    let clock = TestClock::new();
    drop({
        let store = open(dir.path(), &clock);
        recover(&store, "Main", DEV, "", "111111");
        store
    });
    let mut all = Vec::new();
    modes(dir.path(), &mut all);
    for (path, is_dir, _) in &all {
        let mode = if *is_dir { 0o755 } else { 0o644 };
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
    }
    drop(open(dir.path(), &clock));
    assert_private(dir.path());
}
