//! "Can't find your account?", once something is found (the global `FindAccount`'s add,
//! network and add-after-PIN callbacks): the hit joins the identity with one tap, on the
//! network its address names or the one picked; when recovering, "Next" carries it to the
//! new identity.

use std::rc::Rc;
use std::sync::Arc;
use std::time::Instant;

use slint::ComponentHandle;

use super::screens::{ask_network, ask_pin, clear_find, go, show_account, show_home};
use super::state::Current;
use super::{AppWindow, FindAccount, Nav, Onboarding, Screen};
use crate::app::account_card::AccountCard;
use crate::app::add_identity::NetworkFor;
use crate::app::find_address::add_found;
use crate::app::finding::{found_name, Hit, Whose};
use crate::app::text::sentence;
use crate::app::unlock::{AfterFindPin as Then, Purpose};
use crate::db::{IdentityId, Network, Store};

pub(super) fn connect(window: &AppWindow, store: Arc<Store>, current: Rc<Current>) {
    let (weak, picked_store, picked_current) = (window.as_weak(), store.clone(), current.clone());
    window.global::<FindAccount>().on_network_picked(move |index| {
        let network = picked_current.flow.borrow().networks.get(index as usize).cloned();
        picked(&weak.unwrap(), &picked_store, &picked_current, network);
    });

    let (weak, waiting_store, waiting_current) = (window.as_weak(), store.clone(), current.clone());
    window
        .global::<FindAccount>()
        .on_add_unlocked(move || add_waiting(&weak.unwrap(), &waiting_store, &waiting_current));

    let weak = window.as_weak();
    window.global::<FindAccount>().on_add(move || add(&weak.unwrap(), &store, &current));
}

/// "Add this account" (on an identity) or "Continue with this account" (recovering).
fn add(window: &AppWindow, store: &Store, current: &Current) {
    let finding = current.find.borrow();
    let (Some(whose), Some(hit)) = (finding.whose, finding.hit.clone()) else { return };
    drop(finding);
    let id = match whose {
        Whose::Identity(id) => id,
        Whose::Phrase { .. } => {
            // On to the PIN, as "Next" on the recover screen; the hit waits in `finding`.
            window.global::<Onboarding>().invoke_phrase_next();
            if window.global::<Nav>().get_screen() == Screen::FindAccount {
                go(window, Screen::Recover);
            }
            return;
        }
    };
    match &hit.network {
        Some(network) => add_to_identity(window, store, current, id, &hit, network),
        None => {
            let hint = "Which network is this account for? Its address does not say.";
            ask_network(window, store, &mut current.flow.borrow_mut(), NetworkFor::Found, hint);
        }
    }
}

/// The network picker, for a hit whose address named no network.
fn picked(window: &AppWindow, store: &Store, current: &Current, network: Option<Network>) {
    let mut finding = current.find.borrow_mut();
    let (Some(Whose::Identity(id)), Some(hit), Some(network)) = (finding.whose, finding.hit.as_mut(), network) else {
        return;
    };
    // Kept with the hit, in case the PIN is asked again before the add.
    hit.network = Some(network.clone());
    let hit = hit.clone();
    drop(finding);
    add_to_identity(window, store, current, id, &hit, &network);
}

/// The PIN was right for adding (the identity had locked itself): add the hit waiting.
fn add_waiting(window: &AppWindow, store: &Store, current: &Current) {
    let finding = current.find.borrow();
    let waiting = match (finding.whose, &finding.hit) {
        (Some(Whose::Identity(id)), Some(hit)) => hit.network.clone().map(|network| (id, hit.clone(), network)),
        _ => None,
    };
    drop(finding);
    match waiting {
        Some((id, hit, network)) => add_to_identity(window, store, current, id, &hit, &network),
        None => go(window, Screen::FindAccount),
    }
}

/// Adds the hit to identity `id` and shows it; the identity locks again.
fn add_to_identity(window: &AppWindow, store: &Store, current: &Current, id: IdentityId, hit: &Hit, network: &Network) {
    let mut home = current.home.borrow_mut();
    let Some(unlocked) = home.open_for(id) else {
        drop(home);
        // It locked itself while the result was on screen: the PIN again, then the add.
        return ask_pin(window, store, current, id, Purpose::FindAccount(Then::Add));
    };
    match add_found(store, id, unlocked.secret(Instant::now()), network, &hit.found, &found_name(&hit.found)) {
        Ok(key) => {
            // Done with the secret: lock again.
            home.unlocked = None;
            drop(home);
            clear_find(window, current);
            match AccountCard::load(store, key) {
                Ok(Some(card)) => show_account(window, current, &card),
                _ => show_home(window, store, current, id),
            }
        }
        Err(error) => {
            window.global::<FindAccount>().set_problem(sentence(&error.to_string()).into());
            go(window, Screen::FindAccount);
        }
    }
}
