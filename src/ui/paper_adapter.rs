//! "Recover from paper shares" (the global `PaperShares`): each share read on the worker (a
//! photo is decoded and searched for its QR code), added to the set on the UI thread; the
//! passphrase opens them on the worker (scrypt), and the phrase goes to the recover screen,
//! where "Next" goes on to the PIN and the network as ever.

use std::rc::Rc;

use slint::{ComponentHandle, SharedString};
use zeroize::Zeroizing;

use super::choosing::{choose_on_worker, DialogForm};
use super::file_dialog::{Chooser, Pick};
use super::screens::{clear_paper, go};
use super::state::Current;
use super::{AppWindow, Onboarding, PaperShares, Screen, Work};
use crate::app::navigation::Screen as AppScreen;
use crate::app::paper::gathering::{open, share_text, INTRO};
use crate::app::text::sentence;

pub(super) fn connect(window: &AppWindow, work: Work, current: Rc<Current>) {
    let dialog = Chooser::find();
    let (weak, start_current, can_choose) = (window.as_weak(), current.clone(), dialog.is_some());
    window.global::<PaperShares>().on_start(move || {
        let window = weak.unwrap();
        clear_paper(&window, &start_current);
        let form = window.global::<PaperShares>();
        form.set_intro(INTRO.into());
        form.set_can_choose(can_choose);
        form.set_choosing(false);
        go(&window, Screen::PaperRecover);
    });

    let (weak, add_current) = (window.as_weak(), current.clone());
    window.global::<PaperShares>().on_add(move || add_share(&weak.unwrap(), work, &add_current));

    let (weak, choose_current) = (window.as_weak(), current.clone());
    window.global::<PaperShares>().on_choose_file(move || {
        if let Some(dialog) = dialog.clone() {
            choose_image(&weak.unwrap(), work, &choose_current, dialog);
        }
    });

    let weak = window.as_weak();
    window.global::<PaperShares>().on_recover(move || recover(&weak.unwrap(), work, &current));
}

/// "Open image…": the desktop's dialog; the image chosen is added at once.
fn choose_image(window: &AppWindow, work: Work, current: &Rc<Current>, dialog: Chooser) {
    let form = DialogForm {
        screen: AppScreen::PaperRecover,
        choosing: |window, on| window.global::<PaperShares>().set_choosing(on),
        problem: |window, problem| window.global::<PaperShares>().set_problem(problem),
    };
    let current = current.clone();
    choose_on_worker(window, work, dialog, Pick::ShareImage, form, move |window, path| {
        window.global::<PaperShares>().set_share(path.display().to_string().into());
        add_share(window, work, &current);
    });
}

/// "Add share": the typed path read (or the pasted text taken) on the worker, then checked
/// against the shares before it.
fn add_share(window: &AppWindow, work: Work, current: &Rc<Current>) {
    if super::is_busy(window) {
        return;
    }
    let typed = Zeroizing::new(window.global::<PaperShares>().get_share().to_string());
    let done_current = current.clone();
    super::busy_run(
        window,
        current,
        work,
        "Reading the share…",
        move || share_text(&typed),
        move |window, read| {
            let form = window.global::<PaperShares>();
            let mut gathering = done_current.paper.borrow_mut();
            match read.and_then(|text| gathering.add(&text)) {
                Ok(()) => {
                    form.set_share(SharedString::new());
                    form.set_problem(SharedString::new());
                }
                Err(problem) => form.set_problem(sentence(&problem.to_string()).into()),
            }
            form.set_status(gathering.status().into());
            form.set_complete(gathering.is_complete());
        },
    );
}

/// "Recover": the passphrase opens the shares on the worker; the phrase goes to the recover
/// screen, named after the shares' title unless a name was typed.
fn recover(window: &AppWindow, work: Work, current: &Rc<Current>) {
    let form = window.global::<PaperShares>();
    if super::is_busy(window) || !form.get_complete() {
        return;
    }
    let typed = Zeroizing::new(form.get_passphrase().to_string());
    form.set_passphrase(SharedString::new());
    let set = current.paper.borrow().shares();
    let done_current = current.clone();
    super::busy_run(
        window,
        current,
        work,
        "Opening the shares…",
        move || open(&set, &typed),
        move |window, opened| match opened {
            Ok((phrase, title)) => {
                let onboarding = window.global::<Onboarding>();
                if onboarding.get_identity_name().trim().is_empty() {
                    onboarding.set_identity_name(title.into());
                }
                let words = Zeroizing::new(phrase.expose_words().collect::<Vec<_>>().join(" "));
                onboarding.set_phrase_text(words.as_str().into());
                // The status, chips and "Next" follow the text as if it had been typed.
                onboarding.invoke_phrase_edited(onboarding.get_phrase_text());
                clear_paper(window, &done_current);
                go(window, Screen::Recover);
            }
            Err(problem) => window.global::<PaperShares>().set_problem(sentence(&problem.to_string()).into()),
        },
    );
}
