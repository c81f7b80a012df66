//! Finding a backup file's forgotten password from what the user remembers of it: a
//! password that is close ([`remembered`]'s classes) and/or the pieces it was built from
//! ([`pieces`]). Every try is the file's own scrypt and secretbox; a hit is the key inside
//! giving the file's address (an "Export all" file: its accounts list opening).
//!
//! Candidates are generated lazily, in order, and numbered: a run can start at any number, so
//! an interrupted search resumes where it stopped (the caller keeps the number, never a
//! password).

mod keyboard;
mod pieces;
mod remembered;
mod run;

use std::collections::HashSet;
use std::hash::{BuildHasher, RandomState};

use zeroize::Zeroizing;

pub use pieces::{DEFAULT_MAX_PIECES, MAX_PIECES_TAKEN};
pub use run::{search, workers_for, Outcome, Run, CHECKPOINT_EVERY};

use super::{envelope::Protection, BackupError, BackupFile, ScryptParams};
use crate::secret::Password;
use remembered::Chars;

/// The longest remembered password taken: two slips of a longer one are millions of tries.
pub const MAX_REMEMBERED_CHARS: usize = 64;
/// The most pieces taken.
pub const MAX_PIECES: usize = 64;
/// The longest piece taken.
pub const MAX_PIECE_CHARS: usize = 64;

/// The version of the candidate order: part of a saved position's check value, so a
/// position saved by code that orders candidates differently is refused, not misread.
/// Raise it with any change to what is tried or in which order.
const ORDER_VERSION: u32 = 1;

/// The kinds of candidate, in the order they are tried.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Class {
    /// The password exactly as remembered.
    AsTyped,
    /// Capitals changed: the first letter, all, none, any one or two letters.
    Case,
    /// One slip: a letter doubled, left out, swapped with its neighbour, or a neighbouring key.
    Slip,
    /// A common ending added (`!`, `1`, `123`, a year, …).
    Ending,
    /// Any one printable character inserted or replaced.
    AnyCharacter,
    /// Two slips or capital changes (asked for with `--deep`).
    TwoSlips,
    /// Built from the pieces.
    Pieces,
}

impl Class {
    /// What the class tries, for a person.
    pub fn describe(self) -> &'static str {
        match self {
            Class::AsTyped => "as typed",
            Class::Case => "capitals changed",
            Class::Slip => "one slip (a letter doubled, left out, swapped or a key beside it)",
            Class::Ending => "a common ending added (!, 1, 123, a year…)",
            Class::AnyCharacter => "any one character added or changed",
            Class::TwoSlips => "two slips",
            Class::Pieces => "the pieces in every order",
        }
    }
}

/// Why a search cannot start. Nothing has been tried.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RecoverError {
    /// The file has no password: restore it with an empty one.
    #[error("this backup file is not encrypted: it has no password to find; restore it with an empty password")]
    NotEncrypted,
    /// A list of account files, each with its own password: find one file's password at a time.
    #[error("this file is a list of {accounts} account files, each with its own password: save the account whose password is lost as a file of its own and search that")]
    ListOfFiles { accounts: usize },
    /// Neither a remembered password nor any piece was given.
    #[error("type the password as you remember it, or give the pieces it was made from")]
    NothingRemembered,
    /// The remembered password is longer than [`MAX_REMEMBERED_CHARS`].
    #[error("the remembered password is longer than {max} characters: type the part you are sure of and give the rest as pieces")]
    RememberedTooLong { max: usize },
    /// More than [`MAX_PIECES`] pieces, or one longer than [`MAX_PIECE_CHARS`].
    #[error("give at most {max_pieces} pieces of at most {max_chars} characters each")]
    TooManyPieces { max_pieces: usize, max_chars: usize },
    /// The file could not be read or its parameters are refused.
    #[error(transparent)]
    File(#[from] BackupError),
}

impl RecoverError {
    /// A stable name for scripts.
    pub fn kind(&self) -> &'static str {
        match self {
            RecoverError::NotEncrypted => "not_encrypted",
            RecoverError::ListOfFiles { .. } => "list_of_files",
            RecoverError::NothingRemembered => "nothing_remembered",
            RecoverError::RememberedTooLong { .. } | RecoverError::TooManyPieces { .. } => "input_too_long",
            RecoverError::File(error) => error.kind(),
        }
    }
}

