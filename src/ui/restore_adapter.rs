//! "Restore from backup JSON file", its first half (the global `Restore`): the file's path,
//! typed or from the desktop's file dialog, and what the file says about itself before any
//! password. The file is read and parsed on the worker: a file of any size or content never
//! holds up the window. The password, PIN and network follow in restore_run_adapter.

use std::path::PathBuf;
use std::rc::Rc;
use std::sync::Arc;

use slint::{ComponentHandle, SharedString};

use super::choosing::{choose_on_worker, DialogForm};
use super::file_dialog::{Chooser, Pick};
use super::screens::{go, name_is_free};
use super::state::Current;
use super::{AppWindow, Onboarding, Restore, Screen, Work};
use crate::app::backup::restoring::{needs_password, summary, Restoring};
use crate::app::backup::{read_file, RestoreError};
use crate::app::navigation::Screen as AppScreen;
use crate::app::text::sentence;
use crate::db::Store;
use crate::keys::BackupFile;

const FILE_PASSWORD: &str = "The file's password (leave empty only if the file is not encrypted)";
/// A list of account files has no password of its own: one is tried on every account.
const LIST_PASSWORD: &str = "The accounts' password (leave empty only if they are not encrypted)";

fn first_password_label(file: &BackupFile) -> &'static str {
    match file {
        BackupFile::Accounts(_) => LIST_PASSWORD,
        BackupFile::Account(_) | BackupFile::Batch(_) => FILE_PASSWORD,
    }
}

pub(super) fn connect(window: &AppWindow, store: Arc<Store>, work: Work, current: Rc<Current>) {
    let dialog = Chooser::find();

    let (weak, start_store, start_current, can_choose) =
        (window.as_weak(), store.clone(), current.clone(), dialog.is_some());
    window.global::<Restore>().on_start(move || start(&weak.unwrap(), &start_store, &start_current, can_choose));

    // Another path: the file on screen is no longer the one read.
    let (weak, edit_current) = (window.as_weak(), current.clone());
    window.global::<Restore>().on_path_edited(move || {
        let window = weak.unwrap();
        if !super::is_busy(&window) {
            edit_current.flow.borrow_mut().restoring = None;
            close_file(&window);
        }
    });

    let (weak, open_store, open_current) = (window.as_weak(), store.clone(), current.clone());
    window.global::<Restore>().on_open_file(move || {
        let window = weak.unwrap();
        if !super::is_busy(&window) {
            open(&window, &open_store, &open_current, work);
        }
    });

    let weak = window.as_weak();
    window.global::<Restore>().on_choose_file(move || {
        if let Some(dialog) = dialog.clone() {
            choose_file(&weak.unwrap(), &store, work, &current, dialog);
        }
    });
}

/// "Restore from backup JSON file": an empty form. A typed name must be free; without one,
/// the file's name is used (numbered if taken).
fn start(window: &AppWindow, store: &Store, current: &Current, can_choose: bool) {
    let onboarding = window.global::<Onboarding>();
    onboarding.set_name_error(SharedString::new());
    if !onboarding.get_identity_name().trim().is_empty() && !name_is_free(window, store) {
        return;
    }
    current.abandon_jobs(window);
    current.flow.borrow_mut().restoring = None;
    let restore = window.global::<Restore>();
    restore.set_path(SharedString::new());
    restore.set_can_choose(can_choose);
    restore.set_choosing(false);
    close_file(window);
    go(window, Screen::Restore);
}

/// "Choose file…": the desktop's dialog; the file chosen is read at once.
fn choose_file(window: &AppWindow, store: &Arc<Store>, work: Work, current: &Rc<Current>, dialog: Chooser) {
    let form = DialogForm {
        screen: AppScreen::Restore,
        choosing: |window, on| window.global::<Restore>().set_choosing(on),
        problem: |window, problem| window.global::<Restore>().set_problem(problem),
    };
    let (store, current) = (store.clone(), current.clone());
    choose_on_worker(window, work, dialog, Pick::Backup, form, move |window, path| {
        window.global::<Restore>().set_path(path.display().to_string().into());
        open(window, &store, &current, work);
    });
}

/// Reads the file at the typed path on the worker, then shows what it says; its problem, if
/// it cannot be read.
fn open(window: &AppWindow, store: &Arc<Store>, current: &Rc<Current>, work: Work) {
    let restore = window.global::<Restore>();
    // Another file: a job still running for the one before is abandoned.
    current.abandon_jobs(window);
    close_file(window);
    let path = PathBuf::from(restore.get_path().trim());
    if path.as_os_str().is_empty() {
        return restore.set_problem("Type the file's path, or choose the file.".into());
    }
    let (store, done_current) = (store.clone(), current.clone());
    super::busy_run(
        window,
        current,
        work,
        "Reading the file…",
        move || read_file(&path),
        move |window, result| show_file(window, &store, &done_current, result),
    );
}

/// What the file read on the worker says, or why it could not be read.
fn show_file(window: &AppWindow, store: &Store, current: &Current, result: Result<BackupFile, RestoreError>) {
    let restore = window.global::<Restore>();
    let file = match result {
        Ok(file) => file,
        Err(error) => return restore.set_problem(sentence(&error.to_string()).into()),
    };
    let typed = window.global::<Onboarding>().get_identity_name().trim().to_owned();
    restore.set_summary(summary(store, &file).into());
    restore.set_needs_password(needs_password(&file));
    restore.set_password_label(first_password_label(&file).into());
    restore.set_file_open(true);
    let name = matches!(file, BackupFile::Account(_)).then_some(typed).filter(|name| !name.is_empty());
    current.flow.borrow_mut().restoring = Some(Restoring::new(file, name));
}

/// No file on screen: its summary, password and problem go.
fn close_file(window: &AppWindow) {
    let restore = window.global::<Restore>();
    restore.set_file_open(false);
    restore.set_summary(SharedString::new());
    restore.set_password(SharedString::new());
    restore.set_password_label(FILE_PASSWORD.into());
    restore.set_problem(SharedString::new());
    restore.set_offer_search(false);
}
