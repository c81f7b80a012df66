//! The real Slint screens, headless (i-slint-backend-testing), driven by accessible label.
//!
//! All scenarios run in one test, in order: the testing platform is set once per process
//! and the UI lives on one thread.

use std::sync::Arc;

use axia_signer::db::{KdfParams, Store, StoreOptions};
use axia_signer::keys::{inspect, Scheme, Ss58Prefix};
use axia_signer::ui::{self, AppWindow, Work};
use i_slint_backend_testing::ElementHandle;
use slint::{ComponentHandle, Model};

const DEV: &str = "bottom drive obey lake curtain smoke basket hold race lonely fit walk";

fn app() -> AppWindow {
    let store = Store::temporary(StoreOptions { kdf: KdfParams::FAST_INSECURE, ..StoreOptions::default() }).unwrap();
    let window = ui::build(Arc::new(store), Work::Inline).unwrap();
    window.show().unwrap();
    window
}

fn find(window: &AppWindow, label: &str) -> ElementHandle {
    ElementHandle::find_by_accessible_label(window, label)
        .next()
        .unwrap_or_else(|| panic!("no element labelled {label:?} on this screen"))
}

fn click(window: &AppWindow, label: &str) {
    find(window, label).invoke_accessible_default_action();
}

fn type_into(window: &AppWindow, label: &str, text: &str) {
    find(window, label).set_accessible_value(text);
}

fn value(window: &AppWindow, label: &str) -> String {
    find(window, label).accessible_value().map(|v| v.to_string()).unwrap_or_default()
}

fn type_pin(window: &AppWindow, pin: &str) {
    for digit in pin.chars() {
        click(window, &digit.to_string());
    }
    click(window, "Confirm PIN");
}

/// From "+ Add Identity" to the seed phrase entered (and checked).
fn start_recovery(window: &AppWindow, name: &str, phrase: &str) {
    click(window, "+ Add Identity");
    type_into(window, "Identity name", name);
    click(window, "Recover existing identity");
    type_into(window, "Seed phrase", phrase);
}

/// The whole recovery of the development phrase on Westend, PIN 123456.
fn recover_dev_on_westend(window: &AppWindow, name: &str) {
    start_recovery(window, name, DEV);
    assert_eq!(value(window, "Phrase status"), "12 words, checksum correct.");
    click(window, "Next");
    type_pin(window, "123456");
    type_pin(window, "123456");
    click(window, "Westend");
}

fn recovering_the_dev_phrase_on_westend_shows_the_polkadot_js_address() {
    let window = app();
    recover_dev_on_westend(&window, "Dev");
    let expected = inspect(&format!("{DEV}//westend"), Scheme::Sr25519, Ss58Prefix::SUBSTRATE).unwrap();
    assert_eq!(value(&window, "Address"), expected.address);
    // The address polkadot-js gives for //westend on prefix 42, written out.
    assert_eq!(expected.address, "5DVJWniDyUja5xnG4t5i3Rrd2Gguf1fzxPYfgZBbKcvFqk4N");
}

fn an_unknown_word_is_named_and_next_stays_off() {
    let window = app();
    start_recovery(&window, "Typo", &DEV.replace("lake", "lakr"));
    assert_eq!(value(&window, "Phrase status"), "Word 4, \"lakr\", is not a seed phrase word. Check its spelling.");
    click(&window, "Next");
    assert_eq!(window.global::<ui::Nav>().get_screen(), ui::Screen::Recover, "Next is off");
}

fn a_bad_checksum_is_explained() {
    let window = app();
    start_recovery(&window, "Swapped", &DEV.replace("fit walk", "walk fit"));
    assert!(value(&window, "Phrase status").contains("a word is wrong or out of order"));
}

fn pins_that_do_not_match_are_refused() {
    let window = app();
    start_recovery(&window, "Dev", DEV);
    click(&window, "Next");
    type_pin(&window, "12345");
    assert_eq!(window.global::<ui::PinEntry>().get_error(), "A PIN has at least 6 digits.");
    type_pin(&window, "123456");
    type_pin(&window, "654321");
    assert_eq!(window.global::<ui::PinEntry>().get_error(), "PINs don't match. Set your PIN again.");
}

fn the_same_phrase_twice_is_refused_with_the_existing_name() {
    let window = app();
    recover_dev_on_westend(&window, "First");
    click(&window, "Identities");
    start_recovery(&window, "Second", DEV);
    click(&window, "Next");
    assert_eq!(value(&window, "Phrase status"), "This phrase is already the identity \"First\".");
}

