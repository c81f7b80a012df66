//! Banana Split both ways with the reference's own libraries from npm (secrets.js-grempe,
//! tweetnacl, scryptsy: tests/interop/banana.cjs follows the reference's crypto.ts): they
//! reconstruct shares we made, and we reconstruct shares they made.

use std::process::Command;

use axia_signer::keys::banana::{split, Passphrase, ShareSet};
use serde_json::{json, Value};

use crate::interop::npm_installed;

const PHRASE: &str = "bottom drive obey lake curtain smoke basket hold race lonely fit walk";

fn reference(manifest: &Value) -> Value {
    let dir = npm_installed();
    let scratch = tempfile::tempdir().unwrap();
    let path = scratch.path().join("manifest.json");
    std::fs::write(&path, manifest.to_string()).unwrap();
    let output = Command::new("node").arg("banana.cjs").arg(&path).current_dir(&dir).output().expect("node runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "banana.cjs failed: {}\n{stdout}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_str(&stdout).unwrap_or_else(|error| panic!("banana.cjs printed no JSON ({error}): {stdout}"))
}

#[test]
fn the_reference_reconstructs_our_shares_and_we_reconstruct_its_shares() {
    let title = "Épargne \"froide\" 💰";
    let ours = Passphrase::generate();
    let shares = split(PHRASE, title, &ours, 5).unwrap();
    // Typed back as the reference's screen takes it: words separated by spaces.
    let typed = ours.expose().replace('-', " ");
    let theirs = "abacus zoom t shirt yo yo";
    let report = reference(&json!({
        "combine": [{ "shares": [shares[4], shares[1], shares[2]], "passphrase": typed }],
        "split": [{ "title": title, "secret": PHRASE, "passphrase": theirs.replace(' ', "-"), "total": 4 }],
    }));
    assert_eq!(report["combined"][0], PHRASE, "the reference opens our shares");

    let made: Vec<&str> = report["split"][0].as_array().unwrap().iter().map(|text| text.as_str().unwrap()).collect();
    assert_eq!(made.len(), 4);
    let mut set = ShareSet::default();
    for text in [made[3], made[0], made[2]] {
        set.add_text(text).unwrap();
    }
    assert_eq!(set.title(), Some(title));
    assert_eq!(set.recover(&Passphrase::typed(theirs)).unwrap().as_str(), PHRASE, "we open the reference's shares");
}
