//! The network catalogue: the built-in networks written on first open, and the ones a
//! user adds (an AXIACoin chain, say), each checked before it is stored.

use axia_signer_keys::{ss58, Scheme, Ss58Error, Ss58Prefix};

use crate::error::StoreError;
use crate::names::{self, NameError, MAX_NAME_CHARS};
use crate::schema::{Derivation, GenesisHash, NetworkRecord};

/// How a network's accounts are made and addressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NetworkScheme {
    /// Substrate accounts of this key type at `//<path id>`-style paths, SS58 addresses.
    Substrate(Scheme),
    /// Ethereum accounts (Moonbeam, MetaMask): BIP44 secp256k1 keys at `m/44'/60'/0'/0/<i>`,
    /// EIP-55 H160 addresses, and the chain's EIP-155 id for its QR codes.
    Ethereum { chain_id: u64 },
}

impl NetworkScheme {
    /// The name stored and shown: a key type, or `ethereum`.
    pub fn as_str(self) -> &'static str {
        match self {
            NetworkScheme::Substrate(scheme) => scheme.as_str(),
            NetworkScheme::Ethereum { .. } => "ethereum",
        }
    }

    /// How this network's accounts are derived from a phrase.
    pub fn derivation(self) -> Derivation {
        match self {
            NetworkScheme::Substrate(_) => Derivation::Substrate,
            NetworkScheme::Ethereum { .. } => Derivation::Bip44Secp256k1,
        }
    }

    /// The key type of its accounts: Ethereum keys are secp256k1, the `ecdsa` key type.
    pub fn key_type(self) -> Scheme {
        match self {
            NetworkScheme::Substrate(scheme) => scheme,
            NetworkScheme::Ethereum { .. } => Scheme::Ecdsa,
        }
    }

    /// An Ethereum network's EIP-155 chain id.
    pub fn chain_id(self) -> Option<u64> {
        match self {
            NetworkScheme::Ethereum { chain_id } => Some(chain_id),
            NetworkScheme::Substrate(_) => None,
        }
    }

    /// From a scheme's name and, for `ethereum`, the chain id it needs; `None` if either is
    /// missing or unknown.
    pub fn from_parts(scheme: &str, chain_id: Option<u64>) -> Option<NetworkScheme> {
        match (scheme.trim().to_ascii_lowercase().as_str(), chain_id) {
            ("ethereum", Some(chain_id)) => Some(NetworkScheme::Ethereum { chain_id }),
            ("ethereum", None) => None,
            (other, _) => other.parse().ok().map(NetworkScheme::Substrate),
        }
    }
}

/// A network accounts can live on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Network {
    pub genesis_hash: GenesisHash,
    pub name: String,
    pub ss58_prefix: Ss58Prefix,
    /// The first junction of its accounts' paths: `//<path id>`.
    pub path_id: String,
    pub scheme: NetworkScheme,
    /// The BIP44 coin type of its accounts on a Ledger (see [`Network::ledger_coin`]).
    pub ledger_coin: Option<u32>,
    /// `#rrggbb`, for the app.
    pub colour: String,
    pub unit: String,
    pub decimals: u8,
    /// Shipped with the app (cannot be removed).
    pub builtin: bool,
}

impl Network {
    /// The SS58 registry's name for this network's prefix, if it has one.
    pub fn registry_name(&self) -> Option<String> {
        ss58::network_name(self.ss58_prefix)
    }

    /// An Ethereum network (Moonbeam): BIP44 secp256k1 accounts, `0x` addresses.
    pub fn is_ethereum(&self) -> bool {
        matches!(self.scheme, NetworkScheme::Ethereum { .. })
    }

    /// The id of its accounts' `//<path id>` junction: a Substrate network's only, since an
    /// Ethereum network's accounts are not on Substrate paths (searches skip it).
    pub fn substrate_path_id(&self) -> Option<&str> {
        (!self.is_ethereum()).then_some(self.path_id.as_str())
    }

    /// The BIP44 coin type a Ledger derives this network's accounts under: the network's
    /// own (Kusama's 434), else Polkadot's 354, which Ledger's generic Polkadot app uses
    /// for every other chain.
    pub fn ledger_coin(&self) -> u32 {
        self.ledger_coin.unwrap_or(POLKADOT_LEDGER_COIN)
    }

