//! Every case of polkadot-js's `json_backups.json` (tests/data/polkadot-js), through our core:
//! successes give exactly the expected key and addresses, and a key that signs for the
//! expected public key; failures give their error kind.

use axia_signer::keys::backup::{AccountFile, BackupFile, RestoredAccount};
use axia_signer::keys::{ss58, BackupError, Password, PublicKey, Scheme, Ss58Prefix};
use serde_json::Value;

fn cases() -> Vec<Value> {
    let vectors: Value = serde_json::from_str(&crate::fixture("polkadot-js/json_backups.json")).expect("parses");
    vectors["cases"].as_array().expect("cases").clone()
}

fn text<'a>(case: &'a Value, field: &str) -> &'a str {
    case[field].as_str().unwrap_or_else(|| panic!("{}: no string field {field}", case["id"]))
}

fn password(case: &Value) -> Password {
    Password::new(case["password"].as_str().unwrap_or(""))
}

/// The kind each negative vector gives, and why where it differs from polkadot-js's message.
const ERROR_KIND_BY_ID: [(&str, &str); 17] = [
    ("bk-neg-wrongpw-sr", "wrong_password"),
    ("bk-neg-wrongpw-ed", "wrong_password"),
    ("bk-neg-wrongpw-v2", "wrong_password"),
    ("bk-neg-emptypw", "password_required"),
    // polkadot-js says "wrong passphrase"; the length alone shows the file is cut short,
    // and telling the user to retry passwords on a damaged file would waste their time.
    ("bk-neg-trunc-tail", "malformed"),
    ("bk-neg-trunc-header", "malformed"),
    ("bk-neg-trunc-b64", "malformed"),
    ("bk-neg-trunc-nonce", "malformed"),
    ("bk-neg-scrypt-n14p5", "unsupported_kdf_params"),
    ("bk-neg-scrypt-n18", "unsupported_kdf_params"),
    ("bk-neg-scrypt-r16", "unsupported_kdf_params"),
    ("bk-neg-no-encoded", "malformed"),
    ("bk-neg-addr-badchecksum", "malformed"),
    // A plain file opened with a password: the password is wrong for it (the message says why).
    ("bk-neg-unencrypted-with-pw", "wrong_password"),
    ("bk-neg-batch-wrongpw", "wrong_password"),
    // A batch has no fixed length, so a cut-short one can only fail its MAC.
    ("bk-neg-batch-trunc", "wrong_password"),
    ("bk-neg-pkcs8-divider", "malformed"),
];

fn parse(case: &Value) -> Result<BackupFile, BackupError> {
    BackupFile::parse(&serde_json::to_string(&case["json"]).unwrap())
}

/// Opens a single-account file or every account of a batch (inner passwords from the case).
fn open_case(case: &Value) -> Result<Vec<RestoredAccount>, BackupError> {
    match parse(case)? {
        BackupFile::Account(file) => Ok(vec![file.decrypt(&password(case))?]),
        BackupFile::Batch(batch) => {
            let inner: Vec<AccountFile> = batch.decrypt(&password(case))?;
            let passwords = case["inner_accounts"].as_array().expect("inner_accounts");
            assert_eq!(inner.len(), passwords.len(), "{}: inner account count", case["id"]);
            inner.iter().zip(passwords).map(|(file, account)| file.decrypt(&password(account))).collect()
        }
        BackupFile::Accounts(_) => panic!("{}: no vector is a plain list", case["id"]),
    }
}

/// What every restored key signs; the signature must verify against the vector's public key.
const MESSAGE: &[u8] = b"AXIA Signer restored this key from a polkadot-js backup";

