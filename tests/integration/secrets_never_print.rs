//! `{:?}` and `{}` of every secret type and every error reveal no secret: not the phrase
//! or a run of its words, not the password, not a seed, entropy or key in hex or as a
//! byte list.

use axia_signer::keys::{
    inspect, DerivationPath, Keypair, Password, Phrase, PhraseError, Scheme, SecretUri, Seed, Ss58Prefix,
};

const PHRASE: &str = "goat earth enter define behave net fox capable receive put apple receive";
const PASSWORD: &str = "correct horse battery staple";

/// Every rendering of a secret we could leak, as text to search for.
fn secret_renderings() -> Vec<String> {
    let phrase = Phrase::parse(PHRASE).unwrap();
    let seed = phrase.to_seed(&Password::new(PASSWORD));
    let pair = Keypair::from_seed(Scheme::Sr25519, &seed).unwrap();
    let mut needles = vec![PHRASE.to_owned(), PASSWORD.to_owned()];
    let words: Vec<&str> = PHRASE.split(' ').collect();
    needles.extend(words.windows(2).map(|w| w.join(" ")));
    for bytes in [seed.as_bytes().to_vec(), phrase.entropy().to_vec(), pair.export_secret().expose().to_vec()] {
        needles.push(hex::encode(&bytes));
        needles.push(hex::encode(&bytes[..8]));
        needles.push(format!("{:?}", &bytes[..4]).trim_end_matches(']').to_owned());
    }
    needles
}

fn assert_reveals_nothing(label: &str, rendered: &str) {
    for needle in secret_renderings() {
        assert!(!rendered.contains(&needle), "{label} reveals a secret: {rendered}");
    }
}

fn assert_both_reveal_nothing<T: std::fmt::Debug + std::fmt::Display>(label: &str, value: &T) {
    assert_reveals_nothing(label, &format!("{value:?}"));
    assert_reveals_nothing(label, &format!("{value}"));
}

#[test]
fn secret_types_debug_print_no_secret() {
    let phrase = Phrase::parse(PHRASE).unwrap();
    let seed = phrase.to_seed(&Password::new(PASSWORD));
    let pair = Keypair::from_seed(Scheme::Sr25519, &seed).unwrap();
    let uri = SecretUri::parse(&format!("{PHRASE}//polkadot///{PASSWORD}")).unwrap();
    assert_reveals_nothing("Phrase", &format!("{phrase:?}"));
    assert_reveals_nothing("Seed", &format!("{seed:?}"));
    assert_reveals_nothing("Password", &format!("{:?}", Password::new(PASSWORD)));
    assert_reveals_nothing("SecretBytes", &format!("{:?}", pair.export_secret()));
    assert_reveals_nothing("SecretUri", &format!("{uri:?}"));
    assert_reveals_nothing("RootSecret", &format!("{:?}", uri.root));
    let hex_seed = format!("0x{}", hex::encode(seed.as_bytes()));
    assert_reveals_nothing("Seed from hex", &format!("{:?}", Seed::from_hex(&hex_seed).unwrap()));
}

#[test]
fn errors_print_no_secret() {
    let words: Vec<&str> = PHRASE.split(' ').collect();
    let swapped = format!("{} {} {}", words[..10].join(" "), words[11], words[10]);
    let eleven = words[..11].join(" ");
    let typo = PHRASE.replacen("goat", "goatt", 1);
    let capital = PHRASE.replacen("goat", "Goat", 1);
    let seed_hex = format!("0x{}", hex::encode(Phrase::parse(PHRASE).unwrap().to_seed(&Password::empty()).as_bytes()));
    let inputs = [
        swapped,
        eleven,
        typo,
        capital,
        format!(" {PHRASE}"),
        format!("{PHRASE}//"),
        format!("{PHRASE}//a///"),
        format!("{PHRASE}/soft"),
        format!("{}///{PASSWORD}", seed_hex),
        seed_hex[..60].to_owned(),
        "Alice//stash".to_owned(),
    ];
    for input in &inputs {
        if let Err(error) = SecretUri::parse(input) {
            assert_both_reveal_nothing("UriError", &error);
        }
        for scheme in Scheme::ALL {
            if let Err(error) = inspect(input, scheme, Ss58Prefix::SUBSTRATE) {
                assert_both_reveal_nothing("InspectError", &error);
            }
        }
    }
    let unknown = Phrase::parse(&PHRASE.replacen("goat", "goatt", 1)).unwrap_err();
    assert!(matches!(&unknown, PhraseError::UnknownWord { position: 1.. }));
    assert!(!format!("{unknown} {unknown:?}").contains("goatt"), "not even a misspelled word");
    assert_both_reveal_nothing("PhraseError", &unknown);
    assert_both_reveal_nothing("PathError", &DerivationPath::parse("//a///b").unwrap_err());
}

