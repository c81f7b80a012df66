//! Errors shared by every operation: the disk failed, or a record could not be read.

/// Storage failed underneath an operation. Nothing was changed when this is returned
/// from a write: every write is one transaction.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    #[error("the database could not be read or written: {0}")]
    Io(String),
    /// A record that does not decode. The store never deletes or rewrites it.
    #[error("the database is damaged: {0}; nothing was changed")]
    Corrupt(String),
}

impl From<sled::Error> for StoreError {
    fn from(error: sled::Error) -> Self {
        match error {
            sled::Error::Corruption { at, .. } => StoreError::Corrupt(format!("sled reports corruption at {at:?}")),
            other => StoreError::Io(other.to_string()),
        }
    }
}

/// Why the store did not open.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum OpenError {
    #[error("the database at {path} is in use by another AXIA Signer process; close it and try again")]
    InUse { path: String },
    #[error("the database was written by a newer AXIA Signer (schema {found}; this version reads up to {supported}); update the app, nothing was changed")]
    SchemaTooNew { found: u32, supported: u32 },
    /// The argon2 parameters asked for new seals are invalid or above the cap: records
    /// sealed with them could never be opened.
    #[error("invalid sealing parameters: {0}")]
    InvalidOptions(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sled::Error> for OpenError {
    fn from(error: sled::Error) -> Self {
        OpenError::Store(error.into())
    }
}

/// A record that failed to decode, named by tree and key.
pub(crate) fn corrupt(tree: &str, key: &[u8], detail: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(format!("record {} in {tree} is unreadable ({detail})", hex::encode(key)))
}
