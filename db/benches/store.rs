//! Store speed. Run: cargo bench -p axia-signer-db --bench store
//!
//! - unseal with the default argon2id parameters (64 MiB, t = 3, p = 1): time and peak memory;
//! - account inserts: one per transaction (each flushed to disk), and 1,000 per transaction;
//! - a store of 100 identities and 100,000 accounts: open it, then list one identity's
//!   accounts on one network.

use std::hint::black_box;
use std::time::{Duration, Instant};

use axia_signer_db::{
    AccountOrigin, GenesisHash, IdentityId, IdentitySecret, KdfParams, NewAccount, NewIdentity, Pin, Store,
    StoreOptions,
};
use axia_signer_keys::{DerivationPath, Keypair, Password, Phrase, PhraseLength, PublicKey, Scheme};

const IDENTITIES: usize = 100;
const ACCOUNTS_PER_IDENTITY: usize = 1_000;

fn options(kdf: KdfParams) -> StoreOptions {
    StoreOptions { kdf, ..StoreOptions::default() }
}

/// Peak resident memory of this process so far (VmHWM), in KiB.
fn peak_rss_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn new_identity(store: &Store, name: &str, pin: &Pin) -> IdentityId {
    let phrase = Phrase::generate(PhraseLength::Words12);
    let root_public = Keypair::from_seed(Scheme::Sr25519, &phrase.to_seed(&Password::empty())).unwrap().public();
    let secret = IdentitySecret::Phrase { phrase, password: Password::empty() };
    store.add_identity(NewIdentity { name, secret: &secret, root_public, accounts: vec![] }, pin).unwrap().0
}

/// Accounts with real paths and synthetic keys: the store's cost does not depend on them.
fn accounts(networks: &[GenesisHash], count: usize, offset: usize) -> Vec<NewAccount> {
    (offset..offset + count)
        .map(|i| {
            let mut key = [0u8; 32];
            key[..8].copy_from_slice(&(i as u64).to_le_bytes());
            NewAccount {
                network: networks[i % networks.len()],
                path: DerivationPath::parse(&format!("//{i}")).unwrap().into(),
                has_password: false,
                public_key: PublicKey::Sr25519(key),
                name: format!("Account {i}"),
                origin: AccountOrigin::Derived,
            }
        })
        .collect()
}

fn unseal_default(pin: &Pin) {
    // Sealing uses the same 64 MiB as unsealing, so the baseline is taken before both.
    let before = peak_rss_kib();
    let store = Store::temporary(options(KdfParams::DEFAULT)).unwrap();
    let id = new_identity(&store, "bench", pin);
    let samples: Vec<Duration> = (0..5)
        .map(|_| {
            let start = Instant::now();
            black_box(store.unlock(id, pin).unwrap());
            start.elapsed()
        })
        .collect();
    let after = peak_rss_kib();
    println!(
        "unseal, default argon2id (64 MiB, t=3, p=1): {:.1} ms median of 5; peak RSS {:.1} MiB (+{:.1} MiB over the process before any sealing)",
        median(samples).as_secs_f64() * 1e3,
        after as f64 / 1024.0,
        after.saturating_sub(before) as f64 / 1024.0
    );
}

fn main() {
    let pin = Pin::new("13572468").unwrap();
    // First, while the process is small, so the peak memory is the unseal's.
    unseal_default(&pin);

    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_with(dir.path(), options(KdfParams::FAST_INSECURE)).unwrap();
    let networks: Vec<GenesisHash> = store.networks().unwrap().iter().map(|n| n.genesis_hash).collect();

    let single = new_identity(&store, "single inserts", &pin);
    let start = Instant::now();
    for account in accounts(&networks, 200, 0) {
        store.add_account(single, account).unwrap();
    }
    let per_second = 200.0 / start.elapsed().as_secs_f64();
    println!("insert, one account per transaction, flushed each: {per_second:.0} accounts/s");

    let start = Instant::now();
    let mut ids = Vec::new();
    for i in 0..IDENTITIES {
        let id = new_identity(&store, &format!("identity {i}"), &pin);
        for batch in 0..ACCOUNTS_PER_IDENTITY / 1000 {
            store.add_accounts(id, accounts(&networks, 1000, batch * 1000)).unwrap();
        }
        ids.push(id);
    }
    let total = IDENTITIES * ACCOUNTS_PER_IDENTITY;
    println!(
        "insert, 1,000 accounts per transaction: {:.0} accounts/s ({total} accounts, {IDENTITIES} identities, {:.1} s)",
        total as f64 / start.elapsed().as_secs_f64(),
        start.elapsed().as_secs_f64()
    );
    drop(store);

    let polkadot = networks[1];
    let samples: Vec<(Duration, Duration, usize)> = (0..5)
        .map(|_| {
            let start = Instant::now();
            let store = Store::open_with(dir.path(), options(KdfParams::FAST_INSECURE)).unwrap();
            let opened = start.elapsed();
            let listed = store.accounts(ids[IDENTITIES / 2], Some(polkadot)).unwrap();
            (opened, start.elapsed(), listed.len())
        })
        .collect();
    let open = median(samples.iter().map(|s| s.0).collect());
    let open_and_list = median(samples.iter().map(|s| s.1).collect());
    // After a crash there is no clean manifest: sled's files are copied aside before it opens.
    let after_crash = median(
        (0..3)
            .map(|_| {
                std::fs::remove_file(dir.path().join("clean")).unwrap();
                let start = Instant::now();
                let store = Store::open_with(dir.path(), options(KdfParams::FAST_INSECURE)).unwrap();
                let opened = start.elapsed();
                drop(store);
                opened
            })
            .collect(),
    );
    let db_megabytes = std::fs::metadata(dir.path().join("db")).unwrap().len() as f64 / 1e6;
    let store = Store::open_with(dir.path(), options(KdfParams::FAST_INSECURE)).unwrap();
    let list = median(
        (0..20)
            .map(|_| {
                let start = Instant::now();
                black_box(store.accounts(ids[IDENTITIES / 2], Some(polkadot)).unwrap());
                start.elapsed()
            })
            .collect(),
    );
    println!(
        "store of {IDENTITIES} identities and {total} accounts: open {:.1} ms; open + list one identity's {} accounts on one network {:.1} ms (goal < 50 ms); list alone {:.2} ms",
        open.as_secs_f64() * 1e3,
        samples[0].2,
        open_and_list.as_secs_f64() * 1e3,
        list.as_secs_f64() * 1e3,
    );
    println!(
        "the same store opened after a crash (its {db_megabytes:.0} MB log copied aside first): {:.1} ms",
        after_crash.as_secs_f64() * 1e3
    );
}
