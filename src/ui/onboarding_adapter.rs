//! "+ Add Identity": the name, recovering a phrase, setting the PIN and picking the network
//! of the first account (the globals `IdentityList.add-identity`, `Onboarding`, `PinEntry`,
//! `NetworkPicker`, `AccountView.copy-address`). The PIN and network screens also serve
//! the restore flow and "Can't find your account?": they hand over through those globals'
//! callbacks.

use std::rc::Rc;
use std::sync::Arc;

use slint::{ComponentHandle, ModelRc, SharedString, VecModel};

use super::screens::{self, ask_network, clear_phrase_fields, go, go_to_pin, name_is_free, show_pin};
use super::state::Current;
use super::{AccountView, AppWindow, FindAccount, IdentityList, NetworkPicker, Onboarding, PinEntry, Restore};
use super::{Screen, WordChip, Work};
use crate::app::account_card::AccountCard;
use crate::app::add_identity::NetworkFor;
use crate::app::find_address::phrase_root;
use crate::app::onboarding::{add_with_found, FirstAccount, PhraseIdentity};
use crate::app::phrase_entry::PhraseEntry;
use crate::app::pin_setup::PinStep;
use crate::app::text::{count_of, sentence};
use crate::db::Store;
use crate::keys::{Password, Phrase, PhraseError};

pub(super) fn connect(window: &AppWindow, store: Arc<Store>, work: Work, current: Rc<Current>) {
    let (weak, add_current) = (window.as_weak(), current.clone());
    window.global::<IdentityList>().on_add_identity(move || {
        let window = weak.unwrap();
        screens::forget_secrets(&window, &add_current);
        window.global::<NetworkPicker>().set_no_derivation(false);
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
        show_phrase(&weak.unwrap(), &PhraseEntry::analyse(&text));
    });

    let weak = window.as_weak();
    window.global::<Onboarding>().on_suggestion_picked(move |word| pick_suggestion(&weak.unwrap(), &word));

    let (weak, next_store, next_current) = (window.as_weak(), store.clone(), current.clone());
    window.global::<Onboarding>().on_phrase_next(move || phrase_next(&weak.unwrap(), &next_store, &next_current));

    let (weak, digit_current) = (window.as_weak(), current.clone());
    window.global::<PinEntry>().on_digit(move |digit| {
        let mut flow = digit_current.flow.borrow_mut();
        digit.chars().for_each(|d| flow.pin_setup.digit(d));
        show_pin(&weak.unwrap(), &flow.pin_setup, "");
    });

    let (weak, erase_current) = (window.as_weak(), current.clone());
    window.global::<PinEntry>().on_erase(move || {
        let mut flow = erase_current.flow.borrow_mut();
        flow.pin_setup.erase();
        show_pin(&weak.unwrap(), &flow.pin_setup, "");
    });

    let (weak, submit_store, submit_current) = (window.as_weak(), store.clone(), current.clone());
    window.global::<PinEntry>().on_submit(move || submit_pin(&weak.unwrap(), &submit_store, &submit_current));

    let weak = window.as_weak();
    window.global::<NetworkPicker>().on_pick(move |index| pick_network(&weak.unwrap(), &store, work, &current, index));

    let weak = window.as_weak();
    window.global::<AccountView>().on_copy_address(move || {
        weak.unwrap().global::<AccountView>().set_notice("Address copied".into());
    });
}

