//! The desktop's own "open file" dialog, where one is installed: zenity (GNOME) or kdialog
//! (KDE), run as a child process. A toolkit dialog would link GTK or Qt into the app; a
//! child process costs nothing where neither program is installed.

use std::path::{Path, PathBuf};
use std::process::Command;

/// A dialog program found on `PATH`.
#[derive(Debug, Clone)]
pub(crate) enum FileDialog {
    Zenity(PathBuf),
    Kdialog(PathBuf),
}

impl FileDialog {
    /// The first of zenity and kdialog on `PATH`; none on Android (no desktop there).
    pub(crate) fn find() -> Option<FileDialog> {
        if cfg!(target_os = "android") {
            return None;
        }
        let path = std::env::var_os("PATH")?;
        let on_path = |name: &str| std::env::split_paths(&path).map(|dir| dir.join(name)).find(|file| file.is_file());
        on_path("zenity").map(FileDialog::Zenity).or_else(|| on_path("kdialog").map(FileDialog::Kdialog))
    }

    /// Shows the dialog and waits for it: run it on the worker, never on the UI thread.
    /// `None` when the user cancels or the program fails.
    pub(crate) fn choose_json(&self, start: &Path) -> Option<PathBuf> {
        let output = match self {
            FileDialog::Zenity(program) => Command::new(program)
                .args(["--file-selection", "--title=Choose a backup file", "--file-filter=*.json"])
                .arg(format!("--filename={}/", start.display()))
                .output(),
            FileDialog::Kdialog(program) => {
                Command::new(program).arg("--getopenfilename").arg(start).arg("*.json").output()
            }
        }
        .ok()?;
        let chosen = String::from_utf8(output.stdout).ok()?;
        let chosen = chosen.trim_end_matches(['\n', '\r']);
        (output.status.success() && !chosen.is_empty()).then(|| PathBuf::from(chosen))
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    /// A stand-in for zenity: a shell script that prints `output` and exits with `status`.
    fn fake_zenity(dir: &Path, output: &str, status: u8) -> FileDialog {
        let program = dir.join("zenity");
        std::fs::write(&program, format!("#!/bin/sh\nprintf '{output}'\nexit {status}\n")).unwrap();
        std::fs::set_permissions(&program, std::fs::Permissions::from_mode(0o755)).unwrap();
        FileDialog::Zenity(program)
    }

    #[test]
    fn the_chosen_path_is_read_and_a_cancel_is_none() {
        let dir = tempfile::tempdir().unwrap();
        let chosen = fake_zenity(dir.path(), "/home/me/Downloads/alice.json\\n", 0).choose_json(dir.path());
        assert_eq!(chosen, Some(PathBuf::from("/home/me/Downloads/alice.json")));
        // zenity exits 1 when the user cancels.
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(fake_zenity(dir.path(), "", 1).choose_json(dir.path()), None);
    }
}
