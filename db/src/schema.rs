//! What is on disk: every sled tree named once, typed keys (big-endian, so a prefix scan
//! walks one identity's accounts on one network in order), the records stored as JSON,
//! and the schema version.

use axia_signer_keys::{PublicKey, Scheme};
use serde::{Deserialize, Serialize};

use crate::error::{corrupt, StoreError};

/// Bumped whenever the meaning of a stored byte changes. A store written by a newer
/// version of the code is refused, never touched.
/// 2: sealed secrets moved out of sled into `sealed/` ([`crate::sealed_copies`]).
/// 3: an account records how it is derived ([`Derivation`]): Substrate paths, and now BIP44
///    (Ethereum) and Ledger paths, which older code would read as Substrate paths.
/// 4: a network may be an Ethereum one (scheme `ethereum` and its chain id), which older code
///    cannot read; Moonbeam and Moonriver join the built-in networks.
pub const SCHEMA_VERSION: u32 = 4;

/// `schema_version` (u32 BE), `writes` (u64 BE) and `setting:<name>` entries.
pub const META: &str = "meta";
/// identity id → [`IdentityRecord`]
pub const IDENTITIES: &str = "identities";
/// `name:<lowercase name>` and `root:<root public key>` → identity id: uniqueness.
pub const IDENTITY_INDEX: &str = "identity_index";
/// Schema 1 only: identity id → sealed secret. Emptied when a store moves to schema 2,
/// which keeps sealed secrets in `sealed/` ([`crate::sealed_copies`]).
pub const SECRETS: &str = "secrets";
/// [`AccountKey`] → [`AccountRecord`]
pub const ACCOUNTS: &str = "accounts";
/// identity id ‖ genesis hash ‖ path → account key: one path per network per identity.
pub const ACCOUNT_PATHS: &str = "account_paths";
/// genesis hash → [`NetworkRecord`]
pub const NETWORKS: &str = "networks";
/// sequence number → [`EventRecord`], append-only
pub const HISTORY: &str = "history";
/// identity id → [`LockoutRecord`]: consecutive wrong PINs and the wait still owed
pub const LOCKOUT: &str = "lockout";

pub(crate) const SCHEMA_VERSION_KEY: &[u8] = b"schema_version";
/// How many transactions the store has committed (u64 BE), for [`crate::high_water`].
pub(crate) const WRITES_KEY: &[u8] = b"writes";
pub(crate) const SETTING_PREFIX: &str = "setting:";

/// An identity's id: assigned by the store, never reused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct IdentityId(pub u64);

impl IdentityId {
    pub(crate) fn key(self) -> [u8; 8] {
        self.0.to_be_bytes()
    }

    pub(crate) fn from_key(bytes: &[u8]) -> Option<IdentityId> {
        Some(IdentityId(u64::from_be_bytes(bytes.get(..8)?.try_into().ok()?)))
    }
}

/// A network's identity: its 32-byte genesis hash.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct GenesisHash(#[serde(with = "hex::serde")] pub [u8; 32]);

impl GenesisHash {
    /// Parses `0x` followed by 64 hex digits.
    pub fn from_hex(text: &str) -> Option<GenesisHash> {
        let mut bytes = [0u8; 32];
        hex::decode_to_slice(text.strip_prefix("0x")?, &mut bytes).ok()?;
        Some(GenesisHash(bytes))
    }

    pub fn to_hex(&self) -> String {
        format!("0x{}", hex::encode(self.0))
    }
}

/// Where an account is stored: identity ‖ network ‖ sequence number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AccountKey {
    pub identity: IdentityId,
    pub network: GenesisHash,
    pub sequence: u64,
}

impl AccountKey {
    pub(crate) const LENGTH: usize = 8 + 32 + 8;

    pub(crate) fn to_bytes(self) -> [u8; Self::LENGTH] {
        let mut key = [0u8; Self::LENGTH];
        key[..8].copy_from_slice(&self.identity.key());
        key[8..40].copy_from_slice(&self.network.0);
        key[40..].copy_from_slice(&self.sequence.to_be_bytes());
        key
    }

    pub(crate) fn from_bytes(bytes: &[u8]) -> Option<AccountKey> {
        if bytes.len() != Self::LENGTH {
            return None;
        }
        Some(AccountKey {
            identity: IdentityId::from_key(&bytes[..8])?,
            network: GenesisHash(bytes[8..40].try_into().ok()?),
            sequence: u64::from_be_bytes(bytes[40..].try_into().ok()?),
        })
    }

    /// The prefix of every account of `identity`, or of `identity` on `network`.
    pub(crate) fn prefix(identity: IdentityId, network: Option<GenesisHash>) -> Vec<u8> {
        let mut prefix = identity.key().to_vec();
        if let Some(network) = network {
            prefix.extend_from_slice(&network.0);
        }
        prefix
    }
}

