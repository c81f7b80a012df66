//! Phrase repair's speed beside its limit, in one run: the single-core rate of a bare
//! 2,048-round PBKDF2-HMAC-SHA512 (the `pbkdf2` crate, what every candidate that passes the
//! checksum costs) times the cores, against the repair's pass-1 rate over a whole class
//! (checksum-valid candidates per second, all cores, PBKDF2 plus every key type at the root
//! and each network's //<path id>); then end-to-end times of one-word repairs of 12 words.
//! Run: cargo bench --bench repair

use std::time::Instant;

use axia_signer::app::repair_phrase::{options, target, DEFAULT_REPAIR_DEPTH};
use axia_signer::keys::repair::{multi_buffer_pbkdf2_per_second, repair, RepairOptions, RepairOutcome, Written};
use axia_signer::keys::search::Progress;
use axia_signer::keys::{Password, Phrase};

const DEV: &str = "bottom drive obey lake curtain smoke basket hold race lonely fit walk";
/// An address no candidate gives: every class runs to its end.
const NOBODY: &str = "5C4hrfjw9DjXZTzV3MwzrrAr9P1MJhSrvWGWqi1eSuyUpnhM";
const ROUNDS: usize = 5;

fn median(mut samples: Vec<f64>) -> (f64, f64, f64) {
    samples.sort_by(f64::total_cmp);
    (samples[0], samples[samples.len() / 2], samples[samples.len() - 1])
}

/// PBKDF2s per second on this thread (each a phrase's mini secret).
fn bare_pbkdf2_single_core() -> f64 {
    let phrase = Phrase::parse(DEV).unwrap();
    let runs = 400;
    let started = Instant::now();
    for _ in 0..runs {
        std::hint::black_box(phrase.to_seed(&Password::empty()));
    }
    runs as f64 / started.elapsed().as_secs_f64()
}

/// Checksum-valid candidates per second over a whole class that misses ("a wrong word":
/// 24,564 candidates of which about 1,535 pass the checksum), pass 1 only.
fn pass_one_rate(options: &RepairOptions) -> f64 {
    let written = Written::parse(DEV).unwrap();
    let started = Instant::now();
    let outcome = repair(&written, &target(NOBODY).unwrap(), &Password::empty(), options, &Progress::default());
    let elapsed = started.elapsed().as_secs_f64();
    let Ok(RepairOutcome::Missed { seeds, .. }) = outcome else { panic!("a miss") };
    seeds as f64 / elapsed
}

fn end_to_end(given: &str, address: &str, options: &RepairOptions) -> f64 {
    let written = Written::parse(given).unwrap();
    let started = Instant::now();
    let outcome = repair(&written, &target(address).unwrap(), &Password::empty(), options, &Progress::default());
    assert!(matches!(outcome, Ok(RepairOutcome::Found(_))), "{given}");
    started.elapsed().as_secs_f64()
}

fn main() {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let catalogue = options(None, 0, false).unwrap();
    let root_only = RepairOptions { path_ids: Vec::new(), depth: 0, deep: false };
    let (mut limit, mut pass1, mut root, mut lanes) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for _ in 0..ROUNDS {
        let single = bare_pbkdf2_single_core();
        lanes.push(multi_buffer_pbkdf2_per_second(50) / single);
        limit.push(single * cores as f64);
        pass1.push(pass_one_rate(&catalogue));
        root.push(pass_one_rate(&root_only));
    }
    let (limit, pass1, root, lanes) = (median(limit), median(pass1), median(root), median(lanes));
    println!("cores: {cores}; {ROUNDS} rounds, min / median / max");
    println!(
        "multi-buffer PBKDF2 beside the pbkdf2 crate, one core: {:.2}x / {:.2}x / {:.2}x",
        lanes.0, lanes.1, lanes.2
    );
    println!("limit (bare PBKDF2, one core × {cores}): {:.0} / {:.0} / {:.0} per second", limit.0, limit.1, limit.2);
    println!(
        "pass 1, catalogue paths, 3 key types: {:.0} / {:.0} / {:.0} per second = {:.2}x the limit (median)",
        pass1.0,
        pass1.1,
        pass1.2,
        pass1.1 / limit.1
    );
    println!(
        "pass 1, root only, 3 key types: {:.0} / {:.0} / {:.0} per second = {:.2}x the limit (median)",
        root.0,
        root.1,
        root.2,
        root.1 / limit.1
    );
    let usual = options(None, DEFAULT_REPAIR_DEPTH, false).unwrap();
    // polkadot-js's phrase_repair.json: a misspelling, a wrong word, a missing word.
    let cases = [
        (
            "misspelled",
            "cheese boost tought cinnamon logic visa apart sure goddess retire never abandon",
            "13e2we6GV7aXz8GXd6qWpnNTYfdxTnVXmwhXY5qvGPmHs6Uw",
        ),
        (
            "wrong word",
            "patch burger crack neck dish win nominee narrow primary idea child patient",
            "136XwJFugWSoW7uE2MAEmB7nh9GJ4k8XkZGsaSHdAbifJkRE",
        ),
        (
            "missing word",
            "state country rhythm violin misery cook faculty duty volume bind festival",
            "1sR8MpRci6FEJCSogTej7WVJiRmkaajqfjAuze9U1ZYBpiS",
        ),
        (
            "wrong word, ed25519 //0",
            "upper quick author keen ramp crack cousin spy estate artist base tribe",
            "154hcdFk4jb461KwsCJZ11omHSw9SJvgQTwNF3asRLc42XG6",
        ),
    ];
    for (what, given, address) in cases {
        let times = median((0..3).map(|_| end_to_end(given, address, &usual)).collect());
        println!("end to end, {what}: {:.2} / {:.2} / {:.2} s", times.0, times.1, times.2);
    }
}
