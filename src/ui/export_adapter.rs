//! Exporting to polkadot-js JSON files: one account ("Export account", "Back up as JSON") or
//! every account of an identity ("Export all accounts"). The PIN first, on the unlock prompt;
//! then the global `Export`: the file's password twice and where the file goes. The file is
//! encrypted and written on the worker, behind the busy overlay (scrypt takes a while).

use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::Arc;
use std::time::Instant;

use slint::{ComponentHandle, SharedString};

use super::screens::{ask_pin, clear_export_passwords, go, show_account, show_manage};
use super::state::Current;
use super::{AccountView, AppWindow, Export, Manage, Screen, Work};
use crate::app::account_card::AccountCard;
use crate::app::backup::{
    default_export_directory, export_account_to, export_all_to, free_file_name, ExportFailure, ExportedAll,
};
use crate::app::text::{count_of, sentence};
use crate::app::unlock::{AfterExportPin as Then, ExportTarget, Purpose};
use crate::db::{AccountKey, IdentitySecret, Store};
use crate::keys::backup::MIN_PASSWORD_CHARS;
use crate::keys::Password;

pub(super) fn connect(window: &AppWindow, store: Arc<Store>, work: Work, current: Rc<Current>) {
    let weak = window.as_weak();
    let (account_store, account_current) = (store.clone(), current.clone());
    window.global::<AccountView>().on_export(move || {
        let Some(key) = account_current.account.get() else { return };
        let window = weak.unwrap();
        account_current.set_identity(&window, Some(key.identity));
        let purpose = Purpose::Export(ExportTarget::Account(key), Then::Form);
        ask_pin(&window, &account_store, &account_current, key.identity, purpose);
    });

    let weak = window.as_weak();
    let (all_store, all_current) = (store.clone(), current.clone());
    window.global::<Manage>().on_export_all(move || {
        let Some(id) = all_current.identity() else { return };
        let purpose = Purpose::Export(ExportTarget::All(id), Then::Form);
        ask_pin(&weak.unwrap(), &all_store, &all_current, id, purpose);
    });

    let (weak, unlocked_store, unlocked_current) = (window.as_weak(), store.clone(), current.clone());
    window.global::<Export>().on_unlocked(move || {
        let Purpose::Export(target, then) = unlocked_current.home.borrow().purpose else { return };
        unlocked(&weak.unwrap(), &unlocked_store, work, &unlocked_current, target, then);
    });

    let weak = window.as_weak();
    window.global::<Export>().on_save(move || save(&weak.unwrap(), &store, work, &current));
}

/// The PIN was right (`Purpose::Export`): a new form, or the one filled before the identity
/// locked itself, saved.
fn unlocked(
    window: &AppWindow,
    store: &Arc<Store>,
    work: Work,
    current: &Rc<Current>,
    target: ExportTarget,
    then: Then,
) {
    match then {
        Then::Form => show_form(window, store, target),
        Then::Save => {
            go(window, Screen::Export);
            save(window, store, work, current);
        }
    }
}

/// "Save backup file": checks the form, asks the PIN again if the identity locked itself,
/// then encrypts and writes on the worker.
fn save(window: &AppWindow, store: &Arc<Store>, work: Work, current: &Rc<Current>) {
    let form = window.global::<Export>();
    let Purpose::Export(target, _) = current.home.borrow().purpose else { return };
    if super::is_busy(window) {
        return;
    }
    if let Err(problem) = check_passwords(&form.get_password(), &form.get_repeat()) {
        clear_file_passwords(window);
        return form.set_problem(problem.into());
    }
    let path = PathBuf::from(form.get_path().trim());
    if let Err(problem) = check_path(&path) {
        return form.set_problem(problem.into());
    }
    if let ExportTarget::All(id) = target {
        let accounts = store.accounts(id, None).unwrap_or_default();
        if !accounts.is_empty() && accounts.iter().all(|account| account.has_password) {
            return form.set_problem(ALL_HAVE_PASSWORDS.into());
        }
    }
    let mut home = current.home.borrow_mut();
    if home.open_for(target.identity()).is_none() {
        drop(home);
        // The form keeps what was typed; the PIN, then the save goes on.
        return ask_pin(window, store, current, target.identity(), Purpose::Export(target, Then::Save));
    }
    let mut unlocked = home.unlocked.take().expect("open for the identity");
    drop(home);
    let file_password = Password::new(form.get_password().as_str());
    let account_password = Password::new(form.get_account_password().as_str());
    // The account password leaves its field now; the file password stays until the result,
    // so a wrong account password is the only thing typed again.
    form.set_account_password(SharedString::new());
    form.set_problem(SharedString::new());
    let (job_store, store, done_current) = (store.clone(), store.clone(), current.clone());
    super::busy_run(
        window,
        current,
        work,
        "Encrypting the backup…",
        move || {
            let secret = unlocked.secret(Instant::now());
            let written = write(&job_store, target, secret, &account_password, &file_password, &path);
            // The unlocked identity comes back, so a failure can be retried without the PIN.
            (written.map(|written| (written, path)), unlocked)
        },
        move |window, (written, unlocked)| match written {
            Ok((written, path)) => {
                clear_export_passwords(window);
                done_current.home.borrow_mut().forget();
                show_written(window, &store, &done_current, written, &path);
            }
            Err(failure) => {
                if !matches!(failure, ExportFailure::WrongAccountPassword) {
                    clear_file_passwords(window);
                }
                done_current.home.borrow_mut().unlocked = Some(unlocked);
                window.global::<Export>().set_problem(sentence(&failure.to_string()).into());
            }
        },
    );
}

