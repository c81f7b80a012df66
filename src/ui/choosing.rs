//! The desktop's file dialog for a form: shown on the worker (it blocks until the user
//! answers), starting where browsers save downloads, the form's button disabled meanwhile.
//! What was chosen reaches the form only if the user is still on its screen and nothing else
//! runs; a dialog that did not open says why in the form's problem line.

use std::path::PathBuf;

use slint::{ComponentHandle, SharedString};

use super::file_dialog::{Chooser, Pick};
use super::screens::current_screen;
use super::{AppWindow, Work};
use crate::app::backup::default_export_directory;
use crate::app::navigation::Screen;

/// What a form does around its dialog.
pub(crate) struct DialogForm {
    /// The screen the form is on.
    pub screen: Screen,
    /// Says the dialog is open (true) or closed (false): its button is off while it is open.
    pub choosing: fn(&AppWindow, bool),
    /// Shows why the dialog did not open.
    pub problem: fn(&AppWindow, SharedString),
}

/// Shows `dialog` for `pick`; `chosen` gets the path the user picked.
pub(crate) fn choose_on_worker(
    window: &AppWindow,
    work: Work,
    dialog: Chooser,
    pick: Pick,
    form: DialogForm,
    chosen: impl FnOnce(&AppWindow, PathBuf) + 'static,
) {
    (form.choosing)(window, true);
    let weak = window.as_weak();
    let start = default_export_directory();
    work.run(
        move || dialog.choose(pick, &start),
        move |answer| {
            let window = weak.unwrap();
            (form.choosing)(&window, false);
            if current_screen(&window) != form.screen || super::is_busy(&window) {
                return;
            }
            match answer {
                Ok(Some(path)) => chosen(&window, path),
                Ok(None) => {}
                Err(problem) => (form.problem)(&window, problem.to_string().into()),
            }
        },
    );
}
