//! What the restore flow holds between its screens, the job that decrypts and stores off
//! the UI thread, and the words that describe a file before its password.

use crate::app::backup::{
    check_account, check_accounts, restore_account, restore_accounts, RestoreChoices, RestoreError, Restored,
    RestoredBatch,
};
use crate::db::{GenesisHash, Pin, Store};
use crate::keys::backup::{AccountFile, Meta};
use crate::keys::{BackupFile, Password};

/// What the restore flow holds between its screens; its secrets are wiped on drop.
pub struct Restoring {
    /// The file as read; an "Export all" file, once opened, becomes the list it held.
    pub file: BackupFile,
    /// What the file was when read.
    pub kind: Kind,
    /// The name typed on "+ Add Identity", for a one-account file.
    name: Option<String>,
    /// The file's password: for a batch, its outer layer and every account inside that has
    /// no password of its own in `inner`.
    pub password: Password,
    /// Accounts of a batch that the file's password did not open, with the password typed for each.
    pub inner: Vec<(usize, Password)>,
    /// The account whose own password the field asks for now.
    pub asking_for: Option<usize>,
    pub pin: Option<Pin>,
    pub network: Option<GenesisHash>,
}

impl Restoring {
    pub fn new(file: BackupFile, name: Option<String>) -> Restoring {
        let kind = match &file {
            BackupFile::Account(_) => Kind::One,
            BackupFile::Batch(_) => Kind::Batch,
            BackupFile::Accounts(_) => Kind::List,
        };
        Restoring {
            file,
            kind,
            name,
            password: Password::empty(),
            inner: Vec::new(),
            asking_for: None,
            pin: None,
            network: None,
        }
    }

    /// A file of several accounts.
    pub fn is_batch(&self) -> bool {
        self.kind != Kind::One
    }

    /// The worker's copy: before the PIN is set it only checks the passwords (and the
    /// network), after it restores. The PIN moves to the job (a PIN is never copied): should
    /// the restore fail after it, the next try checks again and asks for a PIN again.
    pub fn job(&mut self) -> Job {
        Job {
            file: self.file.clone(),
            name: self.name.clone(),
            password: self.password.clone(),
            inner: self.inner.clone(),
            pin: self.pin.take(),
            network: self.network,
        }
    }
}

/// What kind of file is restored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// One account's file.
    One,
    /// An "Export all" file: one password over every account inside.
    Batch,
    /// A JSON list of account files, each with its own password.
    List,
}

/// Whether the file asks for a password at all (an "Export all" file always does).
pub fn needs_password(file: &BackupFile) -> bool {
    match file {
        BackupFile::Account(file) => file.is_encrypted(),
        BackupFile::Batch(_) => true,
        BackupFile::Accounts(files) => files.iter().any(AccountFile::is_encrypted),
    }
}

/// What a restore made.
pub enum Outcome {
    /// Checked, before the PIN: every password opens and there is a network; nothing written.
    Checked,
    One(Restored),
    Many(RestoredBatch),
}

/// Why it did not; for a batch, which account its own password must open (index, name),
/// and the accounts its outer layer held (so a retry need not open it again).
pub struct Failure {
    pub error: RestoreError,
    pub account: Option<(usize, String)>,
    pub opened: Option<Vec<AccountFile>>,
}

// Boxed: a failure is rare, and the size of `Result`'s error side would be paid by every success.
impl From<RestoreError> for Box<Failure> {
    fn from(error: RestoreError) -> Self {
        Box::new(Failure { error, account: None, opened: None })
    }
}

/// Everything the worker needs, copied out of the flow (the copies are wiped on drop too).
pub struct Job {
    file: BackupFile,
    name: Option<String>,
    password: Password,
    inner: Vec<(usize, Password)>,
    /// `None`: only check, write nothing.
    pin: Option<Pin>,
    network: Option<GenesisHash>,
}

impl Job {
    pub fn run(self, store: &Store) -> Result<Outcome, Box<Failure>> {
        match &self.file {
            BackupFile::Account(file) => {
                let password = if file.is_encrypted() { self.password.clone() } else { Password::empty() };
                let choices = RestoreChoices { network: self.network, name: self.name.clone() };
                match &self.pin {
                    None => Ok(check_account(store, file, &password, &choices).map(|()| Outcome::Checked)?),
                    Some(pin) => Ok(Outcome::One(restore_account(store, file, &password, pin, &choices)?)),
                }
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
        let result = match &self.pin {
            None => check_accounts(store, files, &mut password_for, self.network).map(|()| Outcome::Checked),
            Some(pin) => restore_accounts(store, files, &mut password_for, pin, self.network).map(Outcome::Many),
        };
        result.map_err(|error| {
            let wrong = matches!(error.kind(), "wrong_password" | "password_required");
            let account = wrong.then(|| (last, format!("account {} ({})", last + 1, label(&files[last]))));
            Box::new(Failure { error, account, opened: None })
        })
    }
}

/// What the file says about itself, before any password: name, address and network, or
/// how many accounts it holds.
pub fn summary(store: &Store, file: &BackupFile) -> String {
    match file {
        BackupFile::Account(file) => {
            let name = match file.meta.name.as_deref().filter(|name| !name.trim().is_empty()) {
                Some(name) => printable(name),
                None => "(no name)".to_owned(),
            };
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

fn accounts(names: impl Iterator<Item = String>) -> String {
    let names: Vec<String> = names.collect();
    format!("{} accounts: {}", names.len(), names.join(", "))
}

fn label(file: &AccountFile) -> String {
    name_or(&file.meta, file.address.text())
}

fn name_or(meta: &Meta, address: &str) -> String {
    match meta.name.as_deref().map(str::trim).filter(|name| !name.is_empty()) {
        Some(name) => printable(name),
        None => printable(address),
    }
}

/// Text from a file, fit for the screen: control characters (new lines, escapes) become `�`.
fn printable(text: &str) -> String {
    text.chars().map(|c| if c.is_control() { char::REPLACEMENT_CHARACTER } else { c }).collect()
}

pub fn batch_notice(batch: &RestoredBatch) -> String {
    let names: Vec<String> = batch.restored.iter().map(|r| format!("{} ({})", r.name, r.network)).collect();
    let mut notice = match names.len() {
        0 => "Nothing new was restored.".to_owned(),
        n => format!(
            "Restored {}, each as its own identity: {}.",
            crate::app::text::count_of(n, "account", "accounts"),
            names.join(", ")
        ),
    };
    if !batch.already_stored.is_empty() {
        notice += &format!(" Already here: {}.", batch.already_stored.join(", "));
    }
    notice
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_from_a_file_shows_no_control_characters() {
        assert_eq!(printable("Alice\nFor Polkadot.\u{1b}[2J"), "Alice\u{fffd}For Polkadot.\u{fffd}[2J");
        assert_eq!(printable("Ünïcode name"), "Ünïcode name");
    }
}
