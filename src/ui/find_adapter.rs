//! "Can't find your account?" (the global `FindAccount`): the address the user expects,
//! searched for in an identity's phrase (after its PIN, on the unlock prompt) or in the
//! phrase on the recover screen (before it is saved, so no PIN). The search runs on the
//! worker, not behind the busy overlay: a timer shows its progress and "Cancel" stops it.
//! What it found is added by found_adapter.

use std::rc::Rc;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Instant;

use slint::ComponentHandle;

use super::find_job::{self, Search};
use super::screens::{ask_pin, clear_find, go, show_find_result as show_result};
use super::state::Current;
use super::{AppWindow, FindAccount, Onboarding, Screen, Work};
use crate::app::find_address::{self, phrase_of, phrase_root, DEFAULT_DEPTH};
use crate::app::finding::{form_for_identity, form_for_phrase, FindForm, Whose};
use crate::app::phrase_entry::PhraseEntry;
use crate::app::text::sentence;
use crate::app::unlock::{AfterFindPin as Then, Purpose};
use crate::db::Store;
use crate::keys::{Password, Phrase};

pub(super) fn connect(window: &AppWindow, store: Arc<Store>, work: Work, current: Rc<Current>) {
    let (weak, identity_store, identity_current) = (window.as_weak(), store.clone(), current.clone());
    window.global::<FindAccount>().on_open_for_identity(move || {
        let form = identity_current.identity().and_then(|id| form_for_identity(&identity_store, id));
        if let Some(form) = form {
            open(&weak.unwrap(), &identity_current, form);
        }
    });

    let (weak, phrase_store, phrase_current) = (window.as_weak(), store.clone(), current.clone());
    window.global::<FindAccount>().on_open_for_phrase(move || {
        let window = weak.unwrap();
        let Some((phrase, password)) = typed_phrase(&window) else { return };
        if let Some(root) = phrase_root(&phrase, &password) {
            open(&window, &phrase_current, form_for_phrase(&phrase_store, root));
        }
    });

    let weak = window.as_weak();
    let (search_store, search_current) = (store.clone(), current.clone());
    window.global::<FindAccount>().on_search(move || {
        let window = weak.unwrap();
        if !super::is_busy(&window) {
            search(&window, &search_store, work, &search_current);
        }
    });

    let weak = window.as_weak();
    let cancel_current = current.clone();
    window.global::<FindAccount>().on_cancel(move || {
        let finding = cancel_current.find.borrow();
        if let Some(progress) = &finding.running {
            progress.cancel.store(true, Ordering::Relaxed);
            // The count stops here; the worker says how far it got when it returns.
            cancel_current.find_timer.stop();
            weak.unwrap().global::<FindAccount>().set_progress("Cancelling…".into());
        }
    });

    // The PIN was right: the search, or adding what it found (found_adapter).
    let weak = window.as_weak();
    window.global::<FindAccount>().on_unlocked(move || {
        let window = weak.unwrap();
        let Purpose::FindAccount(then) = current.home.borrow().purpose else { return };
        match then {
            Then::Search => search(&window, &store, work, &current),
            Then::Add => window.global::<FindAccount>().invoke_add_unlocked(),
        }
    });
}

/// The form as `form` says, empty, with the default depth.
fn open(window: &AppWindow, current: &Current, form: FindForm) {
    clear_find(window, current);
    current.find.borrow_mut().whose = Some(form.whose);
    let view = window.global::<FindAccount>();
    view.set_depth(DEFAULT_DEPTH.to_string().into());
    view.set_intro(form.intro.into());
    view.set_add_text(form.add_text.into());
    if let Some(refused) = form.refused {
        view.set_can_search(false);
        view.set_problem(refused.into());
    }
    go(window, Screen::FindAccount);
}

/// The phrase and BIP39 password on the recover screen, as secrets that wipe themselves.
/// The fields keep theirs until "Next", as recovering does.
fn typed_phrase(window: &AppWindow) -> Option<(Phrase, Password)> {
    let onboarding = window.global::<Onboarding>();
    let tidy = PhraseEntry::analyse(&onboarding.get_phrase_text()).tidy_text();
    let phrase = Phrase::parse(&tidy).ok()?;
    Some((phrase, Password::new(onboarding.get_bip39_password().as_str())))
}

/// "Search": checks the address and depth, gets the seed (asking an identity's PIN first
/// unless it is unlocked), then starts the search.
fn search(window: &AppWindow, store: &Arc<Store>, work: Work, current: &Rc<Current>) {
    let form = window.global::<FindAccount>();
    let Some(whose) = current.find.borrow().whose else { return };
    if current.find.borrow().running.is_some() || !form.get_can_search() {
        return;
    }
    let address = form.get_address().trim().to_owned();
    let request = match find_address::request(store, &address, &form.get_depth()) {
        Ok(request) => request,
        Err(problem) => return form.set_problem(sentence(&problem.to_string()).into()),
    };
    let (phrase, password) = match whose {
        Whose::Identity(id) => {
            let mut home = current.home.borrow_mut();
            let Some(unlocked) = home.open_for(id) else {
                drop(home);
                // What an earlier search found is not what this one looks for.
                current.find.borrow_mut().hit = None;
                show_result(window, "", "", false);
                return ask_pin(window, store, current, id, Purpose::FindAccount(Then::Search));
            };
            match phrase_of(unlocked.secret(Instant::now())) {
                Ok(secret) => secret,
                Err(error) => return form.set_problem(sentence(&error.to_string()).into()),
            }
        }
        Whose::Phrase { .. } => match typed_phrase(window) {
            Some(typed) => typed,
            None => return form.set_problem("The phrase is not complete: go back and check it.".into()),
        },
    };
    find_job::start(window, store, work, current, Search { phrase, password, request, address });
}
