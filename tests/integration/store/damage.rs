//! One flipped bit anywhere in the store never silently loses an identity: for many
//! offsets in every file (sled's `db`, `conf` and snapshot, both sealed copies, the clean
//! manifest), the open either lists every acknowledged identity, each unsealing with its
//! PIN, or refuses with `Damaged` naming the file and every file left byte-identical.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use axia_signer::db::{OpenError, Store};

use super::*;

const PINS: [(&str, &str); 2] = [("A", "111111"), ("D", "444444")];
const D_PHRASE: &str = "legal winner thank year wave sausage worth useful legal winner thank yellow";

fn write_files(dir: &Path, files: &BTreeMap<PathBuf, Vec<u8>>) {
    for (path, bytes) in files {
        let path = dir.join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
    }
}

/// A store with identities A and D, both acknowledged, then closed.
fn acknowledged_store() -> BTreeMap<PathBuf, Vec<u8>> {
    let dir = tempfile::tempdir().unwrap();
    {
        let store = open(dir.path(), &TestClock::new());
        recover(&store, "A", DEV, "", PINS[0].1);
        recover(&store, "D", D_PHRASE, "", PINS[1].1);
    }
    // The store's lock goes once sled has let go and the clean manifest is written.
    drop(open(dir.path(), &TestClock::new()));
    files_under(dir.path())
}

/// Offsets to flip in a file: spread over its bytes that are not zero (what sled and we
/// wrote), plus a few anywhere.
fn offsets(bytes: &[u8], count: usize) -> Vec<usize> {
    let written: Vec<usize> = (0..bytes.len()).filter(|&i| bytes[i] != 0).collect();
    let mut picked: Vec<usize> = (0..count).filter_map(|k| written.get(k * written.len() / count).copied()).collect();
    picked.extend((1..=3).map(|k| k * bytes.len() / 4));
    picked.sort();
    picked.dedup();
    picked
}

enum Outcome {
    Opened,
    Refused,
}

fn open_after_flip(pristine: &BTreeMap<PathBuf, Vec<u8>>, file: &Path, offset: usize, bit: u8) -> Outcome {
    let dir = tempfile::tempdir().unwrap();
    let mut damaged = pristine.clone();
    damaged.get_mut(file).unwrap()[offset] ^= 1 << bit;
    write_files(dir.path(), &damaged);
    let before = files_under(dir.path());
    let case = format!("{} offset {offset} bit {bit}", file.display());
    match Store::open_with(dir.path(), TestClock::new().options()) {
        Ok(store) => {
            let names: Vec<String> = store.identities().unwrap().into_iter().map(|i| i.name).collect();
            for (name, pin_text) in PINS {
                let identity = store
                    .identity_by_name(name)
                    .unwrap()
                    .unwrap_or_else(|| panic!("{case}: the store opened without identity {name} (it lists {names:?})"));
                store
                    .unlock(identity.id, &pin(pin_text))
                    .unwrap_or_else(|e| panic!("{case}: {name} does not unseal: {e}"));
            }
            drop(store);
            // Whatever was mended stays mended.
            let again = open(dir.path(), &TestClock::new());
            assert_eq!(again.identities().unwrap().len(), 2, "{case}: reopened");
            assert!(again.repairs().is_empty(), "{case}: mended twice: {:?}", again.repairs());
            Outcome::Opened
        }
        Err(OpenError::Damaged { file: named, .. }) => {
            assert!(named.ends_with(&*file.to_string_lossy()), "{case}: the refusal names {named}");
            assert!(before == files_under(dir.path()), "{case}: a refused open changed the files");
            Outcome::Refused
        }
        Err(other) => panic!("{case}: {other}"),
    }
}

