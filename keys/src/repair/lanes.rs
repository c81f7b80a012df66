//! PBKDF2-HMAC-SHA512 for several candidates at once ("multi-buffer"): SHA-512's 64-bit
//! words of [`LANES`] candidates side by side, so one AVX-512 (or two AVX2) instruction
//! works on all of them. Every candidate that passes the checksum costs 4,096 SHA-512
//! compressions, nearly all a repair spends. The candidates are the user's own guesses at
//! their own phrase, searched on their own machine: no secret-dependent timing matters
//! here, and the result is checked equal to the `pbkdf2` crate on thousands of inputs.

use zeroize::Zeroize;

use crate::secret::{Password, Seed};

/// Candidates per batch.
pub(crate) const LANES: usize = 8;

/// One 64-bit word of every lane.
#[derive(Clone, Copy)]
struct W([u64; LANES]);

impl W {
    #[inline(always)]
    fn splat(x: u64) -> W {
        W([x; LANES])
    }
    // An indexed loop: the form LLVM turns into one vector instruction per operation.
    #[inline(always)]
    #[allow(clippy::needless_range_loop)]
    fn map2(self, o: W, f: impl Fn(u64, u64) -> u64) -> W {
        let mut r = [0; LANES];
        for l in 0..LANES {
            r[l] = f(self.0[l], o.0[l]);
        }
        W(r)
    }
    #[inline(always)]
    fn add(self, o: W) -> W {
        self.map2(o, u64::wrapping_add)
    }
    #[inline(always)]
    fn xor(self, o: W) -> W {
        self.map2(o, |a, b| a ^ b)
    }
    #[inline(always)]
    fn and(self, o: W) -> W {
        self.map2(o, |a, b| a & b)
    }
    #[inline(always)]
    fn andnot(self, o: W) -> W {
        self.map2(o, |a, b| !a & b)
    }
    #[inline(always)]
    fn rotr(self, n: u32) -> W {
        self.map2(self, |a, _| a.rotate_right(n))
    }
    #[inline(always)]
    fn shr(self, n: u32) -> W {
        self.map2(self, |a, _| a >> n)
    }
}

const IV: [u64; 8] = [
    0x6a09e667f3bcc908,
    0xbb67ae8584caa73b,
    0x3c6ef372fe94f82b,
    0xa54ff53a5f1d36f1,
    0x510e527fade682d1,
    0x9b05688c2b3e6c1f,
    0x1f83d9abfb41bd6b,
    0x5be0cd19137e2179,
];

const K: [u64; 80] = [
    0x428a2f98d728ae22,
    0x7137449123ef65cd,
    0xb5c0fbcfec4d3b2f,
    0xe9b5dba58189dbbc,
    0x3956c25bf348b538,
    0x59f111f1b605d019,
    0x923f82a4af194f9b,
    0xab1c5ed5da6d8118,
    0xd807aa98a3030242,
    0x12835b0145706fbe,
    0x243185be4ee4b28c,
    0x550c7dc3d5ffb4e2,
    0x72be5d74f27b896f,
    0x80deb1fe3b1696b1,
    0x9bdc06a725c71235,
    0xc19bf174cf692694,
    0xe49b69c19ef14ad2,
    0xefbe4786384f25e3,
    0x0fc19dc68b8cd5b5,
    0x240ca1cc77ac9c65,
    0x2de92c6f592b0275,
    0x4a7484aa6ea6e483,
    0x5cb0a9dcbd41fbd4,
    0x76f988da831153b5,
    0x983e5152ee66dfab,
    0xa831c66d2db43210,
    0xb00327c898fb213f,
    0xbf597fc7beef0ee4,
    0xc6e00bf33da88fc2,
    0xd5a79147930aa725,
    0x06ca6351e003826f,
    0x142929670a0e6e70,
    0x27b70a8546d22ffc,
    0x2e1b21385c26c926,
    0x4d2c6dfc5ac42aed,
    0x53380d139d95b3df,
    0x650a73548baf63de,
    0x766a0abb3c77b2a8,
    0x81c2c92e47edaee6,
    0x92722c851482353b,
    0xa2bfe8a14cf10364,
    0xa81a664bbc423001,
    0xc24b8b70d0f89791,
    0xc76c51a30654be30,
    0xd192e819d6ef5218,
    0xd69906245565a910,
    0xf40e35855771202a,
    0x106aa07032bbd1b8,
    0x19a4c116b8d2d0c8,
    0x1e376c085141ab53,
    0x2748774cdf8eeb99,
    0x34b0bcb5e19b48a8,
    0x391c0cb3c5c95a63,
    0x4ed8aa4ae3418acb,
    0x5b9cca4f7763e373,
    0x682e6ff3d6b2b8a3,
    0x748f82ee5defb2fc,
    0x78a5636f43172f60,
    0x84c87814a1f0ab72,
    0x8cc702081a6439ec,
    0x90befffa23631e28,
    0xa4506cebde82bde9,
    0xbef9a3f7b2c67915,
    0xc67178f2e372532b,
    0xca273eceea26619c,
    0xd186b8c721c0c207,
    0xeada7dd6cde0eb1e,
    0xf57d4f7fee6ed178,
    0x06f067aa72176fba,
    0x0a637dc5a2c898a6,
    0x113f9804bef90dae,
    0x1b710b35131c471b,
    0x28db77f523047d84,
    0x32caab7b40c72493,
    0x3c9ebe0a15c9bebc,
    0x431d67c49c100d4c,
    0x4cc5d4becb3e42b6,
    0x597f299cfc657e2a,
    0x5fcb6fab3ad6faec,
    0x6c44198c4a475817,
];

