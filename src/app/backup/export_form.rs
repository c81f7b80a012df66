//! The app's export form: what it checks before any PIN or scrypt, where it proposes to
//! save, and what it writes for an account or for "Export all".

use std::path::{Path, PathBuf};

use super::{export_account_to, export_all_to, file_stem, free_file_name, ExportFailure, ExportedAll};
use crate::app::account_card::AccountCard;
use crate::app::identity_views::identity_name;
use crate::app::text::count_of;
use crate::app::unlock::ExportTarget;
use crate::db::{AccountKey, IdentitySecret, Store, StoreError};
use crate::keys::backup::MIN_PASSWORD_CHARS;
use crate::keys::Password;

/// Why the form cannot be saved as filled.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ExportFormError {
    /// The file password is too short to protect a key: type a longer one.
    #[error("A backup password needs at least {MIN_PASSWORD_CHARS} characters. Type it again.")]
    PasswordTooShort,
    /// The password and its repeat differ: type both again.
    #[error("The two passwords differ. Type them again.")]
    PasswordsDiffer,
    /// The path names no file: say where to save.
    #[error("Say where to save the file.")]
    NoFileName,
    /// A file is already there, and a backup never replaces one: choose another name.
    #[error("{path} already exists: choose another file name.")]
    FileExists { path: String },
    /// The folder does not exist: pick one that does.
    #[error("There is no folder {folder}.")]
    NoFolder { folder: String },
    /// "Export all" leaves out accounts with their own password, and every account has one:
    /// export them one by one from each account's screen.
    #[error("Every account of this identity has an account password, and \"Export all\" leaves those out: export them one by one from each account's screen.")]
    AllHavePasswords,
    /// The store could not be read.
    #[error("{0}")]
    Store(#[from] StoreError),
}

impl ExportFormError {
    /// Whether the passwords are what is wrong (the form empties them).
    pub fn is_about_passwords(&self) -> bool {
        matches!(self, ExportFormError::PasswordTooShort | ExportFormError::PasswordsDiffer)
    }
}

/// Checks the form before any PIN or encryption.
pub fn check_form(
    store: &Store,
    target: ExportTarget,
    password: &Password,
    repeat: &Password,
    path: &Path,
) -> Result<(), ExportFormError> {
    if password.expose().chars().count() < MIN_PASSWORD_CHARS {
        return Err(ExportFormError::PasswordTooShort);
    }
    if password.expose() != repeat.expose() {
        return Err(ExportFormError::PasswordsDiffer);
    }
    let folder = path.parent().filter(|parent| !parent.as_os_str().is_empty()).unwrap_or(Path::new("."));
    if path.as_os_str().is_empty() || path.file_name().is_none() {
        return Err(ExportFormError::NoFileName);
    }
    if path.exists() {
        return Err(ExportFormError::FileExists { path: path.display().to_string() });
    }
    if !folder.is_dir() {
        return Err(ExportFormError::NoFolder { folder: folder.display().to_string() });
    }
    if let ExportTarget::All(id) = target {
        let accounts = store.accounts(id, None)?;
        if !accounts.is_empty() && accounts.iter().all(|account| account.has_password) {
            return Err(ExportFormError::AllHavePasswords);
        }
    }
    Ok(())
}

/// A free file name in `directory` for one account (its address) or for "Export all" of
/// the identity `name`.
fn proposed_path(directory: &Path, target: ExportTarget, address_or_name: &str) -> PathBuf {
    match target {
        ExportTarget::Account(_) => free_file_name(directory, address_or_name),
        ExportTarget::All(_) => free_file_name(directory, &format!("{}-all", file_stem(address_or_name))),
    }
}

/// The form as it opens after the PIN: what it says, whether it asks the account's own
/// password, and a free file name in `directory`.
pub struct OpenedForm {
    pub title: String,
    pub hint: &'static str,
    pub needs_account_password: bool,
    pub path: PathBuf,
}

/// What "Export all" says under its title.
pub const EXPORT_ALL_HINT: &str = "Every account goes into one file, as the polkadot-js extension's \"Export all\" writes it. Accounts with an account password are left out: export those one by one.";

