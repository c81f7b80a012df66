//! The identity store on a real sled database in temporary directories.

mod backups;
mod crash;
mod damage;
mod lockout;
mod migration;
mod names;
mod no_plaintext;
mod old_seals;
mod permissions;
mod round_trips;

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use axia_signer::app::onboarding::{add_phrase_identity, FirstAccount, PhraseIdentity};
use axia_signer::db::{AccountOrigin, GenesisHash, IdentityId, KdfParams, NewAccount, Pin, Store, StoreOptions};
use axia_signer::keys::{DerivationPath, Keypair, Password, Phrase, PublicKey, Scheme};

pub const DEV: &str = "bottom drive obey lake curtain smoke basket hold race lonely fit walk";
pub const WESTEND: &str = "0xe143f23803ac50e8f6f8e62695d1ce9e4e1d68aa36c1cd2cfd15340213f3423e";
pub const POLKADOT: &str = "0x91b171bb158e2d3848fa23a9f1c25182fb8e20313b2c1eb49219da7a70ce90c3";

/// Clocks the test moves by hand: the wall clock (dates) from a fixed time, and the
/// monotonic ticker (lockout waits) from zero.
#[derive(Clone)]
pub struct TestClock {
    wall: Arc<AtomicU64>,
    ticks: Arc<AtomicU64>,
}

impl TestClock {
    pub fn new() -> Self {
        TestClock { wall: Arc::new(AtomicU64::new(1_700_000_000_000)), ticks: Arc::new(AtomicU64::new(0)) }
    }

    /// Time passes: both clocks move.
    pub fn advance_secs(&self, secs: u64) {
        self.wall.fetch_add(secs * 1000, Ordering::SeqCst);
        self.ticks.fetch_add(secs * 1000, Ordering::SeqCst);
    }

    /// Someone sets the wall clock: only it moves.
    pub fn set_wall_clock_ms(&self, ms: u64) {
        self.wall.store(ms, Ordering::SeqCst);
    }

    pub fn options(&self) -> StoreOptions {
        let (wall, ticks) = (self.wall.clone(), self.ticks.clone());
        StoreOptions {
            kdf: KdfParams::FAST_INSECURE,
            clock: Arc::new(move || wall.load(Ordering::SeqCst)),
            ticker: Arc::new(move || ticks.load(Ordering::SeqCst)),
        }
    }
}

/// Every file under `dir`, by path relative to it, with its bytes: what a byte scan or a
/// byte-for-byte comparison of a store reads.
pub fn files_under(dir: &Path) -> std::collections::BTreeMap<std::path::PathBuf, Vec<u8>> {
    let mut all = std::collections::BTreeMap::new();
    let mut pending = vec![dir.to_owned()];
    while let Some(next) = pending.pop() {
        for entry in std::fs::read_dir(&next).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                all.insert(path.strip_prefix(dir).unwrap().to_owned(), std::fs::read(&path).unwrap());
            }
        }
    }
    all
}

/// A store in `dir` with cheap argon2 parameters (same code path) and a test clock.
pub fn open(dir: &Path, clock: &TestClock) -> Store {
    Store::open_with(dir, clock.options()).expect("store opens")
}

/// The sled database under a store, opened directly to damage it on purpose. A store
/// dropped a moment ago may still be releasing sled's lock from its flusher thread.
pub fn raw_sled(dir: &Path) -> sled::Db {
    for _ in 0..100 {
        match sled::open(dir) {
            Ok(db) => return db,
            Err(sled::Error::Io(io)) if io.to_string().contains("could not acquire lock") => {
                std::thread::sleep(std::time::Duration::from_millis(20))
            }
            Err(error) => panic!("sled opens: {error}"),
        }
    }
    panic!("sled's lock was not released within 2 s")
}

pub fn pin(text: &str) -> Pin {
    Pin::new(text).unwrap()
}

pub fn genesis(hex: &str) -> GenesisHash {
    GenesisHash::from_hex(hex).unwrap()
}

/// The sr25519 root public key of a phrase under a BIP39 password.
pub fn root_public(phrase: &Phrase, password: &Password) -> PublicKey {
    Keypair::from_seed(Scheme::Sr25519, &phrase.to_seed(password)).unwrap().public()
}

/// An sr25519 account at `path` below the phrase, ready to store.
pub fn account(phrase: &Phrase, password: &Password, network: &str, path: &str, name: &str) -> NewAccount {
    let path = DerivationPath::parse(path).unwrap();
    let root = Keypair::from_seed(Scheme::Sr25519, &phrase.to_seed(password)).unwrap();
    NewAccount {
        network: genesis(network),
        public_key: root.derive(&path).unwrap().public(),
        path: path.into(),
        has_password: false,
        name: name.to_owned(),
        origin: AccountOrigin::Derived,
    }
}

/// Recovers `phrase` as an identity with its Westend root account at `//westend`, the way
/// the app does.
pub fn recover(store: &Store, name: &str, phrase: &str, password: &str, pin_text: &str) -> IdentityId {
    let phrase = Phrase::parse(phrase).unwrap();
    let new = PhraseIdentity {
        name,
        phrase: &phrase,
        password: &Password::new(password),
        network: genesis(WESTEND),
        first_account: FirstAccount::NetworkPath,
    };
    add_phrase_identity(store, new, &pin(pin_text)).expect("identity is added").0
}
