//! The real `axia-signer backup …` binary against a temporary data directory: JSON shapes,
//! error kinds, exit codes, and that no password reaches the output.

use std::path::Path;

use serde_json::Value;

fn vector(id: &str) -> (Value, String) {
    let vectors: Value = serde_json::from_str(&crate::fixture("polkadot-js/json_backups.json")).unwrap();
    let case = vectors["cases"].as_array().unwrap().iter().find(|case| case["id"] == id).unwrap().clone();
    (case["json"].clone(), case["password"].as_str().unwrap_or("").to_owned())
}

fn vector_file(dir: &Path, id: &str) -> (String, String) {
    let (json, password) = vector(id);
    let path = dir.join(format!("{id}.json"));
    std::fs::write(&path, json.to_string()).unwrap();
    (path.display().to_string(), password)
}

/// The real binary with `--output json --data-dir`: (success, the one JSON object, all output).
fn run(data_dir: &Path, args: &[&str], stdin: &str) -> (bool, Value, String) {
    let (code, value, output) = crate::cli::run(data_dir, args, stdin);
    (code == 0, value, output)
}

fn error_kind(data_dir: &Path, args: &[&str], stdin: &str) -> String {
    crate::cli::fails(data_dir, args, stdin)
}

#[test]
fn backup_inspect_prints_one_checked_account_or_a_batch_list() {
    let dir = tempfile::tempdir().unwrap();
    let (alice, password) = vector_file(dir.path(), "bk-alice");
    let (ok, value, all_output) = run(dir.path(), &["backup", "inspect", &alice], &format!("{password}\n"));
    assert!(ok);
    let expected = serde_json::json!({
        "kind": "account", "scheme": "sr25519",
        "public_key": "0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d",
        "ss58_address": "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY", "name": "Alice",
        "genesis_hash": "0x91b171bb158e2d3848fa23a9f1c25182fb8e20313b2c1eb49219da7a70ce90c3"
    });
    assert_eq!(value, expected);
    assert!(!all_output.contains(&password));

    let (batch, password) = vector_file(dir.path(), "bk-batch-2");
    let (ok, value, _) = run(dir.path(), &["backup", "inspect", &batch], &format!("{password}\n"));
    assert!(ok);
    assert_eq!(value["kind"], "batch");
    let addresses: Vec<&str> =
        value["accounts"].as_array().unwrap().iter().map(|a| a["ss58_address"].as_str().unwrap()).collect();
    assert_eq!(
        addresses,
        ["CmfVDkYDnFE4cCWgNo4Zsc2JPr1BHbbMnSydPtxCBkwAK1L", "Cfh38NyxSKWbwr62hxbZk3L8LHCDgj6gCR7HxE2zoeCRRJA"]
    );
    assert!(value["accounts"][0].as_object().unwrap().contains_key("name"));

    // An unencrypted file opens with an empty first line.
    let (plain, _) = vector_file(dir.path(), "bk-unencrypted");
    assert!(run(dir.path(), &["backup", "inspect", &plain], "\n").0);
}

#[test]
fn backup_inspect_errors_have_their_kind_and_a_failing_exit() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("bk-neg-wrongpw-sr", "wrong_password"),
        ("bk-neg-emptypw", "password_required"),
        ("bk-neg-scrypt-n18", "unsupported_kdf_params"),
        ("bk-neg-no-encoded", "malformed"),
    ];
    for (id, kind) in cases {
        let (file, password) = vector_file(dir.path(), id);
        assert_eq!(error_kind(dir.path(), &["backup", "inspect", &file], &format!("{password}\n")), kind, "{id}");
    }
    let (alice, password) = vector_file(dir.path(), "bk-alice");
    let mut relabelled: Value = serde_json::from_str(&std::fs::read_to_string(&alice).unwrap()).unwrap();
    relabelled["address"] = "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty".into();
    let bob = dir.path().join("bob.json");
    std::fs::write(&bob, relabelled.to_string()).unwrap();
    let bob = bob.display().to_string();
    assert_eq!(error_kind(dir.path(), &["backup", "inspect", &bob], &format!("{password}\n")), "address_mismatch");
    let missing = dir.path().join("missing.json").display().to_string();
    assert_eq!(error_kind(dir.path(), &["backup", "inspect", &missing], "\n"), "io");
}

#[test]
fn restore_then_export_then_inspect_gives_the_same_account() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let (alice, password) = vector_file(dir.path(), "bk-alice");
    let (ok, value, output) = run(&data, &["backup", "restore", &alice], &format!("{password}\n123456\n"));
    assert!(ok, "{value}");
    assert_eq!(value["restored"][0]["identity"], "Alice");
    assert_eq!(value["restored"][0]["network"], "Polkadot");
    assert!(!output.contains("123456") && !output.contains(&password));
    assert_eq!(error_kind(&data, &["backup", "restore", &alice], &format!("{password}\n123456\n")), "already_stored");

    let out = dir.path().join("alice-out.json").display().to_string();
    let address = value["restored"][0]["ss58_address"].as_str().unwrap().to_owned();
    assert_eq!(error_kind(&data, &["backup", "export", &address, "--out", &out], "000000\nfile-pw\n"), "wrong_pin");
    assert_eq!(
        error_kind(&data, &["backup", "export", &address, "--out", &out], "123456\nshort\n"),
        "password_too_short"
    );
    let (ok, value, _) = run(&data, &["backup", "export", &address, "--out", &out, "--strong"], "123456\nfile-pw\n");
    assert!(ok, "{value}");
    assert_eq!(error_kind(&data, &["backup", "export", &address, "--out", &out], "123456\nfile-pw\n"), "file_exists");
    let (ok, value, _) = run(&data, &["backup", "inspect", &out], "file-pw\n");
    assert!(ok);
    assert_eq!(value["public_key"], "0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d");
    let strong = std::fs::read_to_string(&out).unwrap();
    assert!(strong.contains("\"version\":\"3\""));

    let all = dir.path().join("all.json").display().to_string();
    let (ok, value, _) = run(&data, &["backup", "export-all", "Alice", "--out", &all], "123456\nbatch-pw\n");
    assert!(ok, "{value}");
    assert_eq!(value["accounts"].as_array().unwrap().len(), 1);
    assert_eq!(error_kind(&data, &["backup", "export-all", "Nobody", "--out", &all], "123456\n"), "unknown_identity");
}

