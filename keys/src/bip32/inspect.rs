//! What `inspect` reports for the two account types that start from the BIP39 seed:
//! `ethereum` (an EIP-55 H160 address) and `ed25519-ledger` (an ordinary ed25519 account).

use super::{
    EthereumAddress, EthereumDeriveError, EthereumUri, EthereumUriError, LedgerError, LedgerUri, LedgerUriError,
};
use crate::inspect::Inspection;
use crate::ss58::{self, Ss58Prefix};

/// The public side of an Ethereum account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EthereumInspection {
    /// The compressed secp256k1 public key (33 bytes), as polkadot-js shows it.
    pub public_key: [u8; 33],
    pub address: EthereumAddress,
}

/// Why an Ethereum or Ledger URI gave no account. No variant carries the phrase.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Bip32InspectError {
    /// Not a phrase with an Ethereum path: see [`EthereumUriError`] for what to fix.
    #[error(transparent)]
    EthereumUri(#[from] EthereumUriError),
    /// BIP32's near-impossible invalid key: use another phrase or index.
    #[error(transparent)]
    Ethereum(#[from] EthereumDeriveError),
    /// Not a Ledger's words and path: see [`LedgerUriError`].
    #[error(transparent)]
    LedgerUri(#[from] LedgerUriError),
    /// A Ledger account needs 12 or 24 words and a path below `m`.
    #[error(transparent)]
    Ledger(#[from] LedgerError),
    /// A stored BIP32 path that does not parse (a damaged entry).
    #[error(transparent)]
    Path(#[from] super::Bip32PathError),
}

impl Bip32InspectError {
    /// A stable snake_case name for scripts.
    pub fn kind(&self) -> &'static str {
        use Bip32InspectError as E;
        match self {
            E::EthereumUri(EthereumUriError::Uri(error)) => error.kind(),
            E::LedgerUri(LedgerUriError::Phrase(error)) => error.kind(),
            E::EthereumUri(EthereumUriError::PasswordIgnored) | E::LedgerUri(LedgerUriError::TriplePassword) => {
                "invalid_password"
            }
            E::EthereumUri(EthereumUriError::PrivateKeyNotPhrase) | E::Ledger(LedgerError::WordCount { .. }) => {
                "invalid_phrase"
            }
            E::Ethereum(_) => "invalid_key",
            E::EthereumUri(_) | E::LedgerUri(_) | E::Ledger(_) | E::Path(_) => "invalid_path",
        }
    }
}

/// The Ethereum account `<phrase>/m/44'/60'/0'/0/0` names.
pub fn inspect_ethereum(uri: &str) -> Result<EthereumInspection, Bip32InspectError> {
    let key = EthereumUri::parse(uri)?.derive()?;
    Ok(EthereumInspection { public_key: *key.public_key(), address: key.address() })
}

/// The Ledger account `<words>[ <25th word>]/m/44'/354'/0'/0'/0'` names, its address under
/// `prefix`.
pub fn inspect_ledger(uri: &str, prefix: Ss58Prefix) -> Result<Inspection, Bip32InspectError> {
    let uri = LedgerUri::parse(uri)?;
    let public_key = super::ledger_keypair(&uri.phrase, &uri.password, &uri.path)?.public();
    let account_id = public_key.account_id();
    Ok(Inspection { public_key, account_id, prefix, address: ss58::encode(prefix, &account_id) })
}
