//! The real `axia-signer` binary, every command against a temporary data directory: the
//! happy path, its JSON shape, its errors and exit codes; find-address hits and misses.

use std::path::Path;

use assert_cmd::Command;
use axia_signer::keys::search::SearchSpace;
use axia_signer::keys::{inspect, Phrase, Scheme, Ss58Prefix};
use serde_json::Value;

const DEV: &str = "bottom drive obey lake curtain smoke basket hold race lonely fit walk";
const PIN: &str = "123456";

/// `axia-signer --output json --data-dir <dir> <args>` with `stdin`: (exit code, the one JSON object, all output).
pub fn run(dir: &Path, args: &[&str], stdin: &str) -> (i32, Value, String) {
    let output = Command::cargo_bin("axia-signer")
        .unwrap()
        .args(["--output", "json", "--data-dir"])
        .arg(dir)
        .args(args)
        .write_stdin(stdin)
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 1, "{args:?}: exactly one line of JSON on stdout: {stdout}");
    let value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{args:?}: not JSON ({e}): {stdout}"));
    (output.status.code().unwrap_or(-1), value, stdout + &String::from_utf8(output.stderr).unwrap())
}

pub fn ok(dir: &Path, args: &[&str], stdin: &str) -> Value {
    let (code, value, _) = run(dir, args, stdin);
    assert_eq!(code, 0, "{args:?} failed: {value}");
    value
}

/// The error kind, checking the error shape and the failing exit code.
pub fn fails(dir: &Path, args: &[&str], stdin: &str) -> String {
    let (code, value, _) = run(dir, args, stdin);
    assert_eq!(code, 1, "{args:?} should fail with exit code 1: {value}");
    assert_eq!(value.as_object().unwrap().keys().collect::<Vec<_>>(), ["error"], "{value}");
    assert!(!value["error"]["message"].as_str().unwrap().is_empty());
    value["error"]["kind"].as_str().unwrap().to_owned()
}

fn address(uri: &str, scheme: Scheme, prefix: u16) -> String {
    inspect(uri, scheme, Ss58Prefix::new(prefix.into()).unwrap()).unwrap().address
}

fn recover_dev(dir: &Path) -> Value {
    ok(dir, &["identity", "recover", "--name", "Dev", "--network", "westend"], &format!("{DEV}\n{PIN}\n"))
}

#[test]
fn identity_commands_from_recover_to_delete() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let recovered = recover_dev(dir);
    assert_eq!(recovered["identity"], "Dev");
    assert_eq!(recovered["account"]["path"], "//westend");
    assert_eq!(recovered["account"]["ss58_address"], address(&format!("{DEV}//westend"), Scheme::Sr25519, 42));
    // The phrase is tidied as the app tidies it; the same phrase twice is refused.
    let messy = format!("  {}  \n{PIN}\n", DEV.to_uppercase());
    assert_eq!(fails(dir, &["identity", "recover", "--name", "Again"], &messy), "already_stored");
    assert_eq!(fails(dir, &["identity", "recover", "--name", "Bad"], "bottom drive\n123456\n"), "invalid_phrase");
    assert_eq!(fails(dir, &["identity", "recover", "--name", "Short"], &format!("{DEV}\n12\n")), "invalid_pin");

    let list = ok(dir, &["identity", "list"], "");
    assert_eq!(list["identities"][0]["name"], "Dev");
    assert_eq!(list["identities"][0]["kind"], "seed phrase");
    assert_eq!(list["identities"][0]["accounts"], 1);

    assert_eq!(ok(dir, &["identity", "rename", "Dev", "--to", "Main"], "")["identity"], "Main");
    assert_eq!(fails(dir, &["identity", "rename", "Dev", "--to", "X"], ""), "unknown_identity");
    assert_eq!(fails(dir, &["identity", "show-phrase", "Main"], "000000\n"), "wrong_pin");
    let shown = ok(dir, &["identity", "show-phrase", "Main"], &format!("{PIN}\n"));
    assert_eq!((shown["phrase"].as_str(), shown["has_bip39_password"].as_bool()), (Some(DEV), Some(false)));

    ok(dir, &["identity", "change-pin", "Main"], &format!("{PIN}\n654321\n"));
    assert_eq!(fails(dir, &["identity", "delete", "Main"], &format!("{PIN}\n")), "wrong_pin");
    ok(dir, &["identity", "delete", "Main"], "654321\n");
    assert_eq!(ok(dir, &["identity", "list"], "")["identities"], Value::Array(vec![]));
}

