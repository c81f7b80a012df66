//! The desktop's own "open file" dialog: the XDG desktop portal on Linux (GNOME, KDE,
//! Flatpak; see `portal.rs`), else zenity (GNOME) or kdialog (KDE) run as a child process.
//! A toolkit dialog would link GTK or Qt into the app; these cost nothing where absent, and
//! the typed path always works.

use std::path::{Path, PathBuf};
use std::process::Command;

/// What the dialog is for: its title, the files it offers, or a folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pick {
    /// A polkadot-js backup (`*.json`).
    Backup,
    /// A photo or scan of a paper share (`*.png`, `*.jpg`, `*.jpeg`).
    ShareImage,
    /// A folder to write into.
    Folder,
    /// An account list (`*.json`).
    AccountList,
}

impl Pick {
    pub(crate) fn title(self) -> &'static str {
        match self {
            Pick::Backup => "Choose a backup file",
            Pick::ShareImage => "Choose a photo or scan of a share",
            Pick::Folder => "Choose a folder for the pages",
            Pick::AccountList => "Choose an account list",
        }
    }

    /// The filter's name and glob patterns; none for a folder.
    pub(crate) fn filter(self) -> Option<(&'static str, &'static [&'static str])> {
        match self {
            Pick::Backup => Some(("JSON backup files", &["*.json"])),
            Pick::ShareImage => Some(("Images", &["*.png", "*.jpg", "*.jpeg", "*.PNG", "*.JPG", "*.JPEG"])),
            Pick::AccountList => Some(("Account lists", &["*.json"])),
            Pick::Folder => None,
        }
    }
}

/// Why the dialog did not open; the typed path still works.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum DialogError {
    /// The program failed to start or said why it could not (no display, a broken install).
    #[error("The file dialog ({dialog}) did not open: {why}. Type the file's path instead.")]
    DidNotOpen { dialog: &'static str, why: String },
}

/// The dialogs this desktop offers, tried in order: the portal, then a program.
#[derive(Debug, Clone)]
pub(crate) struct Chooser {
    /// A session bus is there, so a portal may answer.
    portal: bool,
    program: Option<FileDialog>,
}

impl Chooser {
    /// What this desktop offers; `None` when nothing can show a dialog (the path is typed).
    pub(crate) fn find() -> Option<Chooser> {
        let chooser = Chooser { portal: session_bus_present(), program: FileDialog::find() };
        (chooser.portal || chooser.program.is_some()).then_some(chooser)
    }

    /// Shows a dialog and waits for it (run it on the worker): the portal's, or where no
    /// portal answers, the program's. `Ok(None)`: the user cancelled.
    pub(crate) fn choose(&self, pick: Pick, start: &Path) -> Result<Option<PathBuf>, DialogError> {
        #[cfg(target_os = "linux")]
        if self.portal {
            use super::portal::{self, PortalError};
            match portal::choose(pick, start, None) {
                Ok(chosen) => return Ok(chosen),
                Err(PortalError::Unavailable(_)) => {}
                Err(PortalError::Failed(why)) => return Err(DialogError::DidNotOpen { dialog: "desktop portal", why }),
            }
        }
        match &self.program {
            Some(program) => program.choose(pick, start),
            None => Err(DialogError::DidNotOpen {
                dialog: "desktop portal",
                why: "no portal answered, and neither zenity nor kdialog is installed".to_owned(),
            }),
        }
    }
}

