//! Exporting to polkadot-js JSON files: one account ("Export account", "Back up as JSON") or
//! every account of an identity ("Export all accounts"). The PIN first, on the unlock prompt;
//! then the global `Export`: the file's password twice and where the file goes. The file is
//! encrypted and written on the worker, behind the busy overlay (scrypt takes a while).

use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::Arc;
use std::time::Instant;

use slint::{ComponentHandle, SharedString};

use super::screens::{ask_pin, clear_export_passwords, clear_file_passwords, go, show_account, show_manage};
use super::state::Current;
use super::{AccountView, AppWindow, Export, Manage, Screen, Work};
use crate::app::account_card::AccountCard;
use crate::app::backup::export_form::{all_written_message, check_form, open_form, write, Written};
use crate::app::backup::{default_export_directory, ExportFailure};
use crate::app::text::sentence;
use crate::app::unlock::{AfterFormPin as Then, ExportTarget, Purpose};
use crate::db::Store;
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
    let (file_password, repeat) =
        (Password::new(form.get_password().as_str()), Password::new(form.get_repeat().as_str()));
    let path = PathBuf::from(form.get_path().trim());
    if let Err(problem) = check_form(store, target, &file_password, &repeat, &path) {
        if problem.is_about_passwords() {
            clear_file_passwords(window);
        }
        return form.set_problem(problem.to_string().into());
    }
    let mut home = current.home.borrow_mut();
    if home.open_for(target.identity()).is_none() {
        drop(home);
        // The form keeps what was typed; the PIN, then the save goes on.
        return ask_pin(window, store, current, target.identity(), Purpose::Export(target, Then::Save));
    }
    let mut unlocked = home.unlocked.take().expect("open for the identity");
    drop(home);
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

/// The form, after the PIN: empty passwords, and a free file name in the Downloads folder.
fn show_form(window: &AppWindow, store: &Store, target: ExportTarget) {
    let Some(opened) = open_form(store, &default_export_directory(), target) else { return };
    clear_export_passwords(window);
    let form = window.global::<Export>();
    form.set_problem(SharedString::new());
    form.set_title(opened.title.into());
    form.set_hint(opened.hint.into());
    form.set_needs_account_password(opened.needs_account_password);
    form.set_path(opened.path.display().to_string().into());
    go(window, Screen::Export);
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
        Written::All(all) => show_manage(window, store, current, &all_written_message(&all, path)),
    }
}