/// Checks one restored account; returns whether its secret key bytes were compared too.
///
/// Every account's key signs [`MESSAGE`] and the signature is verified against the public key
/// the *vector* gives (parsed from its hex with its scheme, not taken from the restored key),
/// so the secret we hold is proved to be that account's. The secret's bytes are compared as
/// well where the vector records them in the form we hold: 20 of the 28 accounts. The other 8
/// are the 6 accounts inside the two batch files, whose vectors record no secret, and the 2
/// generation-1 files (`bk-var-gen1-*`, 85-byte body), whose vectors record the 32-byte seed
/// rather than polkadot-js's 64-byte form.
fn check_account(id: &str, restored: &RestoredAccount, expected: &Value) -> bool {
    let scheme: Scheme = text(expected, "scheme").parse().unwrap();
    let expected_public = hex::decode(text(expected, "expected_public_key_hex").trim_start_matches("0x")).unwrap();
    let expected_public = PublicKey::from_bytes(scheme, &expected_public).unwrap();
    let signature = restored.keypair.sign(MESSAGE);
    assert!(expected_public.verify(MESSAGE, &signature), "{id}: our signature does not verify as {expected_public:?}");

    let public = restored.keypair.public();
    assert_eq!(public.to_hex(), text(expected, "expected_public_key_hex"), "{id}: public key");
    assert_eq!(public.account_id().to_hex(), text(expected, "expected_account_id_hex"), "{id}: account id");
    let prefix = Ss58Prefix::new(expected["ss58_prefix"].as_u64().unwrap_or(42) as u32).unwrap();
    assert_eq!(ss58::encode(prefix, &public.account_id()), text(expected, "expected_address"), "{id}: address");
    for (prefix, address) in expected["expected_addresses_by_prefix"].as_object().into_iter().flatten() {
        let prefix = Ss58Prefix::new(prefix.parse().unwrap()).unwrap();
        assert_eq!(
            ss58::encode(prefix, &public.account_id()),
            address.as_str().unwrap(),
            "{id}: address at {prefix:?}"
        );
    }
    // The secret as polkadot-js holds it, where the file holds that form (not a 32-byte seed).
    if expected["decrypted_pkcs8_length"].as_u64() != Some(85) {
        if let Some(secret) = expected["pkcs8_secret_hex"].as_str() {
            let ours = format!("0x{}", hex::encode(restored.keypair.export_secret().expose()));
            assert_eq!(ours, secret, "{id}: secret key bytes");
            return true;
        }
    }
    false
}

#[test]
fn every_backup_vector_restores_its_key_or_gives_its_error_kind() {
    let (mut restored_files, mut restored_accounts, mut refused) = (0, 0, 0);
    let mut secret_bytes_compared = 0;
    for case in cases() {
        let id = text(&case, "id");
        if case["kind"] == "negative" {
            let expected = ERROR_KIND_BY_ID.iter().find(|(known, _)| *known == id).map(|(_, kind)| *kind);
            let expected = expected.unwrap_or_else(|| panic!("{id}: a negative vector this test does not know"));
            match open_case(&case) {
                Ok(_) => panic!("{id}: opened, but polkadot-js fails with {:?}", case["error"]),
                Err(error) => assert_eq!(error.kind(), expected, "{id}: {error}"),
            }
            refused += 1;
            continue;
        }
        let accounts = open_case(&case).unwrap_or_else(|error| panic!("{id}: {} ({error})", error.kind()));
        match case["kind"].as_str() {
            Some("batch_export") => {
                for (account, expected) in accounts.iter().zip(case["inner_accounts"].as_array().unwrap()) {
                    let mut expected = expected.clone();
                    expected["ss58_prefix"] = case["ss58_prefix"].clone();
                    secret_bytes_compared += usize::from(check_account(id, account, &expected));
                }
            }
            _ => secret_bytes_compared += usize::from(check_account(id, &accounts[0], &case)),
        }
        restored_files += 1;
        restored_accounts += accounts.len();
    }
    assert_eq!((restored_files, restored_accounts, refused), (24, 28, 17), "files restored, accounts in them, refused");
    // Every one of the 28 signed for its expected public key; 20 were also compared byte for byte.
    assert_eq!(secret_bytes_compared, 20, "accounts whose secret key bytes were compared");
}

