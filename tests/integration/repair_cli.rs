//! `axia-signer repair-phrase`, the real binary: its JSON, its errors, and that nothing is
//! stored unless `--save-as` asks.

use crate::cli::{fails, run};

/// polkadot-js's `rec-misspelled-1` (phrase_repair.json): "tought" for "thought".
const WRITTEN: &str = "cheese boost tought cinnamon logic visa apart sure goddess retire never abandon";
const REPAIRED: &str = "cheese boost thought cinnamon logic visa apart sure goddess retire never abandon";
const EXPECTED: &str = "13e2we6GV7aXz8GXd6qWpnNTYfdxTnVXmwhXY5qvGPmHs6Uw";

#[test]
fn a_hit_prints_one_json_object_and_stores_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (code, json, _) = run(dir.path(), &["repair-phrase", EXPECTED], &format!("{WRITTEN}\n"));
    assert_eq!(code, 0, "{json}");
    assert_eq!(json["found"], true);
    assert_eq!(json["phrase"], REPAIRED);
    assert_eq!(json["changes"], serde_json::json!([{"position": 3, "was": "tought", "now": "thought"}]));
    assert_eq!((json["scheme"].as_str(), json["path"].as_str()), (Some("sr25519"), Some("//polkadot")));
    assert!(json["tried"].as_u64().unwrap() > 0);
    let (_, list, _) = run(dir.path(), &["identity", "list"], "");
    assert_eq!(list["identities"], serde_json::json!([]), "nothing stored without --save-as");
}

#[test]
fn save_as_stores_the_repaired_identity_with_the_account_found() {
    let dir = tempfile::tempdir().unwrap();
    let args = ["repair-phrase", EXPECTED, "--save-as", "Cheese"];
    let (code, json, _) = run(dir.path(), &args, &format!("{WRITTEN}\n123456\n123456\n"));
    assert_eq!(code, 0, "{json}");
    assert_eq!(json["saved"]["identity"], "Cheese");
    assert_eq!(json["saved"]["ss58_address"], EXPECTED);
    assert_eq!(json["saved"]["path"], "//polkadot");
    // The name is checked before the repair runs (and before the phrase is even read).
    let again = ["repair-phrase", EXPECTED, "--save-as", "Cheese"];
    assert_eq!(fails(dir.path(), &again, &format!("{WRITTEN}\n123456\n123456\n")), "duplicate_name");
}

#[test]
fn a_miss_says_what_each_class_tried_and_what_to_try_next() {
    let dir = tempfile::tempdir().unwrap();
    let nobody = "5C4hrfjw9DjXZTzV3MwzrrAr9P1MJhSrvWGWqi1eSuyUpnhM";
    let (code, json, _) = run(dir.path(), &["repair-phrase", nobody, "--depth", "0"], &format!("{WRITTEN}\n"));
    assert_eq!(code, 0, "{json}");
    assert_eq!(json["found"], false);
    assert_eq!(json["tried_by_class"], serde_json::json!({"misspelled": 2048}));
    assert_eq!(json["tried"], 2048);
    assert!(json["next"].as_str().unwrap().contains("BIP39 password"), "{json}");
    assert!(json.get("phrase").is_none());
}

#[test]
fn bad_input_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    assert_eq!(fails(dir, &["repair-phrase", "not-an-address"], &format!("{WRITTEN}\n")), "invalid_address");
    assert_eq!(fails(dir, &["repair-phrase", EXPECTED], "one two three\n"), "word_count");
    assert_eq!(fails(dir, &["repair-phrase", EXPECTED], ""), "input_error");
    let three_unknown = WRITTEN.replace("cheese", "chxxse").replace("boost", "bxxst");
    assert_eq!(fails(dir, &["repair-phrase", EXPECTED], &format!("{three_unknown}\n")), "too_many_unknown_words");
    let eleven_with_a_misspelling = WRITTEN.replace(" abandon", "").replace("cheese", "chxxse");
    assert_eq!(
        fails(dir, &["repair-phrase", EXPECTED], &format!("{eleven_with_a_misspelling}\n")),
        "too_many_unknown_words"
    );
    let (code, json, _) = run(dir, &["repair-phrase", EXPECTED, "--depth", "101"], &format!("{WRITTEN}\n"));
    assert_eq!((code, json["error"]["kind"].as_str()), (2, Some("usage")), "a usage error exits 2");
}
