//! Our exports decoded by the real polkadot-js (`@polkadot/keyring` and `@polkadot/util-crypto`
//! from npm, pinned in tests/interop/package-lock.json): single files of every scheme, at
//! both scrypt costs, and an "Export all" batch written through the app's controller.

use std::path::{Path, PathBuf};
use std::process::Command;

use axia_signer::app::backup::export_all_to;
use axia_signer::keys::backup::{export_account, export_batch, ExportMeta, ExportedAccount};
use axia_signer::keys::{Keypair, Password, PublicKey, Scheme, ScryptParams, SecretUri, Ss58Prefix};
use serde_json::{json, Value};

use crate::store::{genesis, open, pin, recover, TestClock, DEV, WESTEND};

fn interop_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/interop")
}

/// `npm ci` once per checkout (the lock file pins every package), then the node script.
fn polkadot_js(args: &[&str]) -> Value {
    let dir = interop_dir();
    let node = Command::new("node").arg("--version").output();
    assert!(
        node.is_ok_and(|out| out.status.success()),
        "node is not installed: the interop test needs Node.js 18+ and npm (.ci/run installs them)"
    );
    if !dir.join("node_modules/@polkadot/keyring").exists() {
        let status = Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
            .current_dir(&dir)
            .status()
            .expect("npm runs");
        assert!(status.success(), "npm ci failed in {}", dir.display());
    }
    let output = Command::new("node").arg("decode.mjs").args(args).current_dir(&dir).output().expect("node runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "decode.mjs failed: {}\n{stdout}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_str(&stdout).unwrap_or_else(|error| panic!("decode.mjs printed no JSON ({error}): {stdout}"))
}

fn keypair(suri: &str, scheme: Scheme) -> Keypair {
    let uri = SecretUri::parse(suri).unwrap();
    Keypair::from_seed(scheme, &uri.root_seed()).unwrap().derive(&uri.path).unwrap()
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

fn export(pair: &Keypair, name: &str, password: &str, params: ScryptParams) -> ExportedAccount {
    let meta = ExportMeta { name: name.to_owned(), genesis_hash: Some([7; 32]), when_created_ms: 1_700_000_000_000 };
    export_account(pair, Ss58Prefix::SUBSTRATE, &meta, &Password::new(password), params).unwrap()
}

/// What polkadot-js must find for a key: its public key, its address at prefix 42, its name.
fn expected(public: &PublicKey, name: &str) -> (String, String, String) {
    let address = axia_signer::keys::ss58::encode(Ss58Prefix::SUBSTRATE, &public.account_id());
    (public.to_hex(), address, name.to_owned())
}

fn decoded(result: &Value) -> Vec<(String, String, String)> {
    assert!(result["error"].is_null(), "polkadot-js could not decode {}: {}", result["file"], result["error"]);
    let accounts = result["accounts"].as_array().unwrap();
    let field = |account: &Value, name: &str| account[name].as_str().unwrap_or_default().to_owned();
    accounts.iter().map(|a| (field(a, "public_key"), field(a, "address"), field(a, "name"))).collect()
}

#[test]
fn polkadot_js_decodes_our_single_and_batch_exports_to_the_right_addresses() {
    let dir = tempfile::tempdir().unwrap();
    let mut entries = Vec::new();
    let mut wanted = Vec::new();
    // Single files: every scheme, a hard and a soft path, both scrypt costs.
    let singles = [
        ("//Alice", Scheme::Sr25519, ScryptParams::COMPATIBLE),
        (&format!("{DEV}//polkadot/0") as &str, Scheme::Sr25519, ScryptParams::STRONG),
        ("//Alice", Scheme::Ed25519, ScryptParams::COMPATIBLE),
        ("//Alice", Scheme::Ecdsa, ScryptParams::COMPATIBLE),
    ];
    let mut exported = Vec::new();
    for (index, (suri, scheme, params)) in singles.into_iter().enumerate() {
        let pair = keypair(suri, scheme);
        let file = export(&pair, &format!("single {index}"), "interop-password", params);
        let path = write(dir.path(), &format!("single-{index}.json"), &file.json);
        entries.push(json!({"file": path, "password": "interop-password", "kind": "account"}));
        wanted.push(vec![expected(&pair.public(), &format!("single {index}"))]);
        exported.push((file, pair.public(), format!("single {index}")));
    }
    // A batch written by the core, with inner files under their own password.
    let batch = export_batch(
        &exported.iter().map(|(file, _, _)| file.clone()).collect::<Vec<_>>(),
        &Password::new("batch-outer"),
        ScryptParams::COMPATIBLE,
    )
    .unwrap();
    let path = write(dir.path(), "batch.json", &batch);
    entries.push(json!({"file": path, "password": "batch-outer", "kind": "batch",
        "inner_passwords": vec!["interop-password"; exported.len()]}));
    wanted.push(exported.iter().map(|(_, public, name)| expected(public, name)).collect());

    // "Export all" through the app's controller, from a real store.
    let store_dir = tempfile::tempdir().unwrap();
    let store = open(store_dir.path(), &TestClock::new());
    let identity = recover(&store, "Dev", DEV, "", "123456");
    let secret = store.unlock(identity, &pin("123456")).unwrap();
    let westend = store.network(genesis(WESTEND)).unwrap().unwrap();
    axia_signer::app::accounts::add(&store, identity, &secret, &westend, "//0/1", "", "soft child").unwrap();
    let app_batch = dir.path().join("app-batch.json");
    export_all_to(&store, identity, &secret, &mut |_| None, &Password::new("app-batch"), &app_batch).unwrap();
    let accounts = store.accounts(identity, Some(genesis(WESTEND))).unwrap();
    entries.push(json!({"file": app_batch.display().to_string(), "password": "app-batch", "kind": "batch",
        "inner_passwords": vec!["app-batch"; accounts.len()]}));
    assert_eq!(accounts.len(), 2);
    wanted.push(accounts.iter().map(|account| expected(&account.public_key, &account.name)).collect());

    let manifest = write(dir.path(), "manifest.json", &json!({ "entries": entries }).to_string());
    let report = polkadot_js(&[&manifest]);
    let results = report["results"].as_array().unwrap();
    assert_eq!(results.len(), wanted.len());
    for (result, wanted) in results.iter().zip(wanted) {
        assert_eq!(decoded(result), wanted, "{}", result["file"]);
    }
}
