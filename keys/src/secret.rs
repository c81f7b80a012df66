//! Types that hold secrets. Each one zeroizes its bytes on drop and has a hand-written
//! `Debug` that names the type and nothing else, so a secret can sit inside a struct
//! that derives `Debug` (or reach a log by mistake) without leaking.

use std::fmt;

use zeroize::Zeroizing;

/// Length of a seed in bytes: the sr25519 mini secret, the ed25519 seed, the secp256k1 key.
pub const SEED_LENGTH: usize = 32;

/// A 32-byte root secret: what a seed phrase expands to, or a raw `0x…` seed.
///
/// For sr25519 this is the schnorrkel *mini secret key*; for ed25519 and ecdsa it is the
/// seed their keys are made from. Hard derivations produce a new one of these.
#[derive(Clone)]
pub struct Seed(Zeroizing<[u8; SEED_LENGTH]>);

impl Seed {
    /// Wraps bytes the caller already holds; the caller zeroizes its own copy.
    pub fn from_bytes(bytes: [u8; SEED_LENGTH]) -> Self {
        Seed(Zeroizing::new(bytes))
    }

    /// Parses `0x` followed by exactly 64 hex digits. Returns `None` otherwise, without
    /// saying why, so callers never echo what they were given.
    pub fn from_hex(text: &str) -> Option<Self> {
        let digits = text.strip_prefix("0x")?;
        if digits.len() != SEED_LENGTH * 2 {
            return None;
        }
        let mut bytes = Zeroizing::new([0u8; SEED_LENGTH]);
        hex::decode_to_slice(digits, &mut bytes[..]).ok()?;
        Some(Seed(bytes))
    }

    /// Copies the first 32 bytes of a longer secret buffer (the caller wipes the buffer).
    pub(crate) fn from_prefix(bytes: &[u8]) -> Self {
        let mut seed = Zeroizing::new([0u8; SEED_LENGTH]);
        seed.copy_from_slice(&bytes[..SEED_LENGTH]);
        Seed(seed)
    }

    pub fn as_bytes(&self) -> &[u8; SEED_LENGTH] {
        &self.0
    }
}

impl fmt::Debug for Seed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Seed(<redacted>)")
    }
}

/// A password: the BIP39 password after `///` in a URI, and later file passwords.
#[derive(Clone, Default)]
pub struct Password(Zeroizing<String>);

impl Password {
    pub fn new(text: impl Into<String>) -> Self {
        Password(Zeroizing::new(text.into()))
    }

    pub fn empty() -> Self {
        Password::default()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(<redacted>)")
    }
}

/// Secret key bytes in the form polkadot-js keeps in its PKCS8 body:
/// sr25519 `key*8 || nonce` (64), ed25519 `seed || public` (64), ecdsa the scalar (32).
pub struct SecretBytes(Zeroizing<Vec<u8>>);

impl SecretBytes {
    /// Takes ownership of bytes that are already secret; they are wiped on drop.
    pub fn new(bytes: Vec<u8>) -> Self {
        SecretBytes(Zeroizing::new(bytes))
    }

    pub fn expose(&self) -> &[u8] {
        &self.0
    }
}

impl fmt::Debug for SecretBytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SecretBytes(<{} bytes redacted>)", self.0.len())
    }
}
