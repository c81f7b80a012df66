//! Every case of polkadot-js's `phrase_repair.json` (tests/data/polkadot-js): a phrase
//! damaged as people damage them, the address its account has, and the answer polkadot-js
//! gave. The repair must find that phrase, key type and path.

use axia_signer::app::repair_phrase::{options, target, DEFAULT_REPAIR_DEPTH};
use axia_signer::keys::repair::{repair, RepairOutcome, Written};
use axia_signer::keys::search::Progress;
use axia_signer::keys::Password;
use serde_json::Value;

fn cases() -> Vec<Value> {
    let vectors: Value = serde_json::from_str(&crate::fixture("polkadot-js/phrase_repair.json")).unwrap();
    vectors["cases"].as_array().expect("cases").clone()
}

#[test]
fn every_damaged_phrase_is_repaired_to_the_phrase_key_type_and_path_polkadot_js_made() {
    let options = options(None, DEFAULT_REPAIR_DEPTH, false).unwrap();
    let cases = cases();
    assert!(cases.len() >= 14, "the file has its cases");
    for case in cases {
        let id = case["id"].as_str().unwrap();
        let written = Written::parse(case["given"].as_str().unwrap()).unwrap();
        let expected = target(case["expected_address"].as_str().unwrap()).unwrap();
        let outcome = repair(&written, &expected, &Password::empty(), &options, &Progress::default()).unwrap();
        match (&case["answer"], outcome) {
            (Value::Null, RepairOutcome::Missed { tried_by_class, tried }) => {
                assert!(!tried_by_class.is_empty() && tried > 0, "{id}: a miss says what it tried");
            }
            (answer, RepairOutcome::Found(repaired)) => {
                let phrase: Vec<&str> = repaired.phrase.expose_words().collect();
                assert_eq!(phrase.join(" "), answer["phrase"].as_str().unwrap(), "{id}");
                assert_eq!(repaired.found.scheme.as_str(), answer["scheme"].as_str().unwrap(), "{id}");
                let path = match answer["path"].as_str().unwrap() {
                    "(root)" => "",
                    path => path,
                };
                assert_eq!(repaired.found.path.as_str(), path, "{id}");
            }
            (answer, other) => panic!("{id}: expected {answer}, got {other:?}"),
        }
    }
}
