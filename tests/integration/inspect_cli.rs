//! The real `axia-signer inspect` binary: JSON shape, error kinds, exit codes, no secrets.

use assert_cmd::Command;
use serde_json::Value;

const DEV: &str = "bottom drive obey lake curtain smoke basket hold race lonely fit walk";

/// Runs `inspect --output json <args> -` with `stdin`; returns (success, the one JSON object, stderr).
fn inspect_json(args: &[&str], stdin: &str) -> (bool, Value, String) {
    let (ok, _, value, stderr) = inspect_raw(args, stdin);
    (ok, value, stderr)
}

/// As [`inspect_json`], with stdout as printed.
fn inspect_raw(args: &[&str], stdin: &str) -> (bool, String, Value, String) {
    let output = Command::cargo_bin("axia-signer")
        .unwrap()
        .args(["inspect", "--output", "json"])
        .args(args)
        .arg("-")
        .write_stdin(stdin)
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 1, "exactly one line of JSON on stdout: {stdout}");
    let value: Value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {stdout}"));
    (output.status.success(), stdout, value, String::from_utf8(output.stderr).unwrap())
}

fn error_kind(args: &[&str], stdin: &str) -> String {
    let (ok, value, _) = inspect_json(args, stdin);
    assert!(!ok, "expected a failure for {args:?}");
    let keys: Vec<&String> = value.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["error"]);
    assert!(value["error"]["message"].as_str().is_some_and(|m| !m.is_empty()));
    value["error"]["kind"].as_str().unwrap().to_owned()
}

#[test]
fn json_output_is_one_object_with_the_documented_fields() {
    let (ok, text, value, _) = inspect_raw(&["--network", "westend"], &format!("{DEV}//westend\n"));
    assert!(ok);
    let mut keys: Vec<&String> = value.as_object().unwrap().keys().collect();
    keys.sort();
    assert_eq!(keys, ["account_id", "public_key", "scheme", "ss58_address", "ss58_prefix"]);
    // Field order as documented, for people reading the output.
    let order = ["scheme", "public_key", "account_id", "ss58_prefix", "ss58_address"].map(|k| text.find(k).unwrap());
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{text}");
    assert_eq!(value["scheme"], "sr25519");
    assert_eq!(value["ss58_prefix"], 42);
}

#[test]
fn alice_matches_subkey_on_every_scheme() {
    let expected = [
        ("sr25519", "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY"),
        ("ed25519", "5FA9nQDVg267DEd8m1ZypXLBnvN7SFxYwV7ndqSYGiN9TTpu"),
        ("ecdsa", "5C7C2Z5sWbytvHpuLTvzKunnnRwQxft1jiqrLD5rhucQ5S9X"),
    ];
    for (scheme, address) in expected {
        let (ok, value, _) = inspect_json(&["--scheme", scheme], "//Alice\n");
        assert!(ok, "{scheme}: {value}");
        assert_eq!(value["ss58_address"], address, "{scheme}");
    }
}

#[test]
fn network_is_a_name_or_a_prefix() {
    let polkadot = inspect_json(&["--network", "polkadot"], "//Alice\n").1;
    let zero = inspect_json(&["--network", "0"], "//Alice\n").1;
    assert_eq!(polkadot["ss58_address"], "15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp5");
    assert_eq!(polkadot, zero);
    assert_eq!(inspect_json(&["--network", "kusama"], "//Alice\n").1["ss58_prefix"], 2);
}

#[test]
fn every_documented_error_kind_with_a_failing_exit() {
    let cases: [(&[&str], String, &str); 9] = [
        (&[], "Alice//stash\n".into(), "invalid_phrase"),
        (&[], DEV.replace("lake", "lakr") + "\n", "unknown_word"),
        (&[], DEV.replace("fit walk", "walk fit") + "\n", "bad_checksum"),
        (&[], format!("{DEV}//polkadot/\n"), "invalid_path"),
        (&["--scheme", "ed25519"], format!("{DEV}/soft\n"), "soft_derivation_unsupported"),
        (&[], format!("0x{}\n", "ab".repeat(31)), "invalid_seed"),
        (&["--network", "nowhere"], format!("{DEV}\n"), "invalid_network"),
        (&["--network", "46"], format!("{DEV}\n"), "invalid_network"),
        (&["--scheme", "rsa"], format!("{DEV}\n"), "invalid_scheme"),
    ];
    for (args, stdin, kind) in cases {
        assert_eq!(error_kind(args, &stdin), kind, "{args:?}");
    }
}

#[test]
fn a_secret_never_reaches_stdout_or_stderr() {
    let phrase = "goat earth enter define behave net fox capable receive put apple receive";
    for stdin in [format!("{phrase}//polkadot///hunter22"), format!("{phrase}/soft"), phrase.replace("goat", "Goat")] {
        for scheme in ["sr25519", "ecdsa"] {
            let (_, value, stderr) = inspect_json(&["--scheme", scheme], &format!("{stdin}\n"));
            let everything = format!("{value}{stderr}");
            assert!(!everything.contains("earth enter") && !everything.contains("hunter22"), "{everything}");
        }
    }
}

