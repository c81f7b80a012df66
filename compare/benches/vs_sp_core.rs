//! AXIA Signer's key core against sp-core (the library behind `subkey`), same work, same
//! run, one core. Prints each rate and our speed as a multiple of sp-core's.
//!
//! Run: cargo bench -p axia-signer-compare

use std::hint::black_box;
use std::time::{Duration, Instant};

use axia_signer::keys::{ss58, DerivationPath, Keypair, Password, Phrase, Scheme, Ss58Prefix};
use sp_core::crypto::{DeriveJunction, Ss58AddressFormat, Ss58Codec};
use sp_core::{sr25519, Pair as _};

const PHRASE: &str = "bottom drive obey lake curtain smoke basket hold race lonely fit walk";
const ROUNDS: usize = 15;
const ROUND_TIME: Duration = Duration::from_millis(200);
const BATCH: usize = 64;

/// How many times `op` runs in about ROUND_TIME.
fn calibrate(op: &mut impl FnMut()) -> u64 {
    let start = Instant::now();
    let mut count = 0u64;
    while start.elapsed() < ROUND_TIME / 4 {
        op();
        count += 1;
    }
    count * 4
}

/// Operations per second of one round of `count` calls.
fn round(op: &mut impl FnMut(), count: u64) -> f64 {
    let start = Instant::now();
    for _ in 0..count {
        op();
    }
    count as f64 / start.elapsed().as_secs_f64()
}

fn median(mut rates: Vec<f64>) -> f64 {
    rates.sort_by(f64::total_cmp);
    rates[rates.len() / 2]
}

/// Rounds alternate between the two sides, so drift in clock speed or load hits both.
/// `per_call` is how many operations one call of each closure does.
fn compare(name: &str, goal: Option<f64>, per_call: usize, mut ours: impl FnMut(), mut theirs: impl FnMut()) -> bool {
    let (our_count, their_count) = (calibrate(&mut ours), calibrate(&mut theirs));
    let (mut our_rates, mut their_rates) = (Vec::new(), Vec::new());
    for i in 0..ROUNDS {
        // Alternate which side goes first, too.
        if i % 2 == 0 {
            our_rates.push(round(&mut ours, our_count));
            their_rates.push(round(&mut theirs, their_count));
        } else {
            their_rates.push(round(&mut theirs, their_count));
            our_rates.push(round(&mut ours, our_count));
        }
    }
    let scale = per_call as f64;
    let (ours, theirs) = (median(our_rates) * scale, median(their_rates) * scale);
    let ratio = ours / theirs;
    let met = goal.is_none_or(|goal| ratio >= goal);
    let verdict = match goal {
        Some(goal) => format!("goal >= {goal:.2}x: {}", if met { "met" } else { "NOT met" }),
        None => "no goal".to_owned(),
    };
    println!("{name:<36} axia-signer {ours:>8.0}/s  sp-core {theirs:>8.0}/s  ratio {ratio:.2}x  ({verdict})");
    met
}

fn main() {
    // `cargo bench` passes --bench; nothing else is accepted.
    let prefix = Ss58Prefix::SUBSTRATE;
    let our_root =
        Keypair::from_seed(Scheme::Sr25519, &Phrase::parse(PHRASE).unwrap().to_seed(&Password::empty())).unwrap();
    let (sp_root, _) = sr25519::Pair::from_phrase(PHRASE, None).unwrap();
    let hard = DerivationPath::parse("//westend").unwrap();
    let soft = DerivationPath::parse("/0").unwrap();
    let sp_hard = DeriveJunction::hard("westend");
    let sp_soft = DeriveJunction::soft(0u64);
    let format = Ss58AddressFormat::custom(42);

    // Same answers first: a fast wrong answer is worth nothing.
    let ours = ss58::encode(prefix, &our_root.derive(&hard).unwrap().public().account_id());
    let theirs = sp_root.derive(std::iter::once(sp_hard), None).unwrap().0.public().to_ss58check_with_version(format);
    assert_eq!(ours, theirs, "hard derivation disagrees with sp-core");
    assert_eq!(
        our_root.derive(&soft).unwrap().public().as_bytes(),
        &sp_root.derive(std::iter::once(sp_soft), None).unwrap().0.public().0[..]
    );

    println!("sr25519, one core, median of {ROUNDS} rounds");
    let mut all_met = true;
    all_met &= compare(
        "phrase -> root keypair",
        Some(1.0),
        1,
        || {
            let seed = Phrase::parse(black_box(PHRASE)).unwrap().to_seed(&Password::empty());
            black_box(Keypair::from_seed(Scheme::Sr25519, &seed).unwrap().public());
        },
        || {
            black_box(sr25519::Pair::from_phrase(black_box(PHRASE), None).unwrap().0.public());
        },
    );
    all_met &= compare(
        "hard derivation + SS58 (cached root)",
        Some(1.2),
        1,
        || {
            let account = our_root.derive(black_box(&hard)).unwrap().public().account_id();
            black_box(ss58::encode(prefix, &account));
        },
        || {
            let (pair, _) = sp_root.derive(std::iter::once(black_box(sp_hard)), None).unwrap();
            black_box(pair.public().to_ss58check_with_version(format));
        },
    );
    // The form the account list and address search use: many paths below one root.
    let batch: Vec<DerivationPath> = (0..BATCH).map(|i| DerivationPath::parse(&format!("//{i}")).unwrap()).collect();
    let sp_batch: Vec<DeriveJunction> = (0..BATCH as u64).map(DeriveJunction::hard).collect();
    all_met &= compare(
        &format!("  the same, {BATCH} paths at once"),
        Some(1.2),
        BATCH,
        || {
            for public in our_root.derive_public_keys(black_box(&batch)) {
                black_box(ss58::encode(prefix, &public.unwrap().account_id()));
            }
        },
        || {
            for junction in &sp_batch {
                let (pair, _) = sp_root.derive(std::iter::once(*junction), None).unwrap();
                black_box(pair.public().to_ss58check_with_version(format));
            }
        },
    );
    compare(
        "soft derivation (cached root)",
        None,
        1,
        || {
            black_box(our_root.derive(black_box(&soft)).unwrap().public());
        },
        || {
            black_box(sp_root.derive(std::iter::once(black_box(sp_soft)), None).unwrap().0.public());
        },
    );
    println!("{}", if all_met { "all goals met" } else { "a goal was NOT met" });
}