#[test]
fn identity_create_shows_a_new_phrase_once_and_derives_from_it() {
    let dir = tempfile::tempdir().unwrap();
    let created = ok(dir.path(), &["identity", "create", "--name", "Fresh", "--words", "24"], &format!("{PIN}\n"));
    let phrase = created["phrase"].as_str().unwrap();
    assert_eq!(phrase.split(' ').count(), 24);
    assert!(Phrase::parse(phrase).is_ok());
    assert_eq!(created["account"]["ss58_address"], address(&format!("{phrase}//polkadot"), Scheme::Sr25519, 0));
    assert_eq!(fails(dir.path(), &["identity", "create", "--name", "fresh"], &format!("{PIN}\n")), "duplicate_name");
    let root = ok(dir.path(), &["identity", "create", "--name", "Root", "--root"], &format!("{PIN}\n"));
    assert_eq!(root["account"]["path"], "");
}

#[test]
fn account_commands_add_list_and_show() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    recover_dev(dir);
    let add = ["account", "add", "--identity", "Dev", "--network", "polkadot", "--path", "//0", "--password"];
    let added = ok(dir, &add, &format!("{PIN}\nsecret words\n"));
    assert_eq!(added["ss58_address"], address(&format!("{DEV}//0///secret words"), Scheme::Sr25519, 0));
    assert_eq!((added["has_password"].as_bool(), added["network"].as_str()), (Some(true), Some("Polkadot")));
    let bad_path = ["account", "add", "--identity", "Dev", "--network", "polkadot", "--path", "polkadot"];
    assert_eq!(fails(dir, &bad_path, ""), "invalid_path", "a bad path is refused before the PIN is asked");
    let duplicate = ["account", "add", "--identity", "Dev", "--network", "polkadot", "--path", "//0"];
    assert_eq!(fails(dir, &duplicate, &format!("{PIN}\n")), "duplicate_path");
    let wrong_pin = ["account", "add", "--identity", "Dev", "--network", "kusama", "--path", "//1"];
    assert_eq!(fails(dir, &wrong_pin, "999999\n"), "wrong_pin");
    let nowhere = ["account", "add", "--identity", "Dev", "--network", "nowhere", "--path", "//1"];
    assert_eq!(fails(dir, &nowhere, &format!("{PIN}\n")), "unknown_network");

    assert_eq!(ok(dir, &["account", "list"], "")["accounts"].as_array().unwrap().len(), 2);
    let polkadot = ok(dir, &["account", "list", "--network", "polkadot"], "");
    assert_eq!(polkadot["accounts"].as_array().unwrap().len(), 1);
    assert_eq!(fails(dir, &["account", "list", "--identity", "Nobody"], ""), "unknown_identity");

    let address = added["ss58_address"].as_str().unwrap();
    let shown = ok(dir, &["account", "show", address], "");
    assert_eq!(
        shown["qr_payload"],
        format!("substrate:{address}:0x91b171bb158e2d3848fa23a9f1c25182fb8e20313b2c1eb49219da7a70ce90c3")
    );
    assert_eq!(shown["path"], "//0");
    assert_eq!(fails(dir, &["account", "show", "not-an-address"], ""), "invalid_address");
    assert_eq!(
        fails(dir, &["account", "show", "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty"], ""),
        "unknown_account"
    );
    // The text form draws the QR code in the terminal.
    let text = Command::cargo_bin("axia-signer")
        .unwrap()
        .arg("--data-dir")
        .arg(dir)
        .args(["account", "show", address])
        .output()
        .unwrap();
    assert!(String::from_utf8(text.stdout).unwrap().contains('▀'));
}

#[test]
fn network_commands_add_list_and_remove() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let names: Vec<String> = ok(dir, &["network", "list"], "")["networks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|network| network["name"].as_str().unwrap().to_owned())
        .collect();
    assert!(["Polkadot", "Kusama", "Westend"].iter().all(|name| names.contains(&name.to_string())), "{names:?}");
    let axia = [
        "network",
        "add",
        "--name",
        "AXIACoin",
        "--genesis-hash",
        "0x1111111111111111111111111111111111111111111111111111111111111111",
        "--ss58-prefix",
        "2007",
        "--path-id",
        "axiacoin",
        "--unit",
        "AXC",
    ];
    let added = ok(dir, &axia, "");
    assert_eq!((added["ss58_prefix"].as_u64(), added["builtin"].as_bool()), (Some(2007), Some(false)));
    assert_eq!(fails(dir, &axia, ""), "duplicate_network");
    let mut bad = axia;
    bad[5] = "0x12";
    assert_eq!(fails(dir, &bad, ""), "invalid_network");

    ok(dir, &["identity", "recover", "--name", "Dev", "--network", "axiacoin"], &format!("{DEV}\n{PIN}\n"));
    assert_eq!(fails(dir, &["network", "remove", "axiacoin"], ""), "network_in_use");
    assert_eq!(fails(dir, &["network", "remove", "polkadot"], ""), "builtin_network");
    ok(dir, &["identity", "delete", "Dev"], &format!("{PIN}\n"));
    assert_eq!(ok(dir, &["network", "remove", "AXIACoin"], "")["name"], "AXIACoin");
    assert_eq!(fails(dir, &["network", "remove", "axiacoin"], ""), "unknown_network");
}

