//! Opening sled so that a refused open changes no byte of the store.
//!
//! sled writes while it opens: after a log message it cannot read it zeroes the rest of the
//! log, and it replaces its snapshot. When the open then fails, the damaged files have
//! already been changed, and with them any chance of a careful rescue. So before sled opens:
//! 1. `conf` and the newest `snap.*` are checked against their own CRC32 (sled only logs a
//!    warning for a bad `conf`, then reads the damaged settings). A bad one refuses the open
//!    by name, before anything is written.
//! 2. Unless sled's files are as the last clean close left them (the `clean` manifest:
//!    each file's length, inode and change times), they are copied aside into
//!    `.open-backup/`.
//!    A refused open moves them back; a successful one discards them, or keeps them as
//!    `damaged-<time>/` when opening had to rebuild identities ([`crate::recovery`]).
//!
//! After a clean close the check costs a `stat` per file; only an open after a crash, or
//! after something else wrote the files, pays for the copy.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::error::OpenError;
use crate::sealed_copies::SEALED_DIR;

const CONF: &str = "conf";
const LOG: &str = "db";
const BLOBS: &str = "blobs";
const CLEAN: &str = "clean";
const BACKUP: &str = ".open-backup";
/// Written into the backup folder last: a backup without it was cut short and is unused.
const BACKUP_COMPLETE: &str = ".complete";
const DAMAGED_PREFIX: &str = "damaged-";
/// Our own lock, held for a store's whole life: one AXIA Signer at a time in a folder.
const LOCK: &str = ".lock";

/// How long to wait for another holder of sled's lock (a store closed a moment ago in this
/// process, still releasing it from sled's flusher thread).
pub const LOCK_WAIT: Duration = Duration::from_secs(3);

/// The files of sled's own, relative to the store's directory.
fn sled_files(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name == CONF || name == LOG || name.starts_with("snap.") {
            files.push(PathBuf::from(&*name));
        } else if name == BLOBS && entry.file_type()?.is_dir() {
            for blob in fs::read_dir(entry.path())? {
                files.push(Path::new(BLOBS).join(blob?.file_name()));
            }
        }
    }
    files.sort();
    Ok(files)
}

/// The store's own lock (an flock on `.lock`), held from before sled opens until after its
/// files are marked clean or put back, so no other process works in the folder meanwhile.
pub(crate) struct StoreLock(#[allow(dead_code)] File);

impl StoreLock {
    pub fn acquire(dir: &Path) -> Result<StoreLock, OpenError> {
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .mode(0o600)
            .open(dir.join(LOCK))
            .map_err(|e| io_error(dir, e))?;
        wait_for_lock(&file, dir)?;
        Ok(StoreLock(file))
    }
}

fn wait_for_lock(file: &File, dir: &Path) -> Result<(), OpenError> {
    let deadline = Instant::now() + LOCK_WAIT;
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(()),
            Err(std::fs::TryLockError::WouldBlock) if Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(20))
            }
            Err(std::fs::TryLockError::WouldBlock) => return Err(OpenError::InUse { path: dir.display().to_string() }),
            Err(std::fs::TryLockError::Error(error)) => return Err(io_error(dir, error)),
        }
    }
}

/// The lock sled takes on its `db` file (an flock): free once sled has closed it, which
/// its background thread may do a moment after the store is dropped.
fn lock_log(dir: &Path) -> Result<Option<File>, OpenError> {
    let file = match OpenOptions::new().read(true).write(true).open(dir.join(LOG)) {
        Ok(file) => file,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(io_error(dir, error)),
    };
    wait_for_lock(&file, dir)?;
    Ok(Some(file))
}

fn io_error(dir: &Path, error: io::Error) -> OpenError {
    OpenError::Store(crate::error::StoreError::Io(format!("{}: {error}", dir.display())))
}

pub(crate) fn damaged(dir: &Path, file: &str, reason: &str) -> OpenError {
    OpenError::Damaged {
        file: dir.join(file).display().to_string(),
        reason: reason.to_owned(),
        sealed: dir.join(SEALED_DIR).display().to_string(),
    }
}

/// sled's own checksum: CRC32 as the crc32fast crate computes it.
fn crc32(bytes: &[u8]) -> u32 {
    crc32fast::hash(bytes)
}

/// `conf` is its settings then a CRC32 (little-endian) of them.
fn check_conf(dir: &Path) -> Result<(), OpenError> {
    let bytes = match fs::read(dir.join(CONF)) {
        Ok(bytes) => bytes,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(error) => return Err(io_error(dir, error)),
    };
    let good = bytes.len() > 8 && {
        let (body, crc) = bytes.split_at(bytes.len() - 4);
        crc32(body).to_le_bytes() == crc
    };
    if good {
        Ok(())
    } else {
        Err(damaged(dir, CONF, "its checksum does not match"))
    }
}

