//! The password search's speed beside its limit, in one run: the single-core rate of the
//! bare `scrypt` call at a backup file's parameters, times the workers the memory allows,
//! against the search's tries per second on all of them (candidates generated lazily, the
//! file's scrypt and secretbox per try, threads handing out candidates). For N = 2^15 (what
//! we write, and the vectors) and N = 2^17 (what polkadot-js writes today).
//! Run: cargo bench --bench password_search

use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use axia_signer::app::backup::password_search::PasswordSearch;
use axia_signer::keys::backup::recover::{search, Outcome, Run, CHECKPOINT_EVERY, DEFAULT_MAX_PIECES};
use axia_signer::keys::search::Progress;
use axia_signer::keys::{BackupFile, Password, ScryptParams};

const ROUNDS: usize = 3;
/// How long each search round runs before it is cancelled.
const SEARCH_FOR: Duration = Duration::from_secs(8);

fn median(mut samples: Vec<f64>) -> (f64, f64, f64) {
    samples.sort_by(f64::total_cmp);
    (samples[0], samples[samples.len() / 2], samples[samples.len() - 1])
}

/// polkadot-js files from the vectors: `pw-2` (N = 2^15) and `bk-alice` (N = 2^17).
fn vector(file: &str, id: &str) -> BackupFile {
    let path = format!("{}/tests/data/polkadot-js/{file}", env!("CARGO_MANIFEST_DIR"));
    let vectors: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let case = vectors["cases"].as_array().unwrap().iter().find(|case| case["id"] == id).unwrap();
    BackupFile::parse(&case["json"].to_string()).unwrap()
}

/// Bare scrypt calls per second on this thread.
fn bare_scrypt_single_core(params: ScryptParams, runs: usize) -> f64 {
    let scrypt = scrypt::Params::new(params.n.trailing_zeros() as u8, params.r, params.p, 64).unwrap();
    let mut output = [0u8; 64];
    let started = Instant::now();
    for i in 0..runs {
        scrypt::scrypt(format!("password {i}").as_bytes(), &[7u8; 32], &scrypt, &mut output).unwrap();
        std::hint::black_box(&output);
    }
    runs as f64 / started.elapsed().as_secs_f64()
}

/// Tries per second of a search that misses, cancelled after [`SEARCH_FOR`].
fn search_rate(wanted: &PasswordSearch, workers: usize) -> f64 {
    let progress = Progress::default();
    let started = Instant::now();
    let outcome = std::thread::scope(|scope| {
        let running = scope.spawn(|| {
            let run = Run { start: 0, workers, progress: &progress, checkpoint_every: CHECKPOINT_EVERY };
            search(&wanted.file, &wanted.remembered, run, &mut |_| {})
        });
        std::thread::sleep(SEARCH_FOR);
        progress.cancel.store(true, Ordering::Relaxed);
        running.join().unwrap()
    });
    assert!(matches!(outcome, Outcome::Cancelled { .. }), "{outcome:?}");
    progress.tried.load(Ordering::Relaxed) as f64 / started.elapsed().as_secs_f64()
}

fn main() {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    for (what, file, id, runs) in
        [("N = 2^15", "password_recovery.json", "pw-2", 40), ("N = 2^17", "json_backups.json", "bk-alice", 10)]
    {
        let wanted =
            PasswordSearch::new(vector(file, id), &Password::new("nothing like it"), "", DEFAULT_MAX_PIECES, false)
                .unwrap();
        let params = wanted.file.scrypt_params().unwrap();
        let workers = wanted.estimate().workers;
        let (mut limit, mut rate) = (Vec::new(), Vec::new());
        for _ in 0..ROUNDS {
            limit.push(bare_scrypt_single_core(params, runs) * workers as f64);
            rate.push(search_rate(&wanted, workers));
        }
        let (limit, rate) = (median(limit), median(rate));
        println!("{what}: {cores} cores, {workers} workers the memory allows; {ROUNDS} rounds, min / median / max");
        println!(
            "  limit (bare scrypt, one core × {workers}): {:.2} / {:.2} / {:.2} tries per second",
            limit.0, limit.1, limit.2
        );
        println!(
            "  search: {:.2} / {:.2} / {:.2} tries per second = {:.2}x the limit (median)",
            rate.0,
            rate.1,
            rate.2,
            rate.1 / limit.1
        );
    }
}
