//! "Recover from paper shares": shares added as a person adds them (a page's PNG by its path,
//! a QR text pasted, one twice), the passphrase typed, and the phrase in the recover flow.

use slint::platform::Key;
use slint::ComponentHandle;

use slint::Model;

use super::keyboard::{press, tab, type_keys};
use super::{app_and_store, click, screen, type_into, type_pin, value, DEV};
use axia_signer::app::paper::scan::share_text;
use axia_signer::app::paper::{recovered_phrase, write_pages};
use axia_signer::keys::banana::{split, Passphrase, ShareSet};
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

/// Erases the focused field as a person does, from its end: `chars` backspaces.
fn erase(window: &ui::AppWindow, chars: usize) {
    (0..chars).for_each(|_| press(window, Key::Backspace));
}

pub(super) fn an_identity_is_split_into_pages_that_open_with_the_words_shown_once() {
    let window = super::recovered_dev_home();
    click(&window, "Manage identity");
    click(&window, "Split into paper shares");
    assert_eq!(screen(&window), ui::Screen::Unlock, "the PIN first");
    type_pin(&window, "123456");
    assert_eq!(screen(&window), ui::Screen::PaperSplit);
    let form = window.global::<ui::PaperSplit>();
    assert_eq!(form.get_title(), "Dev", "the identity's name is the title");
    assert_eq!(value(&window, "Shares required"), "Any 3 of the 5 shares bring the phrase back; fewer reveal nothing.");
    let words = |form: &ui::PaperSplit| form.get_words().iter().map(|w| w.to_string()).collect::<Vec<_>>();
    let first_words = words(&form);
    assert_eq!(first_words.len(), 4);

    // The title has the keys; Tab goes to the count, then to the folder, then "Other words".
    // The title proposed is selected: the name typed replaces it.
    type_keys(&window, "Savings");
    assert_eq!(form.get_title(), "Savings");
    tab(&window, 1);
    erase(&window, 1);
    type_keys(&window, "2");
    assert_eq!(value(&window, "Shares required"), "The number of shares is a whole number from 3 to 255.");
    erase(&window, 1);
    type_keys(&window, "4");
    assert_eq!(value(&window, "Shares required"), "Any 3 of the 4 shares bring the phrase back; fewer reveal nothing.");
    // The folder: a new one in a temporary directory, typed over the one proposed.
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("Savings shares");
    tab(&window, 1);
    erase(&window, form.get_folder().chars().count());
    type_keys(&window, &folder.display().to_string());
    // Past "Choose folder…" where the desktop has a dialog.
    tab(&window, if form.get_can_choose() { 2 } else { 1 });
    press(&window, Key::Return);
    let shown = words(&form);
    assert_ne!(shown, first_words, "other words, before anything is written");
    tab(&window, 1);
    press(&window, Key::Return);
    assert_eq!(screen(&window), ui::Screen::Manage, "{}", form.get_problem());
    let message = value(&window, "Manage message");
    assert!(message.starts_with("4 share pages and shares.pdf saved in"), "{message}");
    assert_eq!(form.get_words().row_count(), 0, "the words are shown only once");
    let history: Vec<String> = window.global::<ui::Manage>().get_history().iter().map(|l| l.to_string()).collect();
    assert!(history.iter().any(|line| line.contains("split into 4 shares")), "{history:?}");

    // Any three pages and the words shown bring the phrase back.
    let mut set = ShareSet::default();
    for page in [1, 2, 4] {
        set.add_text(&share_text(&folder.join(format!("share-{page}-of-4.png"))).unwrap()).unwrap();
    }
    assert!(folder.join("shares.pdf").is_file());
    let phrase = recovered_phrase(&set, &Passphrase::typed(&shown.join(" "))).unwrap();
    assert_eq!(phrase.expose_words().collect::<Vec<_>>().join(" "), DEV);

    // The same folder again: refused before anything is written, the form kept.
    click(&window, "Split into paper shares");
    type_pin(&window, "123456");
    type_into(&window, "Number of shares", "4");
    type_into(&window, "Shares folder", &folder.display().to_string());
    click(&window, "Save shares");
    assert_eq!(screen(&window), ui::Screen::PaperSplit);
    assert!(value(&window, "Split problem").ends_with("share-1-of-4.png already exists: choose another folder."));
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 5, "nothing added or replaced");
    press(&window, Key::Escape);
    assert_eq!(screen(&window), ui::Screen::Manage, "Back (Escape) returns to Manage identity");
    assert_eq!(form.get_words().row_count(), 0, "and takes the words off the screen");
}
