//! The network picker (the global `NetworkPicker`): the new identity's first account is
//! sealed there; a restore's or a found address's pick is handed over through
//! `Restore.network-picked` and `FindAccount.network-picked`.

use std::rc::Rc;
use std::sync::Arc;

use slint::ComponentHandle;

use super::screens;
use super::state::Current;
use super::{AccountView, AppWindow, FindAccount, NetworkPicker, Onboarding, Restore, Work};
use crate::app::account_card::AccountCard;
use crate::app::add_identity::NetworkFor;
use crate::app::onboarding::{add_with_found, FirstAccount, PhraseIdentity};
use crate::app::text::sentence;
use crate::db::Store;

pub(super) fn connect(window: &AppWindow, store: Arc<Store>, work: Work, current: Rc<Current>) {
    let weak = window.as_weak();
    window.global::<NetworkPicker>().on_pick(move |index| pick_network(&weak.unwrap(), &store, work, &current, index));
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
    let picker = window.global::<NetworkPicker>();
    let from_ledger = picker.get_from_ledger() && picker.get_ledger_choice();
    let first_account = FirstAccount::chosen(picker.get_no_derivation(), from_ledger);
    let (store, done_current) = (store.clone(), current.clone());
    super::busy_run(
        window,
        current,
        work,
        "Sealing your identity…",
        move || {
            let new = PhraseIdentity {
                name: &name,
                phrase: &phrase,
                password: &password,
                network: network.genesis_hash,
                first_account,
            };
            let result = add_with_found(&store, new, &pin, hit.as_ref());
            // The secrets come back with the result, so a failure can be retried.
            (result, phrase, password, pin, hit)
        },
        move |window, (result, phrase, password, pin, hit)| match result {
            Ok((card, notice)) => show_new_account(window, &done_current, &card, notice),
            Err(error) => {
                // Back in the flow: the user can pick again.
                let mut flow = done_current.flow.borrow_mut();
                (flow.phrase, flow.password, flow.pin) = (Some(phrase), password, Some(pin));
                done_current.find.borrow_mut().hit = hit;
                window.global::<NetworkPicker>().set_error(sentence(&error.to_string()).into());
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