#[test]
fn scrypt_parameters_outside_the_presets_are_refused_before_any_work() {
    // N = 2^30 would take minutes and gigabytes; the refusal must be immediate.
    let case = cases().into_iter().find(|case| case["id"] == "bk-alice").unwrap();
    let mut json = case["json"].clone();
    let mut encoded = base64_decode(json["encoded"].as_str().unwrap());
    encoded[32..36].copy_from_slice(&(1u32 << 30).to_le_bytes());
    json["encoded"] = Value::String(base64_encode(&encoded));
    let BackupFile::Account(file) = BackupFile::parse(&json.to_string()).unwrap() else { panic!("one account") };
    let started = std::time::Instant::now();
    let error = file.decrypt(&password(&case)).err().unwrap();
    assert_eq!(error.kind(), "unsupported_kdf_params");
    assert!(started.elapsed().as_secs() < 5, "no scrypt work was done");
}

#[test]
fn a_file_relabelled_with_another_address_is_an_address_mismatch() {
    // polkadot-js restores Alice's key from a file that says Bob; we refuse it.
    let case = cases().into_iter().find(|case| case["id"] == "bk-alice").unwrap();
    let mut json = case["json"].clone();
    json["address"] = Value::String("5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty".into());
    let BackupFile::Account(file) = BackupFile::parse(&json.to_string()).unwrap() else { panic!("one account") };
    let error = file.decrypt(&password(&case)).err().unwrap();
    assert_eq!(error.kind(), "address_mismatch");
    assert!(error.to_string().contains("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY"), "{error}");
}

#[test]
fn unknown_versions_key_types_and_extra_fields_are_told_apart() {
    let case = cases().into_iter().find(|case| case["id"] == "bk-alice").unwrap();
    let variant = |edit: &dyn Fn(&mut Value)| {
        let mut json = case["json"].clone();
        edit(&mut json);
        BackupFile::parse(&json.to_string()).and_then(|file| match file {
            BackupFile::Account(file) => file.decrypt(&password(&case)).map(|_| ()),
            _ => panic!("one account"),
        })
    };
    assert_eq!(variant(&|json| json["encoding"]["version"] = "4".into()).unwrap_err().kind(), "unsupported_version");
    assert_eq!(
        variant(&|json| json["encoding"]["content"] = serde_json::json!(["pkcs8", "bls12-381"])).unwrap_err().kind(),
        "unsupported_key_type"
    );
    assert!(variant(&|json| json["isHidden"] = true.into()).is_ok(), "extra top-level fields are tolerated");
    // Hex `encoded` in a version 3 file, as polkadot-js also reads.
    let hex_encoded = |json: &mut Value| {
        let bytes = base64_decode(json["encoded"].as_str().unwrap());
        json["encoded"] = Value::String(format!("0x{}", hex::encode(bytes)));
    };
    assert!(variant(&hex_encoded).is_ok());
}

#[test]
fn a_file_that_does_not_name_its_key_type_is_read_by_trying_each() {
    // The oldest files have no `content`: the type is the one that gives the stated address.
    for id in ["bk-var-gen1-ed25519", "bk-alice-ecdsa", "bk-alice"] {
        let case = cases().into_iter().find(|case| case["id"] == id).unwrap();
        let mut json = case["json"].clone();
        json["encoding"]["content"] = Value::Null;
        json["encoding"]["version"] = "2".into();
        let BackupFile::Account(file) = BackupFile::parse(&json.to_string()).unwrap() else { panic!("one account") };
        assert_eq!(file.scheme(), None);
        let restored = file.decrypt(&password(&case)).unwrap_or_else(|e| panic!("{id}: {e}"));
        assert_eq!(restored.keypair.public().to_hex(), text(&case, "expected_public_key_hex"), "{id}");
    }
}

#[test]
fn we_never_write_scrypt_parameters_a_reader_would_refuse() {
    use axia_signer::keys::backup::{export_account, ExportMeta};
    use axia_signer::keys::{Keypair, Scheme, ScryptParams, Seed};
    let pair = Keypair::from_seed(Scheme::Sr25519, &Seed::from_bytes([5; 32])).unwrap();
    let meta = ExportMeta { name: "x".into(), genesis_hash: None, when_created_ms: 0 };
    let odd = ScryptParams { n: 3000, p: 1, r: 8 };
    let error = export_account(&pair, Ss58Prefix::SUBSTRATE, &meta, &Password::new("long enough"), odd).unwrap_err();
    assert_eq!(error.kind(), "unsupported_kdf_params");
}

