//! The standard BIP39 seed: PBKDF2-HMAC-SHA512 over the phrase's *words*.

use std::fmt;

use hmac::Hmac;
use sha2::Sha512;
use unicode_normalization::UnicodeNormalization;
use zeroize::Zeroizing;

use crate::phrase::Phrase;
use crate::secret::{Password, SecretBytes};

/// Length of a BIP39 seed in bytes.
pub const BIP39_SEED_LENGTH: usize = 64;

const PBKDF2_ROUNDS: u32 = 2048;

/// The 64-byte BIP39 seed of a phrase and a BIP39 password (Ethereum wallets' and the Ledger
/// app's root; not Substrate's, see the module docs). Wiped on drop, kept in locked pages,
/// never printed; not `Clone`.
pub struct Bip39Seed(SecretBytes);

impl Bip39Seed {
    /// PBKDF2-HMAC-SHA512(NFKD(words), "mnemonic" + NFKD(password), 2048 rounds, 64 bytes), as
    /// BIP39 defines it and polkadot-js's `mnemonicToSeedSync` computes it. Unlike the
    /// Substrate mini secret (FORMAT.md §5), BIP39 normalises the password (NFKD): a password
    /// typed with composed or decomposed accents gives the same seed. The English words are
    /// ASCII, already normal.
    pub fn new(phrase: &Phrase, password: &Password) -> Bip39Seed {
        let words = phrase.expose();
        // The normalised length is counted first, so the salt is allocated once at its size
        // and never moved (a reallocation would leave a copy of the password behind).
        let normalized_len: usize = password.expose().nfkd().map(char::len_utf8).sum();
        let mut salt = Zeroizing::new(String::with_capacity(8 + normalized_len));
        salt.push_str("mnemonic");
        salt.extend(password.expose().nfkd());
        // Filled in place: the Vec's buffer becomes the secret's, it is not copied.
        let mut bytes = vec![0u8; BIP39_SEED_LENGTH];
        pbkdf2::pbkdf2::<Hmac<Sha512>>(words.as_bytes(), salt.as_bytes(), PBKDF2_ROUNDS, &mut bytes)
            .expect("HMAC takes keys of any length");
        Bip39Seed(SecretBytes::new(bytes))
    }

    pub fn as_bytes(&self) -> &[u8; BIP39_SEED_LENGTH] {
        self.0.expose().try_into().expect("a BIP39 seed is 64 bytes")
    }
}

impl fmt::Debug for Bip39Seed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Bip39Seed(<redacted>)")
    }
}
