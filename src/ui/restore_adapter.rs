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
use super::{AppWindow, Current, IdentityList, Nav, NetworkPicker, Onboarding, Restore, Screen, Work};
use crate::app::backup::{
    default_export_directory, read_file, restore_account, restore_accounts, RestoreChoices, RestoreError, Restored,
    RestoredBatch,
};
use crate::db::{GenesisHash, Pin, Store};
use crate::keys::backup::{AccountFile, Meta};
use crate::keys::{BackupFile, Password};

const FILE_PASSWORD: &str = "The file's password (leave empty only if the file is not encrypted)";

/// What the restore flow holds between its screens; its secrets are wiped on drop.
pub(crate) struct Restoring {
    file: BackupFile,
    /// The name typed on "+ Add Identity", for a one-account file.
    name: Option<String>,
    /// The file's password: for a batch, its outer layer and every account inside that has
    /// no password of its own in `inner`.
    password: Password,
    /// Accounts of a batch that the file's password did not open, with the password typed for each.
    inner: Vec<(usize, Password)>,
    /// The account whose own password the field asks for now.
    asking_for: Option<usize>,
    pub(super) pin: Option<Pin>,
    pub(super) network: Option<GenesisHash>,
}

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
    restore.set_needs_password(match &file {
        BackupFile::Account(file) => file.is_encrypted(),
        BackupFile::Batch(_) => true,
        BackupFile::Accounts(files) => files.iter().any(AccountFile::is_encrypted),
    });
    restore.set_file_open(true);
    let name = matches!(file, BackupFile::Account(_)).then_some(typed).filter(|name| !name.is_empty());
    current.flow.borrow_mut().restoring = Some(Restoring {
        file,
        name,
        password: Password::empty(),
        inner: Vec::new(),
        asking_for: None,
        pin: None,
        network: None,
    });
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
    let flow = current.flow.borrow();
    let Some(restoring) = flow.restoring.as_ref() else { return };
    let Some(pin) = restoring.pin.clone() else { return };
    let job = Job {
        file: restoring.file.clone(),
        name: restoring.name.clone(),
        password: restoring.password.clone(),
        inner: restoring.inner.clone(),
        pin,
        network: restoring.network,
    };
    drop(flow);
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

/// What a restore made.
enum Outcome {
    One(Restored),
    Many(RestoredBatch),
}

/// Why it did not; for a batch, which account its own password must open (index, name),
/// and the accounts its outer layer held (so a retry need not open it again).
struct Failure {
    error: RestoreError,
    account: Option<(usize, String)>,
    opened: Option<Vec<AccountFile>>,
}

// Boxed: a failure is rare, and the size of `Result`'s error side would be paid by every success.
impl From<RestoreError> for Box<Failure> {
    fn from(error: RestoreError) -> Self {
        Box::new(Failure { error, account: None, opened: None })
    }
}

/// Everything the worker needs, copied out of the flow (the copies are wiped on drop too).
struct Job {
    file: BackupFile,
    name: Option<String>,
    password: Password,
    inner: Vec<(usize, Password)>,
    pin: Pin,
    network: Option<GenesisHash>,
}

impl Job {
    fn run(self, store: &Store) -> Result<Outcome, Box<Failure>> {
        match &self.file {
            BackupFile::Account(file) => {
                let password = if file.is_encrypted() { self.password.clone() } else { Password::empty() };
                let choices = RestoreChoices { network: self.network, name: self.name.clone() };
                Ok(Outcome::One(restore_account(store, file, &password, &self.pin, &choices)?))
            }
            BackupFile::Batch(batch) => {
                let files = batch.decrypt(&self.password).map_err(RestoreError::from)?;
                self.many(store, &files).map_err(|failure| Box::new(Failure { opened: Some(files), ..*failure }))
            }
            BackupFile::Accounts(files) => self.many(store, files),
        }
    }

    /// Every account of a batch, each with the file's password unless it was given its own.
    fn many(&self, store: &Store, files: &[AccountFile]) -> Result<Outcome, Box<Failure>> {
        let mut last = 0;
        let mut password_for = |index: usize, file: &AccountFile| {
            last = index;
            match self.inner.iter().find(|(other, _)| *other == index) {
                _ if !file.is_encrypted() => Password::empty(),
                Some((_, own)) => own.clone(),
                None => self.password.clone(),
            }
        };
        let result = restore_accounts(store, files, &mut password_for, &self.pin, self.network);
        result.map(Outcome::Many).map_err(|error| {
            let wrong = matches!(error.kind(), "wrong_password" | "password_required");
            let account = wrong.then(|| (last, format!("account {} ({})", last + 1, label(&files[last]))));
            Box::new(Failure { error, account, opened: None })
        })
    }
}

/// What the file says about itself, before any password: name, address and network, or
/// how many accounts it holds.
fn summary(store: &Store, file: &BackupFile) -> String {
    match file {
        BackupFile::Account(file) => {
            let name = file.meta.name.as_deref().filter(|name| !name.trim().is_empty()).unwrap_or("(no name)");
            let network = match file.meta.genesis_hash.map(GenesisHash) {
                None => "The file does not say which network: you will pick one.".to_owned(),
                Some(genesis) => match store.network(genesis) {
                    Ok(Some(network)) => format!("For {}.", network.name),
                    _ => "For a network not in the catalogue: you will pick one.".to_owned(),
                },
            };
            let plain = if file.is_encrypted() { "" } else { " Not encrypted: no password needed." };
            format!("{name}\n{}\n{network}{plain}", file.address.text())
        }
        BackupFile::Batch(batch) if batch.listed.is_empty() => {
            "An \"Export all\" file: it names its accounts once opened.".to_owned()
        }
        BackupFile::Batch(batch) => accounts(batch.listed.iter().map(|(address, meta)| name_or(meta, address))),
        BackupFile::Accounts(files) => accounts(files.iter().map(label)),
    }
}

fn accounts(names: impl ExactSizeIterator<Item = String>) -> String {
    let count = names.len();
    let names: Vec<String> = names.collect();
    format!("{count} accounts: {}", names.join(", "))
}

fn label(file: &AccountFile) -> String {
    name_or(&file.meta, file.address.text())
}

fn name_or(meta: &Meta, address: &str) -> String {
    match meta.name.as_deref().map(str::trim).filter(|name| !name.is_empty()) {
        Some(name) => name.to_owned(),
        None => address.to_owned(),
    }
}

fn batch_notice(batch: &RestoredBatch) -> String {
    let names: Vec<String> = batch.restored.iter().map(|r| format!("{} ({})", r.name, r.network)).collect();
    let mut notice = match names.len() {
        0 => "Nothing new was restored.".to_owned(),
        n => format!("Restored {n} account(s), each as its own identity: {}.", names.join(", ")),
    };
    if !batch.already_stored.is_empty() {
        notice += &format!(" Already here: {}.", batch.already_stored.join(", "));
    }
    notice
}