#[test]
fn history_lists_what_happened_without_secrets() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    recover_dev(dir);
    fails(dir, &["identity", "show-phrase", "Dev"], "000000\n");
    ok(dir, &["identity", "show-phrase", "Dev"], &format!("{PIN}\n"));
    let (code, history, all) = run(dir, &["history"], "");
    assert_eq!(code, 0);
    let kinds: Vec<&str> = history["events"].as_array().unwrap().iter().map(|e| e["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["identity_added", "account_derived", "wrong_pin", "phrase_shown"]);
    assert!(!all.contains(PIN) && !all.contains("bottom drive"));
    assert_eq!(ok(dir, &["history", "--identity", "Dev"], "")["events"].as_array().unwrap().len(), 4);
}

#[test]
fn find_address_names_the_scheme_and_path_or_reports_a_clean_miss() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let cases = [
        (Scheme::Sr25519, "//polkadot/3", 0),
        (Scheme::Sr25519, "//7/8", 2),
        (Scheme::Ed25519, "//kusama//2", 2),
        (Scheme::Ecdsa, "", 42),
    ];
    for (scheme, path, prefix) in cases {
        let target = address(&format!("{DEV}{path}"), scheme, prefix);
        let found = ok(dir, &["find-address", &target], &format!("{DEV}\n"));
        assert_eq!((found["found"].as_bool(), found["scheme"].as_str()), (Some(true), Some(scheme.as_str())), "{path}");
        assert_eq!(found["path"], path);
    }
    // From a stored identity: the PIN instead of the phrase.
    recover_dev(dir);
    let target = address(&format!("{DEV}//westend//5"), Scheme::Sr25519, 42);
    let found = ok(dir, &["find-address", &target, "--identity", "Dev"], &format!("{PIN}\n"));
    assert_eq!(found["path"], "//westend//5");
    assert_eq!(fails(dir, &["find-address", &target, "--identity", "Dev"], "111111\n"), "wrong_pin");

    // A miss says how many candidates it tried and what to try next.
    let elsewhere = address("//Bob", Scheme::Sr25519, 42);
    let missed = ok(dir, &["find-address", &elsewhere, "--depth", "10"], &format!("{DEV}\n"));
    assert_eq!(missed["found"], false);
    let space = SearchSpace { path_ids: vec!["kusama".into(), "polkadot".into(), "westend".into()], depth: 10 };
    // Every Substrate candidate, then a Ledger's paths: 2 coins x 3 accounts x 10 indices.
    assert_eq!(missed["tried"].as_u64(), Some(space.candidate_count() + 60), "every candidate, once");
    assert!(missed["next"].as_str().unwrap().contains("BIP39 password"));
    assert_eq!(fails(dir, &["find-address", "5Grwva", "--depth", "10"], &format!("{DEV}\n")), "invalid_address");
    assert_eq!(fails(dir, &["find-address", &elsewhere], "bottom drive\n"), "invalid_phrase");
}

