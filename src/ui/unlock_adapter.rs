//! The PIN prompt that unlocks an identity (the global `Unlock`): the digits, then what the
//! PIN was asked for. Changing the PIN, deleting and showing the phrase finish here; adding
//! an account, exporting and searching are handed on through their globals' `unlocked`.

use std::rc::Rc;
use std::sync::Arc;
use std::time::Instant;

use slint::ComponentHandle;

use super::screens::{self, count_down, set_prompt};
use super::state::Current;
use super::{AddAccount, AppWindow, Export, FindAccount, Unlock, Work};
use crate::app::pin_job::{PinJob, PinOutcome, Refusal};
use crate::app::session::Unlocked;
use crate::app::show_phrase::{reveal, ShowPhraseError};
use crate::app::text::sentence;
use crate::app::unlock::{self, PromptStep, Purpose};
use crate::db::{IdentityId, IdentitySecret, Store};

pub(super) fn connect(window: &AppWindow, store: Arc<Store>, work: Work, current: Rc<Current>) {
    let (weak, digit_current) = (window.as_weak(), current.clone());
    window.global::<Unlock>().on_digit(move |digit| {
        let mut home = digit_current.home.borrow_mut();
        digit.chars().for_each(|d| home.pin.digit(d));
        weak.unwrap().global::<Unlock>().set_digits(home.pin.digits() as i32);
    });

    let (weak, erase_current) = (window.as_weak(), current.clone());
    window.global::<Unlock>().on_erase(move || {
        let mut home = erase_current.home.borrow_mut();
        home.pin.erase();
        weak.unwrap().global::<Unlock>().set_digits(home.pin.digits() as i32);
    });

    let weak = window.as_weak();
    window.global::<Unlock>().on_submit(move || submit(&weak.unwrap(), &store, work, &current));
}

fn submit(window: &AppWindow, store: &Arc<Store>, work: Work, current: &Rc<Current>) {
    let Some(id) = current.identity() else { return };
    if super::is_busy(window) {
        return;
    }
    window.global::<Unlock>().set_digits(0);
    let mut home = current.home.borrow_mut();
    let state = &mut *home;
    let step = unlock::submit(&mut state.pin, &mut state.purpose);
    drop(home);
    let job = match step {
        PromptStep::Again { title, problem, hint } => {
            if let Some(hint) = hint {
                window.global::<Unlock>().set_hint(hint.into());
            }
            return set_prompt(window, title, &problem);
        }
        PromptStep::SealNewPin { current, new } => PinJob::ChangePin { id, current, new },
        PromptStep::Delete(pin) => PinJob::Delete(id, pin),
        PromptStep::Unlock(pin) => PinJob::Unlock(id, pin),
    };
    let waiting = match job {
        PinJob::Unlock(..) => "Unlocking…",
        PinJob::Delete(..) => "Deleting…",
        PinJob::ChangePin { .. } => "Sealing with the new PIN…",
    };
    let (job_store, done_store, done_current) = (store.clone(), store.clone(), current.clone());
    super::busy_run(
        window,
        current,
        work,
        waiting,
        move || job.run(&job_store),
        move |window, outcome| {
            let (store, current) = (&done_store, &done_current);
            match outcome {
                PinOutcome::Unlocked(secret) => unlocked(window, store, current, id, secret),
                PinOutcome::Deleted => {
                    current.home.borrow_mut().forget();
                    screens::show_start(window, store, current)
                }
                PinOutcome::PinChanged => {
                    current.home.borrow_mut().forget();
                    screens::show_manage(window, store, current, "PIN changed.");
                }
                PinOutcome::Refused(refusal) => refused(window, current, refusal),
            }
        },
    );
}

/// A wrong PIN or a lockout: said, with the wait counted down. A refused change of PIN
/// starts again from the current PIN.
fn refused(window: &AppWindow, current: &Current, refusal: Refusal) {
    let mut home = current.home.borrow_mut();
    if let Purpose::ChangePinCurrent = home.purpose {
        let (title, hint) = Purpose::ChangePinCurrent.prompt(&window.global::<super::IdentityHome>().get_name());
        window.global::<Unlock>().set_hint(hint.into());
        set_prompt(window, title, "");
    }
    home.pin = Default::default();
    window.global::<Unlock>().set_error(refusal.message.into());
    count_down(window, &home, refusal.wait);
}

/// The PIN was right: on to what it was asked for.
fn unlocked(window: &AppWindow, store: &Store, current: &Current, id: IdentityId, secret: IdentitySecret) {
    let mut home = current.home.borrow_mut();
    home.countdown.stop();
    match home.purpose {
        Purpose::ShowPhrase => {
            home.forget();
            drop(home);
            match reveal(store, id, secret) {
                Ok((phrase, password)) => screens::show_phrase_words(window, &phrase, !password.is_empty()),
                Err(error @ (ShowPhraseError::NotAPhrase | ShowPhraseError::Store(_))) => {
                    screens::show_manage(window, store, current, &sentence(&error.to_string()))
                }
            }
        }
        Purpose::Export(..) => {
            home.unlocked = Some(Unlocked::new(id, secret, Instant::now()));
            drop(home);
            window.global::<Export>().invoke_unlocked();
        }
        Purpose::FindAccount(_) => {
            home.unlocked = Some(Unlocked::new(id, secret, Instant::now()));
            drop(home);
            window.global::<FindAccount>().invoke_unlocked();
        }
        Purpose::SplitShares(_) => {
            home.unlocked = Some(Unlocked::new(id, secret, Instant::now()));
            drop(home);
            window.global::<super::PaperSplit>().invoke_unlocked();
        }
        Purpose::ImportList => {
            home.unlocked = Some(Unlocked::new(id, secret, Instant::now()));
            drop(home);
            window.global::<super::AccountListForm>().invoke_unlocked();
        }
        Purpose::AddAccount => {
            home.unlocked = Some(Unlocked::new(id, secret, Instant::now()));
            drop(home);
            window.global::<AddAccount>().invoke_unlocked();
        }
        // Handled before the unlock.
        Purpose::Delete | Purpose::ChangePinCurrent | Purpose::ChangePinNew(_) => {}
    }
}
