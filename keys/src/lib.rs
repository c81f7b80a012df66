//! AXIA Signer's key core: seed phrases, derivation paths, sr25519/ed25519/ecdsa keys and SS58
//! addresses, byte-exact with polkadot-js. No UI and no storage in here.
//!
//! Every secret lives in a type from [`secret`] (or wraps one) that zeroizes on drop and
//! never prints. Errors never carry secret material.

pub mod backup;
pub mod banana;
pub mod bip32;
mod ecdsa;
mod ed25519;
mod hash;
pub mod inspect;
pub mod path;
pub mod phrase;
pub mod repair;
pub mod scheme;
pub mod search;
pub mod secret;
pub mod signature;
mod sr25519;
pub mod ss58;
pub mod uri;

pub use backup::{BackupError, BackupFile, ExportError, ScryptParams};
pub use bip32::{Bip32Path, Bip39Seed, EthereumAddress, EthereumKey, EthereumUri};
pub use inspect::{inspect, InspectError, Inspection};
pub use path::{DerivationPath, Junction, PathError};
pub use phrase::{suggest, Phrase, PhraseError, PhraseLength};
pub use scheme::{AccountId, DeriveError, Keypair, PublicKey, Scheme, UnknownScheme};
pub use secret::{Password, SecretBytes, SecretText, Seed};
pub use signature::Signature;
pub use ss58::{Ss58Error, Ss58Prefix, UnknownNetwork};
pub use uri::{RootSecret, SecretUri, UriError, DEV_PHRASE};

impl PhraseError {
    pub fn kind(&self) -> &'static str {
        match self {
            PhraseError::UnknownWord { .. } | PhraseError::NotLowercase { .. } => "unknown_word",
            PhraseError::BadChecksum => "bad_checksum",
            PhraseError::ExtraWhitespace | PhraseError::WordCount { .. } => "invalid_phrase",
        }
    }
}

impl UriError {
    pub fn kind(&self) -> &'static str {
        match self {
            UriError::TooLong { .. } => "input_too_long",
            UriError::Empty | UriError::MissingPhrase | UriError::NotAPhraseOrSeed => "invalid_phrase",
            UriError::Phrase(error) => error.kind(),
            UriError::InvalidSeed | UriError::PasswordWithSeed => "invalid_seed",
            UriError::Path(_) => "invalid_path",
        }
    }
}

impl DeriveError {
    pub fn kind(&self) -> &'static str {
        match self {
            DeriveError::SoftJunctionUnsupported { .. } => "soft_derivation_unsupported",
            DeriveError::InvalidSeed { .. } => "invalid_seed",
        }
    }
}