    pub(crate) fn to_record(&self) -> NetworkRecord {
        NetworkRecord {
            name: self.name.clone(),
            ss58_prefix: self.ss58_prefix.value(),
            path_id: self.path_id.clone(),
            scheme: self.scheme.as_str().to_owned(),
            chain_id: self.scheme.chain_id(),
            ledger_coin: self.ledger_coin,
            colour: self.colour.clone(),
            unit: self.unit.clone(),
            decimals: self.decimals,
            builtin: self.builtin,
        }
    }

    pub(crate) fn from_record(genesis_hash: GenesisHash, record: NetworkRecord) -> Result<Network, StoreError> {
        let bad = |what: &str| StoreError::Corrupt(format!("network {}: {what}", genesis_hash.to_hex()));
        Ok(Network {
            genesis_hash,
            ss58_prefix: Ss58Prefix::new(u32::from(record.ss58_prefix)).map_err(|e| bad(&e.to_string()))?,
            scheme: NetworkScheme::from_parts(&record.scheme, record.chain_id).ok_or_else(|| bad("unknown scheme"))?,
            ledger_coin: record.ledger_coin,
            name: record.name,
            path_id: record.path_id,
            colour: record.colour,
            unit: record.unit,
            decimals: record.decimals,
            builtin: record.builtin,
        })
    }
}

/// A network the user wants to add, as typed.
#[derive(Debug, Clone)]
pub struct NewNetwork {
    pub name: String,
    pub ss58_prefix: u32,
    /// `0x` + 64 hex digits.
    pub genesis_hash: String,
    pub path_id: String,
    pub scheme: NetworkScheme,
    /// The BIP44 coin type its Ledger app uses; `None` for Polkadot's 354.
    pub ledger_coin: Option<u32>,
    pub unit: String,
    pub decimals: u8,
    /// `#rrggbb`; empty for a neutral grey.
    pub colour: String,
}

/// Why a network could not be added or removed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum NetworkError {
    /// The network's name is empty or only spaces: give it a name.
    #[error("give the network a name")]
    EmptyName,
    /// The name breaks the rule every name keeps ([`crate::names`]).
    #[error("the network name is not usable: {0}")]
    InvalidName(NameError),
    /// Another network (`existing`) has this name, ignoring case: choose another.
    #[error("there is already a network named {existing:?}")]
    DuplicateName { existing: String },
    /// The SS58 prefix is reserved or out of range: take the chain's own, from its registry.
    #[error("invalid SS58 prefix: {0}")]
    InvalidPrefix(Ss58Error),
    /// The genesis hash is not `0x` and 64 hex digits: copy it again from the chain.
    #[error("the genesis hash must be 0x followed by 64 hex digits (32 bytes)")]
    InvalidGenesisHash,
    /// The catalogue already has this chain, as `existing`: use that network.
    #[error("this genesis hash is already the network {existing:?}")]
    DuplicateGenesisHash { existing: String },
    /// The path id has characters other than lowercase letters, digits and `-`: choose another.
    #[error("the path id may only have lowercase letters, digits and '-' (like axiacoin or my-chain)")]
    InvalidPathId,
    /// Another network (`existing`) has this path id: choose another, so paths stay distinct.
    #[error("the path id {path_id:?} is already used by {existing:?}")]
    DuplicatePathId { path_id: String, existing: String },
    /// The unit is empty, too long or has a control or direction character: write it like `DOT`.
    #[error("give the unit a short name (1 to {MAX_UNIT_CHARS} characters, no control or direction characters)")]
    InvalidUnit,
    /// A Ledger coin type for an Ethereum network, whose accounts are MetaMask's: leave it out.
    #[error("an Ethereum network has no Ledger coin type: leave it out")]
    LedgerCoinOnEthereum,
    /// More than 30 decimals: take the chain's own number.
    #[error("a token has at most 30 decimals")]
    TooManyDecimals,
    /// The colour is not `#` and six hex digits: write it like `#e6007a`, or leave it empty.
    #[error("the colour must look like #e6007a")]
    InvalidColour,
    /// The network is not in the catalogue (removed meanwhile): list the networks again.
    #[error("no such network")]
    UnknownNetwork,
    /// A built-in network cannot be removed; nothing was changed.
    #[error("{name} is built in and cannot be removed")]
    Builtin { name: String },
    /// Accounts still use the network: it stays until the identities holding them are deleted.
    #[error("{name} still has {accounts} account(s); remove them first")]
    HasAccounts { name: String, accounts: usize },
    /// Reading or writing failed underneath; nothing was changed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

