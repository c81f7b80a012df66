//! App speed with 1,000 accounts in the store, each figure from a fresh process:
//! cold start to the first frame, idle memory, and the frame time while scrolling the
//! identity's 1,000-account list. Software renderer, 390x844, no display.
//! Run: cargo bench --bench ui

use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axia_signer::app::onboarding::{add_phrase_identity, FirstAccount, PhraseIdentity};
use axia_signer::db::{AccountOrigin, KdfParams, NewAccount, Pin, Store, StoreOptions};
use axia_signer::keys::{DerivationPath, Password, Phrase, PublicKey};
use axia_signer::ui::{self, AppWindow, Work};
use i_slint_backend_testing::{ElementHandle, TestingBackend, TestingBackendOptions};
use slint::ComponentHandle;

const ACCOUNTS: usize = 1_000;
const CHILD: &str = "AXIA_SIGNER_UI_BENCH_DIR";
const DEV: &str = "bottom drive obey lake curtain smoke basket hold race lonely fit walk";

fn options() -> StoreOptions {
    StoreOptions { kdf: KdfParams::FAST_INSECURE, ..StoreOptions::default() }
}

fn rss_kib(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix(field))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// A store with one identity and 1,000 accounts (synthetic keys: the UI cost does not depend on them).
fn build_store(dir: &std::path::Path) {
    let store = Store::open_with(dir, options()).unwrap();
    let westend = store.network_by_name("westend").unwrap().unwrap().genesis_hash;
    let phrase = Phrase::parse(DEV).unwrap();
    let new = PhraseIdentity {
        name: "Bench",
        phrase: &phrase,
        password: &Password::empty(),
        network: westend,
        first_account: FirstAccount::NetworkPath,
    };
    let (id, _) = add_phrase_identity(&store, new, &Pin::new("123456").unwrap()).unwrap();
    let accounts = (1..ACCOUNTS)
        .map(|i| {
            let mut key = [0u8; 32];
            key[..8].copy_from_slice(&(i as u64).to_le_bytes());
            NewAccount {
                network: westend,
                path: DerivationPath::parse(&format!("//westend//{i}")).unwrap().into(),
                has_password: false,
                public_key: PublicKey::Sr25519(key),
                name: format!("Account {i}"),
                origin: AccountOrigin::Derived,
            }
        })
        .collect();
    store.add_accounts(id, accounts).unwrap();
}

/// One measurement, in a fresh process: prints `start_ms idle_rss_kib frame_ms…`.
fn child(dir: &str) {
    let start = Instant::now();
    slint::platform::set_platform(Box::new(TestingBackend::new(TestingBackendOptions {
        mock_time: false,
        threading: false,
        renderer_name: Some("software".into()),
    })))
    .unwrap();
    let store = Store::open_with(std::path::Path::new(dir), options()).unwrap();
    let window: AppWindow = ui::build(Arc::new(store), Work::Background).unwrap();
    window.window().set_size(slint::PhysicalSize::new(390, 844));
    window.show().unwrap();
    window.window().take_snapshot().unwrap();
    let first_frame = start.elapsed();
    ElementHandle::find_by_accessible_label(&window, "Bench").next().unwrap().invoke_accessible_default_action();
    window.window().take_snapshot().unwrap();
    let idle_rss = rss_kib("VmRSS:");
    let home = window.global::<ui::IdentityHome>();
    let frames: Vec<Duration> = (0..240)
        .map(|_| {
            let frame = Instant::now();
            home.set_scroll_y(home.get_scroll_y() - 40.0);
            window.window().take_snapshot().unwrap();
            frame.elapsed()
        })
        .collect();
    let frames: Vec<String> = frames.iter().map(|d| format!("{:.3}", d.as_secs_f64() * 1e3)).collect();
    println!("{:.3} {idle_rss} {}", first_frame.as_secs_f64() * 1e3, frames.join(" "));
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn main() {
    if let Ok(dir) = std::env::var(CHILD) {
        return child(&dir);
    }
    let dir = tempfile::tempdir().unwrap();
    build_store(dir.path());
    let (mut starts, mut rss, mut frames) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..5 {
        let output = Command::new(std::env::current_exe().unwrap()).env(CHILD, dir.path()).output().unwrap();
        let line = String::from_utf8(output.stdout).unwrap();
        let mut fields = line.split_whitespace();
        starts.push(fields.next().expect("a measurement").parse::<f64>().unwrap());
        rss.push(fields.next().unwrap().parse::<f64>().unwrap() / 1024.0);
        frames.extend(fields.map(|f| f.parse::<f64>().unwrap()));
    }
    for values in [&mut starts, &mut rss, &mut frames] {
        values.sort_by(f64::total_cmp);
    }
    println!("{ACCOUNTS} accounts, software renderer, 390x844, 5 fresh processes:");
    println!(
        "  cold start to first frame: median {:.1} ms (max {:.1}; goal < 300 ms)",
        percentile(&starts, 0.5),
        starts[4]
    );
    println!(
        "  idle memory (RSS) with the identity's list shown: median {:.1} MB (goal < 60 MB)",
        percentile(&rss, 0.5)
    );
    println!(
        "  scrolling the 1,000-account list, per frame: median {:.2} ms, p95 {:.2} ms, max {:.2} ms over {} frames (goal < 16 ms)",
        percentile(&frames, 0.5),
        percentile(&frames, 0.95),
        frames[frames.len() - 1],
        frames.len()
    );
}
