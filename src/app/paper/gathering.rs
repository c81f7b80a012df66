//! "Recover from paper shares" in the app: shares added one at a time (a photo or scan's
//! path, or the QR text pasted), each checked against the first at once; then the passphrase.
//! The phrase found goes to the recover screen, and the usual steps (PIN, network) store it.

use std::path::Path;

use super::{recovered_phrase, scan, CombineError};
use crate::app::text::sentence;
use crate::keys::banana::{Passphrase, ShareSet};
use crate::keys::Phrase;

/// What the screen says before anything is added.
pub const INTRO: &str = "Add the shares one at a time: type the path of a photo or scan of the page (PNG or \
JPEG), or paste the text of its QR code. Then type the four-word passphrase.";

/// A share's QR text from what was typed: the text itself, or the file at that path. Reads
/// and decodes images: on the worker.
pub fn share_text(typed: &str) -> Result<String, String> {
    let typed = typed.trim();
    if typed.starts_with('{') {
        return Ok(typed.to_owned());
    }
    if typed.is_empty() {
        return Err("Type the path of a share's photo, or paste its text.".to_owned());
    }
    scan::share_text(Path::new(typed)).map_err(|error| sentence(&error.to_string()))
}

/// Adds a share's text to the set; the problem, said as a sentence, if it cannot belong.
pub fn add(set: &mut ShareSet, text: &str) -> Result<(), String> {
    set.add_text(text).map_err(|error| sentence(&error.to_string()))
}

/// "“Savings”: 2 of 3 shares added." and what to do next.
pub fn status(set: &ShareSet) -> String {
    let (have, need) = set.count();
    match set.title() {
        None => String::new(),
        Some(title) if have < need => format!("“{title}”: {have} of {need} shares added. Add another."),
        Some(title) => format!("“{title}”: {have} of {need} shares added. Type the passphrase."),
    }
}

/// The phrase the shares hold, from the passphrase as typed (spaces or dashes, any case).
/// Runs scrypt: on the worker.
pub fn open(set: &ShareSet, typed: &str) -> Result<Phrase, String> {
    recovered_phrase(set, &Passphrase::typed(typed)).map_err(|error: CombineError| sentence(&error.to_string()))
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
        let mut set = ShareSet::default();
        assert_eq!(share_text("  "), Err("Type the path of a share's photo, or paste its text.".into()));
        add(&mut set, &share_text(&shares[0]).unwrap()).unwrap();
        assert_eq!(status(&set), "“Savings”: 1 of 2 shares added. Add another.");
        assert_eq!(add(&mut set, &shares[0]), Err("Share 1 is already added.".into()));
        add(&mut set, &shares[2]).unwrap();
        assert_eq!(status(&set), "“Savings”: 2 of 2 shares added. Type the passphrase.");
        assert!(open(&set, "abacus abacus abacus abacus").unwrap_err().starts_with("Cannot decrypt"));
        let phrase = open(&set, &passphrase.expose().replace('-', " ")).unwrap();
        assert_eq!(phrase.expose_words().collect::<Vec<_>>().join(" "), DEV);
    }
}
