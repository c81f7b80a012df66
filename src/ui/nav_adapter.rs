//! The top bar and the window as a whole (the global `Nav`): Back, the identity switcher,
//! and locking: an identity idle for two minutes locks itself, and a hidden window drops
//! every secret at once.

use std::rc::Rc;
use std::sync::Arc;
use std::time::{Duration, Instant};

use slint::ComponentHandle;

use super::screens::{self, current_screen, forget_secrets, go, refresh_identities};
use super::state::Current;
use super::{AddAccount, AppWindow, Nav, Restore, Screen};
use crate::app::account_card::AccountCard;
use crate::app::navigation::{back, BackTo};
use crate::app::unlock::LOCKED_ITSELF;
use crate::db::Store;

pub(super) fn connect(window: &AppWindow, store: Arc<Store>, current: Rc<Current>) {
    let (weak, nav_store, nav_current) = (window.as_weak(), store.clone(), current.clone());
    window.global::<Nav>().on_open_identities(move || {
        let window = weak.unwrap();
        forget_secrets(&window, &nav_current);
        refresh_identities(&window, &nav_store);
        go(&window, Screen::Identities);
    });

    let (weak, back_store, back_current) = (window.as_weak(), store.clone(), current.clone());
    window.global::<Nav>().on_back(move || go_back(&weak.unwrap(), &back_store, &back_current));

    let (weak, lock_current) = (window.as_weak(), Rc::downgrade(&current));
    window.global::<Nav>().on_lock(move || {
        if let (Some(current), Some(window)) = (lock_current.upgrade(), weak.upgrade()) {
            lock(&window, &current);
        }
    });

    start_idle_timer(window, store, &current);
}

/// Back, as [`back`] decides; every Back but one drops what the screen held.
fn go_back(window: &AppWindow, store: &Store, current: &Current) {
    let to = back(&current.back_facts(current_screen(window)));
    if !to.keeps_secrets() {
        forget_secrets(window, current);
    }
    match to {
        BackTo::Stay => {}
        BackTo::Recover => {
            screens::clear_find(window, current);
            screens::clear_repair(window, current);
            go(window, Screen::Recover);
        }
        BackTo::Account(key) => match AccountCard::load(store, key) {
            Ok(Some(card)) => screens::show_account(window, current, &card),
            _ => screens::show_home(window, store, current, key.identity),
        },
        BackTo::Manage(_) => screens::show_manage(window, store, current, ""),
        BackTo::Home(id) => screens::show_home(window, store, current, id),
        // The PIN typed so far is gone; the file is read again.
        BackTo::Restore => {
            go(window, Screen::Restore);
            window.global::<Restore>().invoke_open_file();
        }
        BackTo::AddIdentity => go(window, Screen::AddIdentity),
        BackTo::Start => screens::show_start(window, store, current),
    }
}

/// Every five seconds: an unlocked identity idle for two minutes locks itself; a hidden or
/// minimised window drops every secret at once and leaves any screen that showed one.
fn start_idle_timer(window: &AppWindow, store: Arc<Store>, current: &Rc<Current>) {
    let (weak, tick_current) = (window.as_weak(), Rc::downgrade(current));
    current.home.borrow().idle_timer.start(slint::TimerMode::Repeated, Duration::from_secs(5), move || {
        let (Some(current), Some(window)) = (tick_current.upgrade(), weak.upgrade()) else { return };
        if window.window().is_minimized() || !window.window().is_visible() {
            if current_screen(&window).holds_secret() || current.home.borrow().unlocked.is_some() {
                forget_secrets(&window, &current);
                match current.identity() {
                    Some(id) => screens::show_home(&window, &store, &current, id),
                    None => screens::show_start(&window, &store, &current),
                }
            }
            return;
        }
        if current.home.borrow().unlocked.as_ref().is_some_and(|u| u.expired(Instant::now())) {
            lock(&window, &current);
        }
    });
}

/// The unlocked identity locks itself: its secret is dropped and the add-account form says so.
/// The export form and "Can't find your account?" ask the PIN again when used.
fn lock(window: &AppWindow, current: &Current) {
    current.home.borrow_mut().unlocked = None;
    if window.global::<Nav>().get_screen() == Screen::AddAccount {
        window.global::<AddAccount>().set_problem(LOCKED_ITSELF.into());
        window.global::<AddAccount>().set_problem_is_hint(false);
        window.global::<AddAccount>().set_can_add(false);
    }
}
