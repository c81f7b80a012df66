//! The x86-64 words: a lane's word in each 64-bit element of one AVX-512 register, or of
//! two AVX2 registers. The types are private to this module and made only inside the
//! `#[target_feature]` functions below, which run after the run-time check: that is what
//! makes the intrinsics in their methods sound.

use std::arch::x86_64::*;
use std::mem::transmute;

use super::{pbkdf2, Pbkdf2, Word, LANES, W};

/// The fastest path this CPU has, if any beats the portable one.
pub(super) fn fastest() -> Option<Pbkdf2> {
    available().first().copied()
}

/// Every x86 path this CPU has, fastest first.
pub(super) fn available() -> Vec<Pbkdf2> {
    let mut paths: Vec<Pbkdf2> = Vec::new();
    if is_x86_feature_detected!("avx512f") {
        paths.push(avx512);
    }
    if is_x86_feature_detected!("avx2") {
        paths.push(avx2);
    }
    paths
}

fn avx512(lanes: &[&[u8]; LANES], salt: &[[W; 16]]) -> [W; 4] {
    assert!(is_x86_feature_detected!("avx512f"));
    // SAFETY: the CPU has AVX-512F, checked just above.
    unsafe { pbkdf2_avx512(lanes, salt) }
}

fn avx2(lanes: &[&[u8]; LANES], salt: &[[W; 16]]) -> [W; 4] {
    assert!(is_x86_feature_detected!("avx2"));
    // SAFETY: the CPU has AVX2, checked just above.
    unsafe { pbkdf2_avx2(lanes, salt) }
}

#[target_feature(enable = "avx512f")]
fn pbkdf2_avx512(lanes: &[&[u8]; LANES], salt: &[[W; 16]]) -> [W; 4] {
    pbkdf2::<Avx512>(lanes, salt)
}

#[target_feature(enable = "avx2")]
fn pbkdf2_avx2(lanes: &[&[u8]; LANES], salt: &[[W; 16]]) -> [W; 4] {
    pbkdf2::<Avx2>(lanes, salt)
}

/// Every lane's word in one register.
#[derive(Clone, Copy)]
struct Avx512(__m512i);

// SAFETY (every block in this impl): an `Avx512` exists only inside `pbkdf2_avx512`, so the
// CPU has AVX-512F; the transmutes are between types of 64 bytes with no invalid values.
impl Word for Avx512 {
    #[inline(always)]
    fn splat(x: u64) -> Self {
        // SAFETY: see the impl.
        Self(unsafe { _mm512_set1_epi64(x as i64) })
    }
    #[inline(always)]
    fn load(w: W) -> Self {
        // SAFETY: see the impl.
        Self(unsafe { transmute::<[u64; LANES], __m512i>(w.0) })
    }
    #[inline(always)]
    fn store(self) -> W {
        // SAFETY: see the impl.
        W(unsafe { transmute::<__m512i, [u64; LANES]>(self.0) })
    }
    #[inline(always)]
    fn add(self, o: Self) -> Self {
        // SAFETY: see the impl.
        Self(unsafe { _mm512_add_epi64(self.0, o.0) })
    }
    #[inline(always)]
    fn xor(self, o: Self) -> Self {
        // SAFETY: see the impl.
        Self(unsafe { _mm512_xor_si512(self.0, o.0) })
    }
    #[inline(always)]
    fn and(self, o: Self) -> Self {
        // SAFETY: see the impl.
        Self(unsafe { _mm512_and_si512(self.0, o.0) })
    }
    #[inline(always)]
    fn or(self, o: Self) -> Self {
        // SAFETY: see the impl.
        Self(unsafe { _mm512_or_si512(self.0, o.0) })
    }
    #[inline(always)]
    fn ror<const N: i32>(self) -> Self {
        // One vprorq; AVX2 needs a shift, a shift and an or.
        // SAFETY: see the impl.
        Self(unsafe { _mm512_ror_epi64::<N>(self.0) })
    }
    #[inline(always)]
    fn shr<const N: u32>(self) -> Self {
        // SAFETY: see the impl.
        Self(unsafe { _mm512_srli_epi64::<N>(self.0) })
    }
    // One vpternlogq each (the truth tables of Ch and Maj): LLVM finds the one for Ch
    // itself, but makes Maj two.
    #[inline(always)]
    fn ch(e: Self, f: Self, g: Self) -> Self {
        // SAFETY: see the impl.
        Self(unsafe { _mm512_ternarylogic_epi64::<0xca>(e.0, f.0, g.0) })
    }
    #[inline(always)]
    fn maj(a: Self, b: Self, c: Self) -> Self {
        // SAFETY: see the impl.
        Self(unsafe { _mm512_ternarylogic_epi64::<0xe8>(a.0, b.0, c.0) })
    }
}

