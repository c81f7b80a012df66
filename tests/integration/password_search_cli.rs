//! `axia-signer backup recover-password`, the real binary: a found password restores the
//! file and is kept nowhere; an interrupted search resumes from its saved position (which
//! holds no password); an "Export all" file's own password; errors by kind.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::cli::{fails, run};

fn case(file: &str, id: &str) -> Value {
    let vectors: Value = serde_json::from_str(&crate::fixture(file)).unwrap();
    vectors["cases"].as_array().unwrap().iter().find(|case| case["id"] == id).unwrap().clone()
}

/// The case's file written to `dir` as a user would have it.
fn backup_file(dir: &Path, file: &str, id: &str) -> PathBuf {
    let path = dir.join(format!("{id}.json"));
    std::fs::write(&path, case(file, id)["json"].to_string()).unwrap();
    path
}

/// Whether any file under `dir` holds `text`.
fn anywhere_under(dir: &Path, text: &str) -> bool {
    std::fs::read_dir(dir).unwrap().flatten().any(|entry| {
        let path = entry.path();
        if path.is_dir() {
            anywhere_under(&path, text)
        } else {
            std::fs::read(&path).unwrap().windows(text.len()).any(|window| window == text.as_bytes())
        }
    })
}

#[test]
fn a_found_password_restores_the_file_and_is_kept_nowhere() {
    let dir = tempfile::tempdir().unwrap();
    // pw-7: "mountrainier" remembered, "MountRainier" the truth (a few tries: the capitals
    // come first, before any piece).
    let file = backup_file(dir.path(), "polkadot-js/password_recovery.json", "pw-7");
    let pieces = dir.path().join("pieces.txt");
    std::fs::write(&pieces, "mount\nrainier\n").unwrap();
    let data = dir.path().join("data");
    // --yes: how long a search may take depends on this machine's load; the question is tested below.
    let args = ["backup", "recover-password", file.to_str().unwrap(), "--yes", "--pieces", pieces.to_str().unwrap()];
    let restore = [&args[..], &["--restore", "--network", "polkadot", "--name", "Rainier"]].concat();
    let (code, json, _) = run(&data, &restore, "mountrainier\n123456\n");
    assert_eq!(code, 0, "{json}");
    assert_eq!((json["found"].as_bool(), json["password"].as_str()), (Some(true), Some("MountRainier")));
    let restored_tries = json["tried"].clone();
    let restored = &json["restored"]["restored"][0];
    assert_eq!(restored["ss58_address"], "15JYEVSPK1YcXjpbjxac4JW7qDkzKajjSWD7henw3qRNGHpy");
    assert_eq!(restored["identity"], "Rainier");
    let (_, history, _) = run(&data, &["history"], "");
    assert!(!history.to_string().contains("MountRainier"), "{history}");
    assert!(!anywhere_under(&data, "MountRainier"), "the password is in no file of the store");
    assert!(!file.with_file_name("pw-7.json.search-position").exists(), "a finished search leaves no position");

    // A restore that fails after the search loses nothing: the password is said, and the
    // position kept at the hit.
    let (code, json, stderr) = run(&data, &restore, "mountrainier\n123456\n");
    assert_eq!((code, json["error"]["kind"].as_str()), (1, Some("already_stored")), "{json}");
    assert!(stderr.contains("Found the password: MountRainier"), "{stderr}");
    let (code, json, _) = run(&data, &[&args[..], &["--resume"]].concat(), "mountrainier\n");
    assert_eq!((code, json["password"].as_str()), (0, Some("MountRainier")), "{json}");
    assert_eq!(json["tried"], restored_tries, "found again at once, at the same place");
}

#[test]
fn an_interrupted_search_resumes_from_its_saved_position() {
    let dir = tempfile::tempdir().unwrap();
    let file = backup_file(dir.path(), "polkadot-js/password_recovery.json", "pw-3");
    let position = file.with_file_name("pw-3.json.search-position");
    let args = ["backup", "recover-password", file.to_str().unwrap(), "--yes", "--save-every-ms", "200"];
    let mut first = Command::new(assert_cmd::cargo::cargo_bin("axia-signer"))
        .args(["--output", "json", "--data-dir"])
        .arg(dir.path().join("data"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    use std::io::Write as _;
    first.stdin.take().unwrap().write_all(b"kangaroo#43\n").unwrap();
    let saved_at = |position: &Path| -> Option<u64> {
        let saved: Value = serde_json::from_str(&std::fs::read_to_string(position).ok()?).ok()?;
        saved["next"].as_u64()
    };
    let started = Instant::now();
    while saved_at(&position).is_none_or(|next| next < 10) {
        assert!(started.elapsed() < Duration::from_secs(60), "no position saved");
        assert!(first.try_wait().unwrap().is_none(), "the search ended before it could be interrupted");
        std::thread::sleep(Duration::from_millis(20));
    }
    first.kill().unwrap();
    first.wait().unwrap();
    let saved = std::fs::read_to_string(&position).unwrap();
    let next = saved_at(&position).unwrap();
    assert!(!saved.contains("kangaroo"), "no password in the position: {saved}");

    let (code, json, stderr) = run(&dir.path().join("data"), &[&args[..], &["--resume"]].concat(), "kangaroo#43\n");
    assert_eq!(code, 0, "{json}");
    assert_eq!(json["password"], "kangaroo#42");
    assert!(stderr.contains(&format!("Going on from try {next}")), "{stderr}");
    assert_eq!(json["tried"], 120, "numbered as one search: the hit is candidate 120 of the whole order");
    assert!(!position.exists(), "a finished search leaves no position");
}

#[test]
fn an_export_all_file_gives_its_own_password() {
    let dir = tempfile::tempdir().unwrap();
    let file = backup_file(dir.path(), "polkadot-js/json_backups.json", "bk-batch-1");
    let (code, json, _) =
        run(dir.path(), &["backup", "recover-password", file.to_str().unwrap(), "--yes"], "Batch-password-1\n");
    assert_eq!(code, 0, "{json}");
    assert_eq!(json["password"], "batch-password-1");
    assert_eq!(json["tried"], 2);
}

#[test]
fn what_cannot_be_searched_is_named_before_any_try() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let plain = backup_file(d, "polkadot-js/json_backups.json", "bk-unencrypted");
    let locked = backup_file(d, "polkadot-js/password_recovery.json", "pw-2");
    let call = |file: &Path, more: &[&str], stdin: &str| {
        let mut args = vec!["backup", "recover-password", file.to_str().unwrap()];
        args.extend_from_slice(more);
        fails(d, &args, stdin)
    };
    assert_eq!(call(&plain, &[], "close\n"), "not_encrypted");
    assert_eq!(call(&locked, &[], "\n"), "nothing_remembered");
    assert_eq!(
        call(&locked, &["--restore", "--network", "nowhere"], "x\n"),
        "unknown_network",
        "checked before any try"
    );
    assert_eq!(call(&locked, &["--pieces", "/nonexistent/pieces.txt"], "x\n"), "io");
    let long_and_deep = format!("{}\n", "a1b2c3d4e5".repeat(6));
    assert_eq!(
        call(&locked, &["--deep"], &long_and_deep),
        "confirmation_needed",
        "a long search needs --yes from a script"
    );
    std::fs::write(
        locked.with_file_name("pw-2.json.search-position"),
        r#"{"format":"axia-signer password search position","version":1,"check":"00","next":5}"#,
    )
    .unwrap();
    assert_eq!(call(&locked, &["--resume"], "Wintremute!\n"), "resume_mismatch");
}