#[test]
fn a_batch_restores_with_each_inner_password_asked_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let (batch, password) = vector_file(dir.path(), "bk-batch-2");
    // Both inner accounts use "same-pass"; then the PIN.
    let stdin = format!("{password}\nsame-pass\nsame-pass\n123456\n");
    let (ok, value, _) = run(&data, &["backup", "restore", &batch, "--network", "kusama"], &stdin);
    assert!(ok, "{value}");
    assert_eq!(value["restored"].as_array().unwrap().len(), 2);
    let (_, value, _) = run(&data, &["backup", "restore", &batch], &format!("{password}\nwrong\nsame-pass\n123456\n"));
    assert_eq!(value["error"]["kind"], "wrong_password");
}

#[test]
fn a_list_of_account_files_asks_only_each_accounts_password() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let (alice, alice_password) = vector("bk-alice");
    let (bob, bob_password) = vector("bk-bob-kusama");
    let list = dir.path().join("list.json");
    std::fs::write(&list, Value::Array(vec![alice, bob]).to_string()).unwrap();
    let list = list.display().to_string();
    // No outer password: Alice's, Bob's, then the PIN.
    let stdin = format!("{alice_password}\n{bob_password}\n123456\n");
    let (ok, value, _) = run(&data, &["backup", "restore", &list], &stdin);
    assert!(ok, "{value}");
    let networks: Vec<&str> =
        value["restored"].as_array().unwrap().iter().map(|r| r["network"].as_str().unwrap()).collect();
    assert_eq!(networks, ["Polkadot", "Kusama"]);
}

#[test]
fn an_ethereum_file_is_inspected_restored_under_moonbeam_shown_and_exported_by_its_0x_address() {
    let dir = tempfile::tempdir().unwrap();
    let vectors: Value = serde_json::from_str(&crate::fixture("polkadot-js/ethereum_json.json")).unwrap();
    let case = &vectors["cases"][0];
    let file = dir.path().join("ethereum.json");
    std::fs::write(&file, case["json"].to_string()).unwrap();
    let file = file.display().to_string();
    let password = format!("{}\n", case["password"].as_str().unwrap());
    let (ok, value, _) = run(dir.path(), &["backup", "inspect", &file], &password);
    assert!(ok, "{value}");
    let expected = serde_json::json!({
        "kind": "account", "scheme": "ethereum",
        "public_key": case["expected_public_key_compressed_hex"],
        "address": case["expected_address_eip55"], "name": "eth p12a 0", "genesis_hash": null
    });
    assert_eq!(value, expected);
    let data = dir.path().join("data");
    // Not under a Substrate network (refused before scrypt, so the password is not asked)...
    assert_eq!(error_kind(&data, &["backup", "restore", &file, "--network", "polkadot"], &password), "wrong_network");
    // ...but under Moonbeam, with polkadot-js's address for it; the network picked serves
    // even when the file names one its key cannot go on.
    let mut json = case["json"].clone();
    json["meta"]["genesisHash"] = "0x91b171bb158e2d3848fa23a9f1c25182fb8e20313b2c1eb49219da7a70ce90c3".into();
    std::fs::write(&file, json.to_string()).unwrap();
    let (ok, restored, output) =
        run(&data, &["backup", "restore", &file, "--network", "moonbeam"], &format!("{password}123456\n"));
    assert!(ok, "{output}");
    let address = case["expected_address_eip55"].as_str().unwrap();
    assert_eq!(restored["restored"][0]["address"], address);
    assert_eq!(restored["restored"][0]["network"], "Moonbeam");

    let (ok, shown, output) = run(&data, &["account", "show", &address.to_lowercase()], "");
    assert!(ok, "{output}");
    assert_eq!((&shown["address"], &shown["scheme"]), (&Value::from(address), &Value::from("ethereum")));
    assert_eq!(shown["qr_payload"], format!("ethereum:{address}@1284"));
    assert!(shown.get("ss58_address").is_none(), "an Ethereum account has no SS58 address: {shown}");

    // Exported again by its 0x address: an `ethereum` file with the same address.
    let out = dir.path().join("again.json").display().to_string();
    let (ok, exported, output) = run(&data, &["backup", "export", address, "--out", &out], "123456\nfile-pw\n");
    assert!(ok, "{output}");
    assert_eq!(exported["accounts"][0], address);
    let (ok, again, _) = run(dir.path(), &["backup", "inspect", &out], "file-pw\n");
    assert!(ok, "{again}");
    assert_eq!((&again["scheme"], &again["address"]), (&Value::from("ethereum"), &Value::from(address)));
}