/// Every lane's word in two registers of 4.
#[derive(Clone, Copy)]
struct Avx2([__m256i; 2]);

impl Avx2 {
    #[inline(always)]
    fn map(self, f: impl Fn(__m256i) -> __m256i) -> Self {
        Self([f(self.0[0]), f(self.0[1])])
    }
    #[inline(always)]
    fn map2(self, o: Self, f: impl Fn(__m256i, __m256i) -> __m256i) -> Self {
        Self([f(self.0[0], o.0[0]), f(self.0[1], o.0[1])])
    }
}

// SAFETY (every block in this impl): an `Avx2` exists only inside `pbkdf2_avx2`, so the CPU
// has AVX2; the transmutes are between types of 64 bytes with no invalid values.
impl Word for Avx2 {
    #[inline(always)]
    fn splat(x: u64) -> Self {
        // SAFETY: see the impl.
        let v = unsafe { _mm256_set1_epi64x(x as i64) };
        Self([v, v])
    }
    #[inline(always)]
    fn load(w: W) -> Self {
        // SAFETY: see the impl.
        Self(unsafe { transmute::<[u64; LANES], [__m256i; 2]>(w.0) })
    }
    #[inline(always)]
    fn store(self) -> W {
        // SAFETY: see the impl.
        W(unsafe { transmute::<[__m256i; 2], [u64; LANES]>(self.0) })
    }
    #[inline(always)]
    fn add(self, o: Self) -> Self {
        // SAFETY: see the impl.
        self.map2(o, |a, b| unsafe { _mm256_add_epi64(a, b) })
    }
    #[inline(always)]
    fn xor(self, o: Self) -> Self {
        // SAFETY: see the impl.
        self.map2(o, |a, b| unsafe { _mm256_xor_si256(a, b) })
    }
    #[inline(always)]
    fn and(self, o: Self) -> Self {
        // SAFETY: see the impl.
        self.map2(o, |a, b| unsafe { _mm256_and_si256(a, b) })
    }
    #[inline(always)]
    fn or(self, o: Self) -> Self {
        // SAFETY: see the impl.
        self.map2(o, |a, b| unsafe { _mm256_or_si256(a, b) })
    }
    #[inline(always)]
    fn ror<const N: i32>(self) -> Self {
        // Shift counts in a register: the immediate forms would need 64 - N as a constant
        // argument, which stable Rust cannot write; LLVM makes them immediates again.
        // SAFETY: see the impl.
        self.map(|a| unsafe {
            _mm256_or_si256(
                _mm256_srl_epi64(a, _mm_cvtsi64_si128(N as i64)),
                _mm256_sll_epi64(a, _mm_cvtsi64_si128(64 - N as i64)),
            )
        })
    }
    #[inline(always)]
    fn shr<const N: u32>(self) -> Self {
        // SAFETY: see the impl.
        self.map(|a| unsafe { _mm256_srl_epi64(a, _mm_cvtsi64_si128(N as i64)) })
    }
}
