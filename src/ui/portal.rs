//! The desktop's own file chooser through the XDG desktop portal
//! (`org.freedesktop.portal.FileChooser` on the session bus): GNOME, KDE and Flatpak answer
//! it with their own dialog. zbus is already in the app (Slint's window backend uses it), so
//! this costs no toolkit. Blocking: call it from the worker.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use futures::StreamExt;
use zbus::zvariant::{OwnedValue, Value};

use super::file_dialog::Pick;

const DESTINATION: &str = "org.freedesktop.portal.Desktop";

/// Why the portal gave no file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum PortalError {
    /// No session bus, or no portal on it: another dialog (or the typed path) serves.
    #[error("no desktop portal: {0}")]
    Unavailable(String),
    /// The portal answered with an error, or with no usable file.
    #[error("the desktop's file dialog failed: {0}")]
    Failed(String),
}

/// Asks the portal for one file (or folder) of the kind `pick` names, starting in `start`. `Ok(None)`: the user
/// cancelled. `address` is the bus to use (tests); `None` is the user's session bus.
pub(crate) fn choose(pick: Pick, start: &Path, address: Option<&str>) -> Result<Option<PathBuf>, PortalError> {
    futures::executor::block_on(open_file(pick, start, address))
}

async fn open_file(pick: Pick, start: &Path, address: Option<&str>) -> Result<Option<PathBuf>, PortalError> {
    let unavailable = |error: zbus::Error| PortalError::Unavailable(error.to_string());
    let connection = match address {
        Some(address) => zbus::connection::Builder::address(address).map_err(unavailable)?.build().await,
        None => zbus::Connection::session().await,
    }
    .map_err(unavailable)?;
    // The portal answers on a request object whose path it derives from our bus name and a
    // token of ours: listen there before asking, so the answer cannot be missed.
    // Unique per request, as the portal asks.
    static REQUESTS: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let request = REQUESTS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let token = format!("axia_signer_{}_{request}", std::process::id());
    let sender = connection.unique_name().map(|name| name.trim_start_matches(':').replace('.', "_"));
    let sender = sender.ok_or_else(|| PortalError::Unavailable("no name on the bus".to_owned()))?;
    let request_path = format!("/org/freedesktop/portal/desktop/request/{sender}/{token}");
    let answers =
        zbus::Proxy::new(&connection, DESTINATION, request_path.as_str(), "org.freedesktop.portal.Request").await;
    let mut responses = answers.map_err(unavailable)?.receive_signal("Response").await.map_err(unavailable)?;
    let chooser = zbus::Proxy::new(
        &connection,
        DESTINATION,
        "/org/freedesktop/portal/desktop",
        "org.freedesktop.portal.FileChooser",
    )
    .await
    .map_err(unavailable)?;
    let options = open_options(&token, pick, start);
    let asked = chooser.call_method("OpenFile", &("", pick.title(), options)).await;
    // No portal on the bus (ServiceUnknown) or an old one: let another dialog serve.
    asked.map_err(unavailable)?;
    let answer = responses.next().await.ok_or_else(|| PortalError::Failed("no answer".to_owned()))?;
    let (code, results): (u32, HashMap<String, OwnedValue>) =
        answer.body().deserialize().map_err(|error| PortalError::Failed(error.to_string()))?;
    match code {
        0 => {
            let uris = results.get("uris").cloned().map(Vec::<String>::try_from);
            let uri = uris.and_then(Result::ok).and_then(|uris| uris.into_iter().next());
            uri.as_deref()
                .and_then(path_of_uri)
                .map(Some)
                .ok_or_else(|| PortalError::Failed("no local file".to_owned()))
        }
        1 => Ok(None),
        _ => Err(PortalError::Failed("the dialog ended with an error".to_owned())),
    }
}

/// `OpenFile`'s options: our token, the files `pick` offers (or folders only), the folder
/// to start in.
fn open_options<'a>(token: &'a str, pick: Pick, start: &Path) -> HashMap<&'static str, Value<'a>> {
    // The folder is bytes ending in NUL, as the portal specifies.
    let mut folder = start.as_os_str().as_encoded_bytes().to_vec();
    folder.push(0);
    let mut options = HashMap::from([("handle_token", Value::from(token)), ("current_folder", Value::from(folder))]);
    match pick.filter() {
        Some((name, patterns)) => {
            let globs = patterns.iter().map(|pattern| (0u32, (*pattern).to_owned())).collect::<Vec<_>>();
            options.insert("filters", Value::from(vec![(name.to_owned(), globs)]));
        }
        None => {
            options.insert("directory", Value::from(true));
        }
    }
    options
}

/// A `file://` URI's path, percent-decoded; `None` for anything that is not a local file.
fn path_of_uri(uri: &str) -> Option<PathBuf> {
    let encoded = uri.strip_prefix("file://")?;
    let mut bytes = Vec::with_capacity(encoded.len());
    let mut rest = encoded.as_bytes();
    while let Some((&byte, tail)) = rest.split_first() {
        if byte == b'%' && tail.len() >= 2 {
            let hex = std::str::from_utf8(&tail[..2]).ok()?;
            bytes.push(u8::from_str_radix(hex, 16).ok()?);
            rest = &tail[2..];
        } else {
            bytes.push(byte);
            rest = tail;
        }
    }
    #[cfg(unix)]
    let path = PathBuf::from(<std::ffi::OsString as std::os::unix::ffi::OsStringExt>::from_vec(bytes));
    #[cfg(not(unix))]
    let path = PathBuf::from(String::from_utf8(bytes).ok()?);
    Some(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_uri_becomes_its_path_and_other_uris_none() {
        assert_eq!(path_of_uri("file:///home/me/My%20Files/alice.json"), Some("/home/me/My Files/alice.json".into()));
        assert_eq!(path_of_uri("file:///tmp/%C3%A9t%C3%A9.json"), Some("/tmp/été.json".into()));
        assert_eq!(path_of_uri("https://example.com/a.json"), None);
        assert_eq!(path_of_uri("file:///bad%zz"), None);
    }

    #[test]
    fn the_options_carry_the_token_the_filter_and_a_nul_ended_folder() {
        let options = open_options("t", Pick::Backup, Path::new("/home/me"));
        assert_eq!(options["handle_token"], Value::from("t"));
        assert_eq!(options["filters"].value_signature().to_string(), "a(sa(us))");
        assert_eq!(options["current_folder"], Value::from(b"/home/me\0".to_vec()));
        assert!(!options.contains_key("directory"));
        let folder = open_options("t", Pick::Folder, Path::new("/home/me"));
        assert_eq!(folder["directory"], Value::from(true));
        assert!(!folder.contains_key("filters"));
    }

    #[test]
    fn without_a_bus_the_portal_is_unavailable_not_an_error_to_show() {
        let dir = tempfile::tempdir().unwrap();
        let address = format!("unix:path={}", dir.path().join("no-bus").display());
        let result = choose(Pick::Backup, dir.path(), Some(&address));
        assert!(matches!(result, Err(PortalError::Unavailable(_))), "{result:?}");
    }
}
