//! "Recover from paper shares" in the app: shares added one at a time (a photo or scan's
//! path, or the QR text pasted), each checked against the first at once; then the passphrase.
//! The phrase found goes to the recover screen, and the usual steps (PIN, network) store it.

use std::path::Path;

use super::scan::{self, ScanError};
use super::{recovered_phrase, CombineError};
use crate::keys::banana::{BananaError, Passphrase, ShareSet};
use crate::keys::Phrase;

/// What the screen says before anything is added.
pub const INTRO: &str = "Add the shares one at a time: open a photo or scan of the page (PNG or JPEG), type its \
path, or paste the text of its QR code. Then type the four-word passphrase.";

/// Why a share was not added. Each says what to do; the set so far is kept.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AddShareError {
    /// Nothing was typed: type the path of a photo, or paste the share's text.
    #[error("type the path of a share's photo, or paste its text")]
    Empty,
    /// The file could not be read, or holds no readable share.
    #[error(transparent)]
    Scan(#[from] ScanError),
    /// Not a share, or a share that cannot belong with those added (another set, a repeat).
    #[error(transparent)]
    Share(#[from] BananaError),
}

/// A share's QR text from what was typed: the text itself, or the file at that path. Reads
/// and decodes images: on the worker.
pub fn share_text(typed: &str) -> Result<String, AddShareError> {
    let typed = typed.trim();
    if typed.starts_with('{') {
        return Ok(typed.to_owned());
    }
    if typed.is_empty() {
        return Err(AddShareError::Empty);
    }
    Ok(scan::share_text(Path::new(typed))?)
}

/// The shares added so far.
#[derive(Default)]
pub struct Gathering {
    set: ShareSet,
}

impl Gathering {
    /// Adds a share's text, if it can belong with those before it.
    pub fn add(&mut self, text: &str) -> Result<(), AddShareError> {
        Ok(self.set.add_text(text)?)
    }

    /// Whether enough shares are in for the passphrase.
    pub fn is_complete(&self) -> bool {
        self.set.is_complete()
    }

    /// The shares, for opening on the worker.
    pub fn shares(&self) -> ShareSet {
        self.set.clone()
    }

    /// "“Savings”: 2 of 3 shares added." and what to do next; empty before the first.
    pub fn status(&self) -> String {
        let (have, need) = self.set.count();
        match self.set.title() {
            None => String::new(),
            Some(title) if have < need => format!("“{title}”: {have} of {need} shares added. Add another."),
            Some(title) => format!("“{title}”: {have} of {need} shares added. Type the passphrase."),
        }
    }
}

/// The phrase the shares hold, from the passphrase as typed (spaces or dashes, any case),
/// and their title. Runs scrypt: on the worker.
pub fn open(set: &ShareSet, typed: &str) -> Result<(Phrase, String), CombineError> {
    let phrase = recovered_phrase(set, &Passphrase::typed(typed))?;
    Ok((phrase, set.title().unwrap_or_default().to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::banana::split;

    const DEV: &str = "bottom drive obey lake curtain smoke basket hold race lonely fit walk";

    #[test]
    fn shares_are_counted_checked_and_opened() {
        let passphrase = Passphrase::generate();
        let shares = split(DEV, "Savings", &passphrase, 3).unwrap();
        let mut gathering = Gathering::default();
        assert_eq!(share_text("  "), Err(AddShareError::Empty));
        gathering.add(&share_text(&shares[0]).unwrap()).unwrap();
        assert_eq!(gathering.status(), "“Savings”: 1 of 2 shares added. Add another.");
        assert_eq!(gathering.add(&shares[0]), Err(AddShareError::Share(BananaError::DuplicateShare { id: 1 })));
        gathering.add(&shares[2]).unwrap();
        assert!(gathering.is_complete());
        assert_eq!(gathering.status(), "“Savings”: 2 of 2 shares added. Type the passphrase.");
        let wrong = open(&gathering.shares(), "abacus abacus abacus abacus").err();
        assert_eq!(wrong, Some(CombineError::Banana(BananaError::CannotDecrypt)));
        let (phrase, title) = open(&gathering.shares(), &passphrase.expose().replace('-', " ")).unwrap();
        assert_eq!(phrase.expose_words().collect::<Vec<_>>().join(" "), DEV);
        assert_eq!(title, "Savings");
    }
}
