//! A store written by the code of schema 2 (`tests/data/store-v2/`, made by that release's
//! binary) opens with today's code: raised to the current schema in one step, every account
//! listed exactly as the old binary listed it, each now saying it is a Substrate path, and the
//! sealed secrets still opening with their PIN.

use std::path::{Path, PathBuf};

use serde_json::Value;

use super::raw_sled;
use crate::cli::run;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/store-v2").join(name)
}

fn listed_by_the_old_binary(name: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(fixture(name)).unwrap()).unwrap()
}

fn schema_version(store: &Path) -> u32 {
    let db = raw_sled(store);
    let bytes = db.open_tree("meta").unwrap().get("schema_version").unwrap().unwrap();
    u32::from_be_bytes(bytes.as_ref().try_into().unwrap())
}

#[test]
fn a_schema_2_store_opens_with_every_account_as_the_old_code_listed_it() {
    let dir = tempfile::tempdir().unwrap();
    let unpacked = std::process::Command::new("tar")
        .arg("-xzf")
        .arg(fixture("store-v2.tar.gz"))
        .arg("-C")
        .arg(dir.path())
        .status()
        .unwrap();
    assert!(unpacked.success());
    let store = dir.path().join("store");
    assert_eq!(schema_version(&store), 2, "the fixture is a schema 2 store");

    let (code, accounts, output) = run(&store, &["account", "list"], "");
    assert_eq!(code, 0, "{output}");
    assert_eq!(accounts, listed_by_the_old_binary("accounts.json"));
    let (_, identities, _) = run(&store, &["identity", "list"], "");
    assert_eq!(identities, listed_by_the_old_binary("identities.json"));
    assert_eq!(schema_version(&store), 4, "raised once opened");
    // Schema 4: the Ethereum networks join the catalogue, and Kusama learns its Ledger coin.
    let (_, networks, _) = run(&store, &["network", "list"], "");
    let network = |name: &str| networks["networks"].as_array().unwrap().iter().find(|n| n["name"] == name).cloned();
    let moonbeam = network("Moonbeam").expect("Moonbeam added");
    assert_eq!((&moonbeam["scheme"], &moonbeam["chain_id"]), (&Value::from("ethereum"), &Value::from(1284)));
    assert_eq!(network("Kusama").unwrap()["ledger_coin"], 434);
    assert_eq!(network("Polkadot").unwrap()["ledger_coin"], 354);
    let db = raw_sled(&store);
    let records: Vec<Value> = db
        .open_tree("accounts")
        .unwrap()
        .iter()
        .values()
        .map(|value| serde_json::from_slice(&value.unwrap()).unwrap())
        .collect();
    assert_eq!(records.len(), 5);
    assert!(records.iter().all(|record| record["derivation"] == "substrate"), "{records:?}");
    drop(db);

    // The sealed secret still opens with its PIN, and the store takes new accounts.
    let (code, added, output) = run(
        &store,
        &["account", "add", "--identity", "Dev", "--network", "westend", "--path", "//westend//1", "--name", "New"],
        "123456\n",
    );
    assert_eq!(code, 0, "{output}");
    assert_eq!(added["identity"], "Dev");
    let (_, again, _) = run(&store, &["account", "list", "--identity", "Dev"], "");
    assert_eq!(again["accounts"].as_array().unwrap().len(), 5, "four kept and one added");
}
