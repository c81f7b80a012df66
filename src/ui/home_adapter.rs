//! An identity's home (its accounts by network), unlocking it with its PIN, and adding an
//! account with a live address preview: the globals `IdentityList.select`, `IdentityHome`,
//! `Unlock` and `AddAccount`.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;
use std::time::{Duration, Instant};

use slint::{ComponentHandle, ModelRc, SharedString, VecModel};

use super::onboarding_adapter::{sentence, show_account};
use super::{AccountRow, AddAccount, AppWindow, Current, IdentityHome, IdentityList, Nav, Screen, Unlock, Work};
use crate::app::account_card::AccountCard;
use crate::app::accounts::{self, NewAccountError};
use crate::app::pin_setup::PinSetup;
use crate::app::session::Unlocked;
use crate::db::{IdentityId, IdentityKind, Network, Store, UnlockError};
use crate::keys::ss58;

/// The unlock prompt and the unlocked identity, if any.
#[derive(Default)]
struct Home {
    pin: PinSetup,
    unlocked: Option<Unlocked>,
    networks: Vec<Network>,
    idle_timer: slint::Timer,
}

pub fn connect(window: &AppWindow, store: Arc<Store>, work: Work, current: Rc<Current>) {
    let home = Rc::new(RefCell::new(Home::default()));

    let weak = window.as_weak();
    let (select_store, select_current) = (store.clone(), current.clone());
    window.global::<IdentityList>().on_select(move |index| {
        let identities = select_store.identities().unwrap_or_default();
        if let Some(identity) = identities.get(index as usize) {
            show_home(&weak.unwrap(), &select_store, &select_current, identity.id);
        }
    });

    let weak = window.as_weak();
    let (open_store, open_current) = (store.clone(), current.clone());
    window.global::<IdentityHome>().on_open_account(move |row| {
        let key = open_current.rows.borrow().get(row as usize).copied().flatten();
        if let Some(Ok(Some(card))) = key.map(|key| AccountCard::load(&open_store, key)) {
            show_account(&weak.unwrap(), &card);
        }
    });

    let weak = window.as_weak();
    let (add_store, add_current, add_home) = (store.clone(), current.clone(), home.clone());
    window.global::<IdentityHome>().on_add_account(move || {
        let window = weak.unwrap();
        let Some(id) = add_current.identity.get() else { return };
        let mut home = add_home.borrow_mut();
        home.networks = add_store.networks().unwrap_or_default();
        let still_unlocked = home.unlocked.as_ref().is_some_and(|u| u.identity == id && !u.expired(Instant::now()));
        if still_unlocked {
            show_add_account(&window, &home.networks);
        } else {
            home.unlocked = None;
            home.pin = PinSetup::default();
            let name = add_store.identity(id).ok().flatten().map(|i| i.name).unwrap_or_default();
            let unlock = window.global::<Unlock>();
            unlock.set_hint(format!("Unlock \"{name}\" to add an account.").into());
            let wait = add_store.lockout_remaining(id).unwrap_or_default();
            unlock.set_error(wait_message(wait).into());
            unlock.set_digits(0);
            window.global::<Nav>().set_screen(Screen::Unlock);
        }
    });

    let weak = window.as_weak();
    let digit_home = home.clone();
    window.global::<Unlock>().on_digit(move |digit| {
        let mut home = digit_home.borrow_mut();
        digit.chars().for_each(|d| home.pin.digit(d));
        weak.unwrap().global::<Unlock>().set_digits(home.pin.digits() as i32);
    });

    let weak = window.as_weak();
    let erase_home = home.clone();
    window.global::<Unlock>().on_erase(move || {
        let mut home = erase_home.borrow_mut();
        home.pin.erase();
        weak.unwrap().global::<Unlock>().set_digits(home.pin.digits() as i32);
    });

    let weak = window.as_weak();
    let (submit_store, submit_current, submit_home) = (store.clone(), current.clone(), home.clone());
    window.global::<Unlock>().on_submit(move || {
        let window = weak.unwrap();
        let Some(id) = submit_current.identity.get() else { return };
        let pin = submit_home.borrow_mut().pin.take_pin();
        window.global::<Unlock>().set_digits(0);
        let pin = match pin {
            Ok(pin) => pin,
            Err(error) => return window.global::<Unlock>().set_error(sentence(&error.to_string()).into()),
        };
        window.global::<Nav>().set_busy_text("Unlocking…".into());
        window.global::<Nav>().set_busy(true);
        let store = submit_store.clone();
        let (weak, home) = (window.as_weak(), submit_home.clone());
        work.run(
            move || store.unlock(id, &pin),
            move |result| {
                let window = weak.unwrap();
                window.global::<Nav>().set_busy(false);
                match result {
                    Ok(secret) => {
                        let mut home = home.borrow_mut();
                        home.unlocked = Some(Unlocked::new(id, secret, Instant::now()));
                        show_add_account(&window, &home.networks);
                    }
                    Err(error) => window.global::<Unlock>().set_error(unlock_message(&error).into()),
                }
            },
        );
    });

    let weak = window.as_weak();
    let edit_home = home.clone();
    window.global::<AddAccount>().on_edited(move || {
        let window = weak.unwrap();
        refresh_preview(&window, &mut edit_home.borrow_mut());
    });

    let weak = window.as_weak();
    let idle_home = home.clone();
    window.global::<AddAccount>().on_add(move || {
        let window = weak.unwrap();
        let Some(id) = current.identity.get() else { return };
        let form = window.global::<AddAccount>();
        let mut home = home.borrow_mut();
        let Some(network) = home.networks.get(form.get_network_index() as usize).cloned() else { return };
        let Some(unlocked) = home.unlocked.as_mut().filter(|u| u.identity == id && !u.expired(Instant::now())) else {
            home.unlocked = None;
            return form
                .set_problem("The identity locked itself after two idle minutes. Go back and unlock it again.".into());
        };
        let secret = unlocked.secret(Instant::now());
        let added =
            accounts::add(&store, id, secret, &network, &form.get_path(), &form.get_password(), &form.get_name());
        match added {
            Ok(key) => {
                // Done with the secret: lock again.
                home.unlocked = None;
                drop(home);
                if let Ok(Some(card)) = AccountCard::load(&store, key) {
                    show_account(&window, &card);
                }
            }
            Err(error) => form.set_problem(problem_sentence(&error).into()),
        }
    });

    // Locks an unlocked identity after two idle minutes, wherever the user is: the secret
    // is dropped (and wiped) and an open "Add account" form says so.
    let weak = window.as_weak();
    let tick_home = Rc::downgrade(&idle_home);
    idle_home.borrow().idle_timer.start(slint::TimerMode::Repeated, Duration::from_secs(5), move || {
        let (Some(home), Some(window)) = (tick_home.upgrade(), weak.upgrade()) else { return };
        let mut home = home.borrow_mut();
        if home.unlocked.as_ref().is_some_and(|u| u.expired(Instant::now())) {
            home.unlocked = None;
            if window.global::<Nav>().get_screen() == Screen::AddAccount {
                let message = "The identity locked itself after two idle minutes. Go back and unlock it again.";
                window.global::<AddAccount>().set_problem(message.into());
                window.global::<AddAccount>().set_can_add(false);
            }
        }
    });
}

