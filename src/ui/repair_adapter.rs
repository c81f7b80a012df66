//! "Repair with your address" (the global `RepairPhrase`): the phrase on the recover
//! screen repaired, on the worker, into the one whose account is the address pasted. A
//! timer shows the count; "Cancel" stops it; "Use this phrase" puts the result into the
//! recover field, where "Next" goes on to the PIN as ever (nothing is stored here).

use std::rc::Rc;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Duration;

use slint::{ComponentHandle, SharedString};

use super::screens::{clear_repair, go, show_repair_result};
use super::state::Current;
use super::{AppWindow, FindAccount, Onboarding, RepairPhrase, Screen, Work};
use crate::app::repairing::{found_for_recovery, outcome_view, phrase_text, progress_text, request, RepairJob};
use crate::app::repairing::{RepairView, INTRO};
use crate::app::text::sentence;
use crate::db::Store;
use crate::keys::search::Progress;
use crate::keys::Password;

/// How often the progress bar reads the repair's count.
const POLL: Duration = Duration::from_millis(100);

pub(super) fn connect(window: &AppWindow, store: Arc<Store>, work: Work, current: Rc<Current>) {
    let (weak, open_current) = (window.as_weak(), current.clone());
    window.global::<RepairPhrase>().on_open(move || {
        let window = weak.unwrap();
        // From a search that missed, the address it looked for is the one to repair towards.
        let searched = window.global::<FindAccount>().get_address();
        clear_repair(&window, &open_current);
        let form = window.global::<RepairPhrase>();
        form.set_intro(INTRO.into());
        form.set_address(searched);
        go(&window, Screen::RepairPhrase);
    });

    let (weak, start_current, use_store) = (window.as_weak(), current.clone(), store.clone());
    window.global::<RepairPhrase>().on_start(move || start(&weak.unwrap(), &store, work, &start_current));

    let (weak, cancel_current) = (window.as_weak(), current.clone());
    window.global::<RepairPhrase>().on_cancel(move || {
        if let Some(progress) = &cancel_current.repair.borrow().running {
            progress.cancel.store(true, Ordering::Relaxed);
            cancel_current.repair_timer.stop();
            weak.unwrap().global::<RepairPhrase>().set_progress("Cancelling…".into());
        }
    });

    let weak = window.as_weak();
    window.global::<RepairPhrase>().on_use_phrase(move || use_phrase(&weak.unwrap(), &use_store, &current));
}

/// "Use this phrase": the words into the recover field, and the account found kept, as a
/// search would keep it, to join the identity when it is saved.
fn use_phrase(window: &AppWindow, store: &Store, current: &Current) {
    let Some(repaired) = current.repair.borrow_mut().found.take() else { return };
    let onboarding = window.global::<Onboarding>();
    let password = Password::new(onboarding.get_bip39_password().as_str());
    let address = window.global::<RepairPhrase>().get_address();
    let found = found_for_recovery(store, &repaired, &password, &address);
    onboarding.set_phrase_text(phrase_text(&repaired).as_str().into());
    // The status, chips and "Next" follow the new text as if it had been typed.
    onboarding.invoke_phrase_edited(onboarding.get_phrase_text());
    clear_repair(window, current);
    if let Some((whose, hit)) = found {
        let mut finding = current.find.borrow_mut();
        finding.forget();
        (finding.whose, finding.hit) = (Some(whose), Some(hit));
    }
    go(window, Screen::Recover);
}

/// "Repair": checks the address and the phrase, then runs the repair on the worker.
fn start(window: &AppWindow, store: &Store, work: Work, current: &Rc<Current>) {
    if current.repair.borrow().running.is_some() {
        return;
    }
    let form = window.global::<RepairPhrase>();
    let onboarding = window.global::<Onboarding>();
    let password = Password::new(onboarding.get_bip39_password().as_str());
    let job = match request(store, &onboarding.get_phrase_text(), password, &form.get_address()) {
        Ok(job) => job,
        Err(problem) => return form.set_problem(sentence(&problem.to_string()).into()),
    };
    form.set_problem(SharedString::new());
    form.set_plan(job.plan_text().into());
    show_repair_result(window, &RepairView::default());
    run(window, work, current, job);
}

fn run(window: &AppWindow, work: Work, current: &Rc<Current>, job: RepairJob) {
    let progress = Arc::new(Progress::default());
    let total = job.total();
    {
        let mut repairing = current.repair.borrow_mut();
        repairing.running = Some(progress.clone());
        repairing.total = total;
        repairing.found = None;
    }
    let (weak, polled) = (window.as_weak(), progress.clone());
    current.repair_timer.start(slint::TimerMode::Repeated, POLL, move || {
        if let Some(window) = weak.upgrade() {
            show_progress(&window, polled.tried.load(Ordering::Relaxed), total);
        }
    });
    window.global::<RepairPhrase>().set_running(true);
    show_progress(window, 0, total);
    let (weak, current, job_progress) = (window.as_weak(), current.clone(), progress.clone());
    work.run(
        move || job.run(&job_progress),
        move |outcome| {
            let window = weak.unwrap();
            let mut repairing = current.repair.borrow_mut();
            if !repairing.is_current(&progress) {
                return;
            }
            repairing.running = None;
            current.repair_timer.stop();
            let form = window.global::<RepairPhrase>();
            form.set_running(false);
            match outcome {
                Ok(outcome) => {
                    show_repair_result(&window, &outcome_view(&outcome));
                    if let crate::keys::repair::RepairOutcome::Found(repaired) = outcome {
                        repairing.found = Some(repaired);
                    }
                }
                Err(problem) => form.set_problem(sentence(&problem.to_string()).into()),
            }
        },
    );
}

fn show_progress(window: &AppWindow, tried: u64, total: u64) {
    let form = window.global::<RepairPhrase>();
    form.set_progress(progress_text(tried, total).into());
    form.set_fraction(super::fraction(tried, total));
}
