//! Key schemes, public keys and account ids, and the keypair that derives along a path.

use std::fmt;
use std::str::FromStr;

use super::path::{DerivationPath, Junction};
use super::secret::{SecretBytes, Seed};
use super::signature::Signature;
use super::{ecdsa, ed25519, hash, sr25519};

/// A signature scheme Substrate accounts use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scheme {
    /// Schnorr over Ristretto255 (schnorrkel): the default, with soft derivation.
    Sr25519,
    /// Ed25519: hard derivation only.
    Ed25519,
    /// ECDSA over secp256k1: hard derivation only; the account id hashes the public key.
    Ecdsa,
}

impl Scheme {
    pub const ALL: [Scheme; 3] = [Scheme::Sr25519, Scheme::Ed25519, Scheme::Ecdsa];

    pub fn as_str(self) -> &'static str {
        match self {
            Scheme::Sr25519 => "sr25519",
            Scheme::Ed25519 => "ed25519",
            Scheme::Ecdsa => "ecdsa",
        }
    }
}

impl fmt::Display for Scheme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The text was not one of `sr25519`, `ed25519`, `ecdsa`. Keeps the text only when it is
/// short and has no spaces, so a phrase pasted into the wrong place is not echoed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown key scheme{}: use sr25519, ed25519 or ecdsa", super::ss58::echo(.0))]
pub struct UnknownScheme(pub Option<String>);

impl FromStr for Scheme {
    type Err = UnknownScheme;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Scheme::ALL
            .into_iter()
            .find(|scheme| scheme.as_str().eq_ignore_ascii_case(text))
            .ok_or_else(|| UnknownScheme(super::ss58::echoable(text)))
    }
}

/// A public key: 32 bytes for sr25519 and ed25519, 33 (compressed) for ecdsa.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub enum PublicKey {
    Sr25519([u8; 32]),
    Ed25519([u8; 32]),
    Ecdsa([u8; 33]),
}

impl PublicKey {
    pub fn scheme(&self) -> Scheme {
        match self {
            PublicKey::Sr25519(_) => Scheme::Sr25519,
            PublicKey::Ed25519(_) => Scheme::Ed25519,
            PublicKey::Ecdsa(_) => Scheme::Ecdsa,
        }
    }

    /// A public key of `scheme` from its bytes; `None` if the length is wrong for it.
    pub fn from_bytes(scheme: Scheme, bytes: &[u8]) -> Option<PublicKey> {
        Some(match scheme {
            Scheme::Sr25519 => PublicKey::Sr25519(bytes.try_into().ok()?),
            Scheme::Ed25519 => PublicKey::Ed25519(bytes.try_into().ok()?),
            Scheme::Ecdsa => PublicKey::Ecdsa(bytes.try_into().ok()?),
        })
    }

    pub fn as_bytes(&self) -> &[u8] {
        match self {
            PublicKey::Sr25519(bytes) | PublicKey::Ed25519(bytes) => bytes,
            PublicKey::Ecdsa(bytes) => bytes,
        }
    }

    /// What an SS58 address encodes: the key itself, or blake2b-256 of an ecdsa key.
    pub fn account_id(&self) -> AccountId {
        match self {
            PublicKey::Sr25519(bytes) | PublicKey::Ed25519(bytes) => AccountId(*bytes),
            PublicKey::Ecdsa(bytes) => AccountId(hash::blake2b_256(&[bytes])),
        }
    }

    pub fn to_hex(&self) -> String {
        format!("0x{}", hex::encode(self.as_bytes()))
    }

    /// The Ethereum (H160, EIP-55) address of a secp256k1 key; `None` for other key types.
    pub fn ethereum_address(&self) -> Option<crate::bip32::EthereumAddress> {
        match self {
            PublicKey::Ecdsa(compressed) => crate::bip32::EthereumAddress::from_public_key(compressed),
            _ => None,
        }
    }
}

impl fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PublicKey({}, {})", self.scheme(), self.to_hex())
    }
}

/// The 32 bytes an address stands for.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AccountId([u8; 32]);

impl AccountId {
    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        AccountId(bytes)
    }

    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    pub fn to_hex(&self) -> String {
        format!("0x{}", hex::encode(self.0))
    }
}

impl fmt::Debug for AccountId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "AccountId({})", self.to_hex())
    }
}

/// Why a key could not be made or derived.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DeriveError {
    /// ed25519 and ecdsa have no soft derivation: a `/soft` junction cannot be followed.
    #[error("{scheme} keys support only hard junctions (//); this path has a soft junction (/)")]
    SoftJunctionUnsupported { scheme: Scheme },
    /// The 32 bytes are not a valid secp256k1 private key (zero, or not below the group order).
    #[error("this seed is not a valid {scheme} private key")]
    InvalidSeed { scheme: Scheme },
}

