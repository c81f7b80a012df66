//! "Export account list" and "Import account list" (Manage identity; the global
//! `AccountListForm`, one screen for both). Export writes where the form says (public data,
//! no PIN). Import checks the file against the identity on the worker, asks the PIN, then
//! derives every account on the worker.

use std::path::PathBuf;
use std::rc::Rc;
use std::sync::Arc;
use std::time::Instant;

use slint::{ComponentHandle, SharedString};

use super::choosing::{choose_on_worker, DialogForm};
use super::file_dialog::{Chooser, Pick};
use super::screens::{ask_pin, go, show_manage};
use super::state::Current;
use super::{AccountListForm, AppWindow, Screen, Work};
use crate::app::account_list::{check_list, export_message, import_list, import_message, proposed_file, read_list};
use crate::app::backup::default_export_directory;
use crate::app::navigation::Screen as AppScreen;
use crate::app::text::sentence;
use crate::app::unlock::Purpose;
use crate::db::Store;

pub(super) fn connect(window: &AppWindow, store: Arc<Store>, work: Work, current: Rc<Current>) {
    let dialog = Chooser::find();
    let (weak, start_store, start_current, can_choose) =
        (window.as_weak(), store.clone(), current.clone(), dialog.is_some());
    window.global::<AccountListForm>().on_start_export(move || {
        let window = weak.unwrap();
        let Some(id) = start_current.identity() else { return };
        let proposed = proposed_file(&start_store, id, &default_export_directory());
        open_form(&window, true, &proposed.display().to_string(), can_choose);
    });

    let weak = window.as_weak();
    window.global::<AccountListForm>().on_start_import(move || open_form(&weak.unwrap(), false, "", can_choose));

    let weak = window.as_weak();
    window.global::<AccountListForm>().on_choose_file(move || {
        if let Some(dialog) = dialog.clone() {
            choose_file(&weak.unwrap(), work, dialog);
        }
    });

    let (weak, go_store, go_current) = (window.as_weak(), store.clone(), current.clone());
    window.global::<AccountListForm>().on_go(move || {
        let window = weak.unwrap();
        match window.global::<AccountListForm>().get_exporting() {
            true => save(&window, &go_store, &go_current),
            false => check(&window, &go_store, work, &go_current),
        }
    });

    let weak = window.as_weak();
    window.global::<AccountListForm>().on_unlocked(move || import(&weak.unwrap(), &store, work, &current));
}

fn open_form(window: &AppWindow, exporting: bool, path: &str, can_choose: bool) {
    let form = window.global::<AccountListForm>();
    form.set_exporting(exporting);
    form.set_path(path.into());
    form.set_problem(SharedString::new());
    form.set_can_choose(can_choose);
    form.set_choosing(false);
    go(window, Screen::AccountList);
}

/// "Save list": public data, written at once (a small file), never over another.
fn save(window: &AppWindow, store: &Store, current: &Current) {
    let Some(id) = current.identity() else { return };
    let path = PathBuf::from(window.global::<AccountListForm>().get_path().trim());
    if path.file_name().is_none() {
        return window.global::<AccountListForm>().set_problem("Say where to save the list.".into());
    }
    match export_message(store, id, &path) {
        Ok(message) => show_manage(window, store, current, &message),
        Err(problem) => window.global::<AccountListForm>().set_problem(sentence(&problem.to_string()).into()),
    }
}

/// "Choose file…": the desktop's dialog.
fn choose_file(window: &AppWindow, work: Work, dialog: Chooser) {
    let form = DialogForm {
        screen: AppScreen::AccountList,
        choosing: |window, on| window.global::<AccountListForm>().set_choosing(on),
        problem: |window, problem| window.global::<AccountListForm>().set_problem(problem),
    };
    choose_on_worker(window, work, dialog, Pick::AccountList, form, |window, path| {
        window.global::<AccountListForm>().set_path(path.display().to_string().into());
    });
}

/// "Import": the file read and checked against this identity on the worker, then the PIN.
fn check(window: &AppWindow, store: &Arc<Store>, work: Work, current: &Rc<Current>) {
    let form = window.global::<AccountListForm>();
    let Some(id) = current.identity() else { return };
    if super::is_busy(window) {
        return;
    }
    let path = PathBuf::from(form.get_path().trim());
    if path.as_os_str().is_empty() {
        return form.set_problem("Type the list file's path, or choose the file.".into());
    }
    let (job_store, done_store, done_current) = (store.clone(), store.clone(), current.clone());
    super::busy_run(
        window,
        current,
        work,
        "Reading the list…",
        move || check_list(&job_store, id, &path),
        move |window, checked| match checked {
            Ok(_) => {
                window.global::<AccountListForm>().set_problem(SharedString::new());
                ask_pin(window, &done_store, &done_current, id, Purpose::ImportList);
            }
            Err(problem) => window.global::<AccountListForm>().set_problem(sentence(&problem.to_string()).into()),
        },
    );
}

/// The PIN was right: every account of the list derived and stored on the worker; Manage
/// identity says what was added and what was not.
fn import(window: &AppWindow, store: &Arc<Store>, work: Work, current: &Rc<Current>) {
    let Some(id) = current.identity() else { return };
    let Some(mut unlocked) = current.home.borrow_mut().unlocked.take() else { return };
    let path = PathBuf::from(window.global::<AccountListForm>().get_path().trim());
    go(window, Screen::AccountList);
    let (job_store, done_store, done_current) = (store.clone(), store.clone(), current.clone());
    super::busy_run(
        window,
        current,
        work,
        "Deriving the accounts…",
        move || {
            // Read again (the file may have changed since); import_list checks its root.
            let list = read_list(&path)?;
            // The app asks no account password: those accounts are named in the report.
            import_list(&job_store, id, unlocked.secret(Instant::now()), &list, &mut |_| None)
        },
        move |window, imported| {
            done_current.home.borrow_mut().forget();
            match imported {
                Ok(report) => show_manage(window, &done_store, &done_current, &import_message(&report)),
                Err(problem) => window.global::<AccountListForm>().set_problem(sentence(&problem.to_string()).into()),
            }
        },
    );
}
