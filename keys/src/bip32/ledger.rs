//! Ledger-derived ed25519 accounts as polkadot-js's `hdLedger` makes them (FORMAT.md §11),
//! which is what the Ledger Polkadot app does on the device: BIP32-Ed25519 from the BIP39
//! seed, every index hardened; the account is the ordinary ed25519 key whose seed is the
//! final kL.

use hmac::{Hmac, Mac};
use sha2::Sha256;
use zeroize::{Zeroize, Zeroizing};

use super::hmac_sha512;
use super::path::{Bip32Path, HARDENED};
use super::seed::Bip39Seed;
use crate::phrase::Phrase;
use crate::scheme::{Keypair, Scheme};
use crate::secret::{Password, Seed};

/// The HMAC key of the master key and master chain code.
const MASTER_HMAC_KEY: &[u8] = b"ed25519 seed";

/// Word counts polkadot-js's `hdLedger` takes (it splits a 25th word off as the password).
const LEDGER_WORD_COUNTS: [usize; 2] = [12, 24];

/// Why a Ledger account could not be derived. Nothing secret is quoted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LedgerError {
    /// The phrase has `found` words; Ledger accounts come from 12 or 24 (a 25th word is the
    /// BIP39 password, passed as the password).
    #[error("a Ledger account comes from 12 or 24 words (a 25th word is the password); this phrase has {found}")]
    WordCount { found: usize },
    /// The path is `m` alone: a Ledger account is always below the master key, and
    /// polkadot-js refuses `m` here. Write it like `m/44'/354'/0'/0'/0'`.
    #[error("a Ledger account needs a path below m, like m/44'/354'/0'/0'/0'")]
    MasterPath,
}

/// The 32-byte ed25519 seed of the Ledger account at `path`: the final kL. `password` is the
/// Ledger's "25th word" (empty for none). Every index is hardened, written with `'` or not,
/// as polkadot-js does.
pub fn ledger_seed(phrase: &Phrase, password: &Password, path: &Bip32Path) -> Result<Seed, LedgerError> {
    let found = phrase.word_count();
    if !LEDGER_WORD_COUNTS.contains(&found) {
        return Err(LedgerError::WordCount { found });
    }
    if path.is_master() {
        return Err(LedgerError::MasterPath);
    }
    Ok(ExtendedKey::master(&Bip39Seed::new(phrase, password)).below(path).seed())
}

/// The ed25519 keypair of the Ledger account at `path` (see [`ledger_seed`]); its address is
/// the ordinary SS58 of the public key.
pub fn ledger_keypair(phrase: &Phrase, password: &Password, path: &Bip32Path) -> Result<Keypair, LedgerError> {
    let seed = ledger_seed(phrase, password, path)?;
    Ok(Keypair::from_seed(Scheme::Ed25519, &seed).expect("any 32 bytes are an ed25519 seed"))
}

/// A BIP32-Ed25519 extended private key: kL ‖ kR and the chain code, each wiped on drop.
pub(super) struct ExtendedKey {
    left: Zeroizing<[u8; 32]>,
    right: Zeroizing<[u8; 32]>,
    chain_code: Zeroizing<[u8; 32]>,
}

impl ExtendedKey {
    /// The key at `path` below this one, every index hardened.
    pub(super) fn below(&self, path: &Bip32Path) -> ExtendedKey {
        let mut indices = path.indices().iter();
        let Some(first) = indices.next() else { return self.clone_key() };
        indices.fold(self.child(first.number() | HARDENED), |key, index| key.child(index.number() | HARDENED))
    }

    /// The account's ed25519 seed: kL.
    pub(super) fn seed(&self) -> Seed {
        Seed::from_prefix(&self.left[..])
    }

    fn clone_key(&self) -> ExtendedKey {
        ExtendedKey { left: self.left.clone(), right: self.right.clone(), chain_code: self.chain_code.clone() }
    }

    /// chain code = HMAC-SHA256("ed25519 seed", 0x01 ‖ seed); k = HMAC-SHA512("ed25519 seed",
    /// seed), hashed again while bit 5 of k[31] is set (BIP32-Ed25519 needs that bit of kL
    /// clear, so that no child key overflows), then clamped as an ed25519 scalar.
    pub(super) fn master(seed: &Bip39Seed) -> ExtendedKey {
        let chain_code = hmac_sha256(MASTER_HMAC_KEY, &[&[0x01], seed.as_bytes()]);
        let mut k = hmac_sha512(MASTER_HMAC_KEY, &[seed.as_bytes()]);
        while k[31] & 0b0010_0000 != 0 {
            // The old value is wiped when the new one replaces it.
            k = hmac_sha512(MASTER_HMAC_KEY, &[&k[..]]);
        }
        k[0] &= 0b1111_1000;
        k[31] &= 0b0111_1111;
        k[31] |= 0b0100_0000;
        ExtendedKey { left: half(&k[..32]), right: half(&k[32..]), chain_code }
    }

