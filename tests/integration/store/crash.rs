//! A child process keeps adding identities and accounts and prints each identity's id once
//! it is durable. It is killed with SIGKILL at random moments, 50 times in a row on one
//! database. After each kill the store opens, every acknowledged identity unseals with its
//! PIN, and nothing is half-written.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime};

use axia_signer::db::{IdentityId, IdentitySecret, OpenError, Store};
use axia_signer::keys::{Phrase, PhraseLength};

use super::*;

const CHILD_DIR_VAR: &str = "AXIA_SIGNER_CRASH_CHILD_DIR";
const KILLS: usize = 50;
const PIN: &str = "246813579";

/// The child's side: run only when the parent starts this binary with the variable set.
#[test]
#[ignore = "run by crash_test_kills_a_writer_fifty_times as its child process"]
fn crash_child() {
    let Ok(dir) = std::env::var(CHILD_DIR_VAR) else { return };
    let store = open_retrying(Path::new(&dir));
    for i in 0.. {
        let phrase = Phrase::generate(PhraseLength::Words12);
        let password = axia_signer::keys::Password::empty();
        let name = format!("crash {} {i}", std::process::id());
        let id = recover(&store, &name, &phrase.expose(), "", PIN);
        let more: Vec<_> = (0..3)
            .map(|j| account(&phrase, &password, POLKADOT, &format!("//polkadot//{j}"), &format!("Account {j}")))
            .collect();
        store.add_accounts(id, more).unwrap();
        let root = root_public(&phrase, &password);
        println!("ACK {} {}", id.0, root.to_hex());
    }
}

fn open_retrying(dir: &Path) -> Store {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        match Store::open_with(dir, TestClock::new().options()) {
            Ok(store) => return store,
            // The killed writer's lock goes with its process; wait for the kernel to notice.
            Err(OpenError::InUse { .. }) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(20)),
            Err(error) => panic!("the store does not open after a kill: {error}"),
        }
    }
}

/// A small PRNG seeded from the clock: random kill moments without a dependency.
struct Moments(u64);

impl Moments {
    fn next_ms(&mut self, low: u64, high: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        low + self.0 % (high - low)
    }
}

#[test]
fn crash_test_kills_a_writer_fifty_times() {
    let dir = tempfile::tempdir().unwrap();
    let seed = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).unwrap().as_nanos() as u64 | 1;
    let mut moments = Moments(seed);
    let mut acknowledged: BTreeMap<u64, String> = BTreeMap::new();
    let mut unsealed: BTreeSet<u64> = BTreeSet::new();
    for round in 0..KILLS {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args(["--exact", "store::crash::crash_child", "--ignored", "--nocapture", "--test-threads=1"])
            .env(CHILD_DIR_VAR, dir.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let reader = std::thread::spawn(move || {
            BufReader::new(stdout).lines().map_while(Result::ok).filter(|l| l.starts_with("ACK ")).collect::<Vec<_>>()
        });
        std::thread::sleep(Duration::from_millis(moments.next_ms(30, 500)));
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
        for line in reader.join().unwrap() {
            let mut parts = line.split(' ').skip(1);
            let id: u64 = parts.next().unwrap().parse().unwrap();
            acknowledged.insert(id, parts.next().unwrap().to_owned());
        }
        check_after_kill(dir.path(), &acknowledged, &mut unsealed, round, seed);
    }
    // Some kills land while the child is still starting (under load, many may): that is
    // part of the test. It only has to have made some progress overall.
    assert!(!acknowledged.is_empty(), "the child never acknowledged an identity");
    println!("crash test: {KILLS} kills, {} acknowledged identities all intact (seed {seed})", acknowledged.len());
}

/// Integrity and presence are checked for everything each time; unsealing (the slow part)
/// once per identity, since the child only ever adds.
fn check_after_kill(
    dir: &Path,
    acknowledged: &BTreeMap<u64, String>,
    unsealed: &mut BTreeSet<u64>,
    round: usize,
    seed: u64,
) {
    let store = open_retrying(dir);
    let context = format!("after kill {round} (seed {seed})");
    assert_eq!(store.check_integrity().unwrap(), Vec::<String>::new(), "{context}");
    let identities = store.identities().unwrap();
    for (id, root_hex) in acknowledged {
        let identity =
            identities.iter().find(|i| i.id.0 == *id).unwrap_or_else(|| panic!("identity {id} lost {context}"));
        assert_eq!(&identity.root_public.to_hex(), root_hex, "{context}");
    }
    // Every identity present, acknowledged or not, is whole: it unseals to its root key.
    for identity in identities.iter().filter(|identity| unsealed.insert(identity.id.0)) {
        let IdentitySecret::Phrase { phrase, password } = store.unlock(identity.id, &pin(PIN)).unwrap() else {
            panic!("{context}: identity {} is not a phrase", identity.id.0);
        };
        assert_eq!(root_public(&phrase, &password), identity.root_public, "{context}");
        let accounts = store.accounts(IdentityId(identity.id.0), None).unwrap();
        assert!(accounts.len() == 1 || accounts.len() == 4, "{context}: {} accounts", accounts.len());
    }
}