/// What the user remembers. Wiped on drop.
#[derive(Clone)]
pub struct Remembered {
    password: Option<Chars>,
    pieces: pieces::Pieces,
    deep: bool,
}

impl std::fmt::Debug for Remembered {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Remembered(<redacted>)")
    }
}

impl Remembered {
    /// `password`: as remembered (empty: none). `pieces`: one per entry, empty ones ignored,
    /// at most `up_to` in a candidate (at most [`MAX_PIECES_TAKEN`]). `deep` adds two slips.
    pub fn new(password: &Password, pieces: &[Password], up_to: usize, deep: bool) -> Result<Remembered, RecoverError> {
        let chars = |text: &Password| -> Chars { Zeroizing::new(text.expose().chars().collect()) };
        let typed = chars(password);
        if typed.len() > MAX_REMEMBERED_CHARS {
            return Err(RecoverError::RememberedTooLong { max: MAX_REMEMBERED_CHARS });
        }
        let pieces: Vec<Chars> = pieces.iter().map(chars).filter(|piece| !piece.is_empty()).collect();
        if pieces.len() > MAX_PIECES || pieces.iter().any(|piece| piece.len() > MAX_PIECE_CHARS) {
            return Err(RecoverError::TooManyPieces { max_pieces: MAX_PIECES, max_chars: MAX_PIECE_CHARS });
        }
        if typed.is_empty() && pieces.is_empty() {
            return Err(RecoverError::NothingRemembered);
        }
        Ok(Remembered {
            password: (!typed.is_empty()).then_some(typed),
            pieces: pieces::Pieces::new(pieces, up_to.clamp(1, MAX_PIECES_TAKEN)),
            deep,
        })
    }

    /// Every candidate in order, each once: a candidate a later class gives again is skipped,
    /// except among the pieces (they can be millions; a piece candidate equal to an earlier
    /// one is rare, and tried again).
    pub fn candidates(&self) -> Candidates {
        let built = self.pieces.clone().candidates().map(|chars| (Class::Pieces, chars));
        Candidates { inner: Box::new(self.near().chain(built)), seen: Unseen::default() }
    }

    /// The candidates near the remembered password (none without one), repeats left in.
    fn near(&self) -> impl Iterator<Item = (Class, Chars)> + Send {
        self.password.clone().map(|typed| remembered::candidates(typed, self.deep)).into_iter().flatten()
    }

    /// Whether two slips are tried.
    pub fn is_deep(&self) -> bool {
        self.deep
    }

    /// A check value of the file and what is remembered, to tell whether a saved position
    /// belongs to the same search: the file's own scrypt over what is remembered, salted with
    /// the file's encrypted bytes, so testing a guess of the remembered password against it
    /// costs what testing a guess against the file itself costs.
    pub fn fingerprint(&self, file: &Locked) -> [u8; 16] {
        let all = || self.password.iter().chain(self.pieces.all());
        // Sized up front: a growing string would leave unwiped copies behind.
        let length: usize = all().map(|chars| chars.iter().map(|c| c.len_utf8() + 1).sum::<usize>() + 1).sum();
        let mut input = Zeroizing::new(String::with_capacity(length + 64));
        for chars in all() {
            input.extend(chars.iter());
            input.push('\n');
        }
        input.push_str(&format!("order {ORDER_VERSION}, up to {} pieces, deep {}", self.pieces.up_to(), self.deep));
        let params = file.scrypt_params().unwrap_or(ScryptParams::COMPATIBLE);
        let mut salt = b"axia-signer: where a password search stands\n".to_vec();
        salt.extend_from_slice(file.sealed().0);
        let key = params.key(&Password::new(input.as_str()), &salt);
        key[..16].try_into().expect("16 of 32 bytes")
    }

    /// How many candidates each class holds, in order (classes with none left out).
    pub fn plan(&self) -> Vec<(Class, u64)> {
        let mut counts: Vec<(Class, u64)> = Vec::new();
        let mut seen = Unseen::default();
        for (class, chars) in self.near() {
            if seen.first_time(&class, &chars) {
                match counts.last_mut() {
                    Some((last, count)) if *last == class => *count += 1,
                    _ => counts.push((class, 1)),
                }
            }
        }
        let built = self.pieces.count();
        if built > 0 {
            counts.push((Class::Pieces, built));
        }
        counts
    }
}

