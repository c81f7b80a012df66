//! "Show recovery phrase", for the app and `axia-signer identity show-phrase` alike: the
//! showing is written to the identity's history first, and a phrase whose showing cannot be
//! logged is not shown.

use crate::db::{EventKind, IdentityId, IdentitySecret, Store, StoreError};
use crate::keys::{Password, Phrase};

/// Why the phrase is not shown.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ShowPhraseError {
    /// The identity holds one key restored from a backup file: there are no words to show.
    /// Export the account to a backup file instead.
    #[error("this identity holds one key restored from a backup file: it has no recovery phrase to show")]
    NotAPhrase,
    /// The history entry could not be written, so the phrase stays hidden; the store says why
    /// (a full disk, a damaged store).
    #[error("the phrase was not shown, as its showing could not be written to the history: {0}")]
    Store(#[from] StoreError),
}

/// The phrase of an unlocked identity, and its BIP39 password (which the user also needs),
/// once the showing is in its history.
pub fn reveal(store: &Store, id: IdentityId, secret: IdentitySecret) -> Result<(Phrase, Password), ShowPhraseError> {
    let IdentitySecret::Phrase { phrase, password } = secret else { return Err(ShowPhraseError::NotAPhrase) };
    store.record_event(EventKind::PhraseShown, Some(id), "")?;
    Ok((phrase, password))
}
