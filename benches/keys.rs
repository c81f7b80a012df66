//! Key-core speed: phrase → root keypair, one hard derivation + SS58 address from a cached
//! root, one soft derivation. Run: cargo bench --bench keys
//! (The same work beside sp-core: cargo bench -p axia-signer-compare.)

use std::hint::black_box;

use axia_signer::keys::{ss58, DerivationPath, Keypair, Password, Phrase, Scheme, Ss58Prefix};
use criterion::{criterion_group, criterion_main, Criterion};

const PHRASE: &str = "bottom drive obey lake curtain smoke basket hold race lonely fit walk";

fn root(scheme: Scheme) -> Keypair {
    Keypair::from_seed(scheme, &Phrase::parse(PHRASE).unwrap().to_seed(&Password::empty())).unwrap()
}

fn key_core(c: &mut Criterion) {
    c.bench_function("phrase -> root keypair (sr25519)", |b| {
        b.iter(|| {
            let seed = Phrase::parse(black_box(PHRASE)).unwrap().to_seed(&Password::empty());
            Keypair::from_seed(Scheme::Sr25519, &seed).unwrap().public()
        })
    });
    let hard = DerivationPath::parse("//westend").unwrap();
    for scheme in Scheme::ALL {
        let root = root(scheme);
        c.bench_function(&format!("hard derivation + SS58 ({scheme})"), |b| {
            b.iter(|| {
                ss58::encode(Ss58Prefix::SUBSTRATE, &root.derive(black_box(&hard)).unwrap().public().account_id())
            })
        });
    }
    let paths: Vec<DerivationPath> = (0..64).map(|i| DerivationPath::parse(&format!("//{i}")).unwrap()).collect();
    let sr = root(Scheme::Sr25519);
    c.bench_function("64 hard derivations + SS58, batched (sr25519)", |b| {
        b.iter(|| {
            for public in sr.derive_public_keys(black_box(&paths)) {
                black_box(ss58::encode(Ss58Prefix::SUBSTRATE, &public.unwrap().account_id()));
            }
        })
    });
    let soft = DerivationPath::parse("/0").unwrap();
    c.bench_function("soft derivation (sr25519)", |b| b.iter(|| sr.derive(black_box(&soft)).unwrap().public()));
}

criterion_group!(benches, key_core);
criterion_main!(benches);
