//! An identity's home (its accounts by network) and adding an account with a live address
//! preview: the globals `IdentityList.select`, `IdentityHome` and `AddAccount`.

use std::rc::Rc;
use std::sync::Arc;
use std::time::Instant;

use slint::{ComponentHandle, ModelRc, SharedString, VecModel};

use super::screens::{self, ask_pin, go, show_account};
use super::state::{Current, Home};
use super::{AccountView, AddAccount, AppWindow, IdentityHome, IdentityList, Screen};
use crate::app::account_card::AccountCard;
use crate::app::account_form::AccountForm;
use crate::app::accounts;
use crate::app::identity_views as views;
use crate::app::text::sentence;
use crate::app::unlock::{Purpose, LOCKED_ITSELF};
use crate::db::{IdentityId, Store};
use crate::keys::Password;

pub(super) fn connect(window: &AppWindow, store: Arc<Store>, current: Rc<Current>) {
    let (weak, select_store, select_current) = (window.as_weak(), store.clone(), current.clone());
    window.global::<IdentityList>().on_select(move |index| {
        if let Some(id) = views::identity_at(&select_store, index) {
            screens::show_home(&weak.unwrap(), &select_store, &select_current, id);
        }
    });

    let (weak, open_store, open_current) = (window.as_weak(), store.clone(), current.clone());
    window.global::<IdentityHome>().on_open_account(move |row| {
        let key = open_current.rows.borrow().get(row as usize).copied().flatten();
        if let Some(Ok(Some(card))) = key.map(|key| AccountCard::load(&open_store, key)) {
            show_account(&weak.unwrap(), &open_current, &card);
        }
    });

    let (weak, add_store, add_current) = (window.as_weak(), store.clone(), current.clone());
    window.global::<IdentityHome>().on_add_account(move || add_account(&weak.unwrap(), &add_store, &add_current));

    let (weak, unlocked_store, unlocked_current) = (window.as_weak(), store.clone(), current.clone());
    window.global::<AddAccount>().on_unlocked(move || {
        let Some(id) = unlocked_current.identity() else { return };
        show_form(&weak.unwrap(), &unlocked_store, &mut unlocked_current.home.borrow_mut(), id);
    });

    let (weak, edit_current) = (window.as_weak(), current.clone());
    window
        .global::<AddAccount>()
        .on_edited(move || refresh_preview(&weak.unwrap(), &mut edit_current.home.borrow_mut()));

    let weak = window.as_weak();
    window.global::<AddAccount>().on_add(move || add(&weak.unwrap(), &store, &current));

    let weak = window.as_weak();
    window.global::<AccountView>().on_copy_address(move || {
        weak.unwrap().global::<AccountView>().set_notice("Address copied".into());
    });
}

/// "Add account": said at once for an identity that cannot derive (no PIN asked, no try
/// counted); the form if the identity is unlocked, else its PIN first.
fn add_account(window: &AppWindow, store: &Store, current: &Current) {
    let Some(id) = current.identity() else { return };
    if !views::can_derive(store, id) {
        // Said at once, before any PIN: a key cannot derive.
        return window.global::<IdentityHome>().set_note(views::CANNOT_DERIVE.into());
    }
    let mut home = current.home.borrow_mut();
    if home.open_for(id).is_some() {
        return show_form(window, store, &mut home, id);
    }
    drop(home);
    ask_pin(window, store, current, id, Purpose::AddAccount);
}

/// "Add": stores the account and shows it; the identity locks again.
fn add(window: &AppWindow, store: &Store, current: &Current) {
    let Some(id) = current.identity() else { return };
    let form = window.global::<AddAccount>();
    let mut home = current.home.borrow_mut();
    let Some(network) = home.form.networks.get(form.get_network_index() as usize).cloned() else { return };
    let Some(unlocked) = home.open_for(id) else {
        return form.set_problem(LOCKED_ITSELF.into());
    };
    let secret = unlocked.secret(Instant::now());
    let password = Password::new(form.get_password().as_str());
    let added = accounts::add(store, id, secret, &network, &form.get_path(), &password, &form.get_name());
    match added {
        Ok(key) => {
            // Done with the secret: lock again.
            home.unlocked = None;
            drop(home);
            if let Ok(Some(card)) = AccountCard::load(store, key) {
                show_account(window, current, &card);
            }
        }
        Err(error) => form.set_problem(sentence(&error.to_string()).into()),
    }
}

/// The form, on the network of the identity's first account with its next path filled in.
fn show_form(window: &AppWindow, store: &Store, home: &mut Home, id: IdentityId) {
    let (form, index, path) = AccountForm::open(store, id);
    let view = window.global::<AddAccount>();
    let names: Vec<SharedString> = form.networks.iter().map(|n| SharedString::from(n.name.as_str())).collect();
    view.set_networks(ModelRc::new(VecModel::from(names)));
    view.set_network_index(index as i32);
    view.set_path(path.into());
    view.set_password(SharedString::new());
    view.set_name(SharedString::new());
    home.form = form;
    refresh_preview(window, home);
    go(window, Screen::AddAccount);
}

/// After any edit: the path for a new network, the address preview, and whether "Add" is on.
fn refresh_preview(window: &AppWindow, home: &mut Home) {
    let view = window.global::<AddAccount>();
    let Some(unlocked) = home.unlocked.as_mut() else { return };
    let password = Password::new(view.get_password().as_str());
    let (index, path, name) = (view.get_network_index() as usize, view.get_path(), view.get_name());
    let shown = home.form.edited(unlocked.secret(Instant::now()), index, &path, &password, &name);
    if let Some(path) = shown.new_path {
        view.set_path(path.into());
    }
    view.set_preview(shown.preview.into());
    view.set_problem(shown.problem.into());
    view.set_problem_is_hint(shown.problem_is_hint);
    view.set_can_add(shown.can_add);
}
