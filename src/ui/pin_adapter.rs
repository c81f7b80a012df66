//! Setting a PIN on the keypad (the global `PinEntry`): typed, then typed again. The PIN
//! goes to the flow it was asked for: the new identity (on to the network), or the restore
//! (handed over through `Restore.pin-set`).

use std::rc::Rc;
use std::sync::Arc;

use slint::ComponentHandle;

use super::screens::{ask_network, show_pin};
use super::state::Current;
use super::{AppWindow, PinEntry, Restore};
use crate::app::add_identity::NetworkFor;
use crate::app::pin_setup::PinStep;
use crate::app::text::sentence;
use crate::db::Store;

pub(super) fn connect(window: &AppWindow, store: Arc<Store>, current: Rc<Current>) {
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

    let weak = window.as_weak();
    window.global::<PinEntry>().on_submit(move || submit_pin(&weak.unwrap(), &store, &current));
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