pub(crate) fn account_path_key(identity: IdentityId, network: GenesisHash, path: &str) -> Vec<u8> {
    let mut key = AccountKey::prefix(identity, Some(network));
    key.extend_from_slice(path.as_bytes());
    key
}

pub(crate) fn name_index_key(name: &str) -> Vec<u8> {
    let mut key = b"name:".to_vec();
    key.extend_from_slice(name.to_lowercase().as_bytes());
    key
}

pub(crate) fn root_index_key(root_public: &[u8]) -> Vec<u8> {
    let mut key = b"root:".to_vec();
    key.extend_from_slice(root_public);
    key
}

/// A stored public key from its scheme name and bytes; a clear error naming the record if
/// either is wrong.
pub(crate) fn public_key(tree: &str, key: &[u8], scheme: &str, bytes: &[u8]) -> Result<PublicKey, StoreError> {
    let scheme: Scheme = scheme.parse().map_err(|_| corrupt(tree, key, "unknown key scheme"))?;
    PublicKey::from_bytes(scheme, bytes).ok_or_else(|| corrupt(tree, key, "public key of the wrong length"))
}

/// How an identity's secret came to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IdentityKind {
    /// A BIP39 phrase (and optional BIP39 password): can derive any account.
    Phrase,
    /// One key restored from a JSON backup: cannot derive new accounts.
    ImportedKey,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct IdentityRecord {
    pub name: String,
    pub created_ms: u64,
    pub kind: IdentityKind,
    pub root_scheme: String,
    #[serde(with = "hex::serde")]
    pub root_public: Vec<u8>,
    /// Raised by every change to the identity (its name, its sealed secret), and written to
    /// its sealed copies first: a copy ahead of this record holds a change sled lost.
    #[serde(default)]
    pub generation: u64,
}

/// Where an account came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccountOrigin {
    Derived,
    Imported,
}

/// How an account's key comes from its identity's phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Derivation {
    /// A Substrate path (`//hard/soft`) from the mini secret: sr25519, ed25519, ecdsa. Every
    /// account before schema 3.
    #[default]
    Substrate,
    /// A BIP44 path (`m/44'/60'/0'/0/0`) over secp256k1 from the standard BIP39 seed: the
    /// Ethereum accounts of Moonbeam and MetaMask.
    Bip44Secp256k1,
    /// A BIP32-Ed25519 path, every index hardened (`m/44'/354'/0'/0'/0'`), as a Ledger derives.
    LedgerBip32Ed25519,
}

impl Derivation {
    pub fn as_str(self) -> &'static str {
        match self {
            Derivation::Substrate => "substrate",
            Derivation::Bip44Secp256k1 => "bip44_secp256k1",
            Derivation::LedgerBip32Ed25519 => "ledger_bip32_ed25519",
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct AccountRecord {
    pub name: String,
    /// The derivation path without its `///password`.
    pub path: String,
    /// What kind of path `path` is (absent before schema 3: a Substrate path).
    #[serde(default)]
    pub derivation: Derivation,
    pub has_password: bool,
    pub scheme: String,
    #[serde(with = "hex::serde")]
    pub public_key: Vec<u8>,
    pub created_ms: u64,
    pub origin: AccountOrigin,
    /// When its secret key last left the app in a backup file (absent in older records).
    #[serde(default)]
    pub exported_ms: Option<u64>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct NetworkRecord {
    pub name: String,
    pub ss58_prefix: u16,
    pub path_id: String,
    pub scheme: String,
    /// The EIP-155 chain id of an Ethereum network (scheme `ethereum`); absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chain_id: Option<u64>,
    /// The BIP44 coin type a Ledger uses for this network, when it is not Polkadot's 354.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ledger_coin: Option<u32>,
    pub colour: String,
    pub unit: String,
    pub decimals: u8,
    pub builtin: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct LockoutRecord {
    pub failures: u32,
    /// The wait still owed before the next attempt, spent only in monotonic time while the
    /// app runs ([`crate::lockout`]); absent in records of older versions: the full wait.
    #[serde(default)]
    pub owed_ms: Option<u64>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct EventRecord {
    pub time_ms: u64,
    pub kind: crate::history::EventKind,
    /// The identity's name at the time: shown as it was, and all that is left of a deleted one.
    pub identity: Option<String>,
    /// Which identity, whatever it is called later. Absent in records of versions before it
    /// was stored ([`crate::Store::history_of`] places those by name); older versions ignore
    /// it, so the schema version stays.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity_id: Option<IdentityId>,
    pub detail: String,
}
