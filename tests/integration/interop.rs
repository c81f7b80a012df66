//! Our exports against the real polkadot-js (`@polkadot/keyring` and `@polkadot/util-crypto`
//! from npm, pinned in tests/interop/package-lock.json): single files of every scheme, at both
//! scrypt costs, a batch from the core, and an "Export all" batch written through the app's
//! controller.
//!
//! An address is not proof: for a 64-byte sr25519 or ed25519 secret, polkadot-js takes the
//! public key from the file and never checks it against the secret. So every pair polkadot-js
//! decodes signs a message and we verify the signature against the public key we expect; and
//! polkadot-js verifies what our keys sign (`signatureVerify`).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

use axia_signer::app::backup::export_all_to;
use axia_signer::keys::backup::{export_account, export_batch, BackupFile, ExportMeta, ExportedAccount};
use axia_signer::keys::{Keypair, Password, PublicKey, Scheme, ScryptParams, SecretUri, Signature, Ss58Prefix};
use serde_json::{json, Value};

use crate::store::{genesis, open, pin, recover, TestClock, DEV, WESTEND};

/// What polkadot-js signs with every pair it decodes, and what our keys sign for it to verify.
const MESSAGE: &[u8] = b"AXIA Signer <-> polkadot-js: this key is the account's";

fn interop_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/interop")
}

/// Whether `npm ci` must run in `dir`: nothing installed yet, or `package-lock.json` (or
/// `package.json`) changed after the last install. npm writes `node_modules/.package-lock.json`
/// on every install, so its modification time is when that was.
fn needs_install(dir: &Path) -> bool {
    let modified = |name: &str| std::fs::metadata(dir.join(name)).and_then(|meta| meta.modified()).ok();
    let Some(installed) = modified("node_modules/.package-lock.json") else { return true };
    ["package-lock.json", "package.json"]
        .into_iter()
        .any(|name| modified(name).is_none_or(|changed| changed > installed))
}

/// tests/interop with its npm packages installed: `npm ci` when [`needs_install`] says so
/// (the lock file pins every package). Node.js must be there.
pub(crate) fn npm_installed() -> PathBuf {
    static INSTALL: Mutex<()> = Mutex::new(());
    let dir = interop_dir();
    let node = Command::new("node").arg("--version").output();
    assert!(
        node.is_ok_and(|out| out.status.success()),
        "node is not installed: the interop test needs Node.js 18+ and npm (.ci/run installs them)"
    );
    let _one_install_at_a_time = INSTALL.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if needs_install(&dir) {
        let status = Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
            .current_dir(&dir)
            .status()
            .expect("npm runs");
        assert!(status.success(), "npm ci failed in {}", dir.display());
    }
    dir
}