const NEUTRAL_COLOUR: &str = "#8e8e93";
/// Polkadot's BIP44 coin type (SLIP-44), which a Ledger uses unless a network has its own.
pub const POLKADOT_LEDGER_COIN: u32 = 354;
/// The longest unit name ("DOT", "KSM").
pub const MAX_UNIT_CHARS: usize = 12;

impl NewNetwork {
    /// Checks every field on its own; uniqueness against the catalogue is the store's job.
    pub(crate) fn validate(&self) -> Result<Network, NetworkError> {
        let name = match names::check(&self.name, MAX_NAME_CHARS) {
            Ok(name) => name,
            Err(NameError::Empty) => return Err(NetworkError::EmptyName),
            Err(problem) => return Err(NetworkError::InvalidName(problem)),
        };
        let ss58_prefix = Ss58Prefix::new(self.ss58_prefix).map_err(NetworkError::InvalidPrefix)?;
        let genesis_hash = GenesisHash::from_hex(self.genesis_hash.trim()).ok_or(NetworkError::InvalidGenesisHash)?;
        let path_id = self.path_id.trim();
        if path_id.is_empty() || !path_id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') {
            return Err(NetworkError::InvalidPathId);
        }
        let unit = names::check(&self.unit, MAX_UNIT_CHARS).map_err(|_| NetworkError::InvalidUnit)?;
        if self.decimals > 30 {
            return Err(NetworkError::TooManyDecimals);
        }
        if matches!(self.scheme, NetworkScheme::Ethereum { .. }) && self.ledger_coin.is_some() {
            return Err(NetworkError::LedgerCoinOnEthereum);
        }
        let colour = match self.colour.trim() {
            "" => NEUTRAL_COLOUR.to_owned(),
            c if c.len() == 7 && c.starts_with('#') && c[1..].bytes().all(|b| b.is_ascii_hexdigit()) => {
                c.to_lowercase()
            }
            _ => return Err(NetworkError::InvalidColour),
        };
        Ok(Network {
            genesis_hash,
            name: name.to_owned(),
            ss58_prefix,
            path_id: path_id.to_owned(),
            scheme: self.scheme,
            ledger_coin: self.ledger_coin,
            colour,
            unit: unit.to_owned(),
            decimals: self.decimals,
            builtin: false,
        })
    }
}

