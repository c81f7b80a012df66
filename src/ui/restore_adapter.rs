//! "Restore from backup JSON file": the file's path (typed, or from the desktop's file
//! dialog), what the file says about itself, its password; then the PIN and, when the file
//! does not name a known network, the network, on the onboarding screens; then decrypting
//! and storing on the worker behind the busy overlay (scrypt and argon2 take a while).
//! The global `Restore`.

use std::path::PathBuf;
use std::rc::Rc;
use std::sync::Arc;

use slint::{ComponentHandle, SharedString};

use super::file_dialog::FileDialog;
use super::onboarding_adapter::{go_to_pin, name_is_free, refresh_identities, sentence, show_networks};
use super::restoring::{batch_notice, needs_password, summary, Failure, Outcome, Restoring};
use super::{AppWindow, Current, IdentityList, Nav, NetworkPicker, Onboarding, Restore, Screen, Work};
use crate::app::backup::{default_export_directory, read_file, RestoreError};
use crate::db::Store;
use crate::keys::{BackupFile, Password};

const FILE_PASSWORD: &str = "The file's password (leave empty only if the file is not encrypted)";

pub(super) fn connect(window: &AppWindow, store: Arc<Store>, work: Work, current: Rc<Current>) {
    let dialog = FileDialog::find();

    let weak = window.as_weak();
    let (start_store, start_current, can_choose) = (store.clone(), current.clone(), dialog.is_some());
    window.global::<Restore>().on_start(move || {
        let window = weak.unwrap();
        let onboarding = window.global::<Onboarding>();
        onboarding.set_name_error(SharedString::new());
        // A typed name must be free; without one, the file's name is used (numbered if taken).
        if !onboarding.get_identity_name().trim().is_empty() && !name_is_free(&window, &start_store) {
            return;
        }
        start_current.flow.borrow_mut().restoring = None;
        let restore = window.global::<Restore>();
        restore.set_path(SharedString::new());
        restore.set_can_choose(can_choose);
        restore.set_choosing(false);
        close_file(&window);
        window.global::<Nav>().set_screen(Screen::Restore);
    });

    // Another path: the file on screen is no longer the one read.
    let weak = window.as_weak();
    let edit_current = current.clone();
    window.global::<Restore>().on_path_edited(move || {
        edit_current.flow.borrow_mut().restoring = None;
        close_file(&weak.unwrap());
    });

    let weak = window.as_weak();
    let (open_store, open_current) = (store.clone(), current.clone());
    window.global::<Restore>().on_open_file(move || open(&weak.unwrap(), &open_store, &open_current));

    let weak = window.as_weak();
    let (choose_store, choose_current) = (store.clone(), current.clone());
    window.global::<Restore>().on_choose_file(move || {
        let Some(dialog) = dialog.clone() else { return };
        let window = weak.unwrap();
        window.global::<Restore>().set_choosing(true);
        let (weak, store, current) = (window.as_weak(), choose_store.clone(), choose_current.clone());
        // Browsers save downloads there; the dialog blocks, so it runs on the worker.
        let start = default_export_directory();
        work.run(
            move || dialog.choose_json(&start),
            move |chosen| {
                let window = weak.unwrap();
                window.global::<Restore>().set_choosing(false);
                if let (Some(path), Screen::Restore) = (chosen, window.global::<Nav>().get_screen()) {
                    window.global::<Restore>().set_path(path.display().to_string().into());
                    open(&window, &store, &current);
                }
            },
        );
    });

    let weak = window.as_weak();
    window.global::<Restore>().on_restore(move || {
        let window = weak.unwrap();
        let restore = window.global::<Restore>();
        let mut flow = current.flow.borrow_mut();
        let Some(restoring) = flow.restoring.as_mut() else { return };
        // The password leaves the field as soon as it is taken.
        let typed = Password::new(restore.get_password().as_str());
        restore.set_password(SharedString::new());
        if restore.get_needs_password() && typed.is_empty() {
            return restore.set_problem("Type the file's password.".into());
        }
        match restoring.asking_for.take() {
            Some(index) => {
                restoring.inner.retain(|(other, _)| *other != index);
                restoring.inner.push((index, typed));
            }
            None => restoring.password = typed,
        }
        restore.set_problem(SharedString::new());
        if restoring.pin.is_none() {
            return go_to_pin(&window, &mut flow);
        }
        drop(flow);
        run(&window, &store, work, &current);
    });
}

/// Reads the file at the typed path and shows what it says; its problem, if it cannot be read.
pub(super) fn open(window: &AppWindow, store: &Store, current: &Current) {
    let restore = window.global::<Restore>();
    close_file(window);
    let path = PathBuf::from(restore.get_path().trim());
    if path.as_os_str().is_empty() {
        return restore.set_problem("Type the file's path, or choose the file.".into());
    }
    let file = match read_file(&path) {
        Ok(file) => file,
        Err(error) => return restore.set_problem(sentence(&error.to_string()).into()),
    };
    let typed = window.global::<Onboarding>().get_identity_name().trim().to_owned();
    restore.set_summary(summary(store, &file).into());
    restore.set_needs_password(needs_password(&file));
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
}

/// Decrypts and stores on the worker, with the PIN (and network) the flow now holds.
pub(super) fn run(window: &AppWindow, store: &Arc<Store>, work: Work, current: &Rc<Current>) {
    let Some(job) = current.flow.borrow().restoring.as_ref().and_then(Restoring::job) else { return };
    super::busy(window, "Opening the backup…");
    let (weak, job_store, store, current) = (window.as_weak(), store.clone(), store.clone(), current.clone());
    work.run(
        move || job.run(&job_store),
        move |result| {
            let window = weak.unwrap();
            window.global::<Nav>().set_busy(false);
            finish(&window, &store, &current, result);
        },
    );
}

fn finish(window: &AppWindow, store: &Store, current: &Current, result: Result<Outcome, Box<Failure>>) {
    let failure = match result {
        Ok(Outcome::One(restored)) => {
            current.forget_secrets(window);
            return super::home_adapter::show_home(window, store, current, restored.identity);
        }
        Ok(Outcome::Many(batch)) => {
            current.forget_secrets(window);
            refresh_identities(window, store);
            window.global::<IdentityList>().set_notice(batch_notice(&batch).into());
            return window.global::<Nav>().set_screen(Screen::Identities);
        }
        Err(failure) => failure,
    };
    let mut flow = current.flow.borrow_mut();
    if let (Some(restoring), Some(files)) = (flow.restoring.as_mut(), failure.opened) {
        restoring.file = BackupFile::Accounts(files);
    }
    if let RestoreError::NetworkNeeded | RestoreError::UnknownNetwork { .. } = failure.error {
        flow.networks = store.networks().unwrap_or_default();
        show_networks(window, &flow.networks);
        let picker = window.global::<NetworkPicker>();
        picker.set_derivation_choice(false);
        picker.set_hint(sentence(&failure.error.to_string()).into());
        return window.global::<Nav>().set_screen(Screen::Network);
    }
    let Some(restoring) = flow.restoring.as_mut() else { return };
    let restore = window.global::<Restore>();
    let problem = match failure.account {
        Some((index, label)) => {
            restoring.asking_for = Some(index);
            restore.set_password_label(format!("The password of {label}").into());
            format!(
                "The file's password does not open {label}: type that account's own password. Nothing is restored yet."
            )
        }
        None => {
            restoring.password = Password::empty();
            sentence(&failure.error.to_string())
        }
    };
    restore.set_problem(problem.into());
    window.global::<Nav>().set_screen(Screen::Restore);
}
