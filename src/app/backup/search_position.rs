//! Where a long password search stands, saved beside the backup file so an interrupted
//! search can go on (`--resume`). The file holds the candidate number and a check value of
//! the search (see [`Remembered::fingerprint`]), never a password.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::keys::backup::recover::Remembered;

use super::files::private_temporary;
use super::password_search::PasswordSearch;

/// The largest position file read: it holds a few short fields.
const MAX_POSITION_BYTES: u64 = 4096;
const FORMAT: &str = "axia-signer password search position";

/// A search's saved position: where it is kept and which search it belongs to.
#[derive(Debug, Clone)]
pub struct SavedPosition {
    pub path: PathBuf,
    check: String,
}

#[derive(Serialize, Deserialize)]
struct Saved {
    format: String,
    version: u32,
    check: String,
    next: u64,
}

/// Why a saved position cannot be used. Nothing was searched.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PositionError {
    /// The position file was made by a search for other inputs (another remembered
    /// password, other pieces, `--deep` or not, or another file).
    #[error("the saved position in {path} is for another search (a different remembered password, pieces, --deep, or file): run the same search to resume it, or leave out --resume to start over")]
    OtherSearch { path: String },
    /// The position file cannot be read, or is not one: `reason` says which.
    #[error("cannot read the saved position {path}: {reason}")]
    Unreadable { path: String, reason: String },
}

impl SavedPosition {
    /// The position of `search` over the backup at `backup`: `<backup>.search-position`.
    /// Costs one try (the check value is the file's own scrypt).
    pub fn of(backup: &Path, search: &PasswordSearch) -> SavedPosition {
        let mut name = backup.file_name().map(|name| name.to_os_string()).unwrap_or_default();
        name.push(".search-position");
        let check = hex::encode(Remembered::fingerprint(&search.remembered, &search.file));
        SavedPosition { path: backup.with_file_name(name), check }
    }

    /// The saved candidate number, or `None` when there is no saved position.
    pub fn load(&self) -> Result<Option<u64>, PositionError> {
        let unreadable = |reason: String| PositionError::Unreadable { path: self.path.display().to_string(), reason };
        let metadata = match fs::metadata(&self.path) {
            Ok(metadata) => metadata,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(error) => return Err(unreadable(error.to_string())),
        };
        if !metadata.is_file() || metadata.len() > MAX_POSITION_BYTES {
            return Err(unreadable("not a position file".to_owned()));
        }
        let text = fs::read_to_string(&self.path).map_err(|error| unreadable(error.to_string()))?;
        let saved: Saved = serde_json::from_str(&text).map_err(|_| unreadable("not a position file".to_owned()))?;
        if saved.format != FORMAT || saved.version != 1 {
            return Err(unreadable("not a position file".to_owned()));
        }
        if saved.check != self.check {
            return Err(PositionError::OtherSearch { path: self.path.display().to_string() });
        }
        Ok(Some(saved.next))
    }

    /// Saves `next` (every candidate below it was tried): written to a new private file and
    /// renamed over the old one, so an interruption leaves the old position or the new.
    pub fn save(&self, next: u64) -> std::io::Result<()> {
        let saved = Saved { format: FORMAT.to_owned(), version: 1, check: self.check.clone(), next };
        let (temporary, mut file) = private_temporary(&self.path)?;
        let written = file
            .write_all(serde_json::to_string(&saved).expect("plain fields").as_bytes())
            .and_then(|()| file.sync_all())
            .and_then(|()| fs::rename(&temporary, &self.path));
        if written.is_err() {
            let _ = fs::remove_file(&temporary);
        }
        written
    }

    /// Forgets the position: the search ended (found, or every candidate tried).
    pub fn remove(&self) {
        let _ = fs::remove_file(&self.path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::backup::password_search::tests::recovery_vector;
    use crate::keys::backup::recover::DEFAULT_MAX_PIECES;
    use crate::keys::Password;

    #[test]
    fn a_position_resumes_only_the_same_search_and_holds_no_password() {
        let directory = tempfile::tempdir().unwrap();
        let backup = directory.path().join("alice.json");
        let search = |typed: &str| {
            PasswordSearch::new(recovery_vector("pw-2"), &Password::new(typed), "", DEFAULT_MAX_PIECES, false).unwrap()
        };
        let position = SavedPosition::of(&backup, &search("Wintremute!"));
        assert_eq!(position.load().unwrap(), None);
        position.save(42).unwrap();
        assert_eq!(SavedPosition::of(&backup, &search("Wintremute!")).load().unwrap(), Some(42));
        let other = SavedPosition::of(&backup, &search("Wintremute?")).load();
        assert!(matches!(other, Err(PositionError::OtherSearch { .. })), "{other:?}");
        let saved = std::fs::read_to_string(&position.path).unwrap();
        assert!(!saved.contains("Wintremute") && !saved.contains("Wintermute"), "{saved}");
        position.remove();
        assert_eq!(position.load().unwrap(), None);
    }
}