/// A picked suggestion replaces the word being typed and starts the next one.
fn pick_suggestion(window: &AppWindow, word: &str) {
    let onboarding = window.global::<Onboarding>();
    let text = onboarding.get_phrase_text();
    let kept = text.trim_end().rsplit_once(' ').map(|(head, _)| format!("{head} ")).unwrap_or_default();
    let completed = zeroize::Zeroizing::new(format!("{kept}{word} "));
    onboarding.set_phrase_text(completed.as_str().into());
    show_phrase(window, &PhraseEntry::analyse(&completed));
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
    if let Some(Ok(Some(existing))) = root.map(|root| store.identity_by_root(&root)) {
        return say_phrase_problem(window, &format!("This phrase is already the identity \"{}\".", existing.name));
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

/// "OK" on the set-PIN pad: confirm, refuse, or hand the PIN to what the flow is for.
fn submit_pin(window: &AppWindow, store: &Store, current: &Current) {
    if super::is_busy(window) {
        return;
    }
    let mut flow = current.flow.borrow_mut();
    let error = match flow.pin_setup.submit() {
        PinStep::Confirm => String::new(),
        PinStep::Invalid(error) => sentence(&error.to_string()),
        PinStep::Mismatch => "PINs don't match. Set your PIN again.".to_owned(),
        PinStep::Done(pin) if flow.restoring.is_some() => {
            flow.restoring.as_mut().expect("checked").pin = Some(pin);
            drop(flow);
            return window.global::<Restore>().invoke_pin_set();
        }
        PinStep::Done(pin) => {
            flow.pin = Some(pin);
            let hint = "Your first account is made on it. You can add more later.";
            return ask_network(window, store, &mut flow, NetworkFor::NewIdentity, hint);
        }
    };
    show_pin(window, &flow.pin_setup, &error);
}

/// A network row: the restore flow's or a found address's network, or the new identity's.
fn pick_network(window: &AppWindow, store: &Arc<Store>, work: Work, current: &Rc<Current>, index: i32) {
    if super::is_busy(window) {
        return;
    }
    let network_for = current.flow.borrow().network_for;
    match network_for {
        NetworkFor::Restore => return window.global::<Restore>().invoke_network_picked(index),
        NetworkFor::Found => return window.global::<FindAccount>().invoke_network_picked(index),
        NetworkFor::NewIdentity => {}
    }
    let mut flow = current.flow.borrow_mut();
    let (Some(network), Some(phrase), Some(pin)) =
        (flow.networks.get(index as usize).cloned(), flow.phrase.take(), flow.pin.take())
    else {
        return;
    };
    let password = std::mem::take(&mut flow.password);
    drop(flow);
    // What "Can't find your account?" found in this phrase joins the new identity.
    let hit = current.find.borrow_mut().take_phrase_hit();
    let name = window.global::<Onboarding>().get_identity_name().trim().to_owned();
    let first_account = match window.global::<NetworkPicker>().get_no_derivation() {
        true => FirstAccount::Root,
        false => FirstAccount::NetworkPath,
    };
    let (job_store, done_current) = (store.clone(), current.clone());
    super::busy_run(
        window,
        current,
        work,
        "Sealing your identity…",
        move || {
            let store = job_store;
            let new = PhraseIdentity {
                name: &name,
                phrase: &phrase,
                password: &password,
                network: network.genesis_hash,
                first_account,
            };
            let result = add_with_found(&store, new, &pin, hit.as_ref()).map_err(|error| error.to_string()).and_then(
                |(key, notice)| match AccountCard::load(&store, key) {
                    Ok(Some(card)) => Ok((card, notice)),
                    Ok(None) => Err("the new account could not be read back".to_owned()),
                    Err(error) => Err(error.to_string()),
                },
            );
            // The secrets come back with the result, so a failure can be retried.
            (result, phrase, password, pin, hit)
        },
        move |window, (result, phrase, password, pin, hit)| match result {
            Ok((card, notice)) => show_new_account(window, &done_current, &card, notice),
            Err(message) => {
                // Back in the flow: the user can pick again.
                let mut flow = done_current.flow.borrow_mut();
                (flow.phrase, flow.password, flow.pin) = (Some(phrase), password, Some(pin));
                done_current.find.borrow_mut().hit = hit;
                window.global::<NetworkPicker>().set_error(sentence(&message).into());
            }
        },
    );
}

/// The new identity's account, with the offer of a backup file and any notice about what
/// "Can't find your account?" found.
fn show_new_account(window: &AppWindow, current: &Current, card: &AccountCard, notice: Option<String>) {
    screens::show_account(window, current, card);
    let view = window.global::<AccountView>();
    view.set_offer_backup(true);
    if let Some(notice) = notice {
        view.set_notice(notice.into());
    }
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
