//! Every case of polkadot-js's `derivation.json` (tests/data/polkadot-js), through our core.

use axia_signer::keys::{ss58, Keypair, Phrase, Scheme, SecretUri, Ss58Prefix, UriError};
use serde_json::Value;

fn vectors() -> Value {
    serde_json::from_str(&crate::fixture("polkadot-js/derivation.json")).expect("derivation.json parses")
}

fn text<'a>(case: &'a Value, field: &str) -> &'a str {
    case[field].as_str().unwrap_or_else(|| panic!("{}: no string field {field}", case["id"]))
}

fn hex0x(bytes: &[u8]) -> String {
    format!("0x{}", hex::encode(bytes))
}

/// polkadot-js accepts any text of 32 characters or fewer as a raw seed; we refuse it
/// (a typo in a phrase must not silently become another account), so these two vectors
/// are expected to fail with `invalid_phrase` instead of giving their address.
const REFUSED_RAW_STRING_SEEDS: [&str; 2] = ["drv-147", "drv-148"];

/// The exact kind each known error vector gives; a vector not listed here must give one
/// of the kinds its polkadot-js message allows ([`expected_kinds`]).
const ERROR_KIND_BY_ID: [(&str, &str); 9] = [
    ("drv-134", "soft_derivation_unsupported"),
    ("drv-135", "soft_derivation_unsupported"),
    ("drv-136", "soft_derivation_unsupported"),
    ("drv-139", "bad_checksum"),
    ("drv-140", "invalid_phrase"),
    ("drv-141", "invalid_phrase"),
    ("drv-142", "unknown_word"),
    ("drv-144", "invalid_path"),
    ("drv-145", "invalid_phrase"),
];

/// The kinds of typed error we accept for each polkadot-js error message.
fn expected_kinds(polkadot_js_error: &str) -> &'static [&'static str] {
    match polkadot_js_error {
        "A soft key was found in the path and is not supported" => &["soft_derivation_unsupported"],
        "Invalid bip39 mnemonic specified" => &["bad_checksum", "unknown_word", "invalid_phrase"],
        "specified phrase is not a valid mnemonic and is invalid as a raw seed at > 32 bytes" => &["invalid_phrase"],
        "Unable to match provided value to a secret URI" => &["invalid_phrase", "invalid_path"],
        other => panic!("a vector has an error message this test does not know: {other:?}"),
    }
}

/// Parses and derives; the error's `kind` on failure.
fn derive(suri: &str, scheme: Scheme) -> Result<(SecretUri, Keypair), &'static str> {
    let uri = SecretUri::parse(suri).map_err(|e| e.kind())?;
    let root = Keypair::from_seed(scheme, &uri.root_seed()).map_err(|e| e.kind())?;
    let pair = root.derive(&uri.path).map_err(|e| e.kind())?;
    Ok((uri, pair))
}

