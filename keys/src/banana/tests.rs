//! Every case of `banana_split.json` (shares made by the reference), and a known-answer
//! split made by the reference's own libraries with fixed randomness.

use serde_json::Value;

use super::*;

fn fixture(name: &str) -> Value {
    let path = format!("{}/../tests/data/banana-split/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn texts(value: &Value) -> Vec<String> {
    value.as_array().unwrap().iter().map(|text| text.as_str().unwrap().to_owned()).collect()
}

/// Adds the shares in order; the first refusal, if any.
fn gather(shares: &[String]) -> Result<ShareSet, BananaError> {
    let mut set = ShareSet::default();
    for text in shares {
        set.add_text(text)?;
    }
    Ok(set)
}

#[test]
fn every_listed_subset_of_the_references_shares_gives_the_phrase() {
    let vectors = fixture("banana_split.json");
    for case in vectors["cases"].as_array().unwrap().iter().filter(|case| case["kind"] == "ok") {
        let id = case["id"].as_str().unwrap();
        let shares = texts(&case["shares"]);
        let typed = case["passphrase_as_typed"].as_str().or(case["passphrase"].as_str()).unwrap();
        for subset in case["reconstructing_subsets"].as_array().unwrap() {
            let chosen: Vec<String> = subset
                .as_array()
                .unwrap()
                .iter()
                .map(|index| shares[index.as_u64().unwrap() as usize].clone())
                .collect();
            let set = gather(&chosen).unwrap_or_else(|error| panic!("{id} {subset}: {error}"));
            assert_eq!(set.title(), case["title"].as_str(), "{id}");
            let secret =
                set.recover(&Passphrase::typed(typed)).unwrap_or_else(|error| panic!("{id} {subset}: {error}"));
            assert_eq!(secret.as_str(), case["expected_secret"].as_str().unwrap(), "{id} {subset}");
        }
    }
}

#[test]
fn every_error_case_gives_its_kind() {
    let vectors = fixture("banana_split.json");
    for case in vectors["cases"].as_array().unwrap().iter().filter(|case| case["kind"] == "error") {
        let id = case["id"].as_str().unwrap();
        let passphrase = Passphrase::typed(case["passphrase"].as_str().unwrap());
        let kind = match gather(&texts(&case["shares"])) {
            Err(error) => error.kind(),
            Ok(set) => set.recover(&passphrase).err().map_or("none", |error| error.kind()),
        };
        assert_eq!(kind, case["expect"].as_str().unwrap(), "{id}");
    }
}

#[test]
fn a_split_with_the_references_randomness_gives_the_references_shares() {
    let known = fixture("known_answer.json");
    let nonce: [u8; 24] = hex::decode(known["nonce_hex"].as_str().unwrap()).unwrap().try_into().unwrap();
    let coefficient = known["coefficient"].as_u64().unwrap() as u8;
    let shares = split_with(
        known["secret"].as_str().unwrap(),
        known["title"].as_str().unwrap(),
        &Passphrase::typed(known["passphrase"].as_str().unwrap()),
        known["total"].as_u64().unwrap() as u8,
        nonce,
        &mut || coefficient,
    )
    .unwrap();
    assert_eq!(shares, texts(&known["shares"]));
}

#[test]
fn shares_we_make_come_back_from_any_majority_and_not_from_fewer() {
    let passphrase = Passphrase::generate();
    let phrase = "bottom drive obey lake curtain smoke basket hold race lonely fit walk";
    let shares = split(phrase, "Savings", &passphrase, 5).unwrap();
    assert_eq!(shares.len(), 5);
    let set = gather(&[shares[4].clone(), shares[0].clone(), shares[2].clone()]).unwrap();
    assert_eq!(set.count(), (3, 3));
    assert_eq!(set.recover(&passphrase).unwrap().as_str(), phrase);
    let two = gather(&shares[..2]).unwrap();
    assert_eq!(two.recover(&passphrase).err(), Some(BananaError::NotEnoughShares { have: 2, need: 3 }));
    let wrong = Passphrase::typed("abacus abacus abacus abacus");
    assert_eq!(set.recover(&wrong).err(), Some(BananaError::CannotDecrypt));
}

#[test]
fn a_split_outside_the_bounds_is_refused() {
    let passphrase = Passphrase::generate();
    let kind = |total: u8, title: &str| split("x", title, &passphrase, total).err().map(|error| error.kind());
    assert_eq!(kind(2, "t"), Some("invalid_split"));
    assert_eq!(kind(3, "  "), Some("invalid_split"));
    assert_eq!(required_of(3), 2);
    assert_eq!(required_of(255), 128);
}
