//! After recovering identities, deriving accounts and changing a PIN, no byte of any file
//! in the database directory holds a secret, in raw or hex form.

use axia_signer::keys::{DerivationPath, Keypair, Password, Phrase, Scheme};

use super::*;

const PHRASE: &str = "goat earth enter define behave net fox capable receive put apple receive";
const BIP39_PASSWORD: &str = "correct horse battery staple";
const FIRST_PIN: &str = "730945612";
const SECOND_PIN: &str = "580316947";

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|window| window == needle)
}

/// Every secret of the scenario, as bytes to look for.
fn secrets() -> Vec<(String, Vec<u8>)> {
    let mut needles: Vec<(String, Vec<u8>)> = Vec::new();
    let mut add = |label: String, bytes: Vec<u8>| {
        needles.push((format!("{label} (hex)"), hex::encode(&bytes).into_bytes()));
        needles.push((label, bytes));
    };
    for phrase_text in [PHRASE, DEV] {
        let phrase = Phrase::parse(phrase_text).unwrap();
        let words: Vec<&str> = phrase_text.split(' ').collect();
        needles_push_text(&mut add, phrase_text, &words);
        add(format!("entropy of {}", words[0]), phrase.entropy().to_vec());
        for password in ["", BIP39_PASSWORD] {
            let seed = phrase.to_seed(&Password::new(password));
            add(format!("mini secret of {}", words[0]), seed.as_bytes().to_vec());
            let root = Keypair::from_seed(Scheme::Sr25519, &seed).unwrap();
            for path in ["", "//westend", "//polkadot", "//polkadot//1"] {
                let pair = root.derive(&DerivationPath::parse(path).unwrap()).unwrap();
                add(format!("secret key {path} of {}", words[0]), pair.export_secret().expose()[..32].to_vec());
            }
        }
    }
    needles.push(("BIP39 password".into(), BIP39_PASSWORD.as_bytes().to_vec()));
    needles.push(("first PIN".into(), FIRST_PIN.as_bytes().to_vec()));
    needles.push(("second PIN".into(), SECOND_PIN.as_bytes().to_vec()));
    needles
}

/// The phrase whole and every run of two of its words.
fn needles_push_text(add: &mut impl FnMut(String, Vec<u8>), phrase: &str, words: &[&str]) {
    add("the phrase".into(), phrase.as_bytes().to_vec());
    for pair in words.windows(2) {
        add(format!("words {pair:?}"), pair.join(" ").into_bytes());
    }
}

#[test]
fn no_secret_reaches_any_file_of_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let clock = TestClock::new();
    {
        let store = open(dir.path(), &clock);
        let first = recover(&store, "Cold", PHRASE, BIP39_PASSWORD, FIRST_PIN);
        let second = recover(&store, "Hot", DEV, "", FIRST_PIN);
        for (id, phrase_text, password) in [(first, PHRASE, BIP39_PASSWORD), (second, DEV, "")] {
            let phrase = Phrase::parse(phrase_text).unwrap();
            let password = Password::new(password);
            store.add_account(id, account(&phrase, &password, POLKADOT, "//polkadot", "Main")).unwrap();
            store.add_account(id, account(&phrase, &password, POLKADOT, "//polkadot//1", "Second")).unwrap();
            assert!(store.unlock(id, &pin(FIRST_PIN)).is_ok());
        }
        store.change_pin(first, &pin(FIRST_PIN), &pin(SECOND_PIN)).unwrap();
        assert!(store.unlock(first, &pin(SECOND_PIN)).is_ok());
    }
    let files = files_under(dir.path());
    let total: usize = files.values().map(Vec::len).sum();
    assert!(total > 0, "the database wrote files");
    for (label, needle) in secrets() {
        for (file, bytes) in &files {
            assert!(!contains(bytes, &needle), "{label} found in {}", file.display());
        }
    }
}
