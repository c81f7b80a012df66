//! The Slint app: the generated UI, and one adapter per area wiring its globals to the
//! Slint-free controllers in [`crate::app`].

mod account_list_adapter;
mod choosing;
mod create_adapter;
mod export_adapter;
mod file_dialog;
mod find_adapter;
mod find_job;
mod find_password_adapter;
mod fonts;
mod found_adapter;
mod home_adapter;
mod images;
mod manage_adapter;
mod nav_adapter;
mod network_adapter;
mod onboarding_adapter;
mod paper_adapter;
mod paper_split_adapter;
mod pin_adapter;
#[cfg(target_os = "linux")]
mod portal;
mod repair_adapter;
mod restore_adapter;
mod restore_run_adapter;
mod screens;
mod state;
mod unlock_adapter;

use std::any::Any;
use std::cell::RefCell;
use std::collections::{HashMap, VecDeque};
use std::rc::Rc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use slint::ComponentHandle;

use state::Current;

use crate::db::Store;

slint::include_modules!();

/// How slow work (argon2, derivation) runs: on a worker thread in the app, inline in tests
/// (which have no event loop to come back to).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Work {
    Background,
    Inline,
    /// Jobs wait until [`run_deferred`]: for tests that look at work under way (a search
    /// and its Cancel button).
    Deferred,
}

type Pending = Box<dyn FnOnce(Box<dyn Any + Send>)>;

thread_local! {
    /// Completions waiting for their background job, kept on the UI thread (they hold UI
    /// state, which cannot cross threads); only the job's result travels.
    static PENDING: RefCell<HashMap<u64, Pending>> = RefCell::new(HashMap::new());
    /// Jobs `Work::Deferred` holds back, each with its completion.
    static DEFERRED: RefCell<VecDeque<Box<dyn FnOnce()>>> = RefCell::new(VecDeque::new());
}

/// Runs the jobs `Work::Deferred` held back, and their completions, in order.
pub fn run_deferred() {
    while let Some(job) = DEFERRED.with(|deferred| deferred.borrow_mut().pop_front()) {
        job();
    }
}

impl Work {
    /// Runs `job` and hands its result to `done` on the UI thread.
    pub(crate) fn run<R: Send + 'static>(
        self,
        job: impl FnOnce() -> R + Send + 'static,
        done: impl FnOnce(R) + 'static,
    ) {
        match self {
            Work::Inline => done(job()),
            Work::Deferred => DEFERRED.with(|deferred| deferred.borrow_mut().push_back(Box::new(move || done(job())))),
            Work::Background => {
                static NEXT: AtomicU64 = AtomicU64::new(0);
                let id = NEXT.fetch_add(1, Ordering::Relaxed);
                let completion: Pending =
                    Box::new(move |result| done(*result.downcast::<R>().expect("a job's result has its own type")));
                PENDING.with(|pending| pending.borrow_mut().insert(id, completion));
                std::thread::spawn(move || {
                    let result = job();
                    let _ = slint::invoke_from_event_loop(move || {
                        if let Some(completion) = PENDING.with(|pending| pending.borrow_mut().remove(&id)) {
                            completion(Box::new(result));
                        }
                    });
                });
            }
        }
    }
}

/// Builds the window over `store` with every adapter connected, on its first screen.
pub fn build(store: Arc<Store>, work: Work) -> Result<AppWindow, slint::PlatformError> {
    let window = AppWindow::new()?;
    let current = Rc::new(Current::default());
    nav_adapter::connect(&window, store.clone(), current.clone());
    onboarding_adapter::connect(&window, store.clone(), current.clone());
    pin_adapter::connect(&window, store.clone(), current.clone());
    network_adapter::connect(&window, store.clone(), work, current.clone());
    create_adapter::connect(&window, store.clone(), current.clone());
    unlock_adapter::connect(&window, store.clone(), work, current.clone());
    home_adapter::connect(&window, store.clone(), current.clone());
    manage_adapter::connect(&window, store.clone(), current.clone());
    restore_adapter::connect(&window, store.clone(), work, current.clone());
    restore_run_adapter::connect(&window, store.clone(), work, current.clone());
    export_adapter::connect(&window, store.clone(), work, current.clone());
    find_adapter::connect(&window, store.clone(), work, current.clone());
    found_adapter::connect(&window, store.clone(), current.clone());
    repair_adapter::connect(&window, store.clone(), work, current.clone());
    find_password_adapter::connect(&window, work, current.clone());
    paper_adapter::connect(&window, work, current.clone());
    paper_split_adapter::connect(&window, store.clone(), work, current.clone());
    account_list_adapter::connect(&window, store.clone(), work, current.clone());
    screens::show_start(&window, &store, &current);
    Ok(window)
}

/// Runs slow `job` (argon2, scrypt) on the worker behind the busy overlay showing `text`,
/// then `done` with its result on the UI thread. If the user left meanwhile or the flow was
/// replaced ([`Current::abandon_jobs`]), the result is dropped instead (its secrets wipe
/// themselves on drop) and nothing on screen changes.
pub(crate) fn busy_run<R: Send + 'static>(
    window: &AppWindow,
    current: &Rc<Current>,
    work: Work,
    text: &str,
    job: impl FnOnce() -> R + Send + 'static,
    done: impl FnOnce(&AppWindow, R) + 'static,
) {
    let nav = window.global::<Nav>();
    nav.set_busy_text(text.into());
    nav.set_busy(true);
    let (weak, current, started) = (window.as_weak(), current.clone(), current.generation.get());
    work.run(job, move |result| {
        let Some(window) = weak.upgrade() else { return };
        if current.generation.get() != started {
            return;
        }
        window.global::<Nav>().set_busy(false);
        done(&window, result);
    });
}

/// How far a count of `tried` out of `total` has come, for a progress bar (0 to 1).
pub(crate) fn fraction(tried: u64, total: u64) -> f32 {
    if total == 0 {
        0.0
    } else {
        tried.min(total) as f32 / total as f32
    }
}

/// Whether a busy job runs: actions that reach Rust without a tap (Enter in a field) wait.
pub(crate) fn is_busy(window: &AppWindow) -> bool {
    window.global::<Nav>().get_busy()
}

/// Opens the store in `data_dir` and runs the app window until it is closed.
pub fn run_app(data_dir: &std::path::Path) -> Result<(), AppError> {
    fonts::ensure_a_font();
    std::fs::create_dir_all(data_dir)
        .map_err(|error| AppError::DataDir { path: data_dir.display().to_string(), reason: error.to_string() })?;
    let store = Store::open(data_dir)?;
    let mended = crate::app::identity_views::mended_notice(&store);
    let window = build(Arc::new(store), Work::Background)?;
    if !mended.is_empty() {
        window.global::<IdentityList>().set_notice(mended.into());
    }
    Ok(window.run()?)
}

/// Why the app window did not run.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum AppError {
    /// The data directory could not be made (permissions, a file in its place): fix that, or
    /// pass another with `--data-dir`.
    #[error("cannot create the data directory {path}: {reason}")]
    DataDir { path: String, reason: String },
    /// The store did not open (damaged, or in use by another copy of the app): its message
    /// says what to do.
    #[error(transparent)]
    Store(#[from] crate::db::OpenError),
    /// The window system refused (no display, a missing library: see the README's needs).
    #[error("the window could not open: {0}")]
    Window(#[from] slint::PlatformError),
}