/// Shows `id`'s accounts, grouped by network.
pub(super) fn show_home(window: &AppWindow, store: &Store, current: &Current, id: IdentityId) {
    let Ok(Some(identity)) = store.identity(id) else { return };
    current.identity.set(Some(id));
    let networks = store.networks().unwrap_or_default();
    let mut rows = Vec::new();
    let mut keys = Vec::new();
    for network in &networks {
        let accounts = store.accounts(id, Some(network.genesis_hash)).unwrap_or_default();
        if accounts.is_empty() {
            continue;
        }
        rows.push(AccountRow { header: true, title: network.name.as_str().into(), detail: SharedString::new() });
        keys.push(None);
        for account in accounts {
            let address = ss58::encode(network.ss58_prefix, &account.public_key.account_id());
            let path = if account.path.is_empty() { "root".to_owned() } else { account.path.clone() };
            let lock = if account.has_password { " 🔒" } else { "" };
            let short = format!("{path}{lock} · {}…{}", &address[..4], &address[address.len() - 4..]);
            rows.push(AccountRow { header: false, title: account.name.as_str().into(), detail: short.into() });
            keys.push(Some(account.key));
        }
    }
    *current.rows.borrow_mut() = keys;
    let view = window.global::<IdentityHome>();
    view.set_name(identity.name.as_str().into());
    let note = match identity.kind {
        IdentityKind::Phrase => "",
        IdentityKind::ImportedKey => {
            "This identity holds one key restored from a backup file: it cannot derive new accounts."
        }
    };
    view.set_note(note.into());
    view.set_rows(ModelRc::new(VecModel::from(rows)));
    window.global::<Nav>().set_screen(Screen::IdentityHome);
}

fn show_add_account(window: &AppWindow, networks: &[Network]) {
    let form = window.global::<AddAccount>();
    let names: Vec<SharedString> = networks.iter().map(|n| SharedString::from(n.name.as_str())).collect();
    form.set_networks(ModelRc::new(VecModel::from(names)));
    form.set_network_index(0);
    form.set_path(networks.first().map(|n| format!("//{}//1", n.path_id)).unwrap_or_default().into());
    form.set_password(SharedString::new());
    form.set_name(SharedString::new());
    form.set_problem(SharedString::new());
    window.global::<Nav>().set_screen(Screen::AddAccount);
}

fn refresh_preview(window: &AppWindow, home: &mut Home) {
    let form = window.global::<AddAccount>();
    let network = home.networks.get(form.get_network_index() as usize).cloned();
    let (Some(network), Some(unlocked)) = (network, home.unlocked.as_mut()) else { return };
    match accounts::preview(unlocked.secret(Instant::now()), &network, &form.get_path(), &form.get_password()) {
        Ok(preview) => {
            form.set_preview(preview.address.into());
            form.set_problem(SharedString::new());
            form.set_can_add(!form.get_name().trim().is_empty());
        }
        Err(error) => {
            form.set_preview(SharedString::new());
            form.set_problem(problem_sentence(&error).into());
            form.set_can_add(false);
        }
    }
}

fn problem_sentence(error: &NewAccountError) -> String {
    sentence(&error.to_string())
}

fn unlock_message(error: &UnlockError) -> String {
    match error {
        UnlockError::WrongPin { .. } => sentence(&error.to_string()),
        UnlockError::LockedOut { retry_after } => wait_message(*retry_after),
        other => sentence(&other.to_string()),
    }
}

fn wait_message(wait: Duration) -> String {
    if wait.is_zero() {
        String::new()
    } else {
        format!("Too many wrong PINs: try again in {}.", crate::db::wait_text(wait))
    }
}
