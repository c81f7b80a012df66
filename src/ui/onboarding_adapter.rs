//! "+ Add Identity": the name and recovering a phrase, with suggestions and the checks
//! before "Next" (the globals `IdentityList.add-identity` and `Onboarding`). The PIN and
//! the network follow in pin_adapter and network_adapter.

use std::rc::Rc;
use std::sync::Arc;

use slint::{ComponentHandle, ModelRc, SharedString, VecModel};

use super::screens::{self, clear_phrase_fields, go, go_to_pin, name_is_free};
use super::state::Current;
use super::{AppWindow, IdentityList, NetworkPicker, Onboarding, Screen, WordChip};
use crate::app::add_identity::already_stored;
use crate::app::find_address::phrase_root;
use crate::app::phrase_entry::PhraseEntry;
use crate::app::repairing::offers_repair;
use crate::app::text::{count_of, sentence};
use crate::db::Store;
use crate::keys::{Password, Phrase, PhraseError};

pub(super) fn connect(window: &AppWindow, store: Arc<Store>, current: Rc<Current>) {
    let (weak, add_current) = (window.as_weak(), current.clone());
    window.global::<IdentityList>().on_add_identity(move || {
        let window = weak.unwrap();
        screens::forget_secrets(&window, &add_current);
        window.global::<NetworkPicker>().set_no_derivation(false);
        window.global::<NetworkPicker>().set_from_ledger(false);
        let onboarding = window.global::<Onboarding>();
        onboarding.set_twenty_four_words(false);
        onboarding.set_identity_name(SharedString::new());
        onboarding.set_name_error(SharedString::new());
        go(&window, Screen::AddIdentity);
    });

    let (weak, name_store) = (window.as_weak(), store.clone());
    window.global::<Onboarding>().on_recover(move || {
        let window = weak.unwrap();
        if name_is_free(&window, &name_store) {
            go(&window, Screen::Recover);
        }
    });

    let weak = window.as_weak();
    window.global::<Onboarding>().on_phrase_edited(move |text| {
        let window = weak.unwrap();
        show_phrase(&window, &PhraseEntry::analyse(&text));
        window.global::<Onboarding>().set_can_repair(offers_repair(&text));
    });

    let weak = window.as_weak();
    window.global::<Onboarding>().on_suggestion_picked(move |word| pick_suggestion(&weak.unwrap(), &word));

    let weak = window.as_weak();
    window.global::<Onboarding>().on_phrase_next(move || phrase_next(&weak.unwrap(), &store, &current));
}

/// A picked suggestion replaces the word being typed and starts the next one.
fn pick_suggestion(window: &AppWindow, word: &str) {
    let onboarding = window.global::<Onboarding>();
    let text = onboarding.get_phrase_text();
    let kept = text.trim_end().rsplit_once(' ').map(|(head, _)| format!("{head} ")).unwrap_or_default();
    let completed = zeroize::Zeroizing::new(format!("{kept}{word} "));
    onboarding.set_phrase_text(completed.as_str().into());
    show_phrase(window, &PhraseEntry::analyse(&completed));
    onboarding.set_can_repair(offers_repair(&completed));
}

/// "Next" on the recover screen: the phrase, if it is one and not stored already, moves
/// into the flow and the PIN is next.
fn phrase_next(window: &AppWindow, store: &Store, current: &Current) {
    let onboarding = window.global::<Onboarding>();
    let entry = PhraseEntry::analyse(&onboarding.get_phrase_text());
    let phrase = match Phrase::parse(&entry.tidy_text()) {
        Ok(phrase) => phrase,
        Err(error) => return say_phrase_problem(window, &phrase_sentence(&error, &entry)),
    };
    let password = Password::new(onboarding.get_bip39_password().as_str());
    let root = phrase_root(&phrase, &password);
    current.find.borrow_mut().keep_only_for_phrase(root.as_ref());
    if let Some(stored) = root.and_then(|root| already_stored(store, &root)) {
        return say_phrase_problem(window, &stored);
    }
    // The phrase now lives in the flow (zeroized on drop), not in the text field.
    clear_phrase_fields(window);
    let mut flow = current.flow.borrow_mut();
    flow.phrase = Some(phrase);
    flow.created = false;
    flow.password = password;
    go_to_pin(window, &mut flow);
}

fn say_phrase_problem(window: &AppWindow, problem: &str) {
    let onboarding = window.global::<Onboarding>();
    onboarding.set_phrase_status(problem.into());
    onboarding.set_phrase_problem(true);
}

fn show_phrase(window: &AppWindow, entry: &PhraseEntry) {
    let onboarding = window.global::<Onboarding>();
    let chips: Vec<WordChip> =
        entry.words.iter().map(|w| WordChip { word: w.word.as_str().into(), known: w.known }).collect();
    onboarding.set_words(ModelRc::new(VecModel::from(chips)));
    let suggestions: Vec<SharedString> = entry.suggestions.iter().map(|s| SharedString::from(*s)).collect();
    onboarding.set_suggestions(ModelRc::new(VecModel::from(suggestions)));
    onboarding.set_phrase_ok(entry.verdict.is_ok());
    // Still typing: the status is news, not a reproach; it turns red on "Next".
    onboarding.set_phrase_problem(false);
    let status = match &entry.verdict {
        Ok(()) => format!("{}, checksum correct.", count_of(entry.words.len(), "word", "words")),
        Err(_) if entry.words.is_empty() => String::new(),
        Err(error) => phrase_sentence(error, entry),
    };
    onboarding.set_phrase_status(status.as_str().into());
    let notice = if entry.tidied { "Extra spaces and capital letters were tidied." } else { "" };
    onboarding.set_notice(notice.into());
}

/// What is wrong with the phrase; an unknown word is named from what was typed (errors
/// never carry a word).
fn phrase_sentence(error: &PhraseError, entry: &PhraseEntry) -> String {
    match error {
        PhraseError::UnknownWord { position } => match entry.word(*position) {
            Some(word) => format!("Word {position}, \"{word}\", is not a seed phrase word. Check its spelling."),
            None => format!("Word {position} is not a seed phrase word. Check its spelling."),
        },
        PhraseError::WordCount { found } => {
            format!("{} so far: a seed phrase has 12, 15, 18, 21 or 24.", count_of(*found, "word", "words"))
        }
        PhraseError::BadChecksum => {
            "Every word is valid, but they do not form a seed phrase: a word is wrong or out of order.".to_owned()
        }
        other => sentence(&other.to_string()),
    }
}