#[test]
fn a_flipped_bit_anywhere_never_loses_an_acknowledged_identity() {
    let pristine = acknowledged_store();
    let names: Vec<PathBuf> = pristine.keys().filter(|p| !p.ends_with(".lock")).cloned().collect();
    assert!(names.iter().any(|p| p.ends_with("db")) && names.iter().any(|p| p.ends_with("conf")));
    assert!(names.iter().filter(|p| p.starts_with("sealed")).count() == 4, "{names:?}");
    let mut summary = Vec::new();
    for file in &names {
        let per_file = if file.ends_with("db") { 120 } else { 16 };
        let (mut opened, mut refused) = (0, 0);
        for (k, offset) in offsets(&pristine[file], per_file).into_iter().enumerate() {
            match open_after_flip(&pristine, file, offset, (k % 8) as u8) {
                Outcome::Opened => opened += 1,
                Outcome::Refused => refused += 1,
            }
        }
        summary.push(format!("{}: {opened} opened whole, {refused} refused", file.display()));
    }
    println!("{}", summary.join("\n"));
}

#[test]
fn a_refused_store_is_rebuilt_from_its_sealed_copies() {
    let pristine = acknowledged_store();
    let dir = tempfile::tempdir().unwrap();
    let mut damaged = pristine.clone();
    damaged.get_mut(Path::new("conf")).unwrap()[0] ^= 1;
    write_files(dir.path(), &damaged);
    let error = Store::open_with(dir.path(), TestClock::new().options()).err().expect("refused");
    let message = error.to_string();
    assert!(message.contains("conf") && message.contains("axia-signer store rebuild"), "{message}");
    let store = Store::rebuild(dir.path(), TestClock::new().options()).unwrap();
    assert_eq!(store.repairs().len(), 2, "{:?}", store.repairs());
    for (name, pin_text) in PINS {
        let identity = store.identity_by_name(name).unwrap().unwrap();
        assert!(store.unlock(identity.id, &pin(pin_text)).is_ok());
        // The first account, made with the identity, comes back with it.
        assert_eq!(store.accounts(identity.id, None).unwrap().len(), 1, "{name}");
    }
    let kept = store.kept_damaged().expect("the damaged files are kept");
    assert_eq!(fs::read(kept.join("conf")).unwrap(), damaged[Path::new("conf")]);
}

#[test]
fn an_identity_the_log_lost_is_rebuilt_and_the_user_told() {
    let dir = tempfile::tempdir().unwrap();
    let clock = TestClock::new();
    let id = {
        let store = open(dir.path(), &clock);
        recover(&store, "A", DEV, "", "111111")
    };
    // What a damaged log does: the identity's records are gone from sled.
    {
        let db = raw_sled(dir.path());
        db.open_tree("identities").unwrap().clear().unwrap();
        db.open_tree("identity_index").unwrap().clear().unwrap();
        db.flush().unwrap();
    }
    let store = open(dir.path(), &clock);
    let said: Vec<String> = store.repairs().iter().map(|r| r.to_string()).collect();
    assert!(said.len() == 1 && said[0].contains("\"A\"") && said[0].contains("rebuilt"), "{said:?}");
    assert!(store.unlock(id, &pin("111111")).is_ok());
    assert!(store.identity_by_name("A").unwrap().is_some());
    assert!(store.check_integrity().unwrap().is_empty(), "{:?}", store.check_integrity());
}