fn check_success(case: &Value, scheme: Scheme) {
    let id = text(case, "id");
    let (uri, pair) = derive(text(case, "suri"), scheme).unwrap_or_else(|kind| panic!("{id}: failed with {kind}"));
    let public = pair.public();
    assert_eq!(public.to_hex(), text(case, "public_key_hex"), "{id}: public key");
    assert_eq!(public.account_id().to_hex(), text(case, "account_id_hex"), "{id}: account id");
    let prefix = Ss58Prefix::new(case["ss58_prefix"].as_u64().unwrap() as u32).unwrap();
    assert_eq!(ss58::encode(prefix, &public.account_id()), text(case, "address"), "{id}: address");
    for (prefix, address) in case["addresses_by_prefix"].as_object().unwrap() {
        let prefix = Ss58Prefix::new(prefix.parse().unwrap()).unwrap();
        assert_eq!(ss58::encode(prefix, &public.account_id()), address.as_str().unwrap(), "{id}: address at {prefix}");
        assert_eq!(ss58::decode(address.as_str().unwrap()).unwrap(), (prefix, public.account_id()), "{id}: decode");
    }
    if let Some(mini) = case["mini_secret_hex"].as_str() {
        assert_eq!(hex0x(uri.root_seed().as_bytes()), mini, "{id}: root mini secret");
    }
    let root = Keypair::from_seed(scheme, &uri.root_seed()).unwrap();
    let batch = root.derive_public_keys(&[uri.path.clone(), uri.path.clone()]);
    assert_eq!(batch, [Ok(public), Ok(public)], "{id}: batched public keys");
    let secret = pair.export_secret();
    if let Some(full) = case["secret_key_hex"].as_str() {
        assert_eq!(hex0x(secret.expose()), full, "{id}: secret key");
    }
    if let Some(first32) = case["secret_key_first32_hex"].as_str() {
        // A soft-derived sr25519 nonce is random in polkadot-js; only the scalar is stable.
        assert_eq!(hex0x(&secret.expose()[..32]), first32, "{id}: secret scalar");
    }
    if let Some(derived) = case["derived_seed_hex"].as_str() {
        assert_eq!(hex0x(&secret.expose()[..32]), derived, "{id}: derived seed");
    }
}

#[test]
fn every_derivation_vector_matches_polkadot_js() {
    let vectors = vectors();
    let cases = vectors["cases"].as_array().unwrap();
    let (mut matched, mut refused_as_expected, mut diverged_on_purpose) = (0, 0, 0);
    for case in cases {
        let id = text(case, "id");
        let scheme: Scheme = text(case, "scheme").parse().unwrap();
        if REFUSED_RAW_STRING_SEEDS.contains(&id) {
            let error = SecretUri::parse(text(case, "suri")).err();
            assert_eq!(error, Some(UriError::NotAPhraseOrSeed), "{id}: raw string seed must be refused");
            diverged_on_purpose += 1;
        } else if case["expect_error"].as_bool().unwrap() {
            let kind = derive(text(case, "suri"), scheme).err().unwrap_or_else(|| panic!("{id}: expected an error"));
            let allowed = expected_kinds(text(case, "error"));
            assert!(allowed.contains(&kind), "{id}: failed with {kind}, expected one of {allowed:?}");
            if let Some((_, exact)) = ERROR_KIND_BY_ID.iter().find(|(known, _)| *known == id) {
                assert_eq!(kind, *exact, "{id}");
            }
            refused_as_expected += 1;
        } else {
            check_success(case, scheme);
            matched += 1;
        }
    }
    println!(
        "derivation.json: {} cases: {matched} match polkadot-js, {refused_as_expected} fail with the expected typed error, \
         {diverged_on_purpose} raw-string seeds refused on purpose",
        cases.len()
    );
    assert_eq!(matched + refused_as_expected + diverged_on_purpose, cases.len());
    assert_eq!(diverged_on_purpose, REFUSED_RAW_STRING_SEEDS.len());
}

#[test]
fn every_mnemonic_gives_its_entropy_and_mini_secrets() {
    let vectors = vectors();
    let mut checked = 0;
    for mnemonic in vectors["mnemonics"].as_array().unwrap() {
        let label = text(mnemonic, "label");
        let phrase = Phrase::parse(text(mnemonic, "mnemonic")).unwrap_or_else(|e| panic!("{label}: {e}"));
        assert_eq!(hex0x(&phrase.entropy()), text(mnemonic, "entropy_hex"), "{label}: entropy");
        for (password, mini) in mnemonic["mini_secret_hex_by_bip39_password"].as_object().unwrap() {
            let seed = phrase.to_seed(&axia_signer::keys::Password::new(password.as_str()));
            assert_eq!(hex0x(seed.as_bytes()), mini.as_str().unwrap(), "{label} with password {password:?}");
            checked += 1;
        }
    }
    println!("derivation.json: {checked} (mnemonic, BIP39 password) mini secrets match");
    assert!(checked > 0);
}