/// One SHA-512 compression of `block` into `state`, every lane at once. `w` is the message
/// schedule's room (a ring of 16 words), the caller's so that it is wiped once at the end.
#[inline(always)]
fn compress(state: &mut [W; 8], block: &[W; 16], w: &mut [W; 16]) {
    *w = *block;
    let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut h] = *state;
    for t in 0..80 {
        let wt = if t < 16 {
            w[t]
        } else {
            let (w15, w2) = (w[(t - 15) & 15], w[(t - 2) & 15]);
            let s0 = w15.rotr(1).xor(w15.rotr(8)).xor(w15.shr(7));
            let s1 = w2.rotr(19).xor(w2.rotr(61)).xor(w2.shr(6));
            let next = w[t & 15].add(s0).add(w[(t - 7) & 15]).add(s1);
            w[t & 15] = next;
            next
        };
        let s1 = e.rotr(14).xor(e.rotr(18)).xor(e.rotr(41));
        let ch = e.and(f).xor(e.andnot(g));
        let t1 = h.add(s1).add(ch).add(W::splat(K[t])).add(wt);
        let s0 = a.rotr(28).xor(a.rotr(34)).xor(a.rotr(39));
        let maj = a.and(b).xor(a.and(c)).xor(b.and(c));
        let t2 = s0.add(maj);
        (h, g, f, e, d, c, b, a) = (g, f, e, d.add(t1), c, b, a, t1.add(t2));
    }
    for (word, new) in state.iter_mut().zip([a, b, c, d, e, f, g, h]) {
        *word = word.add(new);
    }
}

/// The 128-byte SHA-512 block of `bytes` (at most 128), big-endian words, per lane.
fn block_of(lanes: &[&[u8]; LANES], xor: u8) -> [W; 16] {
    let mut block = [W::splat(0); 16];
    for (l, bytes) in lanes.iter().enumerate() {
        let mut padded = [xor; 128];
        for (p, b) in padded.iter_mut().zip(bytes.iter()) {
            *p = b ^ xor;
        }
        for (i, word) in block.iter_mut().enumerate() {
            word.0[l] = u64::from_be_bytes(padded[i * 8..i * 8 + 8].try_into().expect("8 bytes"));
        }
        padded.zeroize();
    }
    block
}

/// Writes into `block` a 64-byte hash in the first 8 words, then SHA-512 padding for a
/// message of 128 + 64 bytes (the HMAC key block before it).
#[inline(always)]
fn hash_block(block: &mut [W; 16], hash: &[W; 8]) {
    block[..8].copy_from_slice(hash);
    block[8] = W::splat(0x8000_0000_0000_0000);
    block[9..15].fill(W::splat(0));
    block[15] = W::splat((128 + 64) * 8);
}

/// The salt ("mnemonic" + password) and PBKDF2's block number 1, padded as the message
/// after the HMAC key block: the same for every lane.
fn salt_blocks(password: &Password) -> Vec<[W; 16]> {
    let mut message = Vec::with_capacity(8 + password.expose().len() + 4 + 17 + 128);
    message.extend_from_slice(b"mnemonic");
    message.extend_from_slice(password.expose().as_bytes());
    message.extend_from_slice(&1u32.to_be_bytes());
    let bits = ((128 + message.len()) as u128) * 8;
    message.push(0x80);
    while message.len() % 128 != 112 {
        message.push(0);
    }
    message.extend_from_slice(&bits.to_be_bytes());
    let blocks = message
        .chunks(128)
        .map(|chunk| {
            let mut block = [W::splat(0); 16];
            for (i, word) in block.iter_mut().enumerate() {
                *word = W::splat(u64::from_be_bytes(chunk[i * 8..i * 8 + 8].try_into().expect("8 bytes")));
            }
            block
        })
        .collect();
    message.zeroize();
    blocks
}

