//! "Repair with your address" on the recover screen: typed as a person types, the repair
//! run, the changed words shown, the phrase put back for "Next"; nothing stored before that.

use std::sync::Arc;

use axia_signer::db::{KdfParams, Store, StoreOptions};
use axia_signer::ui::{self, Work};
use i_slint_backend_testing::ElementHandle;
use slint::platform::Key;
use slint::ComponentHandle;

use super::keyboard::{press, type_keys};
use super::{app_and_store, click, screen, value};

/// polkadot-js's `rec-misspelled-1` (phrase_repair.json): "tought" for "thought", and the
/// address its //polkadot account has.
const WRITTEN: &str = "cheese boost tought cinnamon logic visa apart sure goddess retire never abandon";
const REPAIRED: &str = "cheese boost thought cinnamon logic visa apart sure goddess retire never abandon";
const EXPECTED: &str = "13e2we6GV7aXz8GXd6qWpnNTYfdxTnVXmwhXY5qvGPmHs6Uw";

fn to_recover(window: &ui::AppWindow, phrase: &str) {
    click(window, "+ Add Identity");
    type_keys(window, "Cheese");
    click(window, "Recover existing identity");
    type_keys(window, phrase);
}

/// Backspace `count` times in the focused field.
fn erase(window: &ui::AppWindow, count: usize) {
    (0..count).for_each(|_| press(window, Key::Backspace));
}

fn changed_words(window: &ui::AppWindow) -> Vec<String> {
    ElementHandle::find_by_accessible_label(window, "Changed word")
        .filter_map(|element| element.accessible_value().map(|v| v.to_string()))
        .collect()
}

pub(super) fn a_misspelled_word_is_repaired_from_the_address_and_nothing_is_stored_before_next() {
    let (window, store) = app_and_store();
    to_recover(&window, WRITTEN);
    assert!(value(&window, "Phrase status").contains("\"tought\""), "{}", value(&window, "Phrase status"));
    click(&window, "Repair with your address");
    assert_eq!(screen(&window), ui::Screen::RepairPhrase);
    assert_eq!(window.global::<ui::Nav>().get_title(), "Repair your phrase");
    // The address field has the focus: typed, then Enter starts the repair.
    type_keys(&window, "not an address");
    press(&window, Key::Return);
    assert!(value(&window, "Repair problem").starts_with("Not an address"), "{}", value(&window, "Repair problem"));
    erase(&window, "not an address".len());
    type_keys(&window, EXPECTED);
    press(&window, Key::Return);
    assert_eq!(changed_words(&window), ["word 3: tought → thought"]);
    assert!(value(&window, "Repair result").contains("//polkadot"), "{}", value(&window, "Repair result"));
    assert!(store.identities().unwrap().is_empty(), "a repair stores nothing");

    click(&window, "Use this phrase");
    assert_eq!(screen(&window), ui::Screen::Recover);
    assert_eq!(window.global::<ui::Onboarding>().get_phrase_text(), REPAIRED);
    assert_eq!(value(&window, "Phrase status"), "12 words, checksum correct.");
    type_keys(&window, " ");
    assert_eq!(
        window.global::<ui::Onboarding>().get_phrase_text(),
        format!("{REPAIRED} "),
        "typing goes on at the end"
    );
    assert!(store.identities().unwrap().is_empty(), "still nothing until the PIN step");
    click(&window, "Next");
    assert_eq!(screen(&window), ui::Screen::SetPin, "then the usual steps");
}

/// polkadot-js's `rec-misspelled-2`: "mechaneic", and its account at the root on Kusama.
pub(super) fn the_account_found_joins_the_identity_saved_from_the_repaired_phrase() {
    let (window, _) = app_and_store();
    to_recover(&window, "bullet pass expire broccoli furnace mechaneic antique they vibrant memory trip drum");
    click(&window, "Repair with your address");
    let kusama_root = "CiEWbHS9tu7dB6s9MSwnDGsDhbcUsKXKjjcZsXLtwcpUVwm";
    type_keys(&window, kusama_root);
    press(&window, Key::Return);
    assert_eq!(changed_words(&window), ["word 6: mechaneic → mechanic"]);
    click(&window, "Use this phrase");
    click(&window, "Next");
    for _ in 0..2 {
        type_keys(&window, "123456");
        press(&window, Key::Return);
    }
    click(&window, "Westend");
    assert_eq!(screen(&window), ui::Screen::Account);
    assert_eq!(value(&window, "Address"), kusama_root, "the account the repair found is the one shown");
}

pub(super) fn a_phrase_too_far_from_one_offers_no_repair_and_back_keeps_the_words() {
    let (window, _) = app_and_store();
    to_recover(&window, "one two three");
    assert!(!window.global::<ui::Onboarding>().get_can_repair(), "three words: nothing to repair");
    erase(&window, "one two three".len());
    type_keys(&window, &WRITTEN.replace("tought", "x"));
    assert!(window.global::<ui::Onboarding>().get_can_repair());
    click(&window, "Repair with your address");
    press(&window, Key::Escape);
    assert_eq!(screen(&window), ui::Screen::Recover, "Escape is Back, to the words as typed");
    assert_eq!(window.global::<ui::Onboarding>().get_phrase_text(), WRITTEN.replace("tought", "x"));
}

pub(super) fn cancel_stops_a_repair_under_way() {
    let store = Store::temporary(StoreOptions { kdf: KdfParams::FAST_INSECURE, ..StoreOptions::default() }).unwrap();
    // Deferred: the repair waits, as a long one would, until the test lets it run.
    let window = ui::build(Arc::new(store), Work::Deferred).unwrap();
    window.show().unwrap();
    to_recover(&window, &WRITTEN.replace("boost", "bxxst"));
    click(&window, "Repair with your address");
    type_keys(&window, EXPECTED);
    press(&window, Key::Return);
    let form = window.global::<ui::RepairPhrase>();
    assert!(form.get_running());
    assert!(
        value(&window, "Repair plan").starts_with("A misspelled word: 4,096 candidates"),
        "{}",
        value(&window, "Repair plan")
    );
    click(&window, "Cancel");
    assert_eq!(value(&window, "Repair progress"), "Cancelling…");
    ui::run_deferred();
    assert!(!form.get_running());
    assert_eq!(value(&window, "Repair result"), "Cancelled after 0 candidates.");
    assert!(!form.get_found());
}
