//! Every case of polkadot-js's `ethereum.json` and `ledger.json`, the published examples the
//! spec names (Moonbeam's Alith, Zondax's Ledger example), and BIP39's own seed vectors.

use serde_json::Value;

use super::*;
use crate::scheme::PublicKey;
use crate::secret::Password;
use crate::ss58::{self, Ss58Prefix};
use crate::uri::DEV_PHRASE;
use crate::Phrase;

fn vectors(name: &str) -> Vec<Value> {
    let path = format!("{}/../tests/data/polkadot-js/{name}", env!("CARGO_MANIFEST_DIR"));
    let file: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    file["cases"].as_array().unwrap().clone()
}

fn field<'a>(case: &'a Value, name: &str) -> &'a str {
    case[name].as_str().unwrap_or_else(|| panic!("{}: no {name}", case["id"]))
}

fn case<'a>(cases: &'a [Value], id: &str) -> &'a Value {
    cases.iter().find(|case| case["id"] == id).unwrap_or_else(|| panic!("no case {id}"))
}

#[test]
fn every_ethereum_vector_gives_its_secret_key_public_key_and_eip55_address() {
    let cases = vectors("ethereum.json");
    assert!(cases.len() >= 39, "{} cases", cases.len());
    for case in &cases {
        let id = field(case, "id");
        let uri =
            EthereumUri::parse(field(case, "suri_as_polkadot_js_takes_it")).unwrap_or_else(|e| panic!("{id}: {e}"));
        match field(case, "path").strip_prefix('/') {
            Some(path) => assert_eq!(uri.path, Bip32Path::parse(path).unwrap(), "{id}"),
            None => assert!(uri.path.is_master(), "{id}"),
        }
        let key = uri.derive().unwrap_or_else(|e| panic!("{id}: {e}"));
        assert_eq!(format!("0x{}", hex::encode(key.secret().as_bytes())), field(case, "secret_key_hex"), "{id}");
        assert_eq!(format!("0x{}", hex::encode(key.public_key())), field(case, "public_key_compressed_hex"), "{id}");
        assert_eq!(key.address().to_checksummed(), field(case, "address_eip55"), "{id}");
        assert_eq!(EthereumAddress::parse(field(case, "address_eip55")), Ok(key.address()), "{id}");
    }
}

/// Moonbeam's development account "Alith": FORMAT.md §10 gives its address, and Moonbeam's
/// docs publish its private key. (It is not among `ethereum.json`'s cases.)
#[test]
fn moonbeams_alith_is_the_development_phrase_at_the_default_path() {
    let key = EthereumUri::parse(&format!("{DEV_PHRASE}/{DEFAULT_ETHEREUM_PATH}")).unwrap().derive().unwrap();
    assert_eq!(key.address().to_string(), "0xf24FF3a9CF04c71Dbc94D0b566f7A27B94566cac");
    assert_eq!(
        hex::encode(key.secret().as_bytes()),
        "5fb92d6e98884f76de468fa3f6278f8807c48bebc13595d45af5bdc4da702133"
    );
}

/// Zondax's published example (FORMAT.md §11), by its id, so an edit of the vector file
/// cannot move it: the Polkadot address is the one Zondax printed.
#[test]
fn zondaxs_published_ledger_example_gives_its_polkadot_address() {
    let cases = vectors("ledger.json");
    let zondax = case(&cases, "ledger-zondax-0");
    assert_eq!(field(zondax, "path"), "m/44'/354'/0'/0'/0'");
    let phrase = Phrase::parse("equip will roof matter pink blind book anxiety banner elbow sun young").unwrap();
    let pair = ledger_keypair(&phrase, &Password::empty(), &Bip32Path::parse(field(zondax, "path")).unwrap()).unwrap();
    let polkadot = ss58::encode(Ss58Prefix::POLKADOT, &pair.public().account_id());
    assert_eq!(polkadot, "166wVhuQsKFeb7bd1faydHgVvX1bZU2rUuY7FJmWApNz2fQY");
    assert_eq!(zondax["addresses"]["0"], polkadot.as_str());
    // The same phrase as an Ethereum account is among the Ethereum cases too.
    let eth = case(&vectors("ethereum.json"), "eth-zondax-9").clone();
    let key = EthereumKey::from_phrase(&phrase, &DEFAULT_ETHEREUM_PATH.parse().unwrap()).unwrap();
    assert_eq!(key.address().to_string(), field(&eth, "address_eip55"));
}

