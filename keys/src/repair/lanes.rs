//! PBKDF2-HMAC-SHA512 for several candidates at once ("multi-buffer"): SHA-512's 64-bit
//! words of [`LANES`] candidates side by side, so one AVX-512 (or two AVX2) instruction
//! works on all of them. Every candidate that passes the checksum costs 4,096 SHA-512
//! compressions, nearly all a repair spends. The candidates are the user's own guesses at
//! their own phrase, searched on their own machine: no secret-dependent timing matters
//! here, and the result is checked equal to the `pbkdf2` crate on thousands of inputs.
//!
//! The SHA-512 below is written once over [`Word`]; each target's word type (this file's
//! portable [`W`], the AVX-512 and AVX2 registers in [`x86`]) supplies the operations.

use zeroize::Zeroize;

use crate::secret::{Password, Seed};

#[cfg(target_arch = "x86_64")]
mod x86;

/// Candidates per batch.
pub(crate) const LANES: usize = 8;

/// One 64-bit word of every lane, in memory: what goes in and out of every target's
/// code, and the portable target's own word.
#[derive(Clone, Copy)]
struct W([u64; LANES]);

/// The operations SHA-512 needs on one word of every lane.
trait Word: Copy {
    /// Whether [`compress_hash`] writes its 80 rounds out: it pays for register words, but
    /// on the portable word it makes LLVM take minutes and gains nothing.
    const WRITTEN_OUT: bool = true;
    fn splat(x: u64) -> Self;
    fn load(w: W) -> Self;
    fn store(self) -> W;
    fn add(self, o: Self) -> Self;
    fn xor(self, o: Self) -> Self;
    fn and(self, o: Self) -> Self;
    fn or(self, o: Self) -> Self;
    fn ror<const N: i32>(self) -> Self;
    fn shr<const N: u32>(self) -> Self;
    /// SHA-512's Ch(e, f, g): where e has a 1 the bit of f, else the bit of g.
    #[inline(always)]
    fn ch(e: Self, f: Self, g: Self) -> Self {
        g.xor(e.and(f.xor(g)))
    }
    /// SHA-512's Maj(a, b, c): the bit most of the three have.
    #[inline(always)]
    fn maj(a: Self, b: Self, c: Self) -> Self {
        a.and(b).or(c.and(a.or(b)))
    }
}

impl W {
    // An indexed loop: the form LLVM turns into vector instructions where it can.
    #[inline(always)]
    #[allow(clippy::needless_range_loop)]
    fn map2(self, o: W, f: impl Fn(u64, u64) -> u64) -> W {
        let mut r = [0; LANES];
        for l in 0..LANES {
            r[l] = f(self.0[l], o.0[l]);
        }
        W(r)
    }
}

