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
            (Value::Null, RepairOutcome::Missed { tried_by_class, tried, .. }) => {
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

/// The development phrase's root sr25519 account on Polkadot, as polkadot-js derives it
/// (`derivation.json`, drv-006), and its root ecdsa account (drv-015).
const DEV: &str = "bottom drive obey lake curtain smoke basket hold race lonely fit walk";
const DEV_ROOT: &str = "12bzRJfh7arnnfPPUZHeJUaE62QLEwhK48QnH9LXeK2m1iZU";
const DEV_ECDSA_ROOT: &str = "15GGLEFfp6jVHGi5oxsMs6iTajnkRcAffp8z3qpTcJDuq8vN";

fn repaired(written: &str, address: &str, deep: bool) -> axia_signer::keys::repair::Repaired {
    let options = options(None, 0, deep).unwrap();
    let written = Written::parse(written).unwrap();
    match repair(&written, &target(address).unwrap(), &Password::empty(), &options, &Progress::default()).unwrap() {
        RepairOutcome::Found(repaired) => repaired,
        other => panic!("{written:?}: {other:?}"),
    }
}

/// (position, was, now) of each change.
fn changes(repaired: &axia_signer::keys::repair::Repaired) -> Vec<(usize, Option<String>, Option<&'static str>)> {
    repaired.changes.iter().map(|c| (c.position, c.was.as_ref().map(|w| w.to_string()), c.now)).collect()
}

#[test]
fn each_typo_class_repairs_the_development_phrase_and_names_its_changes() {
    use axia_signer::keys::repair::TypoClass::*;
    let some = |word: &str| Some(word.to_owned());
    let cases = [
        (DEV.replace("drive", "drvie"), Misspelled, vec![(2, some("drvie"), Some("drive"))]),
        (DEV.replace("obey", "obeu"), Misspelled, vec![(3, some("obeu"), Some("obey"))]),
        (DEV.replace("lake", "like"), WrongWord, vec![(4, some("like"), Some("lake"))]),
        (
            DEV.replace("obey lake", "lake obey"),
            NeighboursSwapped,
            vec![(3, some("lake"), Some("obey")), (4, some("obey"), Some("lake"))],
        ),
        (DEV.replace(" lake", ""), MissingWord, vec![(4, None, Some("lake"))]),
        (DEV.replace("smoke", "smoke zoo"), ExtraWord, vec![(7, some("zoo"), None)]),
        (DEV.replace("smoke", "smoke zzzz"), ExtraWord, vec![(7, some("zzzz"), None)]),
        (
            DEV.replace("bottom", "X").replace("walk", "bottom").replace('X', "walk"),
            AnyTwoSwapped,
            vec![(1, some("walk"), Some("bottom")), (12, some("bottom"), Some("walk"))],
        ),
        (
            DEV.replace("drive", "drvie").replace("hold", "hlod"),
            Misspelled,
            vec![(2, some("drvie"), Some("drive")), (8, some("hlod"), Some("hold"))],
        ),
        (
            DEV.replace("curtain", "crtnn").replace("basket", "bskkt"),
            Misspelled,
            vec![(5, some("crtnn"), Some("curtain")), (7, some("bskkt"), Some("basket"))],
        ),
    ];
    for (written, class, expected) in cases {
        let repaired = repaired(&written, DEV_ROOT, false);
        assert_eq!(repaired.phrase.expose_words().collect::<Vec<_>>().join(" "), DEV, "{class:?}");
        assert_eq!((repaired.class, repaired.found.path.as_str()), (class, ""), "{written}");
        assert_eq!(changes(&repaired), expected, "{written}");
    }
}

#[test]
fn a_misspelled_and_a_wrong_word_together_are_found_with_deep_only() {
    let written = DEV.replace("drive", "drvie").replace("walk", "wall");
    let options = options(None, 0, false).unwrap();
    let plain = repair(
        &Written::parse(&written).unwrap(),
        &target(DEV_ROOT).unwrap(),
        &Password::empty(),
        &options,
        &Progress::default(),
    );
    assert!(matches!(plain.unwrap(), RepairOutcome::Missed { .. }), "not without --deep");
    let repaired = repaired(&written, DEV_ROOT, true);
    assert_eq!(repaired.class, axia_signer::keys::repair::TypoClass::MisspelledAndWrongWord);
    assert_eq!(repaired.phrase.expose_words().collect::<Vec<_>>().join(" "), DEV);
}

#[test]
fn every_key_type_is_tried_at_the_root() {
    let repaired = repaired(&DEV.replace("race", "rcae"), DEV_ECDSA_ROOT, false);
    assert_eq!((repaired.found.scheme.as_str(), repaired.found.path.as_str()), ("ecdsa", ""));
}

#[test]
fn a_miss_reports_what_each_class_tried_and_a_cancel_stops_the_repair() {
    let nobody = "5C4hrfjw9DjXZTzV3MwzrrAr9P1MJhSrvWGWqi1eSuyUpnhM";
    let written = Written::parse(&DEV.replace("drive", "drvie")).unwrap();
    let options = options(None, 1, false).unwrap();
    let missed = repair(&written, &target(nobody).unwrap(), &Password::empty(), &options, &Progress::default());
    let RepairOutcome::Missed { tried, tried_by_class, .. } = missed.unwrap() else { panic!("a miss") };
    assert_eq!(tried_by_class, [(axia_signer::keys::repair::TypoClass::Misspelled, 2048)]);
    assert_eq!(tried, 2048);

    // Two misspellings: millions of candidates, stopped from another thread once under way.
    let written = Written::parse(&DEV.replace("drive", "qqqq").replace("lake", "zzzz")).unwrap();
    let progress = Progress::default();
    let outcome = std::thread::scope(|scope| {
        scope.spawn(|| {
            while progress.tried.load(std::sync::atomic::Ordering::Relaxed) < 10_000 {
                std::thread::yield_now();
            }
            progress.cancel.store(true, std::sync::atomic::Ordering::Relaxed);
        });
        repair(&written, &target(nobody).unwrap(), &Password::empty(), &options, &progress).unwrap()
    });
    let RepairOutcome::Cancelled { tried } = outcome else { panic!("cancelled: {outcome:?}") };
    assert!((10_000..1_000_000).contains(&tried), "{tried}");
}
