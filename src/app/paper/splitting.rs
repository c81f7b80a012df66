//! "Split into paper shares" in the app (Manage identity), after the PIN: the title, the
//! number of shares and the folder, and the passphrase. The passphrase is drawn before
//! anything is written, so the user can draw another before writing it down; "Save shares"
//! splits the phrase with it, writes every page, and notes it in the history.

use std::path::{Path, PathBuf};

use super::{page_files, record_split, split_identity, today, write_pages_into, SplitError};
use crate::app::backup::{file_stem, free_path};
use crate::app::identity_views::identity_name;
use crate::db::{IdentityId, IdentitySecret, Store};
use crate::keys::banana::{required_of, Passphrase, MAX_SHARES, MAX_TITLE_CHARS, MIN_SHARES};

/// The number of shares the form starts with (any 3 bring the phrase back).
pub const DEFAULT_SHARES: u8 = 5;

/// Why the form cannot be saved as filled. Nothing was written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SplitFormError {
    /// The title is empty: it is printed on every page, and the shares only open under it.
    #[error("Give the shares a title: it is printed on every page, and the shares only open under it.")]
    NoTitle,
    /// The title is longer than a share holds: shorten it.
    #[error("The title can be at most {MAX_TITLE_CHARS} characters.")]
    TitleTooLong,
    /// The number of shares is not a whole number from 3 to 255.
    #[error("The number of shares is a whole number from {MIN_SHARES} to {MAX_SHARES}.")]
    ShareCount,
    /// No folder was given: say where the pages go.
    #[error("Say which folder the pages go in.")]
    NoFolder,
    /// The path names a file, not a folder: choose a folder.
    #[error("{path} is a file, not a folder.")]
    NotAFolder { path: String },
    /// A page of this split is already in the folder, and pages never replace a file:
    /// choose another folder.
    #[error("{path} already exists: choose another folder.")]
    FileExists { path: String },
}

/// The form as it opens after the PIN.
pub struct OpenedSplit {
    pub title: String,
    pub shares: String,
    /// A folder not there yet, in `directory`, named after the identity.
    pub folder: PathBuf,
}

/// The form for identity `id`: its name as the title, five shares, a new folder in `directory`.
pub fn open_form(store: &Store, id: IdentityId, directory: &Path) -> OpenedSplit {
    let name = identity_name(store, id);
    OpenedSplit { folder: free_folder(directory, &name), title: name, shares: DEFAULT_SHARES.to_string() }
}

/// `<name> shares` in `directory`, numbered when that is taken.
fn free_folder(directory: &Path, name: &str) -> PathBuf {
    free_path(directory, &format!("{} shares", file_stem(name)), "")
}

/// What the form checked: the split to make.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitRequest {
    pub title: String,
    pub total: u8,
    pub folder: PathBuf,
}

/// The number of shares typed, if it is one the format allows.
fn share_count(typed: &str) -> Option<u8> {
    typed.trim().parse::<u8>().ok().filter(|total| *total >= MIN_SHARES)
}

/// The line under the number: how many bring the phrase back, or what a number must be.
pub fn required_line(typed: &str) -> String {
    match share_count(typed) {
        Some(total) => {
            format!("Any {} of the {total} shares bring the phrase back; fewer reveal nothing.", required_of(total))
        }
        None => SplitFormError::ShareCount.to_string(),
    }
}

/// Checks the form before anything is split or written.
pub fn check_form(title: &str, shares: &str, folder: &str) -> Result<SplitRequest, SplitFormError> {
    let title = title.trim();
    if title.is_empty() {
        return Err(SplitFormError::NoTitle);
    }
    if title.chars().count() > MAX_TITLE_CHARS {
        return Err(SplitFormError::TitleTooLong);
    }
    let total = share_count(shares).ok_or(SplitFormError::ShareCount)?;
    let folder = PathBuf::from(folder.trim());
    if folder.as_os_str().is_empty() {
        return Err(SplitFormError::NoFolder);
    }
    if folder.exists() && !folder.is_dir() {
        return Err(SplitFormError::NotAFolder { path: folder.display().to_string() });
    }
    if let Some(existing) = page_files(&folder, usize::from(total)).into_iter().find(|file| file.exists()) {
        return Err(SplitFormError::FileExists { path: existing.display().to_string() });
    }
    Ok(SplitRequest { title: title.to_owned(), total, folder })
}

/// The passphrase on screen while the form is filled; dropped (and wiped) with the form.
pub struct SplitForm {
    passphrase: Passphrase,
}

impl Default for SplitForm {
    fn default() -> Self {
        SplitForm { passphrase: Passphrase::generate() }
    }
}

impl SplitForm {
    /// The four words, for the screen.
    pub fn words(&self) -> Vec<&str> {
        self.passphrase.words()
    }

    /// "New passphrase": four other words, before any page is written.
    pub fn draw_again(&mut self) {
        self.passphrase = Passphrase::generate();
    }

    /// Splits the unlocked identity's phrase with this passphrase, writes every page into the
    /// request's folder (made if missing), then notes "split into N shares" in the history.
    /// Runs scrypt and draws the pages: on the worker.
    pub fn save(
        &self,
        store: &Store,
        id: IdentityId,
        secret: &IdentitySecret,
        request: &SplitRequest,
    ) -> Result<Saved, SplitError> {
        let made = split_identity(secret, &request.title, request.total, &self.passphrase)?;
        let files = write_pages_into(&request.folder, &request.title, &made.shares, made.required, &today())?;
        // The pages are written: a history that cannot be noted does not undo them.
        let noted = record_split(store, id, made.shares.len()).is_ok();
        Ok(Saved { files, required: made.required, has_bip39_password: made.has_bip39_password, noted })
    }
}

