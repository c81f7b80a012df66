//! The search "Can't find your account?" runs on the worker: a timer shows its progress
//! until it returns, and what it found (or how far it got) is shown on the form. Started
//! by find_adapter; not an adapter itself (it connects no callbacks).

use std::rc::Rc;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Duration;

use slint::{ComponentHandle, SharedString};

use super::screens::{go, show_find_result as show_result};
use super::state::Current;
use super::{AppWindow, FindAccount, Screen, Work};
use crate::app::find_address::{self, likely_network, Request, SearchOutcome};
use crate::app::finding::{cancelled_text, found_detail, found_text, missed_text, next_steps, progress_text, Hit};
use crate::db::Store;
use crate::keys::search::Progress;
use crate::keys::{Password, Phrase};

/// How often the progress bar reads the search's count.
const POLL: Duration = Duration::from_millis(100);

/// What the worker searches.
pub(super) struct Search {
    pub phrase: Phrase,
    pub password: Password,
    pub request: Request,
    pub address: String,
}

pub(super) fn start(window: &AppWindow, store: &Arc<Store>, work: Work, current: &Rc<Current>, search: Search) {
    let progress = Arc::new(Progress::default());
    let total = search.request.candidates();
    {
        let mut finding = current.find.borrow_mut();
        finding.running = Some(progress.clone());
        finding.hit = None;
        let (weak, polled) = (window.as_weak(), progress.clone());
        current.find_timer.start(slint::TimerMode::Repeated, POLL, move || {
            if let Some(window) = weak.upgrade() {
                show_progress(&window, polled.tried.load(Ordering::Relaxed), total);
            }
        });
    }
    let form = window.global::<FindAccount>();
    form.set_problem(SharedString::new());
    form.set_searching(true);
    form.set_offer_repair(false);
    show_result(window, "", "", false);
    show_progress(window, 0, total);
    go(window, Screen::FindAccount);
    let Search { phrase, password, request, address } = search;
    let target = request.wanted;
    let (weak, store, current, job_progress) = (window.as_weak(), store.clone(), current.clone(), progress.clone());
    work.run(
        move || find_address::search_phrase(&phrase, &password, &request, &job_progress),
        move |outcome| {
            let window = weak.unwrap();
            let mut finding = current.find.borrow_mut();
            if !finding.is_current(&progress) {
                return;
            }
            finding.running = None;
            current.find_timer.stop();
            window.global::<FindAccount>().set_searching(false);
            let whose = finding.whose;
            finding.hit = match outcome {
                SearchOutcome::Found(found) => {
                    let network = likely_network(&store, &found, &address).ok().flatten();
                    show_result(&window, &found_text(&found), &found_detail(whose, network.as_ref()), true);
                    Some(Hit { found, network, target })
                }
                SearchOutcome::Missed { tried } => {
                    show_result(&window, &missed_text(tried), &next_steps(), false);
                    // The typed phrase may itself be wrong: offer to repair it.
                    let for_phrase = matches!(whose, Some(crate::app::finding::Whose::Phrase { .. }));
                    window.global::<FindAccount>().set_offer_repair(for_phrase);
                    None
                }
                SearchOutcome::Cancelled { tried } => {
                    show_result(&window, &cancelled_text(tried), "", false);
                    None
                }
            };
        },
    );
}

fn show_progress(window: &AppWindow, tried: u64, total: u64) {
    let form = window.global::<FindAccount>();
    form.set_progress(progress_text(tried, total).into());
    form.set_fraction(super::fraction(tried, total));
}
