//! "Forgot the password?" after a wrong backup password: typed as a person types, the
//! estimate, the search, the password found (masked), and the restore going on with it.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use axia_signer::db::{KdfParams, Store, StoreOptions};
use axia_signer::ui::{self, Work};
use slint::platform::Key;
use slint::ComponentHandle;

use super::keyboard::{press, type_keys};
use super::{app_and_store, click, file_with, screen, type_pin, value};

/// polkadot-js's `pw-7` (password_recovery.json): "mountrainier" remembered, "MountRainier" the truth.
fn forgotten_capitals(dir: &Path) -> PathBuf {
    let vectors: serde_json::Value =
        serde_json::from_str(&crate::fixture("polkadot-js/password_recovery.json")).unwrap();
    let case = vectors["cases"].as_array().unwrap().iter().find(|case| case["id"] == "pw-7").unwrap();
    file_with(dir, "mount.json", &case["json"].to_string())
}

/// The file opened on the restore screen and the remembered password typed: wrong.
fn wrong_password_typed(window: &ui::AppWindow, path: &Path) {
    click(window, "+ Add Identity");
    click(window, "Restore from backup JSON file");
    type_keys(window, &path.display().to_string());
    press(window, Key::Return);
    ui::run_deferred();
    // The file is open: its password field has the keys.
    type_keys(window, "mountrainier");
    press(window, Key::Return);
    ui::run_deferred();
    assert!(value(window, "Restore problem").starts_with("Wrong password"), "{}", value(window, "Restore problem"));
}

pub(super) fn a_forgotten_password_is_found_from_what_is_remembered_and_the_restore_goes_on() {
    let (window, store) = app_and_store();
    let dir = tempfile::tempdir().unwrap();
    wrong_password_typed(&window, &forgotten_capitals(dir.path()));
    // From the password field, Tab reaches the offer and Enter takes it.
    press(&window, Key::Tab);
    press(&window, Key::Return);
    assert_eq!(screen(&window), ui::Screen::FindPassword);
    assert_eq!(window.global::<ui::Nav>().get_title(), "Find the password");
    type_keys(&window, "mountrainier");
    press(&window, Key::Return);
    let estimate = value(&window, "Search estimate");
    assert!(estimate.starts_with("As typed: 1\nCapitals changed: "), "{estimate}");
    assert!(estimate.contains("passwords in all. At "), "{estimate}");
    press(&window, Key::Return);
    assert_eq!(value(&window, "Search result"), "Found it, after 19 tries.");
    let form = window.global::<ui::FindPassword>();
    assert_eq!(form.get_found_password(), "••••••••••••", "masked until Show");
    click(&window, "Show the password found");
    assert_eq!(form.get_found_password(), "MountRainier");
    click(&window, "Hide the password found");
    assert_eq!(form.get_found_password(), "••••••••••••");
    assert!(store.identities().unwrap().is_empty(), "a search restores nothing");

    click(&window, "Restore with it");
    assert_eq!(screen(&window), ui::Screen::SetPin, "the found password opens the file: the PIN is next");
    assert_eq!(form.get_found_password(), "", "the password left the search screen");
    type_pin(&window, "123456");
    type_pin(&window, "123456");
    assert_eq!(screen(&window), ui::Screen::IdentityHome);
    assert_eq!(store.identities().unwrap().len(), 1);
}

pub(super) fn cancel_stops_a_password_search_and_back_returns_to_the_file() {
    let store = Store::temporary(StoreOptions { kdf: KdfParams::FAST_INSECURE, ..StoreOptions::default() }).unwrap();
    // Deferred: each job waits, as a long one would, until the test lets it run.
    let window = ui::build(Arc::new(store), Work::Deferred).unwrap();
    window.show().unwrap();
    let dir = tempfile::tempdir().unwrap();
    wrong_password_typed(&window, &forgotten_capitals(dir.path()));
    click(&window, "Forgot the password?");
    type_keys(&window, "nothing like it");
    press(&window, Key::Return);
    ui::run_deferred();
    press(&window, Key::Return);
    let form = window.global::<ui::FindPassword>();
    assert!(form.get_running());
    click(&window, "Cancel");
    assert_eq!(value(&window, "Search progress"), "Cancelling…");
    ui::run_deferred();
    assert!(!form.get_running());
    assert_eq!(value(&window, "Search result"), "Cancelled after 0 tries.");
    press(&window, Key::Escape);
    ui::run_deferred();
    assert_eq!(screen(&window), ui::Screen::Restore);
    assert!(window.global::<ui::Restore>().get_file_open(), "the file is read again");
    assert_eq!(form.get_remembered(), "", "what was typed on the search screen is gone");
}
