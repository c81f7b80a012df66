//! Hostile input against the real binary: every oversized field is refused by a length
//! check before its decoder runs (so the work is bounded by construction; times are measured
//! by hand, never asserted), a closed standard output is a clean error, a new phrase is
//! shown before it is stored, and the process is hardened.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use serde_json::Value;

use crate::cli::{fails, run};

const DEV: &str = "bottom drive obey lake curtain smoke basket hold race lonely fit walk";
const PIN: &str = "123456";

/// A one-account backup file whose `address` is `address` (its box is never opened).
fn backup_with_address(dir: &Path, address: &str) -> String {
    let file = serde_json::json!({
        "encoded": "A".repeat(268),
        "encoding": {"content": ["pkcs8", "sr25519"], "type": ["scrypt", "xsalsa20-poly1305"], "version": "3"},
        "address": address,
        "meta": {"name": "Hostile\u{1b}[2J\u{7}\u{202E}gpj.exe"},
    });
    let path = dir.join("hostile.json");
    std::fs::write(&path, file.to_string()).unwrap();
    path.display().to_string()
}

#[test]
fn a_megabyte_address_in_a_backup_file_is_refused_before_base58() {
    let dir = tempfile::tempdir().unwrap();
    let file = backup_with_address(dir.path(), &"z".repeat(1 << 20));
    let (code, value, _) = run(dir.path(), &["backup", "inspect", &file], "password\n");
    assert_eq!(code, 1);
    assert_eq!(value["error"]["kind"], "malformed");
    let message = value["error"]["message"].as_str().unwrap();
    // Refused for its length, before base58 (which would take minutes, then say the same kind).
    assert!(message.contains("address: far longer than any address"), "{message}");
}

#[test]
fn an_oversized_address_on_the_command_line_is_refused_before_base58() {
    let dir = tempfile::tempdir().unwrap();
    // One argument can hold 128 KiB on Linux.
    let long = "z".repeat(100_000);
    for (args, stdin) in
        [(vec!["account", "show", &long], String::new()), (vec!["find-address", &long], format!("{DEV}\n"))]
    {
        let (code, value, _) = run(dir.path(), &args, &stdin);
        assert_eq!((code, value["error"]["kind"].as_str()), (1, Some("invalid_address")), "{value}");
        assert!(value["error"]["message"].as_str().unwrap().contains("too long to be an address"), "{value}");
    }
}

#[test]
fn a_fifty_megabyte_line_on_standard_input_is_refused_at_the_cap() {
    let dir = tempfile::tempdir().unwrap();
    let mut line = "a".repeat(50 << 20);
    line.push('\n');
    let (code, value, _) = run(dir.path(), &["inspect", "-"], &line);
    assert_eq!(code, 1);
    assert_eq!(value["error"]["kind"], "input_too_long", "{value}");
    // Every secret prompt reads through the same capped reader.
    let (code, value, _) = run(dir.path(), &["identity", "recover", "--name", "X"], &line);
    assert_eq!((code, value["error"]["kind"].as_str()), (1, Some("input_too_long")));
    let pin_line = format!("{DEV}\n{line}");
    let (code, value, _) = run(dir.path(), &["identity", "recover", "--name", "X"], &pin_line);
    assert_eq!((code, value["error"]["kind"].as_str()), (1, Some("input_too_long")));
}

#[test]
fn a_long_derivation_path_is_refused_with_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    // Within the line and URI caps, past the path's: its length, then its junction count.
    let long = format!("{DEV}{}\n", "/a".repeat(2000));
    let (code, value, _) = run(dir.path(), &["inspect", "-"], &long);
    assert_eq!((code, value["error"]["kind"].as_str()), (1, Some("invalid_path")));
    assert!(value["error"]["message"].as_str().unwrap().contains("longer than 1024 bytes"), "{value}");
    let many = format!("{DEV}{}\n", "/1".repeat(65));
    let (_, value, _) = run(dir.path(), &["inspect", "-"], &many);
    assert!(value["error"]["message"].as_str().unwrap().contains("more than 64 junctions"), "{value}");
    // On the command line, refused before the PIN is asked.
    ok_recover(dir.path());
    let path = "/a".repeat(60_000);
    let args = ["account", "add", "--identity", "Dev", "--network", "westend", "--path", &path];
    assert_eq!(fails(dir.path(), &args, ""), "invalid_path");
}

fn ok_recover(dir: &Path) {
    let (code, value, _) =
        run(dir, &["identity", "recover", "--name", "Dev", "--network", "westend"], &format!("{DEV}\n{PIN}\n"));
    assert_eq!(code, 0, "{value}");
}

/// Runs the binary with a standard output whose reader has already gone (like `| true`):
/// (exit code, standard error).
fn with_closed_stdout(dir: &Path, args: &[&str], stdin: &str) -> (Option<i32>, String) {
    let mut fds = [0; 2];
    assert_eq!(unsafe { libc::pipe(fds.as_mut_ptr()) }, 0);
    // SAFETY: both ends were just opened by pipe(2) and are owned here.
    let (read_end, write_end) = unsafe {
        use std::os::fd::FromRawFd;
        (std::fs::File::from_raw_fd(fds[0]), std::fs::File::from_raw_fd(fds[1]))
    };
    drop(read_end);
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("axia-signer"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::from(write_end))
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    let output = child.wait_with_output().unwrap();
    (output.status.code(), String::from_utf8(output.stderr).unwrap())
}