/// The form for `target`; `None` if its account is gone.
pub fn open_form(store: &Store, directory: &Path, target: ExportTarget) -> Option<OpenedForm> {
    match target {
        ExportTarget::Account(key) => {
            let card = AccountCard::load(store, key).ok()??;
            Some(OpenedForm {
                title: format!("Export \"{}\"", card.name),
                hint: "",
                needs_account_password: card.has_password,
                path: proposed_path(directory, target, &card.address),
            })
        }
        ExportTarget::All(id) => {
            let name = identity_name(store, id);
            Some(OpenedForm {
                title: format!("Export all of \"{name}\""),
                hint: EXPORT_ALL_HINT,
                needs_account_password: false,
                path: proposed_path(directory, target, &name),
            })
        }
    }
}

/// What was written.
pub enum Written {
    Account(AccountKey),
    /// What "Export all" wrote and left out.
    All(ExportedAll),
}

/// Encrypts and writes the file (scrypt: call it off the UI thread).
pub fn write(
    store: &Store,
    target: ExportTarget,
    secret: &IdentitySecret,
    account_password: &Password,
    file_password: &Password,
    path: &Path,
) -> Result<Written, ExportFailure> {
    match target {
        ExportTarget::Account(key) => {
            let account = store.account(key)?.ok_or(ExportFailure::UnknownAccount)?;
            export_account_to(store, &account, secret, account_password, file_password, path)?;
            Ok(Written::Account(key))
        }
        // An account password is asked one account at a time: "Export all" leaves those out.
        ExportTarget::All(id) => {
            Ok(Written::All(export_all_to(store, id, secret, &mut |_| None, file_password, path)?))
        }
    }
}

/// What "Export all" says it did.
pub fn all_written_message(all: &ExportedAll, path: &Path) -> String {
    let mut message = format!("Saved {} to {}.", count_of(all.exported.len(), "account", "accounts"), path.display());
    if !all.skipped.is_empty() {
        message += &format!(
            " Left out, as they have an account password (export them one by one): {}.",
            all.skipped.join(", ")
        );
    }
    message
}

/// An identity's name as a file name: no path separators or other characters file systems refuse.
#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::test_support;
    use crate::db::IdentityId;

    #[test]
    fn the_form_is_checked_in_the_order_a_person_fixes_it() {
        let store = test_support::store();
        let dir = tempfile::tempdir().unwrap();
        let target = ExportTarget::All(IdentityId(1));
        let (short, good, other) = (Password::new("12345"), Password::new("123456"), Password::new("654321"));
        let file = dir.path().join("a.json");
        assert_eq!(check_form(&store, target, &short, &short, &file), Err(ExportFormError::PasswordTooShort));
        assert_eq!(check_form(&store, target, &good, &other, &file), Err(ExportFormError::PasswordsDiffer));
        assert_eq!(check_form(&store, target, &good, &good, Path::new("")), Err(ExportFormError::NoFileName));
        let elsewhere = dir.path().join("missing").join("a.json");
        assert!(matches!(check_form(&store, target, &good, &good, &elsewhere), Err(ExportFormError::NoFolder { .. })));
        std::fs::write(&file, "x").unwrap();
        assert!(matches!(check_form(&store, target, &good, &good, &file), Err(ExportFormError::FileExists { .. })));
        assert_eq!(check_form(&store, target, &good, &good, &dir.path().join("b.json")), Ok(()));
    }

    #[test]
    fn an_identity_name_becomes_a_safe_file_name() {
        let dir = Path::new("/tmp");
        let all = ExportTarget::All(IdentityId(1));
        assert_eq!(proposed_path(dir, all, "Sav/ings").file_name().unwrap(), "Sav_ings-all.json");
        assert_eq!(proposed_path(dir, all, "  ").file_name().unwrap(), "identity-all.json");
    }

    #[test]
    fn the_form_opens_on_a_free_file_named_after_the_account_or_identity() {
        let (store, id, _) = test_support::dev_on_westend();
        let dir = tempfile::tempdir().unwrap();
        let all = open_form(&store, dir.path(), ExportTarget::All(id)).unwrap();
        assert_eq!((all.title.as_str(), all.hint), ("Export all of \"Dev\"", EXPORT_ALL_HINT));
        assert_eq!(all.path, dir.path().join("Dev-all.json"));
        let key = store.accounts(id, None).unwrap()[0].key;
        let one = open_form(&store, dir.path(), ExportTarget::Account(key)).unwrap();
        assert_eq!(one.title, "Export \"Westend\"");
        assert!(!one.needs_account_password);
        // Named after the address the account screen shows.
        let address = AccountCard::load(&store, key).unwrap().unwrap().address;
        assert_eq!(one.path, dir.path().join(format!("{address}.json")));
    }
}