/// A snapshot is its body, the body's length (8 bytes), then a CRC32 of the body. sled
/// reads only the newest.
fn check_snapshot(dir: &Path, files: &[PathBuf]) -> Result<(), OpenError> {
    let Some(newest) = files
        .iter()
        .filter(|f| f.to_string_lossy().starts_with("snap.") && !f.to_string_lossy().ends_with(".generating"))
        .max()
    else {
        return Ok(());
    };
    let bytes = fs::read(dir.join(newest)).map_err(|e| io_error(dir, e))?;
    let good = bytes.len() > 12 && {
        let (body, trailer) = bytes.split_at(bytes.len() - 12);
        crc32(body).to_le_bytes() == trailer[8..]
    };
    if good {
        Ok(())
    } else {
        Err(damaged(dir, &newest.to_string_lossy(), "its checksum does not match"))
    }
}

/// `<file> <length> <inode> <mtime> <ctime>` per line: sled's files as a clean close left
/// them. Any write to a file changes its ctime, which no user tool can set back, so an
/// unchanged line means an unchanged file; reading 100 MB of log to be sure would cost
/// more than the whole open is allowed. (A disk that rots a bit without a write is not
/// seen here; the sealed copies still keep every identity.)
fn manifest(dir: &Path, files: &[PathBuf]) -> io::Result<String> {
    use std::os::unix::fs::MetadataExt;
    let mut text = String::new();
    for file in files {
        let m = fs::symlink_metadata(dir.join(file))?;
        text.push_str(&format!(
            "{} {} {} {}.{:09} {}.{:09}\n",
            file.display(),
            m.len(),
            m.ino(),
            m.mtime(),
            m.mtime_nsec(),
            m.ctime(),
            m.ctime_nsec()
        ));
    }
    Ok(text)
}

/// sled's files before it opened them, ready to be put back.
pub(crate) struct OpenGuard {
    dir: PathBuf,
    /// `None`: the files were exactly as a clean close left them (or there were none).
    backup: Option<PathBuf>,
}

impl OpenGuard {
    /// Checks what can be checked without sled and copies sled's files aside unless they
    /// are as cleanly closed. Nothing in the store is changed.
    pub fn prepare(dir: &Path) -> Result<OpenGuard, OpenError> {
        let backup = dir.join(BACKUP);
        if backup.join(BACKUP_COMPLETE).exists() {
            // An earlier open was cut short after sled had begun to write: its files from
            // before are the ones to trust.
            put_back(dir, &backup).map_err(|e| io_error(dir, e))?;
        } else if backup.exists() {
            fs::remove_dir_all(&backup).map_err(|e| io_error(dir, e))?;
        }
        let files = sled_files(dir).map_err(|e| io_error(dir, e))?;
        check_conf(dir)?;
        check_snapshot(dir, &files)?;
        let clean = fs::read_to_string(dir.join(CLEAN)).ok();
        let as_closed =
            files.is_empty() || clean.is_some_and(|clean| manifest(dir, &files).is_ok_and(|now| now == clean));
        if as_closed {
            return Ok(OpenGuard { dir: dir.to_owned(), backup: None });
        }
        // The count of acknowledged writes goes with sled's files: an open that writes and is
        // then refused must not leave a count above what sled's put-back files hold.
        let mut files = files;
        if dir.join(crate::high_water::FILE).exists() {
            files.push(PathBuf::from(crate::high_water::FILE));
        }
        copy_aside(dir, &files, &backup).map_err(|e| io_error(dir, e))?;
        Ok(OpenGuard { dir: dir.to_owned(), backup: Some(backup) })
    }

    /// After a refused open, once sled has let go: every file back as it was.
    pub fn restore(self) -> io::Result<()> {
        match &self.backup {
            Some(backup) => {
                let _sled_closed = lock_log(&self.dir).map_err(|e| io::Error::other(e.to_string()))?;
                put_back(&self.dir, backup)
            }
            None => Ok(()),
        }
    }

