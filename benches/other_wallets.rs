//! find-address's families for other wallets' accounts (issue 15): Ethereum paths
//! `m/44'/60'/a'/0/i` and a Ledger's `m/44'/354'|434'/a'/0'/i'`, a below 3, i below the depth,
//! searched for an address that is none of them (every path tried), against polkadot-js
//! deriving the same paths one by one (`tests/interop/derive.mjs`: `createFromUri` with type
//! `ethereum`, and `hdLedger`), in the same run. Both sides' last address is checked equal.
//! Run: cargo bench --bench other_wallets   (polkadot-js side: needs node; npm ci in tests/interop)

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Instant;

use axia_signer::keys::bip32::search::{self, Bip32Outcome, Bip32Target, ACCOUNTS_SEARCHED};
use axia_signer::keys::bip32::{ledger_keypair, EthereumAddress, EthereumKey};
use axia_signer::keys::search::Progress;
use axia_signer::keys::{ss58, AccountId, Bip32Path, Password, Phrase, Ss58Prefix};

const DEPTH: u32 = 100;
const ROUNDS: usize = 3;
const DEV: &str = "bottom drive obey lake curtain smoke basket hold race lonely fit walk";

/// Seconds for our search over every path (a miss), best of [`ROUNDS`].
fn ours(phrase: &Phrase, target: &Bip32Target) -> f64 {
    (0..ROUNDS)
        .map(|_| {
            let started = Instant::now();
            let outcome = search::find(phrase, &Password::empty(), target, DEPTH, &Progress::default());
            assert!(matches!(outcome, Bip32Outcome::Missed { .. }), "{outcome:?}");
            started.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min)
}

/// polkadot-js over the same paths: (paths, seconds, the last path's address).
fn polkadot_js(kind: &str) -> Option<(u64, f64, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/interop");
    let mut child = Command::new("node")
        .args(["derive.mjs", kind, &ACCOUNTS_SEARCHED.to_string(), &DEPTH.to_string()])
        .current_dir(&dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .ok()?;
    child.stdin.take()?.write_all(DEV.as_bytes()).ok()?;
    let output = child.wait_with_output().ok()?;
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).ok()?;
    Some((report["paths"].as_u64()?, report["seconds"].as_f64()?, report["last"].as_str()?.to_owned()))
}

fn line(label: &str, paths: u64, ours: f64, theirs: Option<(u64, f64, String)>, our_last: &str) {
    let ours_rate = paths as f64 / ours;
    match theirs {
        Some((their_paths, seconds, last)) => {
            assert_eq!(their_paths, paths, "the same paths on both sides");
            assert_eq!(last, our_last, "both sides derive the same last address");
            let theirs_rate = paths as f64 / seconds;
            println!("{label:<10} {paths:>6} {ours_rate:>14.0} {theirs_rate:>14.0} {:>8.1}x", ours_rate / theirs_rate);
        }
        None => println!("{label:<10} {paths:>6} {ours_rate:>14.0} {:>14}", "node unavailable"),
    }
}

fn main() {
    let phrase = Phrase::parse(DEV).unwrap();
    println!("every path of a family (a miss), paths per second; ours best of {ROUNDS}, all cores");
    println!("{:<10} {:>6} {:>14} {:>14} {:>9}", "family", "paths", "AXIA Signer", "polkadot-js", "ratio");

    let nobody = Bip32Target::Ethereum(EthereumAddress::from_bytes([7; 20]));
    let last = Bip32Path::parse(&format!("m/44'/60'/{}'/0/{}", ACCOUNTS_SEARCHED - 1, DEPTH - 1)).unwrap();
    let our_last = EthereumKey::from_phrase(&phrase, &last).unwrap().address().to_string();
    line(
        "ethereum",
        search::candidate_count(&nobody, DEPTH),
        ours(&phrase, &nobody),
        polkadot_js("ethereum"),
        &our_last,
    );

    let nobody = Bip32Target::Ledger(AccountId::from_bytes([7; 32]));
    let last = Bip32Path::parse(&format!("m/44'/434'/{}'/0'/{}'", ACCOUNTS_SEARCHED - 1, DEPTH - 1)).unwrap();
    let public = ledger_keypair(&phrase, &Password::empty(), &last).unwrap().public();
    let our_last = ss58::encode(Ss58Prefix::SUBSTRATE, &public.account_id());
    line("ledger", search::candidate_count(&nobody, DEPTH), ours(&phrase, &nobody), polkadot_js("ledger"), &our_last);
}