/// Whether a candidate was given before. Only hashes are kept (keyed afresh each run), so no
/// password is held beyond the one being tried; the pieces class, which can hold millions and
/// whose repeats are rare, is not tracked.
#[derive(Default)]
struct Unseen {
    seen: HashSet<u64>,
    hasher: RandomState,
}

impl Unseen {
    fn first_time(&mut self, class: &Class, chars: &[char]) -> bool {
        *class == Class::Pieces || self.seen.insert(self.hasher.hash_one(chars))
    }
}

/// The candidates of a [`Remembered`], in order, as passwords.
pub struct Candidates {
    inner: Box<dyn Iterator<Item = (Class, Chars)> + Send>,
    seen: Unseen,
}

impl Candidates {
    /// Passes over the first `count` candidates (tried by an earlier run) without making
    /// passwords of them; false when there were fewer.
    pub fn pass_over(&mut self, count: u64) -> bool {
        let mut left = count;
        while left > 0 {
            let Some((class, chars)) = self.inner.next() else { return false };
            if self.seen.first_time(&class, &chars) {
                left -= 1;
            }
        }
        true
    }
}

impl Iterator for Candidates {
    type Item = (Class, Password);

    fn next(&mut self) -> Option<(Class, Password)> {
        for (class, chars) in self.inner.by_ref() {
            if self.seen.first_time(&class, &chars) {
                let mut text = String::with_capacity(chars.iter().map(|c| c.len_utf8()).sum());
                text.extend(chars.iter());
                return Some((class, Password::new(text)));
            }
        }
        None
    }
}

/// A backup file whose password is sought: one account, or an "Export all" file's outer layer.
#[derive(Debug, Clone)]
pub struct Locked {
    file: BackupFile,
}

impl Locked {
    pub fn new(file: BackupFile) -> Result<Locked, RecoverError> {
        let (encoded, protection) = match &file {
            BackupFile::Account(account) => (&account.encoded[..], account.protection),
            BackupFile::Batch(batch) => (&batch.encoded[..], batch.protection),
            BackupFile::Accounts(files) => return Err(RecoverError::ListOfFiles { accounts: files.len() }),
        };
        if protection == Protection::None {
            return Err(RecoverError::NotEncrypted);
        }
        super::envelope::Sealed::split(encoded, protection, &[])?;
        Ok(Locked { file })
    }

    /// The file's scrypt cost, when it has one (version 2 files key the box with the password itself).
    pub fn scrypt_params(&self) -> Option<ScryptParams> {
        let (encoded, protection) = self.sealed();
        super::envelope::Sealed::split(encoded, protection, &[]).ok().and_then(|sealed| sealed.params())
    }

    fn sealed(&self) -> (&[u8], Protection) {
        match &self.file {
            BackupFile::Account(account) => (&account.encoded[..], account.protection),
            BackupFile::Batch(batch) => (&batch.encoded[..], batch.protection),
            BackupFile::Accounts(_) => unreachable!("refused by Locked::new"),
        }
    }

    /// How long one try takes here: the file's scrypt on a fixed input, run twice (the first
    /// run also pays for mapping its memory, which a search's later tries do not).
    pub fn time_one_try(&self) -> std::time::Duration {
        let Some(params) = self.scrypt_params() else { return std::time::Duration::ZERO };
        let once = || {
            let started = std::time::Instant::now();
            params.key(&Password::new("axia-signer: timing one try"), b"a salt of no file");
            started.elapsed()
        };
        once();
        once()
    }

    /// The file as read.
    pub fn file(&self) -> &BackupFile {
        &self.file
    }

    /// One try: `Ok(true)` when `password` opens the file and the key inside is the one it states.
    pub fn opens_with(&self, password: &Password) -> Result<bool, BackupError> {
        let opened = match &self.file {
            BackupFile::Account(account) => account.decrypt(password).map(drop),
            BackupFile::Batch(batch) => batch.decrypt(password).map(drop),
            BackupFile::Accounts(_) => unreachable!("refused by Locked::new"),
        };
        match opened {
            Ok(()) => Ok(true),
            Err(BackupError::WrongPassword | BackupError::PasswordRequired) => Ok(false),
            Err(error) => Err(error),
        }
    }
}

#[cfg(test)]
mod tests;
