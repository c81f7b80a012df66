//! A font fontconfig can always find. Slint builds its font collection from the system's
//! fonts as the platform starts, before the UI's own embedded font is registered, and its
//! font loader panics when fontconfig knows no font at all (a minimal install, a container).
//! So the app hands fontconfig its embedded UI font too: a configuration that includes the
//! system's (every installed font stays) plus a folder holding that font.

use std::path::{Path, PathBuf};

/// The UI font, also imported by `ui/app.slint`.
const UI_FONT: &[u8] = include_bytes!("../../ui/fonts/DejaVuSans.ttf");

/// Points fontconfig at a configuration that includes the system's and adds the UI font.
/// Call before the window is created, while the process has one thread. Nothing changes
/// where the font folder cannot be written: the system's fonts are used as before.
pub fn ensure_a_font() {
    if cfg!(target_os = "android") {
        return;
    }
    let Some(folder) = font_folder() else { return };
    let system = std::env::var_os("FONTCONFIG_FILE").map(PathBuf::from);
    match write_config(&folder, system.as_deref()) {
        // The process is still single-threaded here: nothing reads the environment meanwhile.
        Ok(config) => std::env::set_var("FONTCONFIG_FILE", config),
        Err(error) => eprintln!("note: the UI font could not be given to fontconfig ({error}); using system fonts"),
    }
}

/// The user's cache folder for the app (public data only: a font and its configuration).
fn font_folder() -> Option<PathBuf> {
    directories::ProjectDirs::from("org", "AXIA", "AXIA Signer").map(|dirs| dirs.cache_dir().join("fonts"))
}

/// Writes the font and `fonts.conf` into `folder` (only what differs) and returns the
/// configuration's path. `system` is a configuration the user chose, included instead of
/// the default one.
fn write_config(folder: &Path, system: Option<&Path>) -> std::io::Result<PathBuf> {
    std::fs::create_dir_all(folder)?;
    write_if_changed(&folder.join("DejaVuSans.ttf"), UI_FONT)?;
    let include = match system {
        Some(path) => format!("<include ignore_missing=\"yes\">{}</include>", xml_text(&path.to_string_lossy())),
        None => "<include ignore_missing=\"yes\">/etc/fonts/fonts.conf</include>".to_owned(),
    };
    let config = format!(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM \"fonts.dtd\">\n<fontconfig>\n  {include}\n  <dir>{}</dir>\n</fontconfig>\n",
        xml_text(&folder.to_string_lossy())
    );
    let path = folder.join("fonts.conf");
    write_if_changed(&path, config.as_bytes())?;
    Ok(path)
}

fn write_if_changed(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if std::fs::read(path).ok().as_deref() == Some(bytes) {
        return Ok(());
    }
    // Written aside and renamed: a crash never leaves a torn font or configuration behind.
    let partial = path.with_extension("partial");
    std::fs::write(&partial, bytes)?;
    std::fs::rename(&partial, path)
}

fn xml_text(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_configuration_keeps_the_system_fonts_and_adds_the_ui_font() {
        let dir = tempfile::tempdir().unwrap();
        let config = write_config(dir.path(), None).unwrap();
        let text = std::fs::read_to_string(&config).unwrap();
        assert!(text.contains("<include ignore_missing=\"yes\">/etc/fonts/fonts.conf</include>"), "{text}");
        assert!(text.contains(&format!("<dir>{}</dir>", dir.path().display())), "{text}");
        assert_eq!(std::fs::read(dir.path().join("DejaVuSans.ttf")).unwrap(), UI_FONT);
        // A configuration the user chose is included instead, written as XML text.
        let chosen = write_config(dir.path(), Some(Path::new("/home/a&b/fonts.conf"))).unwrap();
        assert!(std::fs::read_to_string(chosen).unwrap().contains("/home/a&amp;b/fonts.conf"));
    }
}
