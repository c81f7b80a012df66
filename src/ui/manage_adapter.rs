//! Manage identity (the global `Manage` and `IdentityList.manage`): rename, and the actions
//! that ask the PIN first (show the phrase, change the PIN, delete).

use std::rc::Rc;
use std::sync::Arc;

use slint::{ComponentHandle, ModelRc};

use super::screens::{self, ask_pin, go};
use super::state::Current;
use super::{AppWindow, IdentityHome, IdentityList, Manage, Screen};
use crate::app::identity_views as views;
use crate::app::unlock::{AfterFormPin, Purpose};
use crate::db::Store;

pub(super) fn connect(window: &AppWindow, store: Arc<Store>, current: Rc<Current>) {
    let (weak, open_store, open_current) = (window.as_weak(), store.clone(), current.clone());
    window
        .global::<IdentityHome>()
        .on_manage(move || screens::show_manage(&weak.unwrap(), &open_store, &open_current, ""));

    let (weak, list_store, list_current) = (window.as_weak(), store.clone(), current.clone());
    window.global::<IdentityList>().on_manage(move |index| {
        let window = weak.unwrap();
        if let Some(id) = views::identity_at(&list_store, index) {
            list_current.set_identity(&window, Some(id));
            screens::show_manage(&window, &list_store, &list_current, "");
        }
    });

    let (weak, rename_store, rename_current) = (window.as_weak(), store.clone(), current.clone());
    window.global::<Manage>().on_rename(move || {
        let window = weak.unwrap();
        let Some(id) = rename_current.identity() else { return };
        let message = views::rename(&rename_store, id, &window.global::<Manage>().get_new_name());
        screens::show_manage(&window, &rename_store, &rename_current, &message);
    });

    let manage = window.global::<Manage>();
    manage.on_show_phrase(asker(window, &store, &current, || Purpose::ShowPhrase));
    manage.on_change_pin(asker(window, &store, &current, || Purpose::ChangePinCurrent));
    manage.on_split_shares(asker(window, &store, &current, || Purpose::SplitShares(AfterFormPin::Form)));
    manage.on_confirm_delete(asker(window, &store, &current, || Purpose::Delete));

    let (weak, delete_store, delete_current) = (window.as_weak(), store.clone(), current.clone());
    window.global::<Manage>().on_delete(move || {
        let window = weak.unwrap();
        let Some(id) = delete_current.identity() else { return };
        window.global::<Manage>().set_delete_warning(views::delete_warning(&delete_store, id).into());
        go(&window, Screen::ConfirmDelete);
    });

    let weak = window.as_weak();
    window.global::<Manage>().on_done_showing(move || {
        let window = weak.unwrap();
        window.global::<Manage>().set_words(ModelRc::default());
        screens::show_manage(&window, &store, &current, "");
    });
}

/// A handler that asks for the current identity's PIN for `purpose`.
fn asker(
    window: &AppWindow,
    store: &Arc<Store>,
    current: &Rc<Current>,
    purpose: fn() -> Purpose,
) -> impl Fn() + 'static {
    let (weak, store, current) = (window.as_weak(), store.clone(), current.clone());
    move || {
        if let Some(id) = current.identity() {
            ask_pin(&weak.unwrap(), &store, &current, id, purpose());
        }
    }
}
