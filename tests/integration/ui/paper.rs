//! "Recover from paper shares": shares added as a person adds them (a page's PNG by its path,
//! a QR text pasted, one twice), the passphrase typed, and the phrase in the recover flow.

use slint::platform::Key;
use slint::ComponentHandle;

use super::keyboard::{press, type_keys};
use super::{app_and_store, click, screen, type_pin, value, DEV};
use axia_signer::app::paper::write_pages;
use axia_signer::keys::banana::{split, Passphrase};
use axia_signer::ui;

pub(super) fn shares_from_a_page_and_a_pasted_text_open_into_the_recover_flow() {
    let (window, store) = app_and_store();
    let dir = tempfile::tempdir().unwrap();
    let passphrase = Passphrase::generate();
    let shares = split(DEV, "Savings", &passphrase, 3).unwrap();
    let pages = write_pages(dir.path(), "Savings", &shares, 2, "2026-12-01").unwrap();

    click(&window, "+ Add Identity");
    click(&window, "Recover from paper shares");
    assert_eq!(screen(&window), ui::Screen::PaperRecover);
    // The share field has the keys: a page's path, then Enter.
    type_keys(&window, &pages[1].display().to_string());
    press(&window, Key::Return);
    assert_eq!(value(&window, "Shares added"), "“Savings”: 1 of 2 shares added. Add another.");
    type_keys(&window, &shares[1]);
    press(&window, Key::Return);
    assert_eq!(value(&window, "Shares problem"), "Share 2 is already added.");
    // The text stays for mending (a mistyped path); erased as a person erases it.
    (0..shares[1].chars().count()).for_each(|_| press(&window, Key::Backspace));
    type_keys(&window, &shares[0]);
    press(&window, Key::Return);
    assert!(window.global::<ui::PaperShares>().get_complete());
    // The passphrase field takes the keys once the set is complete.
    type_keys(&window, "abacus abacus abacus abacus");
    press(&window, Key::Return);
    assert!(value(&window, "Shares problem").starts_with("Cannot decrypt"), "{}", value(&window, "Shares problem"));
    type_keys(&window, &passphrase.expose().replace('-', " ").to_uppercase());
    press(&window, Key::Return);
    assert_eq!(screen(&window), ui::Screen::Recover, "the phrase goes to the recover screen");
    assert_eq!(window.global::<ui::Onboarding>().get_phrase_text(), DEV);
    assert_eq!(window.global::<ui::Onboarding>().get_identity_name(), "Savings", "named after the title");
    assert!(store.identities().unwrap().is_empty(), "nothing stored before the PIN");
    click(&window, "Next");
    type_pin(&window, "123456");
    type_pin(&window, "123456");
    assert_eq!(screen(&window), ui::Screen::Network, "then the usual steps");
}