#[test]
fn text_output_shows_the_address_and_a_secret_in_argv_is_refused() {
    let dev = Command::cargo_bin("axia-signer").unwrap().args(["inspect", "//Alice"]).output().unwrap();
    assert!(dev.status.success());
    assert!(String::from_utf8(dev.stdout).unwrap().contains("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY"));
    assert!(String::from_utf8(dev.stderr).unwrap().is_empty());
    for secret in [format!("{DEV}//Alice"), "//Alice///secret".to_owned()] {
        let output =
            Command::cargo_bin("axia-signer").unwrap().args(["inspect", "--output", "json", &secret]).output().unwrap();
        assert_eq!(output.status.code(), Some(1));
        let stdout = String::from_utf8(output.stdout).unwrap();
        assert!(
            stdout.contains("\"secret_in_argv\"") && !stdout.contains("bottom drive") && !stdout.contains("secret\""),
            "{stdout}"
        );
    }
}

#[test]
fn an_unquoted_phrase_is_not_echoed_in_the_usage_error() {
    let words: Vec<&str> = DEV.split(' ').collect();
    for json in [true, false] {
        let mut command = Command::cargo_bin("axia-signer").unwrap();
        command.arg("inspect");
        if json {
            command.args(["--output", "json"]);
        }
        let output = command.args(&words).output().unwrap();
        assert_eq!(output.status.code(), Some(2));
        let everything =
            format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
        for word in &words[1..] {
            assert!(!everything.contains(word), "{word} echoed: {everything}");
        }
    }
    let output = Command::cargo_bin("axia-signer")
        .unwrap()
        .args(["inspect", "--output", "json", "--network", DEV, "-"])
        .write_stdin("//Alice\n")
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.contains("invalid_network") && !stdout.contains("drive"), "{stdout}");
}

#[test]
fn a_usage_error_still_answers_in_json() {
    let output = Command::cargo_bin("axia-signer").unwrap().args(["inspect", "--output", "json"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let value: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(value["error"]["kind"], "usage");
}

#[test]
fn help_lists_the_commands() {
    let output = Command::cargo_bin("axia-signer").unwrap().arg("--help").output().unwrap();
    assert!(output.status.success());
    let help = String::from_utf8(output.stdout).unwrap();
    assert!(help.contains("inspect") && help.contains("--data-dir"), "{help}");
}

fn vectors(name: &str) -> Vec<Value> {
    let path = format!("{}/tests/data/polkadot-js/{name}", env!("CARGO_MANIFEST_DIR"));
    let file: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    file["cases"].as_array().unwrap().clone()
}

#[test]
fn ethereum_and_ledger_accounts_are_polkadot_js_s_on_every_vector() {
    for case in vectors("ethereum.json") {
        let uri = format!("{}\n", case["suri_as_polkadot_js_takes_it"].as_str().unwrap());
        let (ok, text, value, _) = inspect_raw(&["--scheme", "ethereum"], &uri);
        assert!(ok, "{}: {value}", case["id"]);
        assert_eq!(value["public_key"], case["public_key_compressed_hex"], "{}", case["id"]);
        assert_eq!(value["address"], case["address_eip55"], "{}", case["id"]);
        let order = ["scheme", "public_key", "address"].map(|k| text.find(k).unwrap());
        assert!(order.windows(2).all(|w| w[0] < w[1]) && value.as_object().unwrap().len() == 3, "{text}");
    }
    for case in vectors("ledger.json") {
        // A 25th word, where there is one, is in the phrase as the Ledger takes it.
        let uri = format!("{}/{}\n", case["phrase"].as_str().unwrap(), case["path"].as_str().unwrap());
        for (prefix, address) in case["addresses"].as_object().unwrap() {
            let (ok, value, _) = inspect_json(&["--scheme", "ed25519-ledger", "--network", prefix], &uri);
            assert!(ok, "{}: {value}", case["id"]);
            assert_eq!(value["scheme"], "ed25519-ledger");
            assert_eq!(value["public_key"], case["public_key_hex"], "{}", case["id"]);
            assert_eq!(&value["ss58_address"], address, "{} under {prefix}", case["id"]);
        }
    }
}

#[test]
fn ethereum_and_ledger_uris_are_refused_with_their_kind() {
    let eth = ["--scheme", "ethereum"];
    assert_eq!(error_kind(&eth, &format!("{DEV}/m/44'/60'/0'/0/0///pw\n")), "invalid_password");
    assert_eq!(error_kind(&eth, &format!("{DEV}/m/44h/60\n")), "invalid_path");
    assert_eq!(
        error_kind(&eth, "0x5fb92d6e98884f76de468fa3f6278f8807c48bebc13595d45af5bdc4da702133\n"),
        "invalid_phrase"
    );
    let ledger = ["--scheme", "ed25519-ledger"];
    assert_eq!(error_kind(&ledger, &format!("{DEV}\n")), "invalid_path", "a Ledger account has a path");
    assert_eq!(error_kind(&ledger, &format!("{DEV}/m/44'/354'/0'/0'/0'///pw\n")), "invalid_password");
    assert_eq!(error_kind(&ledger, &format!("{}/m/44'/354'/0'/0'/0'\n", DEV.replace("lake", "lakr"))), "unknown_word");
    let fifteen = "zoo ".repeat(14) + "wrong";
    assert_eq!(error_kind(&ledger, &format!("{fifteen}/m/44'/354'/0'/0'/0'\n")), "bad_checksum");
}
