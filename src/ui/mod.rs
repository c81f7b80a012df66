//! The Slint app: the generated UI, and one adapter per area wiring its globals to the
//! Slint-free controllers in [`crate::app`].

mod create_adapter;
mod images;
mod onboarding_adapter;

use std::path::PathBuf;
use std::sync::Arc;

use crate::db::Store;

slint::include_modules!();

/// How slow work (argon2, derivation) runs: on a worker thread in the app, inline in tests
/// (which have no event loop to come back to).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Work {
    Background,
    Inline,
}

impl Work {
    /// Runs `job` and hands its result to `done` on the UI thread.
    pub(crate) fn run<R: Send + 'static>(
        self,
        window: &AppWindow,
        job: impl FnOnce() -> R + Send + 'static,
        done: impl FnOnce(&AppWindow, R) + Send + 'static,
    ) {
        match self {
            Work::Inline => done(window, job()),
            Work::Background => {
                let weak = window.as_weak();
                std::thread::spawn(move || {
                    let result = job();
                    let _ = weak.upgrade_in_event_loop(move |window| done(&window, result));
                });
            }
        }
    }
}

/// Builds the window over `store` with every adapter connected.
pub fn build(store: Arc<Store>, work: Work) -> Result<AppWindow, slint::PlatformError> {
    let window = AppWindow::new()?;
    onboarding_adapter::connect(&window, store, work);
    Ok(window)
}

/// Opens the store in `data_dir` and runs the app window until it is closed.
pub fn run_app(data_dir: &std::path::Path) -> Result<(), String> {
    std::fs::create_dir_all(data_dir)
        .map_err(|error| format!("cannot create the data directory {}: {error}", data_dir.display()))?;
    let store = Store::open(data_dir).map_err(|error| error.to_string())?;
    let window = build(Arc::new(store), Work::Background).map_err(|error| error.to_string())?;
    window.run().map_err(|error| format!("the window could not open: {error}"))
}

/// Where the store lives when `--data-dir` is not given: the user's data directory.
pub fn default_data_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("org", "AXIA", "AXIA Signer").map(|dirs| dirs.data_dir().join("store"))
}
