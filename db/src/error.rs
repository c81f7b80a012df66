//! Errors shared by every operation: the disk failed, or a record could not be read.

/// Storage failed underneath an operation. Nothing was changed when this is returned
/// from a write: every write is one transaction.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// The disk or the file system failed (full, read-only, permissions): fix that and retry.
    #[error("the database could not be read or written: {0}")]
    Io(String),
    /// A record that does not decode. The store never deletes or rewrites it.
    #[error("the database is damaged: {0}; nothing was changed")]
    Corrupt(String),
}

impl From<sled::Error> for StoreError {
    fn from(error: sled::Error) -> Self {
        match error {
            sled::Error::Corruption { .. } => {
                StoreError::Corrupt("a message in the database log (the file db) does not match its checksum".into())
            }
            other => StoreError::Io(other.to_string()),
        }
    }
}

impl From<std::io::Error> for StoreError {
    fn from(error: std::io::Error) -> Self {
        StoreError::Io(error.to_string())
    }
}

/// Why the store did not open.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum OpenError {
    /// Another process (or another store in this one) has the database open: close it.
    #[error("the database at {path} is in use by another AXIA Signer process; close it and try again")]
    InUse { path: String },
    /// Written by a newer version of the app: update the app; nothing was touched.
    #[error("the database was written by a newer AXIA Signer (schema {found}; this version reads up to {supported}); update the app, nothing was changed")]
    SchemaTooNew { found: u32, supported: u32 },
    /// One of the store's files is damaged (a failing disk, a bad copy). Every file is
    /// exactly as it was. The identities' sealed copies can rebuild the store
    /// (`axia-signer store rebuild`, [`crate::Store::rebuild`]).
    #[error("the store's file {file} is damaged ({reason}); nothing was changed. Your identities are safe in their sealed copies ({sealed}): keep a copy of the whole folder, then run `axia-signer store rebuild` to set the damaged files aside and rebuild every identity from those copies (accounts added after an identity was created must then be added again), or put back a backup of the folder")]
    Damaged { file: String, reason: String, sealed: String },
    /// `store rebuild` on a store that opens: there is nothing to rebuild, and a rebuild
    /// would start a new log (losing later accounts and the wrong-PIN counts).
    #[error("the store opens and is not damaged: there is nothing to rebuild")]
    NotDamaged,
    /// The argon2 parameters asked for new seals are invalid or above the cap: records
    /// sealed with them could never be opened. The error names the parameter and its
    /// bound: fix [`crate::StoreOptions::kdf`] (or use [`crate::KdfParams::DEFAULT`]).
    #[error("invalid sealing parameters: {0}")]
    InvalidOptions(crate::seal::KdfParamsError),
    /// Reading or writing failed underneath the open.
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
