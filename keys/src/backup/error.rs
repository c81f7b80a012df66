//! Why a backup file could not be read or written. Messages never quote the password or
//! anything decrypted; they name the field at fault so the user knows what is wrong.

/// Why a polkadot-js JSON backup could not be opened.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum BackupError {
    /// The password did not open the file (or the encrypted part was changed after it was written).
    #[error("wrong password for this backup file (or its encrypted part was changed after it was written)")]
    WrongPassword,
    /// A password was given for a file that is not encrypted.
    #[error("this backup file is not encrypted: open it without a password")]
    NotEncrypted,
    /// The file is encrypted and no password was given.
    #[error("this backup file is encrypted: its password is required")]
    PasswordRequired,
    /// The scrypt parameters are not one of the presets polkadot-js accepts. Refused before
    /// any scrypt work, so a crafted file cannot make us spend memory or time.
    #[error("this file asks for scrypt N = {n}, p = {p}, r = {r}, which is not one of the accepted presets (N = 2^15 with p = 1 or 3, N = 2^16 with p = 2, N = 2^17 with p = 1; r = 8)")]
    UnsupportedKdfParams { n: u32, p: u32, r: u32 },
    /// A field is missing or not what the format says.
    #[error("this is not a readable backup file: {field}: {problem}")]
    Malformed { field: &'static str, problem: String },
    /// The key inside belongs to another address than the file's `address` says.
    #[error("the file says it holds {stated}, but the key inside is {actual}: the file was relabelled or damaged, so nothing was restored")]
    AddressMismatch { stated: String, actual: String },
    /// A key type we do not hold (e.g. ethereum) or do not know.
    #[error("this file holds a key of type {found:?}; AXIA Signer supports sr25519, ed25519 and ecdsa")]
    UnsupportedKeyType { found: String },
    /// A format version we do not read.
    #[error("this file is backup format version {found:?}; AXIA Signer reads versions 0 to 3")]
    UnsupportedVersion { found: String },
    /// A batch file given where one account was expected (or the other way round).
    #[error("this file holds {found}, not {expected}")]
    WrongKind { found: &'static str, expected: &'static str },
}

impl BackupError {
    /// A stable name for scripts (`{"error":{"kind":…}}`).
    pub fn kind(&self) -> &'static str {
        match self {
            BackupError::WrongPassword | BackupError::NotEncrypted => "wrong_password",
            BackupError::PasswordRequired => "password_required",
            BackupError::UnsupportedKdfParams { .. } => "unsupported_kdf_params",
            BackupError::Malformed { .. } | BackupError::WrongKind { .. } => "malformed",
            BackupError::AddressMismatch { .. } => "address_mismatch",
            BackupError::UnsupportedKeyType { .. } => "unsupported_key_type",
            BackupError::UnsupportedVersion { .. } => "unsupported_version",
        }
    }

    pub(crate) fn malformed(field: &'static str, problem: impl Into<String>) -> Self {
        BackupError::Malformed { field, problem: problem.into() }
    }
}

/// Why a backup could not be written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ExportError {
    /// The backup password has fewer than `min` characters: choose a longer one.
    #[error("a backup password needs at least {min} characters")]
    PasswordTooShort { min: usize },
    /// Nothing was chosen to export: choose at least one account.
    #[error("there are no accounts to export")]
    Empty,
    /// The scrypt parameters are not among [`crate::ScryptParams::ACCEPTED`], so the file
    /// might not be read back: use [`crate::ScryptParams::COMPATIBLE`] or
    /// [`crate::ScryptParams::STRONG`].
    #[error("these scrypt parameters are not ones every reader accepts")]
    UnsupportedParams,
    /// An Ethereum file was asked for a key that is not a secp256k1 (ecdsa) key.
    #[error("only a secp256k1 key can be written as an Ethereum account")]
    NotEthereum,
}

impl ExportError {
    pub fn kind(&self) -> &'static str {
        match self {
            ExportError::PasswordTooShort { .. } => "password_too_short",
            ExportError::Empty => "nothing_to_export",
            ExportError::UnsupportedParams => "unsupported_kdf_params",
            ExportError::NotEthereum => "unsupported_key_type",
        }
    }
}