/// What "Save shares" wrote.
#[derive(Debug)]
pub struct Saved {
    pub files: Vec<PathBuf>,
    pub required: u8,
    pub has_bip39_password: bool,
    /// Whether the history has it.
    pub noted: bool,
}

impl Saved {
    /// What Manage identity says once the pages are written.
    pub fn message(&self, folder: &Path) -> String {
        let pages = self.files.len() - 1;
        let mut message = format!(
            "{pages} share pages and shares.pdf saved in {}. Print them, keep them in different places, and keep the four words apart from them: any {} shares and the words bring the phrase back.",
            folder.display(),
            self.required
        );
        if self.has_bip39_password {
            message += " The shares do not hold this identity's BIP39 password: keep it as well.";
        }
        if !self.noted {
            message += " The split could not be noted in the history.";
        }
        message
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_checks_title_count_and_folder_before_anything_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("Savings shares");
        let folder_text = folder.display().to_string();
        assert_eq!(check_form("  ", "5", &folder_text), Err(SplitFormError::NoTitle));
        assert_eq!(check_form(&"x".repeat(MAX_TITLE_CHARS + 1), "5", &folder_text), Err(SplitFormError::TitleTooLong));
        for count in ["", "2", "256", "five", "-3", "3.5"] {
            assert_eq!(check_form("Savings", count, &folder_text), Err(SplitFormError::ShareCount), "{count:?}");
        }
        assert_eq!(check_form("Savings", "5", " "), Err(SplitFormError::NoFolder));
        let file = dir.path().join("a-file");
        std::fs::write(&file, b"").unwrap();
        let refused = check_form("Savings", "5", &file.display().to_string());
        assert_eq!(refused, Err(SplitFormError::NotAFolder { path: file.display().to_string() }));
        let request = check_form(" Savings ", " 7 ", &folder_text).unwrap();
        assert_eq!(request, SplitRequest { title: "Savings".into(), total: 7, folder: folder.clone() });
        std::fs::create_dir(&folder).unwrap();
        std::fs::write(folder.join("share-3-of-7.png"), b"").unwrap();
        let taken = folder.join("share-3-of-7.png").display().to_string();
        assert_eq!(check_form("Savings", "7", &folder_text), Err(SplitFormError::FileExists { path: taken }));
        assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 1, "nothing written");
    }

    #[test]
    fn the_required_count_follows_the_number_typed() {
        assert_eq!(required_line("5"), "Any 3 of the 5 shares bring the phrase back; fewer reveal nothing.");
        assert_eq!(required_line("4"), "Any 3 of the 4 shares bring the phrase back; fewer reveal nothing.");
        assert_eq!(required_line("255"), "Any 128 of the 255 shares bring the phrase back; fewer reveal nothing.");
        assert_eq!(required_line("1"), "The number of shares is a whole number from 3 to 255.");
    }

    #[test]
    fn a_taken_folder_name_is_numbered_and_odd_characters_are_replaced() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(free_folder(dir.path(), "Savings/2026"), dir.path().join("Savings_2026 shares"));
        std::fs::create_dir(dir.path().join("Savings_2026 shares")).unwrap();
        assert_eq!(free_folder(dir.path(), "Savings/2026"), dir.path().join("Savings_2026 shares (2)"));
    }

    #[test]
    fn saving_writes_every_page_notes_the_history_and_opens_with_the_words() {
        let (store, id, secret) = crate::app::test_support::dev_on_westend();
        let dir = tempfile::tempdir().unwrap();
        let opened = open_form(&store, id, dir.path());
        assert_eq!((opened.title.as_str(), opened.shares.as_str()), ("Dev", "5"));
        assert_eq!(opened.folder, dir.path().join("Dev shares"));
        let request = check_form(&opened.title, "3", &opened.folder.display().to_string()).unwrap();
        let form = SplitForm::default();
        let saved = form.save(&store, id, &secret, &request).unwrap();
        assert_eq!(saved.files, page_files(&opened.folder, 3));
        assert!(saved.noted && !saved.has_bip39_password && saved.required == 2);
        let history = store.history_of(id).unwrap();
        assert_eq!(history.last().unwrap().detail, "split into 3 shares");
        let mut set = crate::keys::banana::ShareSet::default();
        for file in &saved.files[1..3] {
            set.add_text(&super::super::scan::share_text(file).unwrap()).unwrap();
        }
        let typed = Passphrase::typed(&form.words().join(" "));
        let phrase = super::super::recovered_phrase(&set, &typed).unwrap();
        assert_eq!(phrase.expose_words().collect::<Vec<_>>().join(" "), crate::app::test_support::DEV);
    }

    #[test]
    fn a_restored_key_has_no_phrase_to_split_and_nothing_is_written() {
        let (store, id, _) = crate::app::test_support::dev_on_westend();
        let dir = tempfile::tempdir().unwrap();
        let secret = IdentitySecret::ImportedKey {
            scheme: crate::keys::Scheme::Ed25519,
            secret: crate::keys::SecretBytes::new(vec![7; 32]),
        };
        let request = check_form("Key", "3", &dir.path().join("pages").display().to_string()).unwrap();
        let refused = SplitForm::default().save(&store, id, &secret, &request);
        assert!(matches!(refused, Err(SplitError::NotAPhrase)), "{refused:?}");
        assert!(!dir.path().join("pages").exists());
    }

    #[test]
    fn drawing_again_gives_other_words() {
        let mut form = SplitForm::default();
        let before: Vec<String> = form.words().iter().map(|word| word.to_string()).collect();
        assert_eq!(before.len(), 4);
        // Two draws of four words from 7,776 agree with odds of one in 3.6e15.
        form.draw_again();
        assert_ne!(form.words(), before.iter().map(String::as_str).collect::<Vec<_>>());
    }
}