#[test]
fn writes_the_log_lost_are_reported_and_the_files_kept() {
    let dir = tempfile::tempdir().unwrap();
    let clock = TestClock::new();
    let id = {
        let store = open(dir.path(), &clock);
        recover(&store, "A", DEV, "", "111111")
    };
    let before_account = files_under(dir.path());
    {
        let store = open(dir.path(), &clock);
        let phrase = axia_signer::keys::Phrase::parse(DEV).unwrap();
        let password = axia_signer::keys::Password::empty();
        store.add_account(id, account(&phrase, &password, POLKADOT, "//polkadot", "Later")).unwrap();
    }
    // What a log that lost its tail looks like: sled's files from before the account, while
    // the count of acknowledged writes outside sled says one more was made.
    for entry in fs::read_dir(dir.path()).unwrap() {
        let path = entry.unwrap().path();
        if path.file_name().unwrap().to_string_lossy().starts_with("snap.") {
            fs::remove_file(path).unwrap();
        }
    }
    for (path, bytes) in &before_account {
        let name = path.to_string_lossy();
        if name == "db" || name == "conf" || name.starts_with("snap.") {
            fs::write(dir.path().join(path), bytes).unwrap();
        }
    }
    let store = open(dir.path(), &clock);
    let said: Vec<String> = store.repairs().iter().map(|r| r.to_string()).collect();
    assert!(said.iter().any(|s| s.contains("had lost the last")), "{said:?}");
    assert!(store.kept_damaged().is_some(), "the files as found are kept");
    assert!(store.unlock(id, &pin("111111")).is_ok());
    drop(store);
    assert!(open(dir.path(), &clock).repairs().is_empty(), "said once");
}

#[test]
fn a_rebuilt_store_never_gives_a_new_identity_an_old_ones_id() {
    let pristine = acknowledged_store();
    let dir = tempfile::tempdir().unwrap();
    let mut damaged = pristine.clone();
    damaged.get_mut(Path::new("conf")).unwrap()[0] ^= 1;
    write_files(dir.path(), &damaged);
    let store = Store::rebuild(dir.path(), TestClock::new().options()).unwrap();
    // sled's id counter starts over in the new log: it must step past the rebuilt ids.
    for i in 0..4 {
        let phrase = axia_signer::keys::Phrase::generate(axia_signer::keys::PhraseLength::Words12);
        recover(&store, &format!("New {i}"), &phrase.expose(), "", "555555");
    }
    for (name, pin_text) in PINS {
        let identity = store.identity_by_name(name).unwrap().unwrap();
        assert!(store.unlock(identity.id, &pin(pin_text)).is_ok(), "{name} keeps its own sealed copy");
    }
    assert_eq!(store.identities().unwrap().len(), 6);
    assert!(store.check_integrity().unwrap().is_empty(), "{:?}", store.check_integrity());
}

#[test]
fn rebuild_refuses_a_store_that_opens() {
    let dir = tempfile::tempdir().unwrap();
    drop(open(dir.path(), &TestClock::new()));
    let error = Store::rebuild(dir.path(), TestClock::new().options()).err().expect("refused");
    assert!(matches!(error, OpenError::NotDamaged), "{error:?}");
}

#[test]
fn putting_back_resumes_after_a_crash_without_deleting_what_it_moved() {
    let pristine = acknowledged_store();
    let dir = tempfile::tempdir().unwrap();
    write_files(dir.path(), &pristine);
    // An open cut short while putting its backup back: `db` and `conf` are already back in
    // place, the snapshot is still in the backup.
    let backup = dir.path().join(".open-backup");
    fs::create_dir_all(backup.join("blobs")).unwrap();
    let sled_files: Vec<&PathBuf> = pristine
        .keys()
        .filter(|p| {
            let name = p.to_string_lossy();
            name == "db" || name == "conf" || name.starts_with("snap.")
        })
        .collect();
    let list: String = sled_files.iter().map(|p| format!("{}\n", p.display())).collect();
    fs::write(backup.join(".complete"), list).unwrap();
    for file in sled_files.iter().filter(|p| p.to_string_lossy().starts_with("snap.")) {
        fs::rename(dir.path().join(file), backup.join(file)).unwrap();
    }
    let store = open(dir.path(), &TestClock::new());
    for (name, pin_text) in PINS {
        let identity = store.identity_by_name(name).unwrap().unwrap();
        assert!(store.unlock(identity.id, &pin(pin_text)).is_ok());
    }
    assert!(store.repairs().is_empty(), "{:?}", store.repairs());
    assert!(!backup.exists());
}