impl Word for W {
    const WRITTEN_OUT: bool = false;
    #[inline(always)]
    fn splat(x: u64) -> W {
        W([x; LANES])
    }
    #[inline(always)]
    fn load(w: W) -> W {
        w
    }
    #[inline(always)]
    fn store(self) -> W {
        self
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
    fn or(self, o: W) -> W {
        self.map2(o, |a, b| a | b)
    }
    #[inline(always)]
    fn ror<const N: i32>(self) -> W {
        self.map2(self, |a, _| a.rotate_right(N as u32))
    }
    #[inline(always)]
    fn shr<const N: u32>(self) -> W {
        self.map2(self, |a, _| a >> N)
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

#[inline(always)]
fn big_sigma0<V: Word>(a: V) -> V {
    a.ror::<28>().xor(a.ror::<34>()).xor(a.ror::<39>())
}

#[inline(always)]
fn big_sigma1<V: Word>(e: V) -> V {
    e.ror::<14>().xor(e.ror::<18>()).xor(e.ror::<41>())
}

#[inline(always)]
fn small_sigma0<V: Word>(w: V) -> V {
    w.ror::<1>().xor(w.ror::<8>()).xor(w.shr::<7>())
}

#[inline(always)]
fn small_sigma1<V: Word>(w: V) -> V {
    w.ror::<19>().xor(w.ror::<61>()).xor(w.shr::<6>())
}

/// SHA-512's round `t`: the schedule's word `t` (in a ring of 16), then the new `d` and
/// `h` (the names rotate between rounds: these become e and a).
#[inline(always)]
fn round<V: Word>(t: usize, w: &mut [V; 16], [a, b, c]: [V; 3], d: &mut V, [e, f, g]: [V; 3], h: &mut V) {
    if t >= 16 {
        w[t & 15] =
            w[t & 15].add(small_sigma0(w[(t + 1) & 15])).add(w[(t + 9) & 15]).add(small_sigma1(w[(t + 14) & 15]));
    }
    // What does not wait for e first: e is the latest value.
    let t1 = h.add(V::splat(K[t]).add(w[t & 15])).add(V::ch(e, f, g)).add(big_sigma1(e));
    *d = d.add(t1);
    *h = t1.add(big_sigma0(a)).add(V::maj(a, b, c));
}

/// One SHA-512 compression of `block` into `state`, every lane at once.
#[inline(always)]
fn compress<V: Word>(state: &[V; 8], block: [V; 16]) -> [V; 8] {
    let mut w = block;
    let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut h] = *state;
    for t in 0..80 {
        round(t, &mut w, [a, b, c], &mut d, [e, f, g], &mut h);
        (a, b, c, d, e, f, g, h) = (h, a, b, c, d, e, f, g);
    }
    let new = [a, b, c, d, e, f, g, h];
    std::array::from_fn(|i| state[i].add(new[i]))
}

/// [`compress`] with its 80 rounds written out, the names a..h rotating instead of the
/// values: every index into the schedule's ring is then a constant, and the ring stays in
/// registers (the loop leaves it in memory). Constant message words fold away too.
#[inline(always)]
fn compress_written_out<V: Word>(state: &[V; 8], block: [V; 16]) -> [V; 8] {
    let mut w = block;
    let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut h] = *state;
    macro_rules! eight {
        ($t:expr) => {
            round($t, &mut w, [a, b, c], &mut d, [e, f, g], &mut h);
            round($t + 1, &mut w, [h, a, b], &mut c, [d, e, f], &mut g);
            round($t + 2, &mut w, [g, h, a], &mut b, [c, d, e], &mut f);
            round($t + 3, &mut w, [f, g, h], &mut a, [b, c, d], &mut e);
            round($t + 4, &mut w, [e, f, g], &mut h, [a, b, c], &mut d);
            round($t + 5, &mut w, [d, e, f], &mut g, [h, a, b], &mut c);
            round($t + 6, &mut w, [c, d, e], &mut f, [g, h, a], &mut b);
            round($t + 7, &mut w, [b, c, d], &mut e, [f, g, h], &mut a);
        };
    }
    eight!(0);
    eight!(8);
    eight!(16);
    eight!(24);
    eight!(32);
    eight!(40);
    eight!(48);
    eight!(56);
    eight!(64);
    eight!(72);
    let new = [a, b, c, d, e, f, g, h];
    std::array::from_fn(|i| state[i].add(new[i]))
}

/// The compression of a block holding a 64-byte hash, then SHA-512 padding for a message
/// of 128 + 64 bytes (the HMAC key block before it): words 8 to 15 are constants.
#[inline(always)]
fn compress_hash<V: Word>(state: &[V; 8], hash: &[V; 8]) -> [V; 8] {
    let mut block = [V::splat(0); 16];
    block[..8].copy_from_slice(hash);
    block[8] = V::splat(1 << 63);
    block[15] = V::splat((128 + 64) * 8);
    if V::WRITTEN_OUT {
        compress_written_out(state, block)
    } else {
        compress(state, block)
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

/// A PBKDF2 of every lane: the first 32 bytes of its first block, as 4 words.
type Pbkdf2 = fn(&[&[u8]; LANES], &[[W; 16]]) -> [W; 4];

/// Substrate's mini secret of each entropy (see [`crate::phrase`]): PBKDF2-HMAC-SHA512 of
/// the entropy, salted "mnemonic" + password, 2,048 rounds, the first 32 bytes. Up to
/// [`LANES`] entropies (each at most 128 bytes) in one pass.
pub(crate) fn mini_secrets(entropies: &[&[u8]], password: &Password) -> Vec<Seed> {
    mini_secrets_by(entropies, password, fastest())
}

fn mini_secrets_by(entropies: &[&[u8]], password: &Password, pbkdf2: Pbkdf2) -> Vec<Seed> {
    assert!(entropies.len() <= LANES && entropies.iter().all(|e| e.len() <= 128));
    let mut lanes: [&[u8]; LANES] = [&[]; LANES];
    lanes[..entropies.len()].copy_from_slice(entropies);
    let mut salt = salt_blocks(password);
    let mut out = pbkdf2(&lanes, &salt);
    // U and the schedule lived in registers and in the stack below this frame.
    wipe_stack();
    // The salt holds the BIP39 password.
    salt.iter_mut().flatten().for_each(|word| word.0.zeroize());
    let seeds = (0..entropies.len())
        .map(|l| {
            let mut bytes = [0u8; 32];
            for (i, word) in out.iter().enumerate() {
                bytes[i * 8..i * 8 + 8].copy_from_slice(&word.0[l].to_be_bytes());
            }
            Seed::from_bytes(bytes)
        })
        .collect();
    out.iter_mut().for_each(|word| word.0.zeroize());
    seeds
}

/// The fastest PBKDF2 this CPU runs.
fn fastest() -> Pbkdf2 {
    #[cfg(target_arch = "x86_64")]
    if let Some(pbkdf2) = x86::fastest() {
        return pbkdf2;
    }
    pbkdf2_portable
}

fn pbkdf2_portable(lanes: &[&[u8]; LANES], salt: &[[W; 16]]) -> [W; 4] {
    pbkdf2::<W>(lanes, salt)
}

/// The first 32 bytes of the first PBKDF2 block of every lane; inlined into each target's
/// copy. Each kind of compression is written once (80 rounds written out are long to
/// compile and to hold in the instruction cache).
#[inline(always)]
fn pbkdf2<V: Word>(lanes: &[&[u8]; LANES], salt: &[[W; 16]]) -> [W; 4] {
    // The key blocks: from the IV, the outer one, then the inner one, which the salt
    // blocks continue. The states after the key blocks are kept in memory (registers could
    // not hold them anyway) so that they can be wiped.
    let mut keys = [block_of(lanes, 0x5c), block_of(lanes, 0x36)];
    let mut after_key = [[W::splat(0); 8]; 2];
    let mut u = IV.map(V::splat);
    for (i, block) in keys.iter().chain(salt).enumerate() {
        if i < 2 {
            u = IV.map(V::splat);
        }
        u = compress(&u, block.map(V::load));
        if i < 2 {
            after_key[i] = u.map(V::store);
        }
    }
    // U1 = HMAC(entropy, salt || 1) is the outer compression of the inner hash in `u`;
    // U2..U2048 each HMAC(entropy, U previous): inner, then outer, alternately.
    let mut total = [V::splat(0); 4];
    for i in 0..2 * 2048 - 1 {
        u = compress_hash(&after_key[i & 1].map(V::load), &u);
        if i & 1 == 0 {
            for (t, h) in total.iter_mut().zip(u) {
                *t = t.xor(h);
            }
        }
    }
    // The key blocks (entropy XOR pad) and the states after them: nothing of them stays.
    // U and the schedule lived in registers and stack slots, which the caller wipes
    // ([`wipe_stack`]).
    keys.iter_mut().flatten().chain(after_key.iter_mut().flatten()).for_each(|word| word.0.zeroize());
    total.map(V::store)
}

/// Overwrites the stack below the caller's frame, where a PBKDF2 that has just returned
/// left its spilled words (U, the schedule). 32 KiB: twice the deepest path's frames
/// (AVX2's, about 15 KiB with `block_of`'s, as built by Rust 1.95).
#[inline(never)]
fn wipe_stack() {
    let mut scratch = [0u64; 4096];
    scratch.zeroize();
    std::hint::black_box(&scratch);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::phrase::seed_from_entropy;

    /// Checks `pbkdf2` against the crate on `rounds` batches (8 lanes, then fewer).
    fn check(pbkdf2: Pbkdf2, rounds: usize) -> usize {
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
        for round in 0..rounds {
            let password = Password::new(passwords[round % passwords.len()]);
            let entropies: Vec<Vec<u8>> =
                (0..LANES).map(|l| (0..[16, 20, 24, 28, 32][(round + l) % 5]).map(|_| next()).collect()).collect();
            let count = 1 + round % LANES;
            let refs: Vec<&[u8]> = entropies[..count].iter().map(Vec::as_slice).collect();
            for (entropy, ours) in refs.iter().zip(mini_secrets_by(&refs, &password, pbkdf2)) {
                assert_eq!(ours.as_bytes(), seed_from_entropy(entropy, &password).as_bytes(), "round {round}");
                checked += 1;
            }
        }
        checked
    }

    #[test]
    fn equals_the_pbkdf2_crate_on_thousands_of_inputs() {
        // The fastest path on this CPU, what mini_secrets runs.
        let checked = check(fastest(), 450);
        assert!(checked >= 2000, "{checked}");
    }

    #[test]
    fn the_portable_path_equals_the_pbkdf2_crate() {
        assert!(check(pbkdf2_portable, 30) >= 100);
    }

    #[cfg(target_arch = "x86_64")]
    #[test]
    fn every_x86_path_this_cpu_has_equals_the_pbkdf2_crate() {
        for pbkdf2 in x86::available() {
            assert!(check(pbkdf2, 30) >= 100);
        }
    }
}