fn creating_a_phrase_needs_the_backup_check_and_gives_its_account() {
    let window = app();
    click(&window, "+ Add Identity");
    type_into(&window, "Identity name", "Fresh");
    click(&window, "Create");
    let words: Vec<String> = (1..=12).map(|i| value(&window, &format!("Word {i}"))).collect();
    assert!(words.iter().all(|w| !w.is_empty()));
    click(&window, "I wrote them down");
    let wrong = words.iter().find(|w| **w != words[0]).unwrap().clone();
    click(&window, &wrong);
    assert_eq!(value(&window, "Backup check"), "That is not word 1. Look at your paper and pick again.");
    for word in &words {
        click(&window, word);
    }
    type_pin(&window, "246810");
    type_pin(&window, "246810");
    click(&window, "Westend");
    let phrase = words.join(" ");
    let expected = inspect(&format!("{phrase}//westend"), Scheme::Sr25519, Ss58Prefix::SUBSTRATE).unwrap();
    assert_eq!(value(&window, "Address"), expected.address);
}

/// Recovers the development phrase on Westend and returns on the identity's home.
fn recovered_dev_home() -> AppWindow {
    let window = app();
    recover_dev_on_westend(&window, "Dev");
    click(&window, "Back");
    assert_eq!(window.global::<ui::Nav>().get_screen(), ui::Screen::IdentityHome);
    window
}

fn a_wrong_pin_is_refused_then_an_account_is_added_at_a_path() {
    let window = recovered_dev_home();
    click(&window, "Add account");
    type_pin(&window, "999999");
    assert_eq!(window.global::<ui::Unlock>().get_error(), "Wrong PIN (4 tries left before a wait).");
    type_pin(&window, "123456");
    assert_eq!(window.global::<ui::Nav>().get_screen(), ui::Screen::AddAccount);
    type_into(&window, "Derivation path", "//kusama//7");
    type_into(&window, "Account name", "Spending");
    let expected = inspect(&format!("{DEV}//kusama//7"), Scheme::Sr25519, Ss58Prefix::KUSAMA).unwrap();
    assert_eq!(value(&window, "Address preview"), expected.address, "Kusama is the first network");
    type_into(&window, "Derivation path", "//kusama///oops");
    assert!(value(&window, "Account problem").contains("password"), "{}", value(&window, "Account problem"));
    type_into(&window, "Derivation path", "//kusama//7");
    click(&window, "Add");
    assert_eq!(value(&window, "Address"), expected.address);
    click(&window, "Back");
    click(&window, "Spending");
    assert_eq!(value(&window, "Address"), expected.address, "listed on the identity's home");
}

fn manage_renames_shows_the_phrase_changes_the_pin_and_deletes() {
    let window = recovered_dev_home();
    click(&window, "Manage identity");
    assert_eq!(window.global::<ui::Nav>().get_screen(), ui::Screen::Manage);
    click(&window, "Identities");
    click(&window, "Manage Dev");
    assert_eq!(window.global::<ui::Nav>().get_screen(), ui::Screen::Manage, "the switcher opens Manage identity");
    type_into(&window, "New name", "Daily");
    click(&window, "Rename");
    assert_eq!(value(&window, "Manage message"), "Renamed.");
    assert_eq!(window.global::<ui::IdentityHome>().get_name(), "Daily");

    click(&window, "Show recovery phrase");
    type_pin(&window, "123456");
    let words: Vec<String> = window.global::<ui::Manage>().get_words().iter().map(|w| w.to_string()).collect();
    assert_eq!(words.join(" "), DEV);
    click(&window, "Done");
    assert_eq!(window.global::<ui::Manage>().get_words().row_count(), 0, "the words leave the screen");
    click(&window, "Show recovery phrase");
    type_pin(&window, "123456");
    click(&window, "Identities");
    assert_eq!(window.global::<ui::Manage>().get_words().row_count(), 0, "leaving any way wipes them");
    click(&window, "Manage Daily");

    click(&window, "Change PIN");
    type_pin(&window, "000000");
    type_pin(&window, "24681357");
    type_pin(&window, "24681357");
    assert!(window.global::<ui::Unlock>().get_error().starts_with("Wrong PIN"), "the current PIN is checked");
    type_pin(&window, "123456");
    type_pin(&window, "24681357");
    type_pin(&window, "24681357");
    assert_eq!(value(&window, "Manage message"), "PIN changed.");

    click(&window, "Delete identity");
    assert!(value(&window, "Delete warning").contains("its 1 account(s)"));
    click(&window, "Delete with my PIN");
    type_pin(&window, "123456");
    assert!(window.global::<ui::Unlock>().get_error().starts_with("Wrong PIN"), "the old PIN no longer works");
    type_pin(&window, "24681357");
    assert_eq!(window.global::<ui::Nav>().get_screen(), ui::Screen::Start);
}

#[test]
fn ui_flows_drive_the_real_screens() {
    i_slint_backend_testing::init_no_event_loop();
    recovering_the_dev_phrase_on_westend_shows_the_polkadot_js_address();
    an_unknown_word_is_named_and_next_stays_off();
    a_bad_checksum_is_explained();
    pins_that_do_not_match_are_refused();
    the_same_phrase_twice_is_refused_with_the_existing_name();
    creating_a_phrase_needs_the_backup_check_and_gives_its_account();
    a_wrong_pin_is_refused_then_an_account_is_added_at_a_path();
    manage_renames_shows_the_phrase_changes_the_pin_and_deletes();
}
