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

/// A schema 3 store whose user already added a network with Moonriver's genesis hash (as an
/// sr25519 chain of their own) and one named "Moonbeam" with another genesis hash: opening
/// it keeps both as they are, adds neither built-in over them, and gives Kusama its coin.
#[test]
fn schema_4_keeps_a_users_networks_that_clash_with_the_new_built_in_ones() {
    use super::{open, raw_sled, TestClock};
    use serde_json::json;
    const MOONBEAM: &str = "fe58ea77779b7abda7da4ec526d14db9b1e9cd40a217c34892af80a9b332b76d";
    const MOONRIVER: &str = "401a1f9dca3da46f5c4091016c8a2f26dcea05865116b286f60f668207d1474b";
    const KUSAMA: &str = "b0a8d493285c2df73290dfb7e61f870f17b41801197a149ca93654499ea3dafe";
    let dir = tempfile::tempdir().unwrap();
    let clock = TestClock::new();
    drop(open(dir.path(), &clock));
    {
        // Back to what a schema 3 store held, plus the user's two networks.
        let raw = raw_sled(dir.path());
        let networks = raw.open_tree("networks").unwrap();
        let record = |name: &str, path_id: &str| {
            let value = json!({"name": name, "ss58_prefix": 7, "path_id": path_id, "scheme": "sr25519",
                "colour": "#123456", "unit": "MY", "decimals": 12, "builtin": false});
            serde_json::to_vec(&value).unwrap()
        };
        networks.remove(hex::decode(MOONBEAM).unwrap()).unwrap();
        networks.insert(hex::decode(MOONRIVER).unwrap(), record("My Moonriver", "my-moonriver")).unwrap();
        networks.insert(vec![0xcd; 32], record("Moonbeam", "my-moonbeam")).unwrap();
        let kusama: Value =
            serde_json::from_slice(&networks.get(hex::decode(KUSAMA).unwrap()).unwrap().unwrap()).unwrap();
        let mut old_kusama = kusama.clone();
        old_kusama.as_object_mut().unwrap().remove("ledger_coin");
        networks.insert(hex::decode(KUSAMA).unwrap(), serde_json::to_vec(&old_kusama).unwrap()).unwrap();
        raw.open_tree("meta").unwrap().insert("schema_version", &3u32.to_be_bytes()).unwrap();
        raw.flush().unwrap();
    }
    let store = open(dir.path(), &clock);
    let networks = store.networks().unwrap();
    let named = |name: &str| networks.iter().find(|n| n.name == name).cloned();
    let theirs = named("My Moonriver").expect("the user's network under Moonriver's hash is kept");
    assert!(!theirs.is_ethereum() && !theirs.builtin);
    let moonbeam = named("Moonbeam").expect("the user's Moonbeam is kept");
    assert_eq!(moonbeam.path_id, "my-moonbeam", "and the built-in Moonbeam is not added over its name");
    assert!(named("Moonriver").is_none());
    assert_eq!(named("Kusama").unwrap().ledger_coin(), 434);
    drop(store);
    assert_eq!(schema_version(dir.path()), 4);
}
