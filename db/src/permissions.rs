//! The store is private to its user: its directories 0700 and its files 0600, whatever the
//! umask, and mended on every open (sled creates its files with the process's umask).
//! The sealed records are what an attacker would copy to guess a PIN offline.

use std::fs::{self, DirBuilder, Permissions};
use std::io;
use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
use std::path::Path;

pub const DIR_MODE: u32 = 0o700;
pub const FILE_MODE: u32 = 0o600;

/// Creates `dir` (and its missing parents) as 0700, or makes an existing one 0700.
pub fn private_dir(dir: &Path) -> io::Result<()> {
    DirBuilder::new().recursive(true).mode(DIR_MODE).create(dir)?;
    set_mode(dir, DIR_MODE)
}

/// Every file under `dir` 0600 and every folder 0700 (two levels: sled's `blobs/` and
/// our `sealed/`). Cheap when nothing needs changing: one `stat` per entry.
pub fn make_private(dir: &Path) -> io::Result<()> {
    set_mode(dir, DIR_MODE)?;
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let kind = entry.file_type()?;
        let done = if kind.is_dir() {
            make_private(&entry.path())
        } else if kind.is_file() {
            set_mode(&entry.path(), FILE_MODE)
        } else {
            Ok(())
        };
        // sled removes old snapshots as it writes new ones: a file gone is not a failure.
        match done {
            Err(error) if error.kind() != io::ErrorKind::NotFound => return Err(error),
            _ => {}
        }
    }
    Ok(())
}

fn set_mode(path: &Path, mode: u32) -> io::Result<()> {
    let current = fs::symlink_metadata(path)?.permissions().mode() & 0o7777;
    if current != mode {
        fs::set_permissions(path, Permissions::from_mode(mode))?;
    }
    Ok(())
}