/// The secret half, per scheme. sr25519 derives on the expanded secret key (soft
/// junctions need it); ed25519 and ecdsa derive on the 32-byte seed.
enum Secret {
    Sr25519(sr25519::SecretKey),
    Ed25519(Seed),
    Ecdsa(Seed),
}

impl Secret {
    fn duplicate(&self) -> Secret {
        match self {
            Secret::Sr25519(key) => Secret::Sr25519(key.clone()),
            Secret::Ed25519(seed) => Secret::Ed25519(seed.clone()),
            Secret::Ecdsa(seed) => Secret::Ecdsa(seed.clone()),
        }
    }
}

/// A secret key and its public key. Not `Clone` and not `Debug`: there is one copy of
/// the secret, and it is wiped when the keypair is dropped.
pub struct Keypair {
    secret: Secret,
    public: PublicKey,
}

impl Keypair {
    /// The root key of a seed (the empty path).
    pub fn from_seed(scheme: Scheme, seed: &Seed) -> Result<Keypair, DeriveError> {
        let secret = match scheme {
            Scheme::Sr25519 => Secret::Sr25519(sr25519::SecretKey::from_seed(seed)),
            Scheme::Ed25519 => Secret::Ed25519(seed.clone()),
            Scheme::Ecdsa => Secret::Ecdsa(seed.clone()),
        };
        Keypair::finish(secret)
    }

    /// A key from the secret bytes polkadot-js keeps (see [`SecretBytes`]): sr25519's 64-byte
    /// `key*8 ‖ nonce`, ed25519's `seed ‖ public`, or a 32-byte seed of any scheme (ecdsa's
    /// key, or an old generation-1 file's mini secret). `None` if the bytes are none of these.
    pub fn from_polkadot_js_secret(scheme: Scheme, secret: &[u8]) -> Option<Keypair> {
        match (scheme, secret.len()) {
            (Scheme::Sr25519, 64) => {
                Keypair::finish(Secret::Sr25519(sr25519::SecretKey::from_polkadot_js_bytes(secret)?)).ok()
            }
            (Scheme::Ed25519, 64) | (_, 32) => Keypair::from_seed(scheme, &Seed::from_prefix(secret)).ok(),
            _ => None,
        }
    }

    /// The key at `path` below this one. Intermediate public keys are never computed:
    /// only the last step pays for a scalar multiplication.
    pub fn derive(&self, path: &DerivationPath) -> Result<Keypair, DeriveError> {
        if path.is_root() {
            return Ok(Keypair { secret: self.secret.duplicate(), public: self.public });
        }
        Keypair::finish(self.derive_secret(path)?)
    }

    /// The public keys at many paths below this key, in order. For sr25519 this is faster
    /// than deriving one by one: the Ristretto encodings share one field inversion.
    pub fn derive_public_keys(&self, paths: &[DerivationPath]) -> Vec<Result<PublicKey, DeriveError>> {
        let Secret::Sr25519(_) = &self.secret else {
            return paths.iter().map(|path| self.derive(path).map(|pair| pair.public())).collect();
        };
        let secrets: Vec<Result<sr25519::SecretKey, DeriveError>> = paths
            .iter()
            .map(|path| match self.derive_secret(path)? {
                Secret::Sr25519(key) => Ok(key),
                _ => unreachable!("an sr25519 key derives sr25519 keys"),
            })
            .collect();
        let derived: Vec<&sr25519::SecretKey> = secrets.iter().filter_map(|r| r.as_ref().ok()).collect();
        let mut publics = sr25519::public_keys(&derived).into_iter();
        secrets
            .into_iter()
            .map(|secret| secret.map(|_| PublicKey::Sr25519(publics.next().expect("one public key per secret"))))
            .collect()
    }

    fn derive_secret(&self, path: &DerivationPath) -> Result<Secret, DeriveError> {
        let scheme = self.scheme();
        if scheme != Scheme::Sr25519 && path.has_soft_junction() {
            return Err(DeriveError::SoftJunctionUnsupported { scheme });
        }
        let junctions = path.junctions();
        Ok(match &self.secret {
            Secret::Sr25519(root) => match junctions.split_first() {
                None => Secret::Sr25519(root.clone()),
                Some((first, rest)) => {
                    Secret::Sr25519(rest.iter().fold(root.derive(first), |key, junction| key.derive(junction)))
                }
            },
            Secret::Ed25519(seed) => Secret::Ed25519(fold_hard(seed, junctions, ed25519::derive_hard)),
            Secret::Ecdsa(seed) => Secret::Ecdsa(fold_hard(seed, junctions, ecdsa::derive_hard)),
        })
    }

    fn finish(secret: Secret) -> Result<Keypair, DeriveError> {
        let public = match &secret {
            Secret::Sr25519(key) => PublicKey::Sr25519(key.public()),
            Secret::Ed25519(seed) => PublicKey::Ed25519(ed25519::public(seed)),
            Secret::Ecdsa(seed) => {
                PublicKey::Ecdsa(ecdsa::public(seed).ok_or(DeriveError::InvalidSeed { scheme: Scheme::Ecdsa })?)
            }
        };
        Ok(Keypair { secret, public })
    }

