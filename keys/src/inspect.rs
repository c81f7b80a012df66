//! What `inspect` reports for a secret URI: the account's keys and address, no secret.

use super::scheme::{AccountId, DeriveError, Keypair, PublicKey, Scheme};
use super::ss58::{self, Ss58Prefix};
use super::uri::{SecretUri, UriError};

/// The public side of an account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inspection {
    pub public_key: PublicKey,
    pub account_id: AccountId,
    pub prefix: Ss58Prefix,
    pub address: String,
}

/// Why a URI could not be inspected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum InspectError {
    /// The secret URI was refused: see [`UriError`] for what to fix.
    #[error(transparent)]
    Uri(#[from] UriError),
    /// The key could not be derived: a soft junction (`/`) on an ed25519 or ecdsa key (use
    /// `//`), or a seed that is no valid ecdsa key ([`DeriveError`]).
    #[error(transparent)]
    Derive(#[from] DeriveError),
}

impl InspectError {
    /// A stable snake_case name for scripts (the `kind` of the command line's JSON errors).
    pub fn kind(&self) -> &'static str {
        match self {
            InspectError::Uri(error) => error.kind(),
            InspectError::Derive(error) => error.kind(),
        }
    }
}

/// Derives the account a URI names, for `scheme`, with its address under `prefix`.
pub fn inspect(uri: &str, scheme: Scheme, prefix: Ss58Prefix) -> Result<Inspection, InspectError> {
    let uri = SecretUri::parse(uri)?;
    let root = Keypair::from_seed(scheme, &uri.root_seed())?;
    let public_key = root.derive(&uri.path)?.public();
    let account_id = public_key.account_id();
    Ok(Inspection { public_key, account_id, prefix, address: ss58::encode(prefix, &account_id) })
}
