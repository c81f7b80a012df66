//! The real binary with the accounts other wallets make from the same words: an Ethereum
//! network's first account (MetaMask's), a Ledger recovery and its further accounts, and
//! user networks of each kind. Expected addresses are polkadot-js's (`ethereum.json`,
//! `ledger.json`), never computed here.

use serde_json::Value;

use crate::cli::{fails, ok};

const PIN: &str = "123456";

/// The case `id` of a vector file under `polkadot-js/`.
fn case(file: &str, id: &str) -> Value {
    let vectors: Value = serde_json::from_str(&crate::fixture(&format!("polkadot-js/{file}"))).unwrap();
    vectors["cases"].as_array().unwrap().iter().find(|case| case["id"] == id).unwrap().clone()
}

#[test]
fn picking_moonbeam_makes_metamasks_first_account_and_more_follow_on_bip44_paths() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let first = case("ethereum.json", "eth-zondax-9");
    let phrase = first["phrase"].as_str().unwrap();
    let recovered =
        ok(dir, &["identity", "recover", "--name", "MetaMask", "--network", "moonbeam"], &format!("{phrase}\n{PIN}\n"));
    let account = &recovered["account"];
    assert_eq!(account["path"], "m/44'/60'/0'/0/0");
    assert_eq!((&account["scheme"], &account["address"]), (&Value::from("ethereum"), &first["address_eip55"]));
    assert!(account.get("ss58_address").is_none(), "{account}");

    let second = case("ethereum.json", "eth-zondax-10");
    let added = ok(
        dir,
        &["account", "add", "--identity", "MetaMask", "--network", "moonbeam", "--path", "m/44'/60'/0'/0/1"],
        &format!("{PIN}\n"),
    );
    assert_eq!(added["address"], second["address_eip55"]);
    let shown = ok(dir, &["account", "show", second["address_eip55"].as_str().unwrap()], "");
    assert_eq!(shown["qr_payload"], format!("ethereum:{}@1284", second["address_eip55"].as_str().unwrap()));

    // Each kind on its own kind of network, said before the PIN is asked.
    let on_polkadot =
        ["account", "add", "--identity", "MetaMask", "--network", "polkadot", "--path", "m/44'/60'/0'/0/2"];
    assert_eq!(fails(dir, &[&on_polkadot[..], &["--scheme", "ethereum"]].concat(), ""), "wrong_network");
    // MetaMask's path on Polkadot is read as MetaMask's (coin 60), not as a Ledger's.
    assert_eq!(fails(dir, &on_polkadot, ""), "wrong_network");
    let substrate_on_moonbeam =
        ["account", "add", "--identity", "MetaMask", "--network", "moonbeam", "--path", "//1", "--scheme", "sr25519"];
    assert_eq!(fails(dir, &substrate_on_moonbeam, ""), "wrong_network");
    let with_password = [
        "account",
        "add",
        "--identity",
        "MetaMask",
        "--network",
        "moonbeam",
        "--path",
        "m/44'/60'/0'/0/3",
        "--password",
    ];
    assert_eq!(fails(dir, &with_password, ""), "invalid_password", "refused before the PIN");
}

