//! Opening a polkadot-js JSON backup: our decrypt (scrypt + secretbox + PKCS8 + address
//! check) against polkadot-js's `createFromJson` + `decodePkcs8` (WASM scrypt, as in the
//! extension) on the same file, in the same run. One file at N = 2^15 (what we write by
//! default) and one at N = 2^17 (what polkadot-js writes).
//! Run: cargo bench --bench backup   (polkadot-js side: needs node; npm ci in tests/interop)

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use axia_signer::keys::backup::{export_account, ExportMeta};
use axia_signer::keys::{BackupFile, Keypair, Password, Scheme, ScryptParams, SecretUri, Ss58Prefix};

const RUNS: usize = 15;
const PASSWORD: &str = "benchmark-password";

fn median_ms(mut samples: Vec<f64>) -> (f64, f64) {
    samples.sort_by(f64::total_cmp);
    (samples[samples.len() / 2], samples[0])
}

fn ours(json: &str) -> (f64, f64) {
    let BackupFile::Account(file) = BackupFile::parse(json).unwrap() else { unreachable!("one account") };
    let password = Password::new(PASSWORD);
    let samples = (0..RUNS)
        .map(|_| {
            let started = Instant::now();
            std::hint::black_box(file.decrypt(&password).unwrap());
            started.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    median_ms(samples)
}

fn polkadot_js(file: &Path) -> Option<(f64, f64)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/interop");
    if !dir.join("node_modules/@polkadot/keyring").exists() {
        let status = Command::new("npm").args(["ci", "--no-audit", "--no-fund"]).current_dir(&dir).status().ok()?;
        status.success().then_some(())?;
    }
    let output = Command::new("node")
        .args(["decode.mjs", "--time", &file.display().to_string(), PASSWORD, &RUNS.to_string()])
        .current_dir(&dir)
        .output()
        .ok()?;
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).ok()?;
    Some((report["median_ms"].as_f64()?, report["min_ms"].as_f64()?))
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let uri = SecretUri::parse("//Alice").unwrap();
    let pair = Keypair::from_seed(Scheme::Sr25519, &uri.root_seed()).unwrap().derive(&uri.path).unwrap();
    let meta = ExportMeta { name: "Alice".into(), genesis_hash: None, when_created_ms: 0 };
    println!("decrypt one sr25519 account file, median (min) of {RUNS} runs");
    println!("{:<10} {:>18} {:>18} {:>8}", "scrypt", "AXIA Signer ms", "polkadot-js ms", "ratio");
    for (label, params) in [("N=2^15", ScryptParams::COMPATIBLE), ("N=2^17", ScryptParams::STRONG)] {
        let file = export_account(&pair, Ss58Prefix::SUBSTRATE, &meta, &Password::new(PASSWORD), params).unwrap();
        let path = dir.path().join(format!("{label}.json"));
        std::fs::write(&path, &file.json).unwrap();
        let (ours_median, ours_min) = ours(&file.json);
        match polkadot_js(&path) {
            Some((js_median, js_min)) => println!(
                "{label:<10} {:>18} {:>18} {:>7.2}x",
                format!("{ours_median:.1} ({ours_min:.1})"),
                format!("{js_median:.1} ({js_min:.1})"),
                js_median / ours_median
            ),
            None => {
                println!("{label:<10} {:>18} {:>18}", format!("{ours_median:.1} ({ours_min:.1})"), "node unavailable")
            }
        }
    }
}