/// The node script over a manifest of `entries`; returns one result per entry.
fn polkadot_js(entries: &[Value]) -> Vec<Value> {
    let dir = npm_installed();
    let manifest_dir = tempfile::tempdir().unwrap();
    let manifest = json!({ "message": format!("0x{}", hex::encode(MESSAGE)), "entries": entries });
    let manifest = write(manifest_dir.path(), "manifest.json", &manifest.to_string());
    let output = Command::new("node").arg("decode.mjs").arg(&manifest).current_dir(&dir).output().expect("node runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "decode.mjs failed: {}\n{stdout}", String::from_utf8_lossy(&output.stderr));
    let report: Value =
        serde_json::from_str(&stdout).unwrap_or_else(|error| panic!("decode.mjs printed no JSON ({error}): {stdout}"));
    let results = report["results"].as_array().expect("results").clone();
    assert_eq!(results.len(), entries.len(), "one result per entry");
    results
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

fn address(public: &PublicKey) -> String {
    axia_signer::keys::ss58::encode(Ss58Prefix::SUBSTRATE, &public.account_id())
}

/// The accounts polkadot-js decoded from one file (fails the test if it could not).
fn decoded(result: &Value) -> &Vec<Value> {
    assert!(result["error"].is_null(), "polkadot-js could not decode {}: {}", result["file"], result["error"]);
    result["accounts"].as_array().unwrap()
}

fn field(account: &Value, name: &str) -> String {
    account[name].as_str().unwrap_or_default().to_owned()
}

/// Whether the signature polkadot-js made with a decoded pair is `public`'s signature of
/// [`MESSAGE`]: true only if the secret it decoded is `public`'s, whatever public key it shows.
fn signed_by(account: &Value, public: &PublicKey) -> bool {
    let bytes = hex::decode(field(account, "signature").trim_start_matches("0x")).unwrap();
    Signature::from_bytes(public.scheme(), &bytes).is_some_and(|signature| public.verify(MESSAGE, &signature))
}

/// An account we wrote: the key, and the name its file carries.
struct Written {
    pair: Keypair,
    name: String,
}

/// Files we wrote, one manifest entry each, with the accounts each holds in order.
struct OurExports {
    _dir: tempfile::TempDir,
    entries: Vec<Value>,
    accounts: Vec<Vec<Written>>,
}

/// The single files: every scheme, a hard and a soft path, both scrypt costs.
fn singles() -> Vec<(String, Scheme, ScryptParams)> {
    vec![
        ("//Alice".into(), Scheme::Sr25519, ScryptParams::COMPATIBLE),
        (format!("{DEV}//polkadot/0"), Scheme::Sr25519, ScryptParams::STRONG),
        ("//Alice".into(), Scheme::Ed25519, ScryptParams::COMPATIBLE),
        ("//Alice".into(), Scheme::Ecdsa, ScryptParams::COMPATIBLE),
    ]
}

/// The [`singles`] files, a batch of them from the core (inner files under their own
/// password), and "Export all" through the app's controller from a real store. The app's keys
/// are restored from the file it wrote by our own reader.
fn our_exports() -> OurExports {
    let dir = tempfile::tempdir().unwrap();
    let (mut entries, mut accounts, mut files) = (Vec::new(), Vec::new(), Vec::new());
    let single =
        |index: usize, suri: &str, scheme| Written { pair: keypair(suri, scheme), name: format!("single {index}") };
    for (index, (suri, scheme, params)) in singles().into_iter().enumerate() {
        let written = single(index, &suri, scheme);
        let file = export(&written.pair, &written.name, "interop-password", params);
        let path = write(dir.path(), &format!("single-{index}.json"), &file.json);
        entries.push(json!({"file": path, "password": "interop-password", "kind": "account"}));
        accounts.push(vec![written]);
        files.push(file);
    }
    let batch = export_batch(&files, &Password::new("batch-outer"), ScryptParams::COMPATIBLE).unwrap();
    let path = write(dir.path(), "batch.json", &batch);
    entries.push(json!({"file": path, "password": "batch-outer", "kind": "batch",
        "inner_passwords": vec!["interop-password"; files.len()]}));
    accounts.push(
        singles().into_iter().enumerate().map(|(index, (suri, scheme, _))| single(index, &suri, scheme)).collect(),
    );

    let store_dir = tempfile::tempdir().unwrap();
    let store = open(store_dir.path(), &TestClock::new());
    let identity = recover(&store, "Dev", DEV, "", "123456");
    let secret = store.unlock(identity, &pin("123456")).unwrap();
    let westend = store.network(genesis(WESTEND)).unwrap().unwrap();
    axia_signer::app::accounts::add(&store, identity, &secret, &westend, "//0/1", &Password::empty(), "soft child")
        .unwrap();
    let app_batch = dir.path().join("app-batch.json");
    export_all_to(&store, identity, &secret, &mut |_| None, &Password::new("app-batch"), &app_batch).unwrap();
    let stored = store.accounts(identity, Some(genesis(WESTEND))).unwrap();
    assert_eq!(stored.len(), 2);
    entries.push(json!({"file": app_batch.display().to_string(), "password": "app-batch", "kind": "batch",
        "inner_passwords": vec!["app-batch"; stored.len()]}));
    let BackupFile::Batch(batch) = BackupFile::parse(&std::fs::read_to_string(&app_batch).unwrap()).unwrap() else {
        panic!("the app writes a batch file")
    };
    let inner = batch.decrypt(&Password::new("app-batch")).unwrap();
    assert_eq!(inner.len(), stored.len());
    let restored = inner
        .iter()
        .zip(&stored)
        .map(|(file, account)| {
            let pair = file.decrypt(&Password::new("app-batch")).unwrap().keypair;
            assert_eq!(pair.public(), account.public_key, "our reader gives the stored key back");
            Written { pair, name: account.name.clone() }
        })
        .collect();
    accounts.push(restored);
    OurExports { _dir: dir, entries, accounts }
}

#[test]
fn polkadot_js_decodes_our_exports_to_keys_that_sign_for_the_right_account() {
    let exports = our_exports();
    let results = polkadot_js(&exports.entries);
    for (result, written) in results.iter().zip(&exports.accounts) {
        let accounts = decoded(result);
        assert_eq!(accounts.len(), written.len(), "{}: accounts in the file", result["file"]);
        for (account, Written { pair, name }) in accounts.iter().zip(written) {
            let public = pair.public();
            let file = &result["file"];
            assert_eq!(field(account, "type"), public.scheme().as_str(), "{file}: {name}: type");
            assert_eq!(field(account, "public_key"), public.to_hex(), "{file}: {name}: public key");
            assert_eq!(field(account, "address"), address(&public), "{file}: {name}: address");
            assert_eq!(field(account, "name"), *name, "{file}: {name}: name");
            assert!(signed_by(account, &public), "{file}: {name}: polkadot-js's signature is not {public:?}'s");
        }
    }
}

#[test]
fn polkadot_js_verifies_what_the_keys_we_wrote_sign() {
    let exports = our_exports();
    let mut entries = Vec::new();
    let mut expected = Vec::new();
    for Written { pair, name } in exports.accounts.iter().flatten() {
        let public = pair.public();
        let signature = pair.sign(MESSAGE).to_hex();
        // By SS58 address, and by public key (polkadot-js recovers an ecdsa key and compares either).
        for signer in [address(&public), public.to_hex()] {
            entries.push(json!({"kind": "verify", "signer": signer, "signature": signature}));
            expected.push((name.clone(), public.scheme(), true));
        }
        // The same signature of another key's is refused: the check can fail.
        let other = keypair("//Bob", public.scheme()).public();
        entries.push(json!({"kind": "verify", "signer": address(&other), "signature": signature}));
        expected.push((format!("{name} as Bob"), public.scheme(), false));
    }
    let results = polkadot_js(&entries);
    for (result, (name, scheme, valid)) in results.iter().zip(expected) {
        assert!(result["error"].is_null(), "{name}: signatureVerify threw: {}", result["error"]);
        assert_eq!(result["valid"], valid, "{name}: polkadot-js verified {result}");
        if valid {
            assert_eq!(result["crypto"], scheme.as_str(), "{name}: verified as {scheme}");
        }
    }
    // Every scheme was signed for, single and in batches.
    for scheme in Scheme::ALL {
        assert!(exports.accounts.iter().flatten().any(|written| written.pair.scheme() == scheme), "{scheme}");
    }
}

/// A file polkadot-js reads as Alice's although its secret is junk: our own export of Alice
/// (for its JSON shape: address, meta, key type), with `encoded` replaced by an *unencrypted*
/// PKCS8 body `header ‖ junk secret ‖ divider ‖ Alice's public key` and `encoding.type` set to
/// `["none"]` (FORMAT.md §1, §4). Unencrypted because the test cannot reach the core's sealing;
/// polkadot-js decodes the body of a `none` file through the same `decodePair` / `createPair`
/// as an encrypted one, and that is where the stored public key is taken on trust.
fn junk_file_with_alices_public_key(scheme: Scheme) -> String {
    const HEADER: [u8; 16] =
        [0x30, 0x53, 0x02, 0x01, 0x01, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20];
    const DIVIDER: [u8; 5] = [0xa1, 0x23, 0x03, 0x21, 0x00];
    let alice = keypair("//Alice", scheme);
    let mut json: Value =
        serde_json::from_str(&export(&alice, "junk", "unused", ScryptParams::COMPATIBLE).json).unwrap();
    // 0x11 bytes: below the group order as an sr25519 scalar, a valid secp256k1 key, not Alice's.
    let junk = vec![0x11; alice.export_secret().expose().len()];
    let body = [&HEADER[..], &junk, &DIVIDER, alice.public().as_bytes()].concat();
    use base64::Engine as _;
    json["encoded"] = base64::engine::general_purpose::STANDARD.encode(body).into();
    json["encoding"]["type"] = json!(["none"]);
    json.to_string()
}

#[test]
fn a_junk_secret_under_alices_public_key_fails_the_signature_check() {
    let dir = tempfile::tempdir().unwrap();
    let mut entries = Vec::new();
    for scheme in Scheme::ALL {
        let text = junk_file_with_alices_public_key(scheme);
        // Our reader refuses it: the stored public key is not the secret's.
        let BackupFile::Account(file) = BackupFile::parse(&text).unwrap() else { panic!("one account") };
        let error = file.decrypt(&Password::new("")).err().expect("our reader refuses a junk secret");
        assert_eq!(error.kind(), "malformed", "{scheme}: {error}");
        let path = write(dir.path(), &format!("junk-{scheme}.json"), &text);
        entries.push(json!({"file": path, "password": null, "kind": "account"}));
    }
    let results = polkadot_js(&entries);
    for (scheme, result) in Scheme::ALL.into_iter().zip(&results) {
        let alice = keypair("//Alice", scheme).public();
        let account = &decoded(result)[0];
        if scheme != Scheme::Ecdsa {
            // The gap: polkadot-js says this is Alice (a 64-byte secret keeps the file's public
            // key), so comparing addresses alone would pass.
            assert_eq!(field(account, "public_key"), alice.to_hex(), "{scheme}: polkadot-js shows Alice's key");
            assert_eq!(field(account, "address"), address(&alice), "{scheme}: polkadot-js shows Alice's address");
        } else {
            // ecdsa keeps a 32-byte secret, which polkadot-js re-derives the public key from.
            assert_ne!(field(account, "public_key"), alice.to_hex(), "{scheme}: re-derived from the junk");
        }
        // What closes it: the check the interop test applies to every decoded pair fails.
        assert!(!signed_by(account, &alice), "{scheme}: a junk secret signed as Alice");
        let junk = Signature::from_bytes(scheme, &hex::decode(&field(account, "signature")[2..]).unwrap());
        assert!(junk.is_some(), "{scheme}: polkadot-js signed with the junk secret");
    }
}

#[test]
fn npm_ci_runs_again_when_the_lock_file_is_newer_than_the_install() {
    use std::time::{Duration, SystemTime};
    let dir = tempfile::tempdir().unwrap();
    let at = |name: &str, when: SystemTime| {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, "{}").unwrap();
        std::fs::File::options().write(true).open(&path).unwrap().set_modified(when).unwrap();
    };
    let then = SystemTime::now() - Duration::from_secs(3600);
    at("package.json", then);
    at("package-lock.json", then);
    assert!(needs_install(dir.path()), "nothing installed");
    at("node_modules/@polkadot/keyring/package.json", then + Duration::from_secs(60));
    assert!(needs_install(dir.path()), "packages present but no record of an npm install");
    at("node_modules/.package-lock.json", then + Duration::from_secs(60));
    assert!(!needs_install(dir.path()), "installed after the lock last changed");
    at("package-lock.json", then + Duration::from_secs(120));
    assert!(needs_install(dir.path()), "the lock changed after the install");
    at("node_modules/.package-lock.json", then + Duration::from_secs(180));
    at("package.json", then + Duration::from_secs(240));
    assert!(needs_install(dir.path()), "package.json changed after the install");
}

#[test]
fn polkadot_js_decodes_our_ethereum_file_to_the_same_eip55_account() {
    use axia_signer::keys::backup::export_ethereum_account;
    use axia_signer::keys::{Bip32Path, EthereumKey, Phrase};
    let dir = tempfile::tempdir().unwrap();
    let phrase = Phrase::parse(DEV).unwrap();
    let mut entries = Vec::new();
    let mut expected = Vec::new();
    for (index, params) in [ScryptParams::COMPATIBLE, ScryptParams::STRONG].into_iter().enumerate() {
        let path = Bip32Path::parse(&format!("m/44'/60'/0'/0/{index}")).unwrap();
        let key = EthereumKey::from_phrase(&phrase, &path).unwrap();
        let pair = Keypair::from_seed(Scheme::Ecdsa, key.secret()).unwrap();
        let meta = ExportMeta { name: format!("eth {index}"), genesis_hash: None, when_created_ms: 1_700_000_000_000 };
        let file = export_ethereum_account(&pair, &meta, &Password::new("interop-password"), params).unwrap();
        let path = write(dir.path(), &format!("ethereum-{index}.json"), &file.json);
        entries.push(json!({"file": path, "password": "interop-password", "kind": "account"}));
        expected.push((key.address().to_string(), format!("0x{}", hex::encode(key.public_key())), meta.name));
    }
    // The first is Moonbeam's "Alith" (FORMAT.md, section 10): the address is not ours alone.
    assert_eq!(expected[0].0, "0xf24FF3a9CF04c71Dbc94D0b566f7A27B94566cac");
    for (result, (address, public_key, name)) in polkadot_js(&entries).iter().zip(&expected) {
        let accounts = decoded(result);
        assert_eq!(accounts.len(), 1);
        let account = &accounts[0];
        assert_eq!(field(account, "type"), "ethereum", "{}", result["file"]);
        assert_eq!(&field(account, "address"), address, "{}", result["file"]);
        assert_eq!(&field(account, "public_key"), public_key, "{}", result["file"]);
        assert_eq!(&field(account, "name"), name);
        assert_eq!(account["signs_for_address"], true, "the secret polkadot-js decoded signs for {address}");
    }
}