#[test]
fn a_closed_standard_output_is_a_clean_error_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    ok_recover(dir.path());
    for args in [&["account", "list", "--output", "json"][..], &["account", "list"], &["network", "list"]] {
        let (code, stderr) = with_closed_stdout(dir.path(), args, "");
        assert_eq!(code, Some(1), "{args:?}: {stderr}");
        assert!(stderr.contains("could not write to standard output"), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
}

#[test]
fn a_new_phrase_that_cannot_be_shown_is_not_stored() {
    let dir = tempfile::tempdir().unwrap();
    for output in ["text", "json"] {
        let args = ["--output", output, "identity", "create", "--name", "Lost", "--network", "westend"];
        let (code, stderr) = with_closed_stdout(dir.path(), &args, &format!("{PIN}\n"));
        assert_eq!(code, Some(1), "{stderr}");
        assert!(stderr.contains("not stored"), "{stderr}");
        let (_, list, _) = run(dir.path(), &["identity", "list"], "");
        assert_eq!(list["identities"], Value::Array(Vec::new()), "{output}: nothing was stored");
    }
}

#[test]
fn a_new_phrase_is_shown_and_the_identity_stored_as_shown() {
    let dir = tempfile::tempdir().unwrap();
    let (code, created, _) =
        run(dir.path(), &["identity", "create", "--name", "Fresh", "--network", "westend"], &format!("{PIN}\n"));
    assert_eq!(code, 0, "{created}");
    let phrase = created["phrase"].as_str().unwrap().to_owned();
    let (_, shown, _) = run(dir.path(), &["identity", "show-phrase", "Fresh"], &format!("{PIN}\n"));
    assert_eq!(shown["phrase"].as_str(), Some(phrase.as_str()));
    let (_, accounts, _) = run(dir.path(), &["account", "list", "--identity", "Fresh"], "");
    assert_eq!(accounts["accounts"][0], created["account"], "the account shown is the account stored");
    // Checked before the phrase is shown: a taken name, a bad name.
    let taken = fails(dir.path(), &["identity", "create", "--name", "fresh"], &format!("{PIN}\n"));
    assert_eq!(taken, "duplicate_name");
    let bidi = fails(dir.path(), &["identity", "create", "--name", "gpj\u{202E}exe"], &format!("{PIN}\n"));
    assert_eq!(bidi, "invalid_name");
}

#[test]
fn names_with_escapes_or_direction_overrides_are_refused_and_never_printed_raw() {
    let dir = tempfile::tempdir().unwrap();
    let network = |name: &str, unit: &str| {
        let args = [
            "network",
            "add",
            "--name",
            name,
            "--genesis-hash",
            &format!("0x{}", "ab".repeat(32)),
            "--ss58-prefix",
            "2007",
            "--path-id",
            "axiacoin",
            "--unit",
            unit,
        ]
        .map(str::to_owned);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        fails(dir.path(), &args, "")
    };
    assert_eq!(network("Evil\u{1b}]0;pwned\u{7}", "AXC"), "invalid_name");
    assert_eq!(network("Evil\u{202E}", "AXC"), "invalid_name");
    assert_eq!(network("AXIACoin", "AX\u{7}"), "invalid_network");
    ok_recover(dir.path());
    let args = ["account", "add", "--identity", "Dev", "--network", "westend", "--path", "//1", "--name", "a\u{202E}b"];
    assert_eq!(fails(dir.path(), &args, &format!("{PIN}\n")), "invalid_name");
    // A name from a file (its `meta` is not encrypted: anyone can edit it) is shown with
    // what the rule refuses replaced, in text output.
    let vectors: Value = serde_json::from_str(&crate::fixture("polkadot-js/json_backups.json")).unwrap();
    let case = vectors["cases"].as_array().unwrap().iter().find(|case| case["id"] == "bk-alice").unwrap().clone();
    let mut json = case["json"].clone();
    json["meta"]["name"] = "Alice\u{1b}[2J\u{7}\u{202E}gpj.exe".into();
    let file = dir.path().join("renamed.json");
    std::fs::write(&file, json.to_string()).unwrap();
    let output = assert_cmd::Command::cargo_bin("axia-signer")
        .unwrap()
        .arg("--data-dir")
        .arg(dir.path())
        .arg("backup")
        .arg("inspect")
        .arg(&file)
        .write_stdin(format!("{}\n", case["password"].as_str().unwrap_or("")))
        .output()
        .unwrap();
    let all = String::from_utf8(output.stdout).unwrap() + &String::from_utf8(output.stderr).unwrap();
    assert!(output.status.success(), "{all}");
    assert!(all.contains("Alice"), "{all:?}");
    assert!(!all.contains('\u{1b}') && !all.contains('\u{7}') && !all.contains('\u{202E}'), "{all:?}");
}

#[test]
fn the_process_dumps_no_core_and_is_not_dumpable() {
    let dir = tempfile::tempdir().unwrap();
    let (code, status, _) = run(dir.path(), &["process-status"], "");
    assert_eq!(code, 0);
    assert_eq!(status["core_limit"], 0);
    if cfg!(target_os = "linux") {
        assert_eq!(status["dumpable"], false);
    }
}
