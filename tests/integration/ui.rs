//! The real Slint screens, headless (i-slint-backend-testing), driven by accessible label.
//!
//! All scenarios run in one test, in order: the testing platform is set once per process
//! and the UI lives on one thread.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use axia_signer::db::{KdfParams, Store, StoreOptions};
use axia_signer::keys::{inspect, BackupFile, Password, Scheme, Ss58Prefix};
use axia_signer::ui::{self, AppWindow, Work};
use i_slint_backend_testing::{AccessibleRole, ElementHandle};
use slint::{ComponentHandle, Model};

mod account_list;
mod find;
mod keyboard;
mod other_wallets;
mod paper;
mod password;
mod repair;

const DEV: &str = "bottom drive obey lake curtain smoke basket hold race lonely fit walk";

fn app() -> AppWindow {
    app_and_store().0
}

/// The window, and the store under it for checks the screens cannot show.
fn app_and_store() -> (AppWindow, Arc<Store>) {
    let store = Store::temporary(StoreOptions { kdf: KdfParams::FAST_INSECURE, ..StoreOptions::default() }).unwrap();
    let store = Arc::new(store);
    let window = ui::build(store.clone(), Work::Inline).unwrap();
    window.window().set_size(slint::LogicalSize::new(390., 844.));
    window.show().unwrap();
    (window, store)
}

fn find(window: &AppWindow, label: &str) -> ElementHandle {
    ElementHandle::find_by_accessible_label(window, label)
        .next()
        .unwrap_or_else(|| panic!("no element labelled {label:?} on this screen"))
}

/// Presses what is labelled `label`: the button, when a row's title text shares its label.
fn click(window: &AppWindow, label: &str) {
    let button = ElementHandle::find_by_accessible_label(window, label)
        .find(|element| element.accessible_role() == Some(AccessibleRole::Button));
    button.unwrap_or_else(|| find(window, label)).invoke_accessible_default_action();
}

