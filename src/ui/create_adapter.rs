//! "Create": a new phrase shown once, then the backup check, then on to the PIN.

use std::rc::Rc;
use std::sync::Arc;

use slint::{ComponentHandle, Model, ModelRc, SharedString, VecModel};

use super::screens::{go, go_to_pin, name_is_free};
use super::state::Current;
use super::{AppWindow, Onboarding, Screen};
use crate::app::add_identity::Flow;
use crate::app::backup_check::{BackupCheck, Pick};
use crate::db::Store;
use crate::keys::{Phrase, PhraseLength};

pub(super) fn connect(window: &AppWindow, store: Arc<Store>, current: Rc<Current>) {
    let weak = window.as_weak();
    let create_flow = current.clone();
    window.global::<Onboarding>().on_create(move || {
        let window = weak.unwrap();
        if name_is_free(&window, &store) {
            new_phrase(&window, &mut create_flow.flow.borrow_mut());
            go(&window, Screen::Create);
        }
    });

    let weak = window.as_weak();
    let regenerate_flow = current.clone();
    window
        .global::<Onboarding>()
        .on_regenerate(move || new_phrase(&weak.unwrap(), &mut regenerate_flow.flow.borrow_mut()));

    let weak = window.as_weak();
    let wrote_flow = current.clone();
    window.global::<Onboarding>().on_wrote_it_down(move || {
        let window = weak.unwrap();
        let mut flow = wrote_flow.flow.borrow_mut();
        let Some(phrase) = &flow.phrase else { return };
        let check = BackupCheck::new(phrase);
        let onboarding = window.global::<Onboarding>();
        // The words leave the screen; from here the user has only their paper.
        onboarding.set_new_words(strings(Vec::new()));
        onboarding.set_words_total(check.total() as i32);
        onboarding.set_check_message(SharedString::new());
        show_check(&window, &check, Vec::new());
        flow.backup = Some(check);
        go(&window, Screen::BackupCheck);
    });

    let weak = window.as_weak();
    window.global::<Onboarding>().on_pick_word(move |word| {
        let window = weak.unwrap();
        let mut flow = current.flow.borrow_mut();
        let Some(check) = flow.backup.as_mut() else { return };
        let onboarding = window.global::<Onboarding>();
        match check.pick(&word) {
            Pick::Wrong => {
                let message = format!("That is not word {}. Look at your paper and pick again.", check.picked() + 1);
                onboarding.set_check_message(message.as_str().into());
            }
            Pick::Correct => {
                let mut picked: Vec<String> = onboarding.get_picked_words().iter().map(|w| w.to_string()).collect();
                picked.push(word.to_string());
                onboarding.set_check_message(SharedString::new());
                show_check(&window, check, picked);
            }
            Pick::Done => {
                flow.backup = None;
                onboarding.set_picked_words(strings(Vec::new()));
                onboarding.set_choices(strings(Vec::new()));
                go_to_pin(&window, &mut flow);
            }
        }
    });
}

/// A fresh phrase of the chosen length, shown.
fn new_phrase(window: &AppWindow, flow: &mut Flow) {
    let onboarding = window.global::<Onboarding>();
    let length = if onboarding.get_twenty_four_words() { PhraseLength::Words24 } else { PhraseLength::Words12 };
    let phrase = Phrase::generate(length);
    onboarding.set_new_words(strings(phrase.expose_words().map(str::to_owned).collect()));
    flow.phrase = Some(phrase);
    flow.created = true;
    flow.password = Default::default();
}

fn show_check(window: &AppWindow, check: &BackupCheck, picked: Vec<String>) {
    let onboarding = window.global::<Onboarding>();
    onboarding.set_choices(strings(check.choices().into_iter().map(str::to_owned).collect()));
    onboarding.set_picked_words(strings(picked));
}

fn strings(words: Vec<String>) -> ModelRc<SharedString> {
    ModelRc::new(VecModel::from(words.into_iter().map(SharedString::from).collect::<Vec<_>>()))
}
