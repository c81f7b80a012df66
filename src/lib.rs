//! AXIA Signer: back up and restore accounts on Substrate networks.
//!
//! Layers, each depending only on those below it:
//! - [`keys`]: pure crypto (phrases, paths, keys, SS58), no UI and no storage. It is its
//!   own crate (`keys/`) because the store (`db/`) uses its types and the app uses the store;
//!   a module of this crate could not be shared without a dependency cycle.
//! - [`db`]: the PIN-sealed identity store (its own crate, `db/`).
//! - [`app`]: Slint-free controllers for the screens and the command line.
//! - [`cli`]: the command line.

pub mod app;
pub mod cli;
pub mod hardening;
pub mod ui;
pub use axia_signer_db as db;
pub use axia_signer_keys as keys;

/// Runs the program with the process's arguments and returns its exit code. The process
/// is hardened first ([`hardening::harden`]): no core dumps, not dumpable.
/// Without a command it opens the app window; with one it runs it and exits.
pub fn run() -> std::process::ExitCode {
    hardening::harden();
    match cli::main() {
        cli::Launch::Done(code) => code,
        cli::Launch::Window { data_dir } => match ui::run_app(&data_dir) {
            Ok(()) => std::process::ExitCode::SUCCESS,
            Err(error) => cli::report(&error.to_string()),
        },
    }
}

/// The Android entry point: the same app, with the store in the app's internal storage
/// (private to the app, removed with it). Built only for Android; see android/README.md.
#[cfg(target_os = "android")]
#[unsafe(no_mangle)]
fn android_main(app: slint::android::AndroidApp) {
    hardening::harden();
    let data_dir = app.internal_data_path().map(|dir| dir.join("store"));
    if let Err(error) = slint::android::init(app) {
        eprintln!("error: the Android backend did not start: {error}");
        return;
    }
    match data_dir {
        Some(dir) => {
            if let Err(error) = ui::run_app(&dir) {
                eprintln!("error: {error}");
            }
        }
        None => eprintln!("error: Android gave no internal data directory"),
    }
}