/// Whether a D-Bus session bus is announced (Linux desktops); none on Android.
fn session_bus_present() -> bool {
    if !cfg!(target_os = "linux") {
        return false;
    }
    std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some()
        || std::env::var_os("XDG_RUNTIME_DIR").is_some_and(|dir| Path::new(&dir).join("bus").exists())
}

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
    /// `Ok(None)` when the user cancels; `Err` says why the dialog did not open (no display,
    /// a broken install), for the screen.
    pub(crate) fn choose(&self, pick: Pick, start: &Path) -> Result<Option<PathBuf>, DialogError> {
        let (name, output) = match self {
            FileDialog::Zenity(program) => {
                let mut command = Command::new(program);
                command.args(["--file-selection", &format!("--title={}", pick.title())]);
                match pick.filter() {
                    Some((name, patterns)) => command.arg(format!("--file-filter={name} | {}", patterns.join(" "))),
                    None => command.arg("--directory"),
                };
                ("zenity", command.arg(format!("--filename={}/", start.display())).output())
            }
            FileDialog::Kdialog(program) => {
                let mut command = Command::new(program);
                match pick.filter() {
                    Some((name, patterns)) => {
                        command.arg("--getopenfilename").arg(start).arg(format!("{name} ({})", patterns.join(" ")))
                    }
                    None => command.arg("--getexistingdirectory").arg(start),
                };
                ("kdialog", command.arg("--title").arg(pick.title()).output())
            }
        };
        let failed = |why: String| DialogError::DidNotOpen { dialog: name, why };
        let output = output.map_err(|error| failed(error.to_string()))?;
        let chosen = String::from_utf8_lossy(&output.stdout);
        let chosen = chosen.trim_end_matches(['\n', '\r']);
        if output.status.success() && !chosen.is_empty() {
            return Ok(Some(PathBuf::from(chosen)));
        }
        // A cancel exits 1 and says nothing; a dialog that could not start says why on stderr.
        let stderr = String::from_utf8_lossy(&output.stderr);
        let why: String = stderr
            .lines()
            .map(str::trim)
            .find(|line| !line.is_empty())
            .unwrap_or_default()
            .chars()
            .filter(|c| !c.is_control())
            .take(160)
            .collect();
        match why.is_empty() {
            true => Ok(None),
            false => Err(failed(why)),
        }
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    /// A stand-in for zenity: a shell script that prints `output`, then `error` on stderr,
    /// and exits with `status`.
    fn fake_zenity(dir: &Path, output: &str, error: &str, status: u8) -> FileDialog {
        let program = dir.join("zenity");
        std::fs::write(&program, format!("#!/bin/sh\nprintf '{output}'\nprintf '{error}' >&2\nexit {status}\n"))
            .unwrap();
        std::fs::set_permissions(&program, std::fs::Permissions::from_mode(0o755)).unwrap();
        FileDialog::Zenity(program)
    }

    #[test]
    fn a_folder_or_a_share_image_is_asked_for_with_its_own_title_and_filter() {
        let dir = tempfile::tempdir().unwrap();
        let program = dir.path().join("zenity");
        let arguments = dir.path().join("arguments");
        let script = format!("#!/bin/sh\nprintf '%s\\n' \"$@\" > {}\necho /chosen\n", arguments.display());
        std::fs::write(&program, script).unwrap();
        std::fs::set_permissions(&program, std::fs::Permissions::from_mode(0o755)).unwrap();
        let zenity = FileDialog::Zenity(program);
        assert_eq!(zenity.choose(Pick::Folder, dir.path()), Ok(Some(PathBuf::from("/chosen"))));
        let asked = std::fs::read_to_string(&arguments).unwrap();
        assert!(
            asked.contains("--directory\n") && asked.contains("--title=Choose a folder for the pages\n"),
            "{asked}"
        );
        zenity.choose(Pick::ShareImage, dir.path()).unwrap();
        let asked = std::fs::read_to_string(&arguments).unwrap();
        assert!(asked.contains("--file-filter=Images | *.png *.jpg *.jpeg"), "{asked}");
        assert!(!asked.contains("--directory"), "{asked}");
    }

    #[test]
    fn the_chosen_path_is_read_a_cancel_is_none_and_a_failure_says_why() {
        let dir = tempfile::tempdir().unwrap();
        let chosen =
            fake_zenity(dir.path(), "/home/me/Downloads/alice.json\\n", "", 0).choose(Pick::Backup, dir.path());
        assert_eq!(chosen, Ok(Some(PathBuf::from("/home/me/Downloads/alice.json"))));
        // zenity exits 1 when the user cancels.
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(fake_zenity(dir.path(), "", "", 1).choose(Pick::Backup, dir.path()), Ok(None));
        // Without a display it exits 1 too, but says so.
        let dir = tempfile::tempdir().unwrap();
        let failed = fake_zenity(dir.path(), "", "\\n(zenity:7): Gtk-WARNING: cannot open display: \\n", 1);
        let message = failed.choose(Pick::Backup, dir.path()).unwrap_err().to_string();
        assert!(message.contains("did not open: (zenity:7): Gtk-WARNING: cannot open display"), "{message}");
        let missing = FileDialog::Zenity(dir.path().join("no-such-program"));
        assert!(missing
            .choose(Pick::Backup, dir.path())
            .unwrap_err()
            .to_string()
            .starts_with("The file dialog (zenity) did not open"));
    }
}