    /// After a successful open: the store is in use (no longer as cleanly closed), and the
    /// copy is dropped, or kept as `damaged-<time>/` when `keep` (something was rebuilt).
    /// Returns where it was kept.
    pub fn opened(self, keep: bool, now_ms: u64) -> io::Result<Option<PathBuf>> {
        match fs::remove_file(self.dir.join(CLEAN)) {
            Err(error) if error.kind() != io::ErrorKind::NotFound => return Err(error),
            _ => {}
        }
        let Some(backup) = self.backup else { return Ok(None) };
        // First the mark goes, durably: a backup without it is never put back.
        fs::remove_file(backup.join(BACKUP_COMPLETE))?;
        File::open(&backup)?.sync_all()?;
        if keep {
            let kept = damaged_dir(&self.dir, now_ms);
            fs::rename(&backup, &kept)?;
            File::open(&self.dir)?.sync_all()?;
            return Ok(Some(kept));
        }
        fs::remove_dir_all(&backup)?;
        Ok(None)
    }
}

fn copy_aside(dir: &Path, files: &[PathBuf], backup: &Path) -> io::Result<()> {
    crate::permissions::private_dir(&backup.join(BLOBS))?;
    for file in files {
        let to = backup.join(file);
        fs::copy(dir.join(file), &to)?;
        File::open(&to)?.sync_all()?;
    }
    File::open(backup)?.sync_all()?;
    // The mark names every file copied, so putting back can resume after a crash.
    let list: String = files.iter().map(|file| format!("{}\n", file.display())).collect();
    let mut mark = File::create(backup.join(BACKUP_COMPLETE))?;
    mark.write_all(list.as_bytes())?;
    mark.sync_all()?;
    File::open(backup)?.sync_all()
}

/// Moves the backup's files (as its mark lists them) over sled's, and removes files sled
/// made since. Safe to run again after a crash part way: a listed file no longer in the
/// backup was already moved back.
fn put_back(dir: &Path, backup: &Path) -> io::Result<()> {
    let list = fs::read_to_string(backup.join(BACKUP_COMPLETE))?;
    let kept: Vec<PathBuf> = list.lines().filter(|line| !line.is_empty()).map(PathBuf::from).collect();
    for file in sled_files(dir)? {
        if !kept.contains(&file) {
            fs::remove_file(dir.join(&file))?;
        }
    }
    for file in &kept {
        let from = backup.join(file);
        if from.exists() {
            fs::rename(from, dir.join(file))?;
        }
    }
    File::open(dir)?.sync_all()?;
    fs::remove_file(backup.join(BACKUP_COMPLETE))?;
    File::open(backup)?.sync_all()?;
    fs::remove_dir_all(backup)
}

/// `damaged-<now_ms>`, or with `-2`, `-3`… when that is taken.
fn damaged_dir(dir: &Path, now_ms: u64) -> PathBuf {
    let first = dir.join(format!("{DAMAGED_PREFIX}{now_ms}"));
    if !first.exists() {
        return first;
    }
    (2u32..)
        .map(|n| dir.join(format!("{DAMAGED_PREFIX}{now_ms}-{n}")))
        .find(|candidate| !candidate.exists())
        .expect("some number is free")
}

/// Moves sled's files (and the count of writes it had, which a new log starts over) into
/// `damaged-<now_ms>/`, for a rebuild. The caller holds the lock.
pub(crate) fn set_aside(dir: &Path, now_ms: u64) -> io::Result<PathBuf> {
    let kept = damaged_dir(dir, now_ms);
    crate::permissions::private_dir(&kept.join(BLOBS))?;
    let mut files = sled_files(dir)?;
    if dir.join(crate::high_water::FILE).exists() {
        files.push(PathBuf::from(crate::high_water::FILE));
    }
    for file in files {
        fs::rename(dir.join(&file), kept.join(&file))?;
    }
    for leftover in [CLEAN, BACKUP] {
        let path = dir.join(leftover);
        if path.is_dir() {
            fs::remove_dir_all(path)?;
        } else if path.exists() {
            fs::remove_file(path)?;
        }
    }
    File::open(dir)?.sync_all()?;
    Ok(kept)
}

/// Writes the `clean` manifest once sled has closed its files. Best effort: without it the
/// next open only takes the slower, copying path.
pub(crate) fn mark_clean(dir: &Path) {
    let Ok(Some(_lock)) = lock_log(dir) else { return };
    let Ok(files) = sled_files(dir) else { return };
    let Ok(text) = manifest(dir, &files) else { return };
    let temporary = dir.join(format!(".{CLEAN}.new"));
    let written = (|| -> io::Result<()> {
        let mut file = OpenOptions::new().write(true).create(true).truncate(true).mode(0o600).open(&temporary)?;
        file.write_all(text.as_bytes())?;
        file.sync_all()?;
        fs::rename(&temporary, dir.join(CLEAN))?;
        File::open(dir)?.sync_all()
    })();
    if written.is_err() {
        let _ = fs::remove_file(&temporary);
    }
}