#[test]
fn backup_files_and_their_errors_print_no_secret() {
    use axia_signer::keys::backup::{export_account, ExportMeta};
    use axia_signer::keys::{BackupFile, ScryptParams};
    let pair =
        Keypair::from_seed(Scheme::Sr25519, &Phrase::parse(PHRASE).unwrap().to_seed(&Password::new(PASSWORD))).unwrap();
    let meta = ExportMeta { name: "n".into(), genesis_hash: None, when_created_ms: 0 };
    let file = export_account(&pair, Ss58Prefix::SUBSTRATE, &meta, &Password::new(PASSWORD), ScryptParams::COMPATIBLE)
        .unwrap();
    // The same key as an unencrypted file: `encoded` is then the plain secret key.
    let mut plain: serde_json::Value = serde_json::from_str(&file.json).unwrap();
    let body = [
        &[0x30u8, 0x53, 0x02, 0x01, 0x01, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20][..],
        pair.export_secret().expose(),
        &[0xa1, 0x23, 0x03, 0x21, 0x00],
        pair.public().as_bytes(),
    ]
    .concat();
    plain["encoded"] = format!("0x{}", hex::encode(&body)).into();
    plain["encoding"]["type"] = serde_json::json!(["none"]);
    let plain = BackupFile::parse(&plain.to_string()).unwrap();
    let rendered = format!("{plain:?}");
    assert_reveals_nothing("BackupFile", &rendered);
    // A derived Debug would print the body as a byte list: no run of the secret's bytes either.
    let secret = pair.export_secret();
    let run = secret.expose()[..4].iter().map(u8::to_string).collect::<Vec<_>>().join(", ");
    assert!(!rendered.contains(&run), "BackupFile's Debug prints the secret key: {rendered}");
    let BackupFile::Account(account) = &plain else { panic!("one account") };
    assert_both_reveal_nothing("not encrypted", &account.decrypt(&Password::new(PASSWORD)).err().unwrap());
    let BackupFile::Account(sealed) = BackupFile::parse(&file.json).unwrap() else { panic!("one account") };
    assert_both_reveal_nothing("wrong password", &sealed.decrypt(&Password::new("not it")).err().unwrap());
}

#[test]
fn paper_shares_their_passphrase_and_their_errors_print_no_secret() {
    use axia_signer::app::paper::gathering::{open, Gathering};
    use axia_signer::app::paper::splitting::{check_form, SplitForm};
    use axia_signer::keys::banana::{split, Passphrase, ShareSet};
    let passphrase = Passphrase::generate();
    let words = passphrase.words().join(" ");
    let assert_hidden = |label: &str, rendered: &str| {
        assert_reveals_nothing(label, rendered);
        assert!(!rendered.contains(passphrase.expose()) && !rendered.contains(&words), "{label}: {rendered}");
    };
    assert_hidden("Passphrase", &format!("{passphrase:?}"));
    let shares = split(PHRASE, "Savings", &passphrase, 3).unwrap();
    let mut set = ShareSet::default();
    set.add_text(&shares[0]).unwrap();
    set.add_text(&shares[2]).unwrap();
    assert_hidden("ShareSet", &format!("{set:?}"));
    let wrong = open(&set, "abacus abacus abacus abacus").err().unwrap();
    assert_hidden("wrong passphrase", &format!("{wrong:?} {wrong}"));
    // A share damaged in the middle of its data: the decryption fails, quoting nothing.
    let damaged = shares[1].replacen("\"d\":\"8", "\"d\":\"8f", 1);
    let mut gathering = Gathering::default();
    gathering.add(&shares[0]).unwrap();
    if let Err(error) = gathering.add(&damaged) {
        assert_hidden("damaged share", &format!("{error:?} {error}"));
    } else if let Err(error) = open(&gathering.shares(), passphrase.expose()) {
        assert_hidden("damaged share", &format!("{error:?} {error}"));
    }
    // The words a split shows are only in its form, which prints nothing.
    let form = SplitForm::default();
    let error = check_form("", "5", "/tmp").err().unwrap();
    assert_hidden("split form", &format!("{error:?} {error}"));
    assert!(form.words().len() == 4);
}