#[test]
fn a_ledger_recovery_makes_the_ledgers_accounts_for_the_networks_coin() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    // Kusama: coin 434.
    let first = case("ledger.json", "ledger-zondax-5");
    let phrase = first["phrase"].as_str().unwrap();
    let recovered = ok(
        dir,
        &["identity", "recover", "--name", "Nano", "--network", "kusama", "--ledger"],
        &format!("{phrase}\n{PIN}\n"),
    );
    let account = &recovered["account"];
    assert_eq!(account["path"], "m/44'/434'/0'/0'/0'");
    assert_eq!(account["name"], "Kusama Ledger 0");
    assert_eq!(
        (&account["scheme"], &account["ss58_address"]),
        (&Value::from("ed25519-ledger"), &first["addresses"]["2"])
    );

    // A further Ledger account, typed as a Ledger path: the same key Ledger makes.
    let third = case("ledger.json", "ledger-zondax-6");
    let added = ok(
        dir,
        &["account", "add", "--identity", "Nano", "--network", "kusama", "--path", "m/44'/434'/0'/0'/2'"],
        &format!("{PIN}\n"),
    );
    assert_eq!(added["ss58_address"], third["addresses"]["2"]);
    // On Polkadot (coin 354) with the scheme said outright.
    let polkadot = case("ledger.json", "ledger-zondax-1");
    let args = [
        "account",
        "add",
        "--identity",
        "Nano",
        "--network",
        "polkadot",
        "--path",
        "m/44'/354'/0'/0'/1'",
        "--scheme",
        "ed25519-ledger",
    ];
    assert_eq!(ok(dir, &args, &format!("{PIN}\n"))["ss58_address"], polkadot["addresses"]["0"]);
}

#[test]
fn the_ledger_choice_is_for_a_recovered_phrase_on_a_substrate_network() {
    let dir = tempfile::tempdir().unwrap();
    let phrase = case("ledger.json", "ledger-zondax-0");
    let stdin = format!("{}\n{PIN}\n", phrase["phrase"].as_str().unwrap());
    let on_moonbeam = ["identity", "recover", "--name", "Nano", "--network", "moonbeam", "--ledger"];
    assert_eq!(fails(dir.path(), &on_moonbeam, &stdin), "wrong_network");
    let created = ["identity", "create", "--name", "New", "--ledger"];
    assert_eq!(fails(dir.path(), &created, &format!("{PIN}\n")), "usage");
    assert!(ok(dir.path(), &["identity", "list"], "")["identities"].as_array().unwrap().is_empty(), "nothing stored");
}

#[test]
fn a_ledger_recovery_refuses_a_phrase_a_ledger_cannot_have() {
    let dir = tempfile::tempdir().unwrap();
    // A valid 15-word phrase (ethereum.json's eth-p15): a Ledger has only 12 or 24 words.
    let fifteen = "frequent simple armor gallery glad when life swallow dragon flag tackle vault appear regular west";
    let kind = fails(
        dir.path(),
        &["identity", "recover", "--name", "Nano", "--network", "polkadot", "--ledger"],
        &format!("{fifteen}\n{PIN}\n"),
    );
    assert_eq!(kind, "invalid_phrase");
    assert!(ok(dir.path(), &["identity", "list"], "")["identities"].as_array().unwrap().is_empty(), "nothing stored");
}

#[test]
fn a_user_network_may_be_an_ethereum_one_with_its_chain_id() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let genesis = format!("0x{}", "cd".repeat(32));
    let add = ["network", "add", "--name", "AXIA EVM", "--genesis-hash", &genesis, "--ss58-prefix", "2008"];
    let ethereum = [&add[..], &["--path-id", "axia-evm", "--scheme", "ethereum"]].concat();
    assert_eq!(fails(dir, &ethereum, ""), "invalid_network", "an ethereum network needs its chain id");
    let substrate_with_chain = [&add[..], &["--path-id", "axia-evm", "--chain-id", "2008"]].concat();
    assert_eq!(fails(dir, &substrate_with_chain, ""), "invalid_network");
    let added = ok(dir, &[&ethereum[..], &["--chain-id", "2008"]].concat(), "");
    assert_eq!((&added["scheme"], &added["chain_id"]), (&Value::from("ethereum"), &Value::from(2008)));
    let phrase = case("ethereum.json", "eth-zondax-9");
    let recovered = ok(
        dir,
        &["identity", "recover", "--name", "EVM", "--network", "axia-evm"],
        &format!("{}\n{PIN}\n", phrase["phrase"].as_str().unwrap()),
    );
    assert_eq!(recovered["account"]["address"], phrase["address_eip55"]);
}