    pub fn scheme(&self) -> Scheme {
        self.public.scheme()
    }

    /// The sr25519 secret, for the batched search below a parent key.
    pub(crate) fn sr25519_secret(&self) -> Option<&sr25519::SecretKey> {
        match &self.secret {
            Secret::Sr25519(key) => Some(key),
            _ => None,
        }
    }

    pub fn public(&self) -> PublicKey {
        self.public
    }

    /// This key's signature of `message` (see [`signature`](super::signature) for what each
    /// scheme signs). Made with the secret alone: the public key is never an input.
    pub fn sign(&self, message: &[u8]) -> Signature {
        match &self.secret {
            Secret::Sr25519(key) => Signature::Sr25519(key.sign(message)),
            Secret::Ed25519(seed) => Signature::Ed25519(ed25519::sign(seed, message)),
            Secret::Ecdsa(seed) => {
                Signature::Ecdsa(ecdsa::sign(seed, message).expect("a keypair's ecdsa seed is a valid private key"))
            }
        }
    }

    /// The secret in the form polkadot-js stores in PKCS8 (see [`SecretBytes`]).
    pub fn export_secret(&self) -> SecretBytes {
        match &self.secret {
            Secret::Sr25519(key) => key.to_polkadot_js_bytes(),
            Secret::Ed25519(seed) => {
                let mut bytes = Vec::with_capacity(64);
                bytes.extend_from_slice(seed.as_bytes());
                bytes.extend_from_slice(self.public.as_bytes());
                SecretBytes::new(bytes)
            }
            Secret::Ecdsa(seed) => SecretBytes::new(seed.as_bytes().to_vec()),
        }
    }
}

/// Applies hard junctions (the caller has refused soft ones) to a 32-byte seed.
fn fold_hard(seed: &Seed, junctions: &[Junction], step: fn(&Seed, &[u8; 32]) -> Seed) -> Seed {
    junctions.iter().fold(seed.clone(), |seed, junction| step(&seed, junction.chain_code()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seed(byte: u8) -> Seed {
        Seed::from_bytes([byte; 32])
    }

    #[test]
    fn soft_junctions_are_refused_for_ed25519_and_ecdsa_only() {
        let path = DerivationPath::parse("//hard/soft").unwrap();
        for scheme in [Scheme::Ed25519, Scheme::Ecdsa] {
            let root = Keypair::from_seed(scheme, &seed(7)).unwrap();
            assert_eq!(root.derive(&path).err(), Some(DeriveError::SoftJunctionUnsupported { scheme }));
        }
        assert!(Keypair::from_seed(Scheme::Sr25519, &seed(7)).unwrap().derive(&path).is_ok());
    }

    #[test]
    fn an_ecdsa_seed_outside_the_curve_order_is_invalid_seed() {
        for bad in [0x00, 0xff] {
            let error = Keypair::from_seed(Scheme::Ecdsa, &seed(bad)).err();
            assert_eq!(error, Some(DeriveError::InvalidSeed { scheme: Scheme::Ecdsa }));
        }
    }

    #[test]
    fn the_root_path_is_the_key_itself() {
        for scheme in Scheme::ALL {
            let root = Keypair::from_seed(scheme, &seed(9)).unwrap();
            let same = root.derive(&DerivationPath::root()).unwrap();
            assert_eq!(same.public(), root.public());
            assert_eq!(same.export_secret().expose(), root.export_secret().expose());
        }
    }

    #[test]
    fn batched_public_keys_equal_one_by_one_derivation() {
        let paths: Vec<DerivationPath> =
            ["", "//0", "/1", "//polkadot//2/3", "/soft"].iter().map(|p| DerivationPath::parse(p).unwrap()).collect();
        for scheme in Scheme::ALL {
            let root = Keypair::from_seed(scheme, &seed(5)).unwrap();
            let batch = root.derive_public_keys(&paths);
            for (path, batched) in paths.iter().zip(batch) {
                assert_eq!(batched, root.derive(path).map(|pair| pair.public()), "{scheme} {path}");
            }
        }
    }

    #[test]
    fn ecdsa_account_id_hashes_the_compressed_key() {
        let public = Keypair::from_seed(Scheme::Ecdsa, &seed(9)).unwrap().public();
        assert_eq!(public.as_bytes().len(), 33);
        assert_eq!(public.account_id().as_bytes(), &hash::blake2b_256(&[public.as_bytes()]));
    }

    #[test]
    fn scheme_names_parse_case_insensitively() {
        assert_eq!("SR25519".parse::<Scheme>().unwrap(), Scheme::Sr25519);
        assert_eq!("ecdsa".parse::<Scheme>().unwrap(), Scheme::Ecdsa);
        assert!("secp256k1".parse::<Scheme>().is_err());
    }
}