/// The networks every new store starts with. Genesis hashes are the chains' block 0.
pub fn builtin_networks() -> Vec<Network> {
    let substrate = NetworkScheme::Substrate(Scheme::Sr25519);
    let network = |name: &str, prefix: u32, genesis: &str, path_id: &str, colour: &str, unit: &str, decimals| Network {
        genesis_hash: GenesisHash::from_hex(genesis).expect("built-in genesis hashes are valid"),
        name: name.to_owned(),
        ss58_prefix: Ss58Prefix::new(prefix).expect("built-in prefixes are valid"),
        path_id: path_id.to_owned(),
        scheme: substrate,
        ledger_coin: None,
        colour: colour.to_owned(),
        unit: unit.to_owned(),
        decimals,
        builtin: true,
    };
    vec![
        network(
            "Polkadot",
            0,
            "0x91b171bb158e2d3848fa23a9f1c25182fb8e20313b2c1eb49219da7a70ce90c3",
            "polkadot",
            "#e6007a",
            "DOT",
            10,
        ),
        Network {
            ledger_coin: Some(434),
            ..network(
                "Kusama",
                2,
                "0xb0a8d493285c2df73290dfb7e61f870f17b41801197a149ca93654499ea3dafe",
                "kusama",
                "#000000",
                "KSM",
                12,
            )
        },
        network(
            "Westend",
            42,
            "0xe143f23803ac50e8f6f8e62695d1ce9e4e1d68aa36c1cd2cfd15340213f3423e",
            "westend",
            "#da68a7",
            "WND",
            12,
        ),
        // Moonbeam's and Moonriver's EVM chain ids are their SS58 prefixes.
        Network {
            scheme: NetworkScheme::Ethereum { chain_id: 1284 },
            ..network(
                "Moonbeam",
                1284,
                "0xfe58ea77779b7abda7da4ec526d14db9b1e9cd40a217c34892af80a9b332b76d",
                "moonbeam",
                "#53cbc9",
                "GLMR",
                18,
            )
        },
        Network {
            scheme: NetworkScheme::Ethereum { chain_id: 1285 },
            ..network(
                "Moonriver",
                1285,
                "0x401a1f9dca3da46f5c4091016c8a2f26dcea05865116b286f60f668207d1474b",
                "moonriver",
                "#f2b705",
                "MOVR",
                18,
            )
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn axiacoin() -> NewNetwork {
        NewNetwork {
            name: "AXIACoin".into(),
            ss58_prefix: 2007,
            genesis_hash: format!("0x{}", "ab".repeat(32)),
            path_id: "axiacoin".into(),
            scheme: NetworkScheme::Substrate(Scheme::Sr25519),
            ledger_coin: None,
            unit: "AXC".into(),
            decimals: 18,
            colour: "#1E90FF".into(),
        }
    }

    #[test]
    fn a_valid_network_passes_and_is_tidied() {
        let network = axiacoin().validate().unwrap();
        assert_eq!(network.colour, "#1e90ff");
        assert_eq!(network.ss58_prefix.value(), 2007);
    }

    #[test]
    fn each_field_is_checked_with_its_own_error() {
        type Change = Box<dyn Fn(&mut NewNetwork)>;
        let cases: Vec<(Change, NetworkError)> = vec![
            (Box::new(|n| n.name = "  ".into()), NetworkError::EmptyName),
            (Box::new(|n| n.ss58_prefix = 46), NetworkError::InvalidPrefix(Ss58Error::ReservedPrefix { prefix: 46 })),
            (
                Box::new(|n| n.ss58_prefix = 16384),
                NetworkError::InvalidPrefix(Ss58Error::PrefixOutOfRange { prefix: 16384 }),
            ),
            (Box::new(|n| n.genesis_hash = "0x1234".into()), NetworkError::InvalidGenesisHash),
            (Box::new(|n| n.path_id = "AXIA coin".into()), NetworkError::InvalidPathId),
            (Box::new(|n| n.path_id = "".into()), NetworkError::InvalidPathId),
            (Box::new(|n| n.unit = "".into()), NetworkError::InvalidUnit),
            (Box::new(|n| n.unit = "DOT\u{7}".into()), NetworkError::InvalidUnit),
            (Box::new(|n| n.unit = "\u{202E}TOD".into()), NetworkError::InvalidUnit),
            (Box::new(|n| n.unit = "U".repeat(13)), NetworkError::InvalidUnit),
            (Box::new(|n| n.name = "Evil\u{1b}[2J".into()), NetworkError::InvalidName(NameError::ControlCharacter)),
            (Box::new(|n| n.name = "Evil\u{202E}".into()), NetworkError::InvalidName(NameError::BidiControl)),
            (Box::new(|n| n.name = "N".repeat(65)), NetworkError::InvalidName(NameError::TooLong { max: 64 })),
            (Box::new(|n| n.decimals = 31), NetworkError::TooManyDecimals),
            (Box::new(|n| n.colour = "blue".into()), NetworkError::InvalidColour),
        ];
        for (change, expected) in cases {
            let mut network = axiacoin();
            change(&mut network);
            assert_eq!(network.validate().unwrap_err(), expected);
        }
    }

    #[test]
    fn builtin_networks_have_their_real_prefixes_and_registry_names() {
        let names: Vec<(String, u16, Option<String>)> =
            builtin_networks().iter().map(|n| (n.name.clone(), n.ss58_prefix.value(), n.registry_name())).collect();
        assert_eq!(names[0], ("Polkadot".into(), 0, Some("polkadot".into())));
        assert_eq!(names[1], ("Kusama".into(), 2, Some("kusama".into())));
        assert_eq!(names[2].1, 42);
    }
}
