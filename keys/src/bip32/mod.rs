//! The two polkadot-js account types that start from the *standard* BIP39 seed instead of
//! Substrate's mini secret (`tests/data/polkadot-js/FORMAT.md` §10 and §11):
//!
//! * `ethereum` (Moonbeam and other EVM chains): BIP32 over secp256k1 along a BIP44 path such
//!   as `m/44'/60'/0'/0/0`, and an EIP-55 H160 address ([`EthereumKey`], [`EthereumAddress`]);
//! * `ed25519-ledger`: BIP32-Ed25519 as the Ledger Polkadot app derives, every index
//!   hardened, giving an ordinary ed25519 account ([`ledger_keypair`]).
//!
//! Both start from [`Bip39Seed`], PBKDF2 over the phrase's *words*, so the same phrase gives
//! other accounts here than as sr25519/ed25519/ecdsa (whose root is
//! [`Phrase::to_seed`](crate::Phrase::to_seed), PBKDF2 over the *entropy*).

mod address;
mod ethereum;
mod inspect;
mod ledger;
mod ledger_uri;
mod path;
pub mod search;
mod seed;
mod uri;

#[cfg(test)]
mod tests;

use hmac::{Hmac, Mac};
use sha2::Sha512;
use zeroize::{Zeroize, Zeroizing};

pub use address::{EthereumAddress, EthereumAddressError, ADDRESS_LENGTH};
pub use ethereum::{EthereumDeriveError, EthereumKey};
pub use inspect::{inspect_ethereum, inspect_ledger, Bip32InspectError, EthereumInspection};
pub use ledger::{ledger_keypair, ledger_seed, LedgerError};
pub use ledger_uri::{LedgerUri, LedgerUriError};
pub use path::{Bip32Path, Bip32PathError, ChildIndex, DEFAULT_ETHEREUM_PATH, HARDENED, MAX_DEPTH};
pub use seed::{Bip39Seed, BIP39_SEED_LENGTH};
pub use uri::{EthereumUri, EthereumUriError};

/// HMAC-SHA512(key, the concatenation of `parts`), in a buffer wiped on drop: every use here
/// (master keys, child keys, chain codes) is secret.
fn hmac_sha512(key: &[u8], parts: &[&[u8]]) -> Zeroizing<[u8; 64]> {
    let mut mac = Hmac::<Sha512>::new_from_slice(key).expect("HMAC takes keys of any length");
    for part in parts {
        mac.update(part);
    }
    let mut digest = mac.finalize().into_bytes();
    let mut output = Zeroizing::new([0u8; 64]);
    output.copy_from_slice(&digest);
    // Clear intermediates: the digest array is a second copy.
    digest.zeroize();
    output
}
