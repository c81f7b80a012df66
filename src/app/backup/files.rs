//! Backup files on disk: written whole or not at all, never over another file.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::ExportFailure;

pub(super) fn refuse_existing(path: &Path) -> Result<(), ExportFailure> {
    if path.exists() {
        return Err(ExportFailure::FileExists { path: path.display().to_string() });
    }
    Ok(())
}

/// Writes through a temporary file in the same directory and renames it into place, so a
/// crash leaves either no file or the whole file. Created 0600 on Unix: a backup is
/// encrypted, but its owner alone needs to read it. The caller has checked that `path` is
/// free; the hard link below refuses it if a file appeared since.
pub fn write_new_file(path: &Path, contents: &[u8]) -> Result<(), ExportFailure> {
    let failed =
        |error: std::io::Error| ExportFailure::Write { path: path.display().to_string(), reason: error.to_string() };
    let (temporary, mut file) = private_temporary(path).map_err(failed)?;
    let written = file.write_all(contents).and_then(|()| file.sync_all());
    drop(file);
    // hard_link never replaces a file that appeared meanwhile; rename would. Where the file
    // system has no hard links, rename after the check above.
    let result = written.and_then(|()| match fs::hard_link(&temporary, path) {
        Err(error) if error.kind() != std::io::ErrorKind::AlreadyExists => fs::rename(&temporary, path),
        linked => linked,
    });
    let _ = fs::remove_file(&temporary);
    result.map_err(|error| match error.kind() {
        std::io::ErrorKind::AlreadyExists => ExportFailure::FileExists { path: path.display().to_string() },
        _ => failed(error),
    })
}

/// A new, empty file beside `path` to write before renaming it into place: a name of our own
/// (process and time), so a leftover from a crash never gets in the way; never an existing
/// file or a link planted there; 0600 on Unix.
pub(super) fn private_temporary(path: &Path) -> std::io::Result<(PathBuf, fs::File)> {
    let directory = path.parent().filter(|parent| !parent.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let unique = format!(
        ".{}.{}-{}.partial",
        path.file_name().unwrap_or_default().to_string_lossy(),
        std::process::id(),
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos())
    );
    let temporary = directory.join(unique);
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let file = options.open(&temporary)?;
    Ok((temporary, file))
}

/// `<address>.json` in `directory`, or `<address> (2).json` … if that exists.
pub fn free_file_name(directory: &Path, address: &str) -> PathBuf {
    free_path(directory, address, ".json")
}

/// `<stem><extension>` in `directory`, or `<stem> (2)<extension>` and so on when taken.
pub fn free_path(directory: &Path, stem: &str, extension: &str) -> PathBuf {
    let mut candidate = directory.join(format!("{stem}{extension}"));
    let mut n = 2;
    while candidate.exists() {
        candidate = directory.join(format!("{stem} ({n}){extension}"));
        n += 1;
    }
    candidate
}

/// A name safe in any file system from an identity's name: letters, digits, spaces, `-`
/// and `_` kept, anything else `_`.
pub fn file_stem(name: &str) -> String {
    let stem: String = name.chars().map(|c| if c.is_alphanumeric() || " -_".contains(c) { c } else { '_' }).collect();
    match stem.trim() {
        "" => "identity".to_owned(),
        stem => stem.to_owned(),
    }
}

/// Where exports go by default on a desktop: the Downloads folder (made when the desktop
/// names one that is not there yet, as on a fresh account), else home.
pub fn default_export_directory() -> PathBuf {
    let Some(dirs) = directories::UserDirs::new() else { return PathBuf::from(".") };
    match dirs.download_dir() {
        Some(downloads) if downloads.is_dir() || fs::create_dir_all(downloads).is_ok() => downloads.to_path_buf(),
        _ => dirs.home_dir().to_path_buf(),
    }
}