/// Substrate's mini secret of each entropy (see [`crate::phrase`]): PBKDF2-HMAC-SHA512 of
/// the entropy, salted "mnemonic" + password, 2,048 rounds, the first 32 bytes. Up to
/// [`LANES`] entropies (each at most 128 bytes) in one pass.
pub(crate) fn mini_secrets(entropies: &[&[u8]], password: &Password) -> Vec<Seed> {
    assert!(entropies.len() <= LANES && entropies.iter().all(|e| e.len() <= 128));
    let mut lanes: [&[u8]; LANES] = [&[]; LANES];
    lanes[..entropies.len()].copy_from_slice(entropies);
    let mut salt = salt_blocks(password);
    let mut out = dispatch(&lanes, &salt);
    // The salt holds the BIP39 password.
    salt.iter_mut().flatten().for_each(|word| word.0.zeroize());
    let seeds = (0..entropies.len())
        .map(|l| {
            let mut bytes = [0u8; 32];
            for (i, word) in out[..4].iter().enumerate() {
                bytes[i * 8..i * 8 + 8].copy_from_slice(&word.0[l].to_be_bytes());
            }
            Seed::from_bytes(bytes)
        })
        .collect();
    out.iter_mut().for_each(|word| word.0.zeroize());
    seeds
}

fn dispatch(lanes: &[&[u8]; LANES], salt: &[[W; 16]]) -> [W; 8] {
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("avx512f") {
            // SAFETY: the CPU has AVX-512F, checked just above.
            return unsafe { pbkdf2_avx512(lanes, salt) };
        }
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU has AVX2, checked just above.
            return unsafe { pbkdf2_avx2(lanes, salt) };
        }
    }
    pbkdf2(lanes, salt)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f")]
unsafe fn pbkdf2_avx512(lanes: &[&[u8]; LANES], salt: &[[W; 16]]) -> [W; 8] {
    pbkdf2(lanes, salt)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn pbkdf2_avx2(lanes: &[&[u8]; LANES], salt: &[[W; 16]]) -> [W; 8] {
    pbkdf2(lanes, salt)
}

/// The first PBKDF2 block (64 bytes) of every lane; inlined into each target's copy.
#[inline(always)]
fn pbkdf2(lanes: &[&[u8]; LANES], salt: &[[W; 16]]) -> [W; 8] {
    let w = &mut [W::splat(0); 16];
    let block = &mut block_of(lanes, 0x36);
    let iv = IV.map(W::splat);
    let (mut inner, mut outer) = (iv, iv);
    compress(&mut inner, block, w);
    *block = block_of(lanes, 0x5c);
    compress(&mut outer, block, w);
    // U1 = HMAC(entropy, salt || 1).
    let mut u = inner;
    for salt_block in salt {
        compress(&mut u, salt_block, w);
    }
    let mut hashed = outer;
    hash_block(block, &u);
    compress(&mut hashed, block, w);
    let mut total = hashed;
    // U2..U2048, each HMAC(entropy, U previous): two compressions from the saved states.
    for _ in 1..2048 {
        u = inner;
        hash_block(block, &hashed);
        compress(&mut u, block, w);
        hashed = outer;
        hash_block(block, &u);
        compress(&mut hashed, block, w);
        for (t, h) in total.iter_mut().zip(hashed.iter()) {
            *t = t.xor(*h);
        }
    }
    // The key blocks (entropy XOR pad), every U and the schedule: nothing of them stays.
    for words in [&mut inner[..], &mut outer[..], &mut u[..], &mut hashed[..], &mut block[..], &mut w[..]] {
        words.iter_mut().for_each(|word| word.0.zeroize());
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::phrase::seed_from_entropy;

    #[test]
    fn equals_the_pbkdf2_crate_on_thousands_of_inputs() {
        // Entropy of every phrase length, passwords empty, short, and longer than a block.
        let long = "x".repeat(300);
        let passwords = ["", "25th word", long.as_str()];
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state as u8
        };
        let mut checked = 0;
        for round in 0..450 {
            let password = Password::new(passwords[round % passwords.len()]);
            let entropies: Vec<Vec<u8>> =
                (0..LANES).map(|l| (0..[16, 20, 24, 28, 32][(round + l) % 5]).map(|_| next()).collect()).collect();
            let count = 1 + round % LANES;
            let refs: Vec<&[u8]> = entropies[..count].iter().map(Vec::as_slice).collect();
            for (entropy, ours) in refs.iter().zip(mini_secrets(&refs, &password)) {
                assert_eq!(ours.as_bytes(), seed_from_entropy(entropy, &password).as_bytes(), "round {round}");
                checked += 1;
            }
        }
        assert!(checked >= 2000, "{checked}");
    }
}
