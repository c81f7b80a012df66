//! AXIA Signer's key core against sp-core (the library behind `subkey`), same work, same
//! run, one core. Prints each rate and our speed as a multiple of sp-core's.
//!
//! Run: cargo bench -p axia-signer-compare

use std::hint::black_box;
use std::time::{Duration, Instant};

use axia_signer::keys::search::{self, Outcome, Progress, SearchSpace};
use axia_signer::keys::{ss58, AccountId, DerivationPath, Keypair, Password, Phrase, Scheme, Ss58Prefix};
use sp_core::crypto::{DeriveJunction, Ss58AddressFormat, Ss58Codec};
use sp_core::{ecdsa, ed25519, sr25519, Pair as _};

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
    all_met &= find_address();
    println!("{}", if all_met { "all goals met" } else { "a goal was NOT met" });
}

/// Every (scheme, path) find-address tries, as sp-core junctions, in the order the search
/// documents: root, //p, //p//i, //p/i, //i, /i, //i/j (soft ones for sr25519 only).
fn sp_candidates(space: &SearchSpace) -> Vec<(Scheme, Vec<DeriveJunction>)> {
    let depth = u64::from(space.depth);
    let mut all = Vec::new();
    for scheme in Scheme::ALL {
        let soft = scheme == Scheme::Sr25519;
        let mut push = |junctions: Vec<DeriveJunction>| {
            if soft || junctions.iter().all(|j| j.is_hard()) {
                all.push((scheme, junctions));
            }
        };
        push(vec![]);
        for id in &space.path_ids {
            push(vec![DeriveJunction::hard(id.as_str())]);
            for i in 0..depth {
                push(vec![DeriveJunction::hard(id.as_str()), DeriveJunction::hard(i)]);
                push(vec![DeriveJunction::hard(id.as_str()), DeriveJunction::soft(i)]);
            }
        }
        for i in 0..depth {
            push(vec![DeriveJunction::hard(i)]);
            push(vec![DeriveJunction::soft(i)]);
            for j in 0..depth {
                push(vec![DeriveJunction::hard(i), DeriveJunction::soft(j)]);
            }
        }
    }
    all
}

/// The account id sp-core gives for one candidate (ecdsa: blake2b-256 of the compressed key).
fn sp_account(
    roots: &(sr25519::Pair, ed25519::Pair, ecdsa::Pair),
    scheme: Scheme,
    path: &[DeriveJunction],
) -> [u8; 32] {
    let path = path.iter().copied();
    match scheme {
        Scheme::Sr25519 => roots.0.derive(path, None).unwrap().0.public().0,
        Scheme::Ed25519 => roots.1.derive(path, None).unwrap().0.public().0,
        Scheme::Ecdsa => sp_crypto_hashing::blake2_256(&roots.2.derive(path, None).unwrap().0.public().0),
    }
}

/// find-address over the default space (depth 100, three networks) for an address it does
/// not hold: ours on every core, sp-core doing the same derivations on one.
fn find_address() -> bool {
    let space = SearchSpace { path_ids: vec!["polkadot".into(), "kusama".into(), "westend".into()], depth: 100 };
    let candidates = sp_candidates(&space);
    assert_eq!(candidates.len() as u64, space.candidate_count(), "the same candidates on both sides");
    let seed = Phrase::parse(PHRASE).unwrap().to_seed(&Password::empty());
    let roots = (
        sr25519::Pair::from_phrase(PHRASE, None).unwrap().0,
        ed25519::Pair::from_seed_slice(seed.as_bytes()).unwrap(),
        ecdsa::Pair::from_seed_slice(seed.as_bytes()).unwrap(),
    );
    let nowhere = AccountId::from_bytes([0xee; 32]);
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!("find-address, {} candidates per search; ours on {cores} cores, sp-core on one", candidates.len());
    // Ours on one core too, so the gain from sharing work below each parent is visible
    // apart from the gain from the second core.
    let one_core = rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap();
    compare(
        "  the same, ours on one core",
        None,
        candidates.len(),
        || {
            let outcome = one_core.install(|| search::find(&seed, &nowhere, &space, &Progress::default()));
            assert!(matches!(outcome, Outcome::Missed { .. }));
        },
        || {
            let hit = candidates.iter().any(|(scheme, path)| sp_account(&roots, *scheme, path) == *nowhere.as_bytes());
            assert!(!black_box(hit));
        },
    );
    compare(
        "find-address: candidates (full miss)",
        Some(1.8),
        candidates.len(),
        || {
            let outcome = search::find(&seed, &nowhere, &space, &Progress::default());
            assert!(matches!(outcome, Outcome::Missed { .. }));
        },
        || {
            let hit = candidates.iter().any(|(scheme, path)| sp_account(&roots, *scheme, path) == *nowhere.as_bytes());
            assert!(!black_box(hit));
        },
    )
}
