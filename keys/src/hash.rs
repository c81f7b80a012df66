//! The two BLAKE2b sizes Substrate uses.

use blake2::digest::consts::U32;
use blake2::{Blake2b, Blake2b512, Digest};

/// blake2b-256 over the concatenation of `parts` (no allocation for the join).
pub(crate) fn blake2b_256(parts: &[&[u8]]) -> [u8; 32] {
    let mut hasher = Blake2b::<U32>::new();
    for part in parts {
        hasher.update(part);
    }
    hasher.finalize().into()
}

/// blake2b-512 over the concatenation of `parts`.
pub(crate) fn blake2b_512(parts: &[&[u8]]) -> [u8; 64] {
    let mut hasher = Blake2b512::new();
    for part in parts {
        hasher.update(part);
    }
    hasher.finalize().into()
}
