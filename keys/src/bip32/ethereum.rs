//! Ethereum-type accounts as polkadot-js's `hdEthereum` makes them (FORMAT.md §10): BIP32 over
//! secp256k1 from HMAC-SHA512("Bitcoin seed", BIP39 seed), then the EIP-55 H160 address.

use std::fmt;

use k256::elliptic_curve::sec1::ToEncodedPoint;
use k256::elliptic_curve::PrimeField;
use k256::{FieldBytes, NonZeroScalar, Scalar, SecretKey};
use zeroize::Zeroizing;

use super::address::EthereumAddress;
use super::hmac_sha512;
use super::path::{Bip32Path, HARDENED};
use super::seed::Bip39Seed;
use crate::ecdsa;
use crate::phrase::Phrase;
use crate::secret::{Password, Seed};

/// BIP32's HMAC key for the master key of a secp256k1 tree.
const MASTER_HMAC_KEY: &[u8] = b"Bitcoin seed";

/// Why an Ethereum key could not be derived. Both are BIP32's "invalid key" cases, each with
/// a chance below 2^-127 per seed: no real phrase meets them, but the code does not pretend.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EthereumDeriveError {
    /// The seed's master key is zero or not below the curve order: BIP32 calls the seed
    /// invalid, and polkadot-js fails on it too. Use another phrase.
    #[error("this seed's BIP32 master key is not a valid secp256k1 key; use another phrase")]
    InvalidMasterKey,
    /// At `level` (1-based), every index from the one asked for up to 2^32 - 1 gave an invalid
    /// key, so there is no next index to move to.
    #[error("level {level} of the path has no valid child key at or after its index")]
    NoValidChild { level: usize },
}

/// An Ethereum account's private key, compressed public key and address. Not `Clone`; its
/// `Debug` shows only the address.
pub struct EthereumKey {
    secret: Seed,
    public: [u8; 33],
    address: EthereumAddress,
}

impl EthereumKey {
    /// The key polkadot-js's keyring makes for `<phrase>/<path>` with type `ethereum`: the
    /// BIP39 seed with an *empty* password (polkadot-js ignores a `///password` here), then
    /// `path` below its master.
    pub fn from_phrase(phrase: &Phrase, path: &Bip32Path) -> Result<EthereumKey, EthereumDeriveError> {
        EthereumKey::from_seed(&Bip39Seed::new(phrase, &Password::empty()), path)
    }

    /// The key at `path` below the BIP32 master of `seed`.
    pub fn from_seed(seed: &Bip39Seed, path: &Bip32Path) -> Result<EthereumKey, EthereumDeriveError> {
        let secret = derive_private_key(seed.as_bytes(), path)?;
        let public = ecdsa::public(&secret).expect("a derived key is a valid secp256k1 private key");
        let address = EthereumAddress::from_public_key(&public).expect("a public key is a point on the curve");
        Ok(EthereumKey { secret, public, address })
    }

    /// The 32-byte secp256k1 private key (what polkadot-js keeps in an `ethereum` PKCS8 body).
    pub fn secret(&self) -> &Seed {
        &self.secret
    }

    /// The SEC 1 compressed public key (what polkadot-js shows as the pair's public key and
    /// writes as a JSON backup's `address`).
    pub fn public_key(&self) -> &[u8; 33] {
        &self.public
    }

    pub fn address(&self) -> EthereumAddress {
        self.address
    }
}

impl fmt::Debug for EthereumKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "EthereumKey({}, <secret redacted>)", self.address)
    }
}

/// The private key at `path` below the master key of `seed` (any length: BIP39 gives 64
/// bytes, BIP32's own test vectors use 16).
pub(super) fn derive_private_key(seed: &[u8], path: &Bip32Path) -> Result<Seed, EthereumDeriveError> {
    Ok(derive_node(seed, path)?.secret())
}

/// The extended key at `path` below the master key of `seed`.
pub(super) fn derive_node(seed: &[u8], path: &Bip32Path) -> Result<Node, EthereumDeriveError> {
    let mut node = Node::master(seed)?;
    for (offset, index) in path.indices().iter().enumerate() {
        node = node.child_or_next(index.value()).ok_or(EthereumDeriveError::NoValidChild { level: offset + 1 })?;
    }
    Ok(node)
}

/// polkadot-js's rule for an invalid child key (`deriveChild`, and BIP32's "proceed with the
/// next value for i"): try the index, then the next, up to 2^32 - 1. A normal index may
/// thereby move into the hardened range, as it does in polkadot-js.
fn first_valid<T>(index: u32, attempt: impl FnMut(u32) -> Option<T>) -> Option<T> {
    (index..=u32::MAX).find_map(attempt)
}

/// A BIP32 extended private key. `SecretKey` wipes itself on drop.
pub(super) struct Node {
    key: SecretKey,
    chain_code: Zeroizing<[u8; 32]>,
}

impl Node {
    /// Child `index`, or the next valid one as polkadot-js moves on ([`first_valid`]).
    pub(super) fn child_or_next(&self, index: u32) -> Option<Node> {
        first_valid(index, |value| self.child(value))
    }