    /// Hardened child `index` (already ≥ 2^31): Z = HMAC-SHA512(chain code, 0x00 ‖ kL ‖ kR ‖
    /// index LE32); kL' = kL + 8·Z[0..28] and kR' = kR + Z[32..64] as little-endian numbers,
    /// cut to 32 bytes; chain code' = HMAC-SHA512(chain code, 0x01 ‖ kL ‖ kR ‖ index)[32..64].
    pub(super) fn child(&self, index: u32) -> ExtendedKey {
        let index = index.to_le_bytes();
        let key_hmac = |tag: u8| hmac_sha512(&self.chain_code[..], &[&[tag], &self.left[..], &self.right[..], &index]);
        let z = key_hmac(0x00);
        let chain = key_hmac(0x01);
        let z_right: &[u8; 32] = z[32..].try_into().expect("32 bytes");
        ExtendedKey {
            left: add_mod_2_256(&self.left, &times_eight(z[..28].try_into().expect("28 bytes"))),
            right: add_mod_2_256(&self.right, z_right),
            chain_code: half(&chain[32..]),
        }
    }
}

/// 8·x for a 28-byte little-endian x, as 32 little-endian bytes (it needs 227 bits).
fn times_eight(x: &[u8; 28]) -> Zeroizing<[u8; 32]> {
    let mut product = Zeroizing::new([0u8; 32]);
    let mut carry = 0u8;
    for (out, &byte) in product.iter_mut().zip(x) {
        *out = (byte << 3) | carry;
        carry = byte >> 5;
    }
    product[28] = carry;
    product
}

/// a + b over little-endian bytes, the carry out of the last byte dropped: polkadot-js adds
/// them as big numbers and keeps the low 32 bytes.
fn add_mod_2_256(a: &[u8; 32], b: &[u8; 32]) -> Zeroizing<[u8; 32]> {
    let mut sum = Zeroizing::new([0u8; 32]);
    let mut carry = 0u16;
    for ((out, &x), &y) in sum.iter_mut().zip(a).zip(b) {
        let total = u16::from(x) + u16::from(y) + carry;
        *out = total as u8;
        carry = total >> 8;
    }
    sum
}

fn half(bytes: &[u8]) -> Zeroizing<[u8; 32]> {
    let mut half = Zeroizing::new([0u8; 32]);
    half.copy_from_slice(bytes);
    half
}

/// HMAC-SHA256 (only the master chain code uses it), wiped like [`hmac_sha512`].
fn hmac_sha256(key: &[u8], parts: &[&[u8]]) -> Zeroizing<[u8; 32]> {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes keys of any length");
    for part in parts {
        mac.update(part);
    }
    let mut digest = mac.finalize().into_bytes();
    let output = half(&digest);
    // Clear intermediates: the digest array is a second copy.
    digest.zeroize();
    output
}

#[cfg(test)]
mod tests {
    use super::*;

    const TWELVE: &str = "equip will roof matter pink blind book anxiety banner elbow sun young";

    #[test]
    fn sums_wrap_at_256_bits_as_polkadot_js_truncates() {
        let mut one = [0u8; 32];
        one[0] = 1;
        assert_eq!(*add_mod_2_256(&[0xff; 32], &one), [0u8; 32]);
        let (mut low, mut carried) = ([0u8; 32], [0u8; 32]);
        low[0] = 0xff;
        carried[1] = 1;
        assert_eq!(*add_mod_2_256(&low, &one), carried);
    }

    #[test]
    fn times_eight_carries_into_the_29th_byte() {
        let mut expected = [0xffu8; 32];
        expected[0] = 0xf8;
        expected[28] = 0x07;
        expected[29..].fill(0);
        assert_eq!(*times_eight(&[0xff; 28]), expected);
    }

    #[test]
    fn a_ledger_phrase_has_12_or_24_words() {
        let fifteen = Phrase::parse(
            "frequent simple armor gallery glad when life swallow dragon flag tackle vault appear regular west",
        );
        let path = Bip32Path::parse("m/44'/354'/0'/0'/0'").unwrap();
        let error = ledger_seed(&fifteen.unwrap(), &Password::empty(), &path).err();
        assert_eq!(error, Some(LedgerError::WordCount { found: 15 }));
    }

    #[test]
    fn the_master_key_is_not_a_ledger_account() {
        let phrase = Phrase::parse(TWELVE).unwrap();
        let error = ledger_seed(&phrase, &Password::empty(), &Bip32Path::master()).err();
        assert_eq!(error, Some(LedgerError::MasterPath));
    }
}