#[test]
fn a_json_list_of_account_files_is_read_account_by_account() {
    let by_id = |id: &str| cases().into_iter().find(|case| case["id"] == id).unwrap();
    let (alice, bob) = (by_id("bk-alice"), by_id("bk-bob-kusama"));
    let list = Value::Array(vec![alice["json"].clone(), bob["json"].clone()]);
    let BackupFile::Accounts(files) = BackupFile::parse(&list.to_string()).unwrap() else { panic!("a list") };
    assert_eq!(files.len(), 2);
    let restored = files[1].decrypt(&password(&bob)).unwrap();
    assert_eq!(restored.keypair.public().to_hex(), text(&bob, "expected_public_key_hex"));
}

fn base64_decode(text: &str) -> Vec<u8> {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.decode(text).unwrap()
}

fn base64_encode(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// `ethereum_json.json`: polkadot-js's files of `ethereum` pairs (Moonbeam, MetaMask's keys).
fn ethereum_cases() -> Vec<Value> {
    let vectors: Value = serde_json::from_str(&crate::fixture("polkadot-js/ethereum_json.json")).expect("parses");
    vectors["cases"].as_array().expect("cases").clone()
}

#[test]
fn every_ethereum_file_of_polkadot_js_gives_its_key_and_eip55_address() {
    let cases = ethereum_cases();
    assert_eq!(cases.len(), 5);
    for case in cases {
        let BackupFile::Account(file) = parse(&case).unwrap() else { panic!("{}: one account", case["id"]) };
        assert!(file.is_ethereum(), "{}", case["id"]);
        let restored = file.decrypt(&password(&case)).unwrap();
        assert_eq!(
            restored.keypair.public().to_hex(),
            text(&case, "expected_public_key_compressed_hex"),
            "{}",
            case["id"]
        );
        assert_eq!(
            restored.ethereum_address().unwrap().to_string(),
            text(&case, "expected_address_eip55"),
            "{}",
            case["id"]
        );
        let wrong = file.decrypt(&Password::new("not the password")).err().unwrap();
        assert_eq!(wrong.kind(), "wrong_password");
    }
}

#[test]
fn an_ethereum_file_we_write_reads_back_as_the_same_ethereum_account() {
    use axia_signer::keys::backup::{export_ethereum_account, ExportMeta};
    use axia_signer::keys::{Bip32Path, EthereumKey, Keypair, Phrase, ScryptParams};
    let phrase = Phrase::parse(axia_signer::keys::DEV_PHRASE).unwrap();
    let key = EthereumKey::from_phrase(&phrase, &Bip32Path::parse("m/44'/60'/0'/0/0").unwrap()).unwrap();
    let pair = Keypair::from_seed(Scheme::Ecdsa, key.secret()).unwrap();
    let meta = ExportMeta { name: "Alith".into(), genesis_hash: None, when_created_ms: 1_700_000_000_000 };
    let written = export_ethereum_account(&pair, &meta, &Password::new("moonbeam"), ScryptParams::COMPATIBLE).unwrap();
    // Moonbeam's well-known development account (FORMAT.md, section 10).
    assert_eq!(written.ss58_address, "0xf24FF3a9CF04c71Dbc94D0b566f7A27B94566cac");
    let json: Value = serde_json::from_str(&written.json).unwrap();
    assert_eq!(json["encoding"]["content"], serde_json::json!(["pkcs8", "ethereum"]));
    assert_eq!(
        json["address"],
        format!("0x{}", hex::encode(key.public_key())),
        "the compressed key, as polkadot-js writes it"
    );
    let BackupFile::Account(file) = BackupFile::parse(&written.json).unwrap() else { panic!("one account") };
    let restored = file.decrypt(&Password::new("moonbeam")).unwrap();
    assert_eq!(restored.ethereum_address(), Some(key.address()));
    let sr = Keypair::from_seed(Scheme::Sr25519, key.secret()).unwrap();
    let refused = export_ethereum_account(&sr, &meta, &Password::new("moonbeam"), ScryptParams::COMPATIBLE);
    assert_eq!(refused.unwrap_err().kind(), "unsupported_key_type");
}
