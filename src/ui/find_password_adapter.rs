//! "Forgot the password?" (the global `FindPassword`): the restore screen's file searched,
//! on the worker, for the password the user almost remembers. "Estimate" times one try;
//! "Search" runs it with a progress bar and Cancel; "Restore with it" goes back to the
//! restore with the password found, as if it had been typed.

use std::rc::Rc;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Duration;

use slint::{ComponentHandle, SharedString};
use zeroize::Zeroizing;

use super::screens::{clear_password_search, go};
use super::state::Current;
use super::{AppWindow, FindPassword, Restore, Screen, Work};
use crate::app::backup::finding_password::{masked, outcome_view, progress_text, SearchJob, INTRO};
use crate::app::backup::password_search::Estimate;
use crate::app::text::sentence;
use crate::keys::backup::recover::Outcome;
use crate::keys::search::Progress;

/// How often the progress bar reads the search's count.
const POLL: Duration = Duration::from_millis(200);

pub(super) fn connect(window: &AppWindow, work: Work, current: Rc<Current>) {
    let (weak, open_current) = (window.as_weak(), current.clone());
    window.global::<FindPassword>().on_open(move || {
        let window = weak.unwrap();
        clear_password_search(&window, &open_current);
        window.global::<FindPassword>().set_intro(INTRO.into());
        go(&window, Screen::FindPassword);
    });

    // Other input: the estimate and anything found belong to the input before.
    let (weak, edit_current) = (window.as_weak(), current.clone());
    window.global::<FindPassword>().on_edited(move || {
        let window = weak.unwrap();
        let form = window.global::<FindPassword>();
        if form.get_running() {
            return;
        }
        // An estimate still being timed is for the input before: its result is dropped.
        if super::is_busy(&window) {
            edit_current.abandon_jobs(&window);
        }
        edit_current.password_search.borrow_mut().forget();
        form.set_estimated(false);
        show_view(&window, "", "", false);
        form.set_problem(SharedString::new());
    });

    let (weak, estimate_current) = (window.as_weak(), current.clone());
    window.global::<FindPassword>().on_estimate(move || estimate(&weak.unwrap(), work, &estimate_current));

    let (weak, start_current) = (window.as_weak(), current.clone());
    window.global::<FindPassword>().on_start(move || start(&weak.unwrap(), work, &start_current));

    let (weak, cancel_current) = (window.as_weak(), current.clone());
    window.global::<FindPassword>().on_cancel(move || {
        if let Some(progress) = &cancel_current.password_search.borrow().running {
            progress.cancel.store(true, Ordering::Relaxed);
            cancel_current.password_timer.stop();
            weak.unwrap().global::<FindPassword>().set_progress("Cancelling…".into());
        }
    });

    let (weak, reveal_current) = (window.as_weak(), current.clone());
    window.global::<FindPassword>().on_reveal(move |show| {
        let searching = reveal_current.password_search.borrow();
        let Some(found) = &searching.found else { return };
        let shown = if show { found.expose().to_owned() } else { masked(found) };
        weak.unwrap().global::<FindPassword>().set_found_password(shown.into());
    });

    let weak = window.as_weak();
    window.global::<FindPassword>().on_use_password(move || {
        let window = weak.unwrap();
        let Some(found) = current.password_search.borrow_mut().found.take() else { return };
        clear_password_search(&window, &current);
        go(&window, Screen::Restore);
        let restore = window.global::<Restore>();
        restore.set_offer_search(false);
        restore.set_password(found.expose().into());
        restore.invoke_restore();
    });
}

/// "Estimate": the form and the restore's file, counted and one try timed on the worker.
fn estimate(window: &AppWindow, work: Work, current: &Rc<Current>) {
    let form = window.global::<FindPassword>();
    if super::is_busy(window) || form.get_running() {
        return;
    }
    let Some(file) = current.flow.borrow().restoring.as_ref().map(|restoring| restoring.file.clone()) else { return };
    let remembered = Zeroizing::new(form.get_remembered().to_string());
    let pieces = Zeroizing::new(form.get_pieces().to_string());
    let deep = form.get_deep();
    let done_current = current.clone();
    super::busy_run(
        window,
        current,
        work,
        "Timing one try…",
        move || SearchJob::prepare(file, &remembered, &pieces, deep),
        move |window, prepared| {
            let form = window.global::<FindPassword>();
            match prepared {
                Ok(job) => {
                    form.set_problem(SharedString::new());
                    form.set_estimate_text(job.estimate.text().trim_end().into());
                    form.set_estimated(true);
                    done_current.password_search.borrow_mut().ready = Some(Arc::new(job));
                }
                Err(problem) => form.set_problem(sentence(&problem.to_string()).into()),
            }
        },
    );
}

/// "Search": the estimated search on the worker, its count polled for the bar.
fn start(window: &AppWindow, work: Work, current: &Rc<Current>) {
    let Some(job) = current.password_search.borrow().ready.clone() else { return };
    if current.password_search.borrow().running.is_some() {
        return;
    }
    let progress = Arc::new(Progress::default());
    current.password_search.borrow_mut().running = Some(progress.clone());
    let (weak, polled, polled_job) = (window.as_weak(), progress.clone(), job.clone());
    current.password_timer.start(slint::TimerMode::Repeated, POLL, move || {
        if let Some(window) = weak.upgrade() {
            show_progress(&window, polled.tried.load(Ordering::Relaxed), &polled_job.estimate);
        }
    });
    let form = window.global::<FindPassword>();
    form.set_running(true);
    show_view(window, "", "", false);
    show_progress(window, 0, &job.estimate);
    let (weak, current, job_progress) = (window.as_weak(), current.clone(), progress.clone());
    let deep = job.deep();
    work.run(
        move || job.run(&job_progress),
        move |outcome| {
            let window = weak.unwrap();
            let mut searching = current.password_search.borrow_mut();
            if !searching.is_current(&progress) {
                return;
            }
            searching.running = None;
            current.password_timer.stop();
            window.global::<FindPassword>().set_running(false);
            let view = outcome_view(&outcome, deep);
            show_view(&window, &view.headline, &view.detail, view.found);
            if let Outcome::Found { password, .. } = outcome {
                window.global::<FindPassword>().set_found_password(masked(&password).into());
                searching.found = Some(password);
            }
        },
    );
}

fn show_view(window: &AppWindow, headline: &str, detail: &str, found: bool) {
    let form = window.global::<FindPassword>();
    form.set_result(headline.into());
    form.set_detail(detail.into());
    form.set_found(found);
    if !found {
        form.set_found_password(SharedString::new());
    }
}

fn show_progress(window: &AppWindow, tried: u64, estimate: &Estimate) {
    let form = window.global::<FindPassword>();
    let total = estimate.total();
    form.set_progress(progress_text(tried, estimate).into());
    form.set_fraction(super::fraction(tried, total));
}
