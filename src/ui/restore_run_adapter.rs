//! "Restore from backup JSON file", its second half (the global `Restore`'s restore,
//! pin-set and network-picked): the password typed is checked on the worker before any PIN,
//! then the network if the file names none, then the PIN, then decrypting and storing on
//! the worker behind the busy overlay (scrypt and argon2 take a while).

use std::rc::Rc;
use std::sync::Arc;

use slint::{ComponentHandle, SharedString};

use super::screens::{self, ask_network, go, go_to_pin, refresh_identities};
use super::state::Current;
use super::{AppWindow, IdentityList, Restore, Screen, Work};
use crate::app::add_identity::NetworkFor;
use crate::app::backup::restore_retry::Retry;
use crate::app::backup::restoring::{batch_notice, Failure, Kind, Outcome, Restoring};
use crate::db::Store;
use crate::keys::Password;

pub(super) fn connect(window: &AppWindow, store: Arc<Store>, work: Work, current: Rc<Current>) {
    // The PIN for the restored identity is set (on the onboarding pad).
    let (weak, pin_store, pin_current) = (window.as_weak(), store.clone(), current.clone());
    window.global::<Restore>().on_pin_set(move || run(&weak.unwrap(), &pin_store, work, &pin_current));

    // The network for accounts whose file names none is picked.
    let (weak, network_store, network_current) = (window.as_weak(), store.clone(), current.clone());
    window.global::<Restore>().on_network_picked(move |index| {
        let mut flow = network_current.flow.borrow_mut();
        let picked = flow.networks.get(index as usize).map(|network| network.genesis_hash);
        let Some(restoring) = flow.restoring.as_mut() else { return };
        restoring.network = picked;
        drop(flow);
        run(&weak.unwrap(), &network_store, work, &network_current);
    });

    let weak = window.as_weak();
    window.global::<Restore>().on_restore(move || take_password(&weak.unwrap(), &store, work, &current));
}

/// "Restore": takes the password typed (for the file, or for the account that asked), then
/// checks it (before the PIN) or restores (after).
fn take_password(window: &AppWindow, store: &Arc<Store>, work: Work, current: &Rc<Current>) {
    if super::is_busy(window) {
        return;
    }
    let restore = window.global::<Restore>();
    let mut flow = current.flow.borrow_mut();
    let Some(restoring) = flow.restoring.as_mut() else { return };
    // The password leaves the field as soon as it is taken.
    let typed = Password::new(restore.get_password().as_str());
    restore.set_password(SharedString::new());
    if restore.get_needs_password() && typed.is_empty() {
        let ask = match (restoring.asking_for, restoring.kind) {
            (Some(_), _) => "Type that account's own password.",
            (None, Kind::List) => "Type the accounts' password.",
            (None, Kind::One | Kind::Batch) => "Type the file's password.",
        };
        return restore.set_problem(ask.into());
    }
    match restoring.asking_for.take() {
        Some(index) => {
            restoring.inner.retain(|(other, _)| *other != index);
            restoring.inner.push((index, typed));
        }
        None => restoring.password = typed,
    }
    restore.set_problem(SharedString::new());
    drop(flow);
    // Before the PIN this only checks the password: a wrong one is said at once.
    run(window, store, work, current);
}

/// Decrypts and stores on the worker, with the PIN (and network) the flow now holds.
fn run(window: &AppWindow, store: &Arc<Store>, work: Work, current: &Rc<Current>) {
    let Some(job) = current.flow.borrow_mut().restoring.as_mut().map(Restoring::job) else { return };
    let (job_store, store, done_current) = (store.clone(), store.clone(), current.clone());
    super::busy_run(
        window,
        current,
        work,
        "Opening the backup…",
        move || job.run(&job_store),
        move |window, result| finish(window, &store, &done_current, result),
    );
}

fn finish(window: &AppWindow, store: &Store, current: &Current, result: Result<Outcome, Box<Failure>>) {
    let failure = match result {
        // The passwords open the file: now the PIN that will protect it.
        Ok(Outcome::Checked) => {
            if let Some(restoring) = current.flow.borrow_mut().restoring.as_mut() {
                restoring.asking_for = None;
            }
            return go_to_pin(window, &mut current.flow.borrow_mut());
        }
        Ok(Outcome::One(restored)) => {
            screens::forget_secrets(window, current);
            return screens::show_home(window, store, current, restored.identity);
        }
        Ok(Outcome::Many(batch)) => {
            screens::forget_secrets(window, current);
            refresh_identities(window, store);
            window.global::<IdentityList>().set_notice(batch_notice(&batch).into());
            return go(window, Screen::Identities);
        }
        Err(failure) => failure,
    };
    let mut flow = current.flow.borrow_mut();
    let Some(restoring) = flow.restoring.as_mut() else { return };
    let restore = window.global::<Restore>();
    match restoring.after_failure(*failure) {
        Retry::AskNetwork { hint } => return ask_network(window, store, &mut flow, NetworkFor::Restore, &hint),
        Retry::AskAccountPassword { label, problem } => {
            restore.set_password_label(label.into());
            restore.set_problem(problem.into());
        }
        Retry::WrongPassword { problem, offer_search } => {
            restore.set_problem(problem.into());
            restore.set_offer_search(offer_search);
        }
        Retry::Problem(problem) => restore.set_problem(problem.into()),
    }
    go(window, Screen::Restore);
}