    /// The 32-byte private key.
    pub(super) fn secret(&self) -> Seed {
        Seed::from_prefix(&Zeroizing::new(self.key.to_bytes()))
    }

    /// The account's address: keccak-256 of the uncompressed public key.
    pub(super) fn address(&self) -> EthereumAddress {
        EthereumAddress::of_key(&self.key.public_key())
    }

    /// IL is the master key, IR its chain code, for I = HMAC-SHA512("Bitcoin seed", seed).
    fn master(seed: &[u8]) -> Result<Node, EthereumDeriveError> {
        let i = hmac_sha512(MASTER_HMAC_KEY, &[seed]);
        let key = SecretKey::from_slice(&i[..32]).map_err(|_| EthereumDeriveError::InvalidMasterKey)?;
        Ok(Node { key, chain_code: right_half(&i) })
    }

    /// CKDpriv: I = HMAC-SHA512(chain code, 0x00 ‖ key ‖ index) for a hardened index, or
    /// (compressed public key ‖ index) for a normal one, index big-endian; the child key is
    /// IL + key mod n. `None` when IL is not below n or the sum is zero.
    fn child(&self, index: u32) -> Option<Node> {
        let mut data = Zeroizing::new([0u8; 37]);
        if index >= HARDENED {
            data[1..33].copy_from_slice(&Zeroizing::new(self.key.to_bytes()));
        } else {
            data[..33].copy_from_slice(self.key.public_key().to_encoded_point(true).as_bytes());
        }
        data[33..].copy_from_slice(&index.to_be_bytes());
        let i = hmac_sha512(&self.chain_code[..], &[&data[..]]);
        let mut left = Zeroizing::new(FieldBytes::default());
        left.copy_from_slice(&i[..32]);
        let tweak = Zeroizing::new(Option::<Scalar>::from(Scalar::from_repr(*left))?);
        let parent = Zeroizing::new(self.key.to_nonzero_scalar());
        let sum = Zeroizing::new(*tweak + **parent);
        let key = Option::<NonZeroScalar>::from(NonZeroScalar::new(*sum)).map(SecretKey::from)?;
        Some(Node { key, chain_code: right_half(&i) })
    }
}

/// IR, the chain code half of an HMAC output.
fn right_half(i: &[u8; 64]) -> Zeroizing<[u8; 32]> {
    let mut half = Zeroizing::new([0u8; 32]);
    half.copy_from_slice(&i[32..]);
    half
}

#[cfg(test)]
mod tests {
    use super::*;

    /// BIP32's test vector 1 (seed 000102…0f): the private key at each step of
    /// m/0'/1/2'/2/1000000000, from the BIP itself.
    #[test]
    fn bip32_test_vector_1_gives_its_private_keys() {
        let seed = hex::decode("000102030405060708090a0b0c0d0e0f").unwrap();
        let chain = [
            ("m", "e8f32e723decf4051aefac8e2c93c9c5b214313817cdb01a1494b917c8436b35"),
            ("m/0'", "edb2e14f9ee77d26dd93b4ecede8d16ed408ce149b6cd80b0715a2d911a0afea"),
            ("m/0'/1", "3c6cb8d0f6a264c91ea8b5030fadaa8e538b020f0a387421a12de9319dc93368"),
            ("m/0'/1/2'", "cbce0d719ecf7431d88e6a89fa1483e02e35092af60c042b1df2ff59fa424dca"),
            ("m/0'/1/2'/2", "0f479245fb19a38a1954c5c7c0ebab2f9bdfd96a17563ef28a6a4b1a2a764ef4"),
            ("m/0'/1/2'/2/1000000000", "471b76e389e528d6de6d816857e012c5455051cad6660850e58372a6c3e6e7c8"),
        ];
        for (path, expected) in chain {
            let key = derive_private_key(&seed, &Bip32Path::parse(path).unwrap()).unwrap();
            assert_eq!(hex::encode(key.as_bytes()), expected, "{path}");
        }
    }

    #[test]
    fn an_invalid_child_moves_to_the_next_index() {
        let mut tried = Vec::new();
        let found = first_valid(5, |index| {
            tried.push(index);
            (index == 7).then_some(index)
        });
        assert_eq!((found, tried), (Some(7), vec![5, 6, 7]));
        assert_eq!(first_valid(HARDENED - 1, |index| (index >= HARDENED).then_some(index)), Some(HARDENED));
    }

    #[test]
    fn no_valid_child_up_to_the_last_index_is_none() {
        assert_eq!(first_valid(u32::MAX - 1, |_| None::<u32>), None);
    }

    #[test]
    fn an_ethereum_key_prints_only_its_address() {
        let seed = hex::decode("000102030405060708090a0b0c0d0e0f").unwrap();
        let secret = derive_private_key(&seed, &Bip32Path::master()).unwrap();
        let public = ecdsa::public(&secret).unwrap();
        let address = EthereumAddress::from_public_key(&public).unwrap();
        let key = EthereumKey { secret, public, address };
        let shown = format!("{key:?}");
        assert_eq!(shown, format!("EthereumKey({address}, <secret redacted>)"));
        assert!(!shown.to_lowercase().contains("e8f32e72"));
    }
}