const ALL_HAVE_PASSWORDS: &str = "Every account of this identity has an account password, and \"Export all\" leaves those out: export them one by one from each account's screen.";

/// The form, after the PIN: empty passwords, and a free file name in the Downloads folder.
fn show_form(window: &AppWindow, store: &Store, target: ExportTarget) {
    let form = window.global::<Export>();
    clear_export_passwords(window);
    form.set_problem(SharedString::new());
    let directory = default_export_directory();
    match target {
        ExportTarget::Account(key) => {
            let Ok(Some(card)) = AccountCard::load(store, key) else { return };
            form.set_title(format!("Export \"{}\"", card.name).into());
            form.set_hint(SharedString::new());
            form.set_needs_account_password(card.has_password);
            form.set_path(free_file_name(&directory, &card.address).display().to_string().into());
        }
        ExportTarget::All(id) => {
            let name = store.identity(id).ok().flatten().map(|identity| identity.name).unwrap_or_default();
            form.set_title(format!("Export all of \"{name}\"").into());
            form.set_hint("Every account goes into one file, as the polkadot-js extension's \"Export all\" writes it. Accounts with an account password are left out: export those one by one.".into());
            form.set_needs_account_password(false);
            let stem = format!("{}-all", file_stem(&name));
            form.set_path(free_file_name(&directory, &stem).display().to_string().into());
        }
    }
    go(window, Screen::Export);
}

/// Empties the file's password and its repeat.
fn clear_file_passwords(window: &AppWindow) {
    let form = window.global::<Export>();
    form.set_password(SharedString::new());
    form.set_repeat(SharedString::new());
}

fn check_passwords(password: &str, repeat: &str) -> Result<(), String> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        Err(format!("A backup password needs at least {MIN_PASSWORD_CHARS} characters. Type it again."))
    } else if password != repeat {
        Err("The two passwords differ. Type them again.".to_owned())
    } else {
        Ok(())
    }
}

fn check_path(path: &Path) -> Result<(), String> {
    let folder = path.parent().filter(|parent| !parent.as_os_str().is_empty()).unwrap_or(Path::new("."));
    if path.as_os_str().is_empty() || path.file_name().is_none() {
        Err("Say where to save the file.".to_owned())
    } else if path.exists() {
        Err(format!("{} already exists: choose another file name.", path.display()))
    } else if !folder.is_dir() {
        Err(format!("There is no folder {}.", folder.display()))
    } else {
        Ok(())
    }
}

/// What was written.
enum Written {
    Account(AccountKey),
    /// What "Export all" wrote and left out.
    All(ExportedAll),
}

fn write(
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

fn show_written(window: &AppWindow, store: &Store, current: &Current, written: Written, path: &Path) {
    match written {
        Written::Account(key) => {
            if let Ok(Some(card)) = AccountCard::load(store, key) {
                show_account(window, current, &card);
            }
            let notice = format!("Backup saved to {}", path.display());
            window.global::<AccountView>().set_notice(notice.into());
        }
        Written::All(all) => {
            let mut message =
                format!("Saved {} to {}.", count_of(all.exported.len(), "account", "accounts"), path.display());
            if !all.skipped.is_empty() {
                message += &format!(
                    " Left out, as they have an account password (export them one by one): {}.",
                    all.skipped.join(", ")
                );
            }
            show_manage(window, store, current, &message);
        }
    }
}

/// An identity's name as a file name: no path separators or other characters file systems refuse.
fn file_stem(name: &str) -> String {
    let stem: String = name.chars().map(|c| if c.is_alphanumeric() || " -_".contains(c) { c } else { '_' }).collect();
    if stem.trim().is_empty() {
        "identity".to_owned()
    } else {
        stem.trim().to_owned()
    }
}