#[test]
fn find_address_finds_the_accounts_metamask_and_a_ledger_made_from_the_same_words() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    // Moonbeam's Alith (FORMAT.md section 10), and the second account's fourth address.
    let alith = ok(dir, &["find-address", "0xf24FF3a9CF04c71Dbc94D0b566f7A27B94566cac"], &format!("{DEV}\n"));
    assert_eq!((alith["scheme"].as_str(), alith["path"].as_str()), (Some("ethereum"), Some("m/44'/60'/0'/0/0")));
    let vectors: serde_json::Value = serde_json::from_str(&crate::fixture("polkadot-js/ethereum.json")).unwrap();
    let case = vectors["cases"].as_array().unwrap().iter().find(|case| case["path"] == "/m/44'/60'/0'/0/9").unwrap();
    let found = ok(dir, &["find-address", case["address_eip55"].as_str().unwrap()], &format!("{DEV}\n"));
    assert_eq!(found["path"], "m/44'/60'/0'/0/9");
    let with_password = ["find-address", "0xf24FF3a9CF04c71Dbc94D0b566f7A27B94566cac", "--bip39-password"];
    assert_eq!(fails(dir, &with_password, &format!("{DEV}\npw\n")), "invalid_password");
    // A checksum typo in a mixed-case address is caught, not searched for.
    assert_eq!(
        fails(dir, &["find-address", "0xF24FF3a9CF04c71Dbc94D0b566f7A27B94566cac"], &format!("{DEV}\n")),
        "invalid_address"
    );

    let ledger: serde_json::Value = serde_json::from_str(&crate::fixture("polkadot-js/ledger.json")).unwrap();
    let cases = ledger["cases"].as_array().unwrap();
    for id in ["ledger-zondax-4", "ledger-zondax-6", "ledger-p24a_with_25th_word-30"] {
        let case = cases.iter().find(|case| case["id"] == id).unwrap();
        let words: Vec<&str> = case["phrase"].as_str().unwrap().split(' ').collect();
        let (phrase, password) = match words.len() {
            25 => (words[..24].join(" "), Some(words[24])),
            _ => (words.join(" "), None),
        };
        let mut args = vec!["find-address", case["addresses"]["2"].as_str().unwrap(), "--depth", "10"];
        let mut stdin = format!("{phrase}\n");
        if let Some(password) = password {
            args.push("--bip39-password");
            stdin += &format!("{password}\n");
        }
        let found = ok(dir, &args, &stdin);
        assert_eq!(
            (found["scheme"].as_str(), found["path"].as_str()),
            (Some("ed25519-ledger"), case["path"].as_str()),
            "{id}"
        );
    }
}

#[test]
fn a_malformed_command_line_is_a_usage_error_with_exit_code_2() {
    let dir = tempfile::tempdir().unwrap();
    let (code, value, _) = run(dir.path(), &["identity", "frobnicate"], "");
    assert_eq!((code, value["error"]["kind"].as_str()), (2, Some("usage")));
}

#[test]
fn an_account_list_brings_every_account_back_into_a_fresh_recovery_and_refuses_another_phrase() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new, other) = (dir.path().join("old"), dir.path().join("new"), dir.path().join("other"));
    recover_dev(&old);
    let add = |path: &str, name: &str, password: bool| {
        let mut args =
            vec!["account", "add", "--identity", "Dev", "--network", "polkadot", "--path", path, "--name", name];
        let stdin = if password { format!("{PIN}\nhunter22\nhunter22\n") } else { format!("{PIN}\n") };
        if password {
            args.push("--password");
        }
        ok(&old, &args, &stdin);
    };
    add("//polkadot", "Main", false);
    add("//polkadot//2", "Guarded", true);
    add("//polkadot/soft/7", "Soft", false);
    let file = dir.path().join("dev-accounts.json");
    let file_text = file.display().to_string();
    let exported = ok(&old, &["account", "export-list", "Dev", "--out", &file_text], "");
    assert_eq!(exported["accounts"], 4);
    let list = std::fs::read_to_string(&file).unwrap();
    assert!(!list.contains("hunter22") && !list.contains(DEV.split(' ').next().unwrap()), "no secret: {list}");
    assert_eq!(fails(&old, &["account", "export-list", "Dev", "--out", &file_text], ""), "file_exists");

    // The phrase recovered elsewhere: the PIN, then the one password the list asks for.
    recover_dev(&new);
    let imported = ok(&new, &["account", "import-list", "Dev", &file_text], &format!("{PIN}\nhunter22\n"));
    assert_eq!(imported["added"], serde_json::json!(["Main", "Guarded", "Soft"]));
    assert_eq!(imported["already_here"], serde_json::json!(["Westend"]));
    let listed = |dir: &Path| {
        let mut rows: Vec<(String, String, String)> = ok(dir, &["account", "list"], "")["accounts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| (a["name"].to_string(), a["path"].to_string(), a["ss58_address"].to_string()))
            .collect();
        rows.sort();
        rows
    };
    assert_eq!(listed(&new), listed(&old), "every account back: names, paths, addresses");

    // Another phrase's identity refuses the list before any derivation; a missing file is said.
    let bob = "legal winner thank year wave sausage worth useful legal winner thank yellow";
    ok(&other, &["identity", "recover", "--name", "Other"], &format!("{bob}\n{PIN}\n"));
    assert_eq!(fails(&other, &["account", "import-list", "Other", &file_text], &format!("{PIN}\n")), "wrong_identity");
    assert_eq!(fails(&other, &["account", "import-list", "Other", "/no/such/list.json"], ""), "io");
}