fn screen(window: &AppWindow) -> ui::Screen {
    window.global::<ui::Nav>().get_screen()
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
pub(crate) fn recovered_dev_home() -> AppWindow {
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
    assert_eq!(value(&window, "Derivation path"), "//westend//1", "the identity's own network comes first");
    type_into(&window, "Derivation path", "//westend//7");
    assert_eq!(value(&window, "Account problem"), "Give the account a name to add it.", "a disabled Add says why");
    assert!(window.global::<ui::AddAccount>().get_problem_is_hint(), "muted, not red: nothing is wrong yet");
    type_into(&window, "Account name", "Spending");
    let expected = inspect(&format!("{DEV}//westend//7"), Scheme::Sr25519, Ss58Prefix::SUBSTRATE).unwrap();
    assert_eq!(value(&window, "Address preview"), expected.address);
    type_into(&window, "Derivation path", "//westend///oops");
    assert!(value(&window, "Account problem").contains("password"), "{}", value(&window, "Account problem"));
    assert!(!window.global::<ui::AddAccount>().get_problem_is_hint(), "a bad path is a mistake, in red");
    type_into(&window, "Derivation path", "//westend//7");
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
    assert_eq!(window.global::<ui::Unlock>().get_title(), "Enter your current PIN", "and asked again");
    type_pin(&window, "123456");
    type_pin(&window, "24681357");
    type_pin(&window, "24681357");
    assert_eq!(value(&window, "Manage message"), "PIN changed.");

    click(&window, "Delete identity");
    assert!(value(&window, "Delete warning").contains("its 1 account from"));
    click(&window, "Delete with my PIN");
    type_pin(&window, "123456");
    assert!(window.global::<ui::Unlock>().get_error().starts_with("Wrong PIN"), "the old PIN no longer works");
    type_pin(&window, "24681357");
    assert_eq!(window.global::<ui::Nav>().get_screen(), ui::Screen::Start);
}

/// Alice's polkadot-js export (`bk-alice`): for Polkadot, named "Alice".
const ALICE_ON_POLKADOT: &str = "15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp5";

/// Writes `text` to `name` in `dir`.
fn file_with(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// A case of the polkadot-js vectors written to a file, and its password.
fn backup_vector(dir: &Path, id: &str) -> (PathBuf, String) {
    let vectors: serde_json::Value = serde_json::from_str(&crate::fixture("polkadot-js/json_backups.json")).unwrap();
    let case = vectors["cases"].as_array().unwrap().iter().find(|case| case["id"] == id).unwrap();
    (file_with(dir, &format!("{id}.json"), &case["json"].to_string()), case["password"].as_str().unwrap().to_owned())
}

/// From "+ Add Identity" to the file at `path` read, before its password.
fn open_backup(window: &AppWindow, path: &Path) {
    click(window, "+ Add Identity");
    click(window, "Restore from backup JSON file");
    assert_eq!(screen(window), ui::Screen::Restore);
    type_into(window, "Backup file path", &path.display().to_string());
    click(window, "Open file");
}

fn restoring_alices_polkadot_js_file_gives_alice_under_polkadot() {
    let window = app();
    let dir = tempfile::tempdir().unwrap();
    let (path, password) = backup_vector(dir.path(), "bk-alice");
    open_backup(&window, &path);
    let summary = value(&window, "File summary");
    assert!(summary.contains("Alice") && summary.contains("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY"));
    assert!(summary.contains("For Polkadot."), "{summary}");
    type_into(&window, "Backup password", &password);
    click(&window, "Restore");
    assert_eq!(window.global::<ui::Restore>().get_password(), "", "the password left its field");
    type_pin(&window, "123456");
    type_pin(&window, "123456");
    assert_eq!(screen(&window), ui::Screen::IdentityHome);
    let rows: Vec<ui::AccountRow> = window.global::<ui::IdentityHome>().get_rows().iter().collect();
    let titles: Vec<&str> = rows.iter().map(|row| row.title.as_str()).collect();
    assert_eq!(titles, ["Polkadot", "Alice"], "the account, by its name, under its network");
    assert!(window.global::<ui::IdentityHome>().get_note().contains("cannot derive new accounts"));
    click(&window, "Alice");
    assert_eq!(value(&window, "Address"), ALICE_ON_POLKADOT);
}

fn a_wrong_backup_password_is_said_inline_and_stores_nothing() {
    let (window, store) = app_and_store();
    let dir = tempfile::tempdir().unwrap();
    let (path, password) = backup_vector(dir.path(), "bk-alice");
    open_backup(&window, &path);
    click(&window, "Restore");
    assert_eq!(value(&window, "Restore problem"), "Type the file's password.", "asked before the PIN");
    type_into(&window, "Backup password", "Alice-export-2");
    click(&window, "Restore");
    assert_eq!(screen(&window), ui::Screen::Restore, "a wrong password is said before any PIN");
    assert!(value(&window, "Restore problem").starts_with("Wrong password for this backup file"));
    assert_eq!(window.global::<ui::Restore>().get_password(), "");
    assert!(store.identities().unwrap().is_empty(), "nothing was stored");
    type_into(&window, "Backup password", &password);
    click(&window, "Restore");
    assert_eq!(screen(&window), ui::Screen::SetPin, "the PIN once the password opens the file");
    type_pin(&window, "123456");
    type_pin(&window, "123456");
    assert_eq!(window.global::<ui::IdentityHome>().get_name(), "Alice");
}

fn a_file_that_names_no_network_asks_for_one() {
    let window = app();
    let dir = tempfile::tempdir().unwrap();
    let (path, password) = backup_vector(dir.path(), "bk-longpass");
    open_backup(&window, &path);
    assert!(value(&window, "File summary").contains("The file does not say which network"));
    type_into(&window, "Backup password", &password);
    click(&window, "Restore");
    assert_eq!(screen(&window), ui::Screen::Network);
    let derivation = "No derivation (root, as polkadot-js uses)";
    assert_eq!(
        ElementHandle::find_by_accessible_label(&window, derivation).count(),
        0,
        "a key has no derivation to pick"
    );
    click(&window, "Westend");
    type_pin(&window, "123456");
    type_pin(&window, "123456");
    let rows: Vec<String> =
        window.global::<ui::IdentityHome>().get_rows().iter().map(|row| row.title.to_string()).collect();
    assert_eq!(rows[0], "Westend");
}

fn a_batch_file_asks_each_account_its_own_password_when_the_file_password_does_not_open_it() {
    let (window, store) = app_and_store();
    let dir = tempfile::tempdir().unwrap();
    let (path, password) = backup_vector(dir.path(), "bk-batch-1");
    open_backup(&window, &path);
    assert_eq!(value(&window, "File summary"), "4 accounts: Alice, F12 //polkadot, F18 ed25519, F24 ecdsa //0");
    type_into(&window, "Backup password", &password);
    click(&window, "Restore");
    // polkadot-js keeps each inner account's own password.
    assert!(value(&window, "Restore problem").starts_with("The file's password does not open account 1 (Alice)"));
    let vectors: serde_json::Value = serde_json::from_str(&crate::fixture("polkadot-js/json_backups.json")).unwrap();
    let case = vectors["cases"].as_array().unwrap().iter().find(|case| case["id"] == "bk-batch-1").unwrap();
    let inner: Vec<&str> =
        case["inner_accounts"].as_array().unwrap().iter().map(|inner| inner["password"].as_str().unwrap()).collect();
    let labels = ["account 2 (F12 //polkadot)", "account 3 (F18 ed25519)", "account 4 (F24 ecdsa //0)"];
    for (password, next) in inner.iter().zip(labels) {
        type_into(&window, "Backup password", password);
        click(&window, "Restore");
        let problem = value(&window, "Restore problem");
        assert!(problem.starts_with(&format!("The file's password does not open {next}")), "{problem}");
        assert!(store.identities().unwrap().is_empty(), "nothing is written until every account opens");
    }
    type_into(&window, "Backup password", inner[3]);
    click(&window, "Restore");
    type_pin(&window, "123456");
    type_pin(&window, "123456");
    assert_eq!(screen(&window), ui::Screen::Identities);
    let notice = window.global::<ui::IdentityList>().get_notice();
    assert!(notice.starts_with("Restored 4 accounts, each as its own identity: Alice (Polkadot)"), "{notice}");
    let names: Vec<String> = store.identities().unwrap().into_iter().map(|identity| identity.name).collect();
    assert_eq!(names, ["Alice", "F12 //polkadot", "F18 ed25519", "F24 ecdsa //0"]);
}

fn a_list_of_account_files_is_not_said_to_have_a_file_password() {
    let (window, store) = app_and_store();
    let dir = tempfile::tempdir().unwrap();
    let (alice, password) = backup_vector(dir.path(), "bk-alice");
    let list = file_with(dir.path(), "list.json", &format!("[{}]", std::fs::read_to_string(alice).unwrap()));
    open_backup(&window, &list);
    assert_eq!(value(&window, "File summary"), "1 accounts: Alice");
    click(&window, "Restore");
    assert_eq!(value(&window, "Restore problem"), "Type the accounts' password.");
    type_into(&window, "Backup password", "not-the-password");
    click(&window, "Restore");
    let problem = value(&window, "Restore problem");
    assert!(problem.starts_with("The password typed does not open account 1 (Alice)"), "{problem}");
    type_into(&window, "Backup password", &password);
    click(&window, "Restore");
    type_pin(&window, "123456");
    type_pin(&window, "123456");
    assert_eq!(screen(&window), ui::Screen::Identities);
    assert_eq!(store.identities().unwrap().len(), 1);
}

fn a_file_that_is_not_a_backup_is_named_inline() {
    let window = app();
    let dir = tempfile::tempdir().unwrap();
    open_backup(&window, &file_with(dir.path(), "empty.json", "{}"));
    assert_eq!(
        value(&window, "Restore problem"),
        "This is not a readable backup file: encoding: missing, or not an object."
    );
    click(&window, "Restore");
    assert_eq!(screen(&window), ui::Screen::Restore, "nothing to restore");
    type_into(&window, "Backup file path", &file_with(dir.path(), "notes.json", "my keys").display().to_string());
    click(&window, "Open file");
    assert!(value(&window, "Restore problem").contains("not JSON"), "{}", value(&window, "Restore problem"));
    type_into(&window, "Backup file path", &dir.path().join("missing.json").display().to_string());
    click(&window, "Open file");
    assert!(value(&window, "Restore problem").starts_with("Cannot read"), "{}", value(&window, "Restore problem"));
}

/// The export form, after the PIN: passwords checked, then the file written to `path`.
fn save_backup(window: &AppWindow, path: &Path, password: &str) {
    assert_eq!(screen(window), ui::Screen::Export);
    type_into(window, "File password", "short");
    type_into(window, "Repeat file password", "short");
    click(window, "Save backup file");
    assert!(value(window, "Export problem").starts_with("A backup password needs at least 6 characters"));
    type_into(window, "File password", password);
    type_into(window, "Repeat file password", "something else");
    click(window, "Save backup file");
    assert_eq!(value(window, "Export problem"), "The two passwords differ. Type them again.");
    type_into(window, "File password", password);
    type_into(window, "Repeat file password", password);
    type_into(window, "Export file path", &path.display().to_string());
    click(window, "Save backup file");
}

fn exporting_writes_files_that_decrypt_never_overwrites_and_marks_every_account() {
    let window = app();
    let dir = tempfile::tempdir().unwrap();
    recover_dev_on_westend(&window, "Dev");
    let address = value(&window, "Address");
    click(&window, "Back up as JSON");
    type_pin(&window, "123456");
    assert!(value(&window, "Export file path").ends_with(&format!("{address}.json")), "a free name by its address");
    let path = dir.path().join("dev.json");
    save_backup(&window, &path, "export-password");
    assert_eq!(screen(&window), ui::Screen::Account);
    assert_eq!(value(&window, "Account notice"), format!("Backup saved to {}", path.display()));
    find(&window, "exported");
    let Ok(BackupFile::Account(file)) = BackupFile::parse(&std::fs::read_to_string(&path).unwrap()) else {
        panic!("one account's backup")
    };
    assert_eq!(file.address.text(), address);
    assert!(file.decrypt(&Password::new("export-password")).is_ok());
    let written = std::fs::read(&path).unwrap();
    click(&window, "Back");
    assert!(window.global::<ui::IdentityHome>().get_rows().row_data(1).unwrap().exported, "marked on the home too");

    // An existing file is never overwritten.
    click(&window, "Westend");
    click(&window, "Export account");
    type_pin(&window, "123456");
    type_into(&window, "File password", "export-password");
    type_into(&window, "Repeat file password", "export-password");
    type_into(&window, "Export file path", &path.display().to_string());
    click(&window, "Save backup file");
    assert!(value(&window, "Export problem").contains("already exists"), "{}", value(&window, "Export problem"));
    assert_eq!(std::fs::read(&path).unwrap(), written, "the file is untouched");
    click(&window, "Back");
    click(&window, "Back");

    // A second account, not exported yet: "Export all" writes and marks both.
    click(&window, "Add account");
    type_pin(&window, "123456");
    type_into(&window, "Derivation path", "//kusama//7");
    type_into(&window, "Account name", "Spending");
    click(&window, "Add");
    let spending = value(&window, "Address");
    click(&window, "Back");
    click(&window, "Manage identity");
    click(&window, "Export all accounts");
    type_pin(&window, "123456");
    let all = dir.path().join("dev-all.json");
    save_backup(&window, &all, "export-password");
    assert_eq!(value(&window, "Manage message"), format!("Saved 2 accounts to {}.", all.display()));
    let Ok(BackupFile::Batch(batch)) = BackupFile::parse(&std::fs::read_to_string(&all).unwrap()) else {
        panic!("an \"Export all\" file")
    };
    let mut addresses: Vec<String> = batch
        .decrypt(&Password::new("export-password"))
        .unwrap()
        .iter()
        .map(|file| file.address.text().to_owned())
        .collect();
    addresses.sort();
    let mut expected = vec![address, spending];
    expected.sort();
    assert_eq!(addresses, expected);
    click(&window, "Back");
    let rows: Vec<ui::AccountRow> = window.global::<ui::IdentityHome>().get_rows().iter().collect();
    assert!(rows.iter().filter(|row| !row.header).all(|row| row.exported), "every account is marked");
}

/// The export form: a wrong account password clears only its field; an identity that
/// locked itself asks the PIN again and then saves what the form holds.
fn the_export_form_keeps_what_is_right_and_asks_the_pin_again() {
    let window = app();
    let dir = tempfile::tempdir().unwrap();
    recover_dev_on_westend(&window, "Dev");
    click(&window, "Back");
    click(&window, "Add account");
    type_pin(&window, "123456");
    type_into(&window, "Derivation path", "//kusama//7");
    type_into(&window, "Path password", "pathword");
    type_into(&window, "Account name", "Locked");
    click(&window, "Add");
    click(&window, "Export account");
    type_pin(&window, "123456");
    type_into(&window, "Account password", "wrong");
    type_into(&window, "File password", "export-password");
    type_into(&window, "Repeat file password", "export-password");
    let path = dir.path().join("locked.json");
    type_into(&window, "Export file path", &path.display().to_string());
    click(&window, "Save backup file");
    assert!(value(&window, "Export problem").starts_with("The account password is wrong"));
    assert_eq!(value(&window, "Account password"), "", "the wrong password leaves its field");
    assert_eq!(value(&window, "File password"), "export-password", "the file's password stays");
    assert_eq!(value(&window, "Repeat file password"), "export-password");
    assert!(!path.exists());

    window.global::<ui::Nav>().invoke_lock();
    type_into(&window, "Account password", "pathword");
    click(&window, "Save backup file");
    assert_eq!(screen(&window), ui::Screen::Unlock, "locked: the PIN again, not a dead end");
    type_pin(&window, "123456");
    assert_eq!(value(&window, "Account notice"), format!("Backup saved to {}", path.display()));
    assert!(path.exists());
}

/// A busy job the user walked away from (Back, or the window hidden) changes nothing when
/// it ends; Enter in a field while a job runs is ignored.
fn an_abandoned_job_changes_nothing() {
    let store = Store::temporary(StoreOptions { kdf: KdfParams::FAST_INSECURE, ..StoreOptions::default() }).unwrap();
    let store = Arc::new(store);
    let window = ui::build(store.clone(), Work::Deferred).unwrap();
    window.show().unwrap();
    start_recovery(&window, "Dev", DEV);
    click(&window, "Next");
    type_pin(&window, "123456");
    type_pin(&window, "123456");
    click(&window, "Westend");
    ui::run_deferred();
    click(&window, "Back");

    // The PIN for "Export all", then Back while it unlocks: no form opens afterwards.
    click(&window, "Manage identity");
    click(&window, "Export all accounts");
    type_pin(&window, "123456");
    assert!(window.global::<ui::Nav>().get_busy());
    click(&window, "Back");
    assert_eq!(screen(&window), ui::Screen::Manage);
    assert!(!window.global::<ui::Nav>().get_busy(), "the overlay goes with the job");
    ui::run_deferred();
    assert_eq!(screen(&window), ui::Screen::Manage, "the unlock's result was dropped");

    // A restore that will need a network, left while it runs: no picker afterwards.
    click(&window, "Identities");
    let dir = tempfile::tempdir().unwrap();
    let (path, password) = backup_vector(dir.path(), "bk-longpass");
    open_backup(&window, &path);
    // The file is read on the worker, not on the UI thread: nothing shown yet, the overlay up.
    assert!(window.global::<ui::Nav>().get_busy());
    assert_eq!(window.global::<ui::Restore>().get_summary(), "");
    ui::run_deferred();
    assert!(!window.global::<ui::Nav>().get_busy());
    assert!(!window.global::<ui::Restore>().get_summary().is_empty(), "read once the worker ran");
    type_into(&window, "Backup password", &password);
    click(&window, "Restore");
    assert!(window.global::<ui::Nav>().get_busy());
    click(&window, "Back");
    ui::run_deferred();
    assert_eq!(screen(&window), ui::Screen::AddIdentity, "no network picker for a restore left behind");
    click(&window, "Restore from backup JSON file");

    // Enter in the path field while a retry runs (the PIN is set: it runs from this screen)
    // does not replace the file being restored.
    let (alice, password) = backup_vector(dir.path(), "bk-alice");
    type_into(&window, "Backup file path", &alice.display().to_string());
    click(&window, "Open file");
    ui::run_deferred();
    type_into(&window, "Backup password", "not-the-password");
    click(&window, "Restore");
    ui::run_deferred();
    assert!(value(&window, "Restore problem").starts_with("Wrong password for this backup file"));
    type_into(&window, "Backup password", &password);
    click(&window, "Restore");
    assert!(window.global::<ui::Nav>().get_busy());
    type_into(&window, "Backup file path", &path.display().to_string());
    window.global::<ui::Restore>().invoke_open_file();
    ui::run_deferred();
    type_pin(&window, "123456");
    type_pin(&window, "123456");
    ui::run_deferred();
    assert_eq!(screen(&window), ui::Screen::IdentityHome);
    assert_eq!(window.global::<ui::IdentityHome>().get_name(), "Alice");
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
    restoring_alices_polkadot_js_file_gives_alice_under_polkadot();
    a_wrong_backup_password_is_said_inline_and_stores_nothing();
    a_file_that_names_no_network_asks_for_one();
    a_batch_file_asks_each_account_its_own_password_when_the_file_password_does_not_open_it();
    a_list_of_account_files_is_not_said_to_have_a_file_password();
    a_file_that_is_not_a_backup_is_named_inline();
    exporting_writes_files_that_decrypt_never_overwrites_and_marks_every_account();
    the_export_form_keeps_what_is_right_and_asks_the_pin_again();
    an_abandoned_job_changes_nothing();
    find::an_identity_finds_an_ed25519_account_and_adds_it_with_one_tap();
    find::a_miss_gives_the_count_and_an_unknown_prefix_asks_the_network();
    find::a_restored_key_has_no_phrase_to_search();
    find::recovering_finds_an_address_before_saving_and_adds_it();
    find::cancel_stops_a_search_under_way();
    find::a_search_after_the_identity_locked_itself_asks_the_pin_and_adds_nothing_unasked();
    repair::a_misspelled_word_is_repaired_from_the_address_and_nothing_is_stored_before_next();
    repair::the_account_found_joins_the_identity_saved_from_the_repaired_phrase();
    repair::a_phrase_too_far_from_one_offers_no_repair_and_back_keeps_the_words();
    repair::cancel_stops_a_repair_under_way();
    password::a_forgotten_password_is_found_from_what_is_remembered_and_the_restore_goes_on();
    password::cancel_stops_a_password_search_and_back_returns_to_the_file();
    paper::shares_from_a_page_and_a_pasted_text_open_into_the_recover_flow();
    paper::an_identity_is_split_into_pages_that_open_with_the_words_shown_once();
    account_list::an_account_list_is_saved_and_another_brings_its_accounts_back();
    keyboard::a_picked_suggestion_leaves_the_cursor_after_the_word();
    keyboard::the_word_count_is_news_while_typing_and_red_only_after_next();
    keyboard::a_name_complaint_goes_once_a_name_is_typed();
    keyboard::onboarding_needs_no_pointer();
    keyboard::renaming_keeps_the_identity_history();
    keyboard::a_small_window_scrolls_to_the_main_button();
    other_wallets::a_ledger_phrase_recovered_by_keys_gives_the_ledgers_first_kusama_account();
    other_wallets::picking_moonbeam_shows_metamasks_first_account_with_its_ethereum_qr_code();
    other_wallets::cant_find_your_account_finds_a_metamask_account_and_adds_it_on_moonbeam();
}