#[test]
fn every_ledger_vector_gives_its_seed_public_key_and_addresses() {
    let cases = vectors("ledger.json");
    assert!(cases.len() >= 24, "{} cases", cases.len());
    for case in &cases {
        let id = field(case, "id");
        // A 25th word is the BIP39 password, as the Ledger app (and polkadot-js) take it.
        let words: Vec<&str> = field(case, "phrase").split(' ').collect();
        let (phrase, password) = match words.len() {
            25 => (words[..24].join(" "), Password::new(words[24])),
            _ => (words.join(" "), Password::empty()),
        };
        let phrase = Phrase::parse(&phrase).unwrap_or_else(|e| panic!("{id}: {e}"));
        let path = Bip32Path::parse(field(case, "path")).unwrap_or_else(|e| panic!("{id}: {e}"));
        let seed = ledger_seed(&phrase, &password, &path).unwrap();
        assert_eq!(format!("0x{}", hex::encode(seed.as_bytes())), field(case, "ed25519_seed_hex"), "{id}");
        let pair = ledger_keypair(&phrase, &password, &path).unwrap();
        assert_eq!(pair.public(), PublicKey::Ed25519(hex32(field(case, "public_key_hex"))), "{id}");
        let addresses = case["addresses"].as_object().unwrap();
        assert!(!addresses.is_empty(), "{id}");
        for (prefix, address) in addresses {
            let prefix = Ss58Prefix::new(prefix.parse().unwrap()).unwrap();
            assert_eq!(ss58::encode(prefix, &pair.public().account_id()), address.as_str().unwrap(), "{id} {prefix}");
        }
    }
}

fn hex32(text: &str) -> [u8; 32] {
    let mut bytes = [0u8; 32];
    hex::decode_to_slice(text.strip_prefix("0x").unwrap(), &mut bytes).unwrap();
    bytes
}

/// BIP39's reference vectors (the "TREZOR" password), and the address standard Ethereum
/// wallets show for the first of them at the default path, so the seed is the standard one and
/// not only polkadot-js's.
#[test]
fn the_bip39_seed_is_the_reference_seed() {
    let zeros = "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";
    let cases = [
        (zeros, "c55257c360c07c72029aebc1b53c05ed0362ada38ead3e3e9efa3708e53495531f09a6987599d18264c1e1c92f2cf141630c7a3c4ab7c81b2f001698e7463b04"),
        ("legal winner thank year wave sausage worth useful legal winner thank yellow", "2e8905819b8723fe2c1d161860e5ee1830318dbf49a83bd451cfb8440c28bd6fa457fe1296106559a3c80937a1c1069be3a3a5bd381ee6260e8d9739fce1f607"),
    ];
    for (words, expected) in cases {
        let seed = Bip39Seed::new(&Phrase::parse(words).unwrap(), &Password::new("TREZOR"));
        assert_eq!(hex::encode(seed.as_bytes()), expected, "{words}");
    }
    let key = EthereumKey::from_phrase(&Phrase::parse(zeros).unwrap(), &DEFAULT_ETHEREUM_PATH.parse().unwrap());
    assert_eq!(key.unwrap().address().to_string(), "0x9858EfFD232B4033E47d90003D41EC34EcaEda94");
}

/// BIP39 normalises the password (NFKD): "café" typed composed or decomposed is one
/// password, and the seed is the one rust-bip39 computes.
#[test]
fn a_composed_or_decomposed_password_gives_the_same_seed_as_rust_bip39() {
    let mnemonic = bip39::Mnemonic::parse(DEV_PHRASE).unwrap();
    let phrase = Phrase::parse(DEV_PHRASE).unwrap();
    let composed = Bip39Seed::new(&phrase, &Password::new("caf\u{e9}"));
    let decomposed = Bip39Seed::new(&phrase, &Password::new("cafe\u{301}"));
    assert_eq!(composed.as_bytes(), decomposed.as_bytes());
    assert_eq!(composed.as_bytes(), &mnemonic.to_seed("caf\u{e9}"));
    assert_ne!(composed.as_bytes(), Bip39Seed::new(&phrase, &Password::empty()).as_bytes());
}

#[test]
fn the_bip39_seed_never_prints() {
    let seed = Bip39Seed::new(&Phrase::parse(DEV_PHRASE).unwrap(), &Password::empty());
    let shown = format!("{seed:?}");
    assert_eq!(shown, "Bip39Seed(<redacted>)");
    assert!(!shown.contains(&hex::encode(&seed.as_bytes()[..4])));
}
