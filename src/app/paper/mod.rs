//! Paper shares (Banana Split): an identity's phrase split into printed QR pages, and a
//! phrase brought back from them. The key core does the cryptography (`keys::banana`);
//! this is the flow around it: the identity unlocked, the pages drawn and written, the
//! history, and the phrase checked before the usual recover flow stores it.

pub mod gathering;
pub mod page;
pub mod pdf;
pub mod scan;
pub mod splitting;

use std::path::{Path, PathBuf};

use zeroize::Zeroizing;

use crate::app::backup::{write_new_file, ExportFailure};
use crate::db::{EventKind, IdentityId, IdentitySecret, Store, StoreError};
use crate::keys::banana::{self, BananaError, Passphrase, ShareSet};
use crate::keys::{Phrase, PhraseError};

/// A phrase split: the shares' QR texts and how many bring it back.
pub struct PaperSplit {
    pub shares: Vec<String>,
    pub required: u8,
    /// The identity has a BIP39 password, which the shares do not hold.
    pub has_bip39_password: bool,
}

/// Why a split was not made. Nothing was written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SplitError {
    /// The identity holds a key restored from a backup, not a phrase: there is nothing to split.
    #[error("this identity holds one key restored from a backup, not a seed phrase: there is no phrase to split")]
    NotAPhrase,
    #[error(transparent)]
    Banana(#[from] BananaError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Write(#[from] ExportFailure),
    /// A share's page could not be drawn: the title is too long.
    #[error(transparent)]
    Page(#[from] page::PageError),
}

impl SplitError {
    pub fn kind(&self) -> &'static str {
        match self {
            SplitError::NotAPhrase => "not_a_phrase",
            SplitError::Banana(error) => error.kind(),
            SplitError::Store(_) => "store",
            SplitError::Write(error) => error.kind(),
            SplitError::Page(_) => "invalid_split",
        }
    }
}

/// Splits the phrase of an identity (its unlocked `secret`) into `total` shares titled
/// `title`, locked by `passphrase`. [`record_split`] notes it once the pages are written.
pub fn split_identity(
    secret: &IdentitySecret,
    title: &str,
    total: u8,
    passphrase: &Passphrase,
) -> Result<PaperSplit, SplitError> {
    let IdentitySecret::Phrase { phrase, password } = secret else { return Err(SplitError::NotAPhrase) };
    let words = Zeroizing::new(phrase.expose_words().collect::<Vec<_>>().join(" "));
    let shares = banana::split(&words, title.trim(), passphrase, total)?;
    Ok(PaperSplit { shares, required: banana::required_of(total), has_bip39_password: !password.is_empty() })
}

/// Notes in identity `id`'s history that its phrase left as `total` paper shares.
pub fn record_split(store: &Store, id: IdentityId, total: usize) -> Result<(), StoreError> {
    store.record_event(EventKind::PhraseShown, Some(id), &format!("split into {total} shares"))
}

/// The files a split writes in `directory`: `share-<i>-of-<n>.png` each, then `shares.pdf`.
pub fn page_files(directory: &Path, total: usize) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = (1..=total).map(|i| directory.join(format!("share-{i}-of-{total}.png"))).collect();
    files.push(directory.join("shares.pdf"));
    files
}

/// [`write_pages`] into `folder`, made first if it is not there, with any missing folders
/// above it (all removed again if the pages could not be written: nothing is left half done).
pub fn write_pages_into(
    folder: &Path,
    title: &str,
    shares: &[String],
    required: u8,
    date: &str,
) -> Result<Vec<PathBuf>, SplitError> {
    let made: Vec<&Path> =
        folder.ancestors().take_while(|ancestor| !ancestor.as_os_str().is_empty() && !ancestor.exists()).collect();
    std::fs::create_dir_all(folder)
        .map_err(|error| ExportFailure::Write { path: folder.display().to_string(), reason: error.to_string() })?;
    let written = write_pages(folder, title, shares, required, date);
    if written.is_err() {
        // Deepest first; remove_dir only takes an empty folder, so nothing else can go.
        made.iter().for_each(|folder| drop(std::fs::remove_dir(folder)));
    }
    written
}

/// Draws every share's page and writes them to `directory`, never over an existing file:
/// if any of the files is there, nothing is written. Returns the files written.
pub fn write_pages(
    directory: &Path,
    title: &str,
    shares: &[String],
    required: u8,
    date: &str,
) -> Result<Vec<PathBuf>, SplitError> {
    let files = page_files(directory, shares.len());
    if let Some(existing) = files.iter().find(|file| file.exists()) {
        return Err(ExportFailure::FileExists { path: existing.display().to_string() }.into());
    }
    let mut pngs = Vec::with_capacity(shares.len());
    for (index, share) in shares.iter().enumerate() {
        let about =
            page::PageText { title, number: index + 1, total: shares.len(), required: usize::from(required), date };
        let drawn = page::render(share, &about)?;
        pngs.push(page::png(&drawn));
    }
    let pdf = pdf::pdf(&pngs);
    let contents = pngs.iter().chain(std::iter::once(&pdf));
    for (written, (bytes, file)) in contents.zip(&files).enumerate() {
        if let Err(error) = write_new_file(file, bytes) {
            // All the pages or none: a set with a page missing is worse than no set.
            files[..written].iter().for_each(|done| drop(std::fs::remove_file(done)));
            return Err(error.into());
        }
    }
    Ok(files)
}

/// Why shares did not give a phrase.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CombineError {
    #[error(transparent)]
    Banana(#[from] BananaError),
    /// The shares opened, but what they hold is not a BIP39 phrase: nothing is stored.
    #[error("the shares open, but what they hold is not a seed phrase ({0}): nothing was stored")]
    NotAPhrase(PhraseError),
}

impl CombineError {
    pub fn kind(&self) -> &'static str {
        match self {
            CombineError::Banana(error) => error.kind(),
            CombineError::NotAPhrase(_) => "not_a_phrase",
        }
    }
}

/// The phrase the shares hold, checked as a BIP39 phrase.
pub fn recovered_phrase(set: &ShareSet, passphrase: &Passphrase) -> Result<Phrase, CombineError> {
    let secret = set.recover(passphrase)?;
    // What another tool split may have other spacing or capitals: the words are what count.
    let mut words = Zeroizing::new(String::with_capacity(secret.len()));
    for word in secret.split_whitespace() {
        if !words.is_empty() {
            words.push(' ');
        }
        words.extend(word.chars().flat_map(char::to_lowercase));
    }
    Phrase::parse(&words).map_err(CombineError::NotAPhrase)
}

/// Today as `YYYY-MM-DD` (UTC), for the pages.
pub fn today() -> String {
    let now_ms = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_millis() as u64);
    crate::db::history::utc_minute(now_ms)[..10].to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_title_shrinks_the_code_or_is_refused_and_nothing_is_half_written() {
        let dir = tempfile::tempdir().unwrap();
        let passphrase = Passphrase::generate();
        let phrase = "bottom drive obey lake curtain smoke basket hold race lonely fit walk";
        let title = "a long title ".repeat(19);
        let shares = banana::split(phrase, title.trim(), &passphrase, 3).unwrap();
        match write_pages(dir.path(), title.trim(), &shares, 2, "2026-12-01") {
            Ok(files) => assert_eq!(files.len(), 4),
            Err(error) => {
                assert_eq!(error.kind(), "invalid_split", "{error}");
                assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "nothing half written");
            }
        }
    }
}
