//! "Can't find your account?": on an identity (after its PIN) and on the recover screen
//! (before the identity is saved).

use std::sync::Arc;

use axia_signer::app::find_address;
use axia_signer::db::{KdfParams, Store, StoreOptions};
use axia_signer::keys::{inspect, Scheme, Ss58Prefix};
use axia_signer::ui::{self, Work};
use i_slint_backend_testing::ElementHandle;
use slint::{ComponentHandle, Model};

use super::{
    app_and_store, backup_vector, click, open_backup, recover_dev_on_westend, screen, start_recovery, type_into,
    type_pin, value, DEV,
};

/// The development phrase's account at `uri_tail` (path, then any `///password`), as an
/// address with `prefix`.
fn dev_address(uri_tail: &str, scheme: Scheme, prefix: u32) -> String {
    inspect(&format!("{DEV}{uri_tail}"), scheme, Ss58Prefix::new(prefix).unwrap()).unwrap().address
}

fn search_for(window: &ui::AppWindow, address: &str, depth: &str) {
    type_into(window, "Expected address", address);
    type_into(window, "Search depth", depth);
    click(window, "Search");
}

fn has(window: &ui::AppWindow, label: &str) -> bool {
    ElementHandle::find_by_accessible_label(window, label).next().is_some()
}

pub(super) fn an_identity_finds_an_ed25519_account_and_adds_it_with_one_tap() {
    let (window, _) = app_and_store();
    recover_dev_on_westend(&window, "Dev");
    click(&window, "Back");
    click(&window, "Can't find your account?");
    assert_eq!(screen(&window), ui::Screen::FindAccount);
    search_for(&window, "5DVJ-not-an-address", "3");
    assert!(value(&window, "Find problem").starts_with("Not an address: "), "{}", value(&window, "Find problem"));
    assert_eq!(screen(&window), ui::Screen::FindAccount, "a bad address asks no PIN");

    let address = dev_address("//kusama//2", Scheme::Ed25519, 2);
    search_for(&window, &address, "3");
    assert_eq!(screen(&window), ui::Screen::Unlock);
    type_pin(&window, "123456");
    assert_eq!(value(&window, "Search result"), "Found: ed25519 key at //kusama//2");
    assert_eq!(value(&window, "Search detail"), "A Kusama account.");
    click(&window, "Add this account");
    assert_eq!(screen(&window), ui::Screen::Account);
    assert_eq!(value(&window, "Address"), address);
    assert_eq!(window.global::<ui::AccountView>().get_name(), "Found //kusama//2");
}

pub(super) fn a_miss_gives_the_count_and_an_unknown_prefix_asks_the_network() {
    let (window, store) = app_and_store();
    recover_dev_on_westend(&window, "Dev");
    click(&window, "Back");
    click(&window, "Can't find your account?");
    search_for(&window, &dev_address("//westend//7", Scheme::Sr25519, 42), "3");
    type_pin(&window, "123456");
    // Every Substrate path, then a Ledger's: two coins, three accounts, three indices.
    let total = find_address::space(&store, 3).unwrap().candidate_count() + 2 * 3 * 3;
    assert_eq!(value(&window, "Search result"), format!("Not found in {total} candidates."));
    assert!(value(&window, "Search detail").starts_with("What to try: check the phrase"));
    assert!(!has(&window, "Add this account"));

    // Still unlocked: no PIN this time. Prefix 5 is no catalogue network's.
    search_for(&window, &dev_address("//3", Scheme::Sr25519, 5), "4");
    assert_eq!(value(&window, "Search result"), "Found: sr25519 key at //3");
    assert_eq!(value(&window, "Search detail"), "Its address names no network here: you pick one next.");
    click(&window, "Add this account");
    assert_eq!(screen(&window), ui::Screen::Network);
    click(&window, "Polkadot");
    assert_eq!(value(&window, "Address"), dev_address("//3", Scheme::Sr25519, 0));
}

pub(super) fn a_restored_key_has_no_phrase_to_search() {
    let (window, _) = app_and_store();
    let dir = tempfile::tempdir().unwrap();
    let (path, password) = backup_vector(dir.path(), "bk-alice");
    open_backup(&window, &path);
    type_into(&window, "Backup password", &password);
    click(&window, "Restore");
    type_pin(&window, "123456");
    type_pin(&window, "123456");
    assert_eq!(screen(&window), ui::Screen::IdentityHome);
    assert!(!has(&window, "Can't find your account?"), "no link: the identity holds a key, not a phrase");
    // Were it opened anyway, it says why and asks no PIN.
    window.global::<ui::FindAccount>().invoke_open_for_identity();
    assert!(value(&window, "Find problem").starts_with("This identity holds one key restored from a backup"));
    search_for(&window, "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY", "3");
    assert_eq!(screen(&window), ui::Screen::FindAccount, "no PIN for a search that cannot run");
}

pub(super) fn recovering_finds_an_address_before_saving_and_adds_it() {
    let (window, store) = app_and_store();
    start_recovery(&window, "Dev", DEV);
    type_into(&window, "BIP39 password", "secret");
    click(&window, "Can't find your account?");
    search_for(&window, &dev_address("//westend/3", Scheme::Sr25519, 42), "4");
    assert!(value(&window, "Search result").starts_with("Not found"), "the BIP39 password changes every address");
    click(&window, "Back");
    assert_eq!(screen(&window), ui::Screen::Recover);
    assert_eq!(value(&window, "Seed phrase"), DEV, "the phrase is still being entered");

    click(&window, "Can't find your account?");
    let address = dev_address("//westend/3///secret", Scheme::Sr25519, 42);
    search_for(&window, &address, "4");
    assert_eq!(value(&window, "Search result"), "Found: sr25519 key at //westend/3");
    assert!(store.identities().unwrap().is_empty(), "nothing is saved before the PIN");
    click(&window, "Continue with this account");
    assert_eq!(screen(&window), ui::Screen::SetPin);
    type_pin(&window, "123456");
    type_pin(&window, "123456");
    click(&window, "Westend");
    assert_eq!(value(&window, "Address"), address);
    click(&window, "Back");
    let titles: Vec<String> =
        window.global::<ui::IdentityHome>().get_rows().iter().map(|row| row.title.to_string()).collect();
    assert_eq!(titles, ["Westend", "Westend", "Found //westend/3"]);
}

pub(super) fn cancel_stops_a_search_under_way() {
    let store = Store::temporary(StoreOptions { kdf: KdfParams::FAST_INSECURE, ..StoreOptions::default() }).unwrap();
    // Deferred: the search waits, as a long one would, until the test lets it run.
    let window = ui::build(Arc::new(store), Work::Deferred).unwrap();
    window.show().unwrap();
    start_recovery(&window, "Dev", DEV);
    click(&window, "Can't find your account?");
    let missing = dev_address("//westend//7", Scheme::Sr25519, 42);
    search_for(&window, &missing, "100");
    // 11,612 Substrate paths at depth 100, then 600 of a Ledger's.
    assert_eq!(value(&window, "Search progress"), "Searched 0 of 12,212…");
    assert!(!has(&window, "Search"), "no second search while one runs");
    click(&window, "Cancel");
    assert_eq!(value(&window, "Search progress"), "Cancelling…");
    ui::run_deferred();
    assert_eq!(value(&window, "Search result"), "Search cancelled after 0 candidates.");
    search_for(&window, &missing, "3");
    ui::run_deferred();
    assert_eq!(value(&window, "Search result"), "Not found in 87 candidates.", "69 Substrate paths, 18 of a Ledger's");

    // Back while a search waits: the phrase stays on screen and the search's end shows nothing.
    search_for(&window, &dev_address("//westend", Scheme::Sr25519, 42), "3");
    assert!(window.global::<ui::FindAccount>().get_searching());
    click(&window, "Back");
    assert_eq!(screen(&window), ui::Screen::Recover);
    ui::run_deferred();
    assert_eq!(screen(&window), ui::Screen::Recover, "the search's end does not bring its screen back");
    let form = window.global::<ui::FindAccount>();
    assert!(!form.get_searching() && !form.get_found() && form.get_result().is_empty(), "{}", form.get_result());
    assert_eq!(value(&window, "Seed phrase"), DEV);
}

/// The identity locks itself with a result on screen: a new search asks the PIN, and what
/// the earlier one found is not added behind the user's back; "Add this account" after a
/// lock asks the PIN, then adds.
pub(super) fn a_search_after_the_identity_locked_itself_asks_the_pin_and_adds_nothing_unasked() {
    let (window, store) = app_and_store();
    recover_dev_on_westend(&window, "Dev");
    click(&window, "Back");
    click(&window, "Can't find your account?");
    let found = dev_address("//kusama//2", Scheme::Ed25519, 2);
    search_for(&window, &found, "3");
    type_pin(&window, "123456");
    assert_eq!(value(&window, "Search result"), "Found: ed25519 key at //kusama//2");

    window.global::<ui::Nav>().invoke_lock();
    search_for(&window, &dev_address("//westend//7", Scheme::Sr25519, 42), "3");
    assert_eq!(screen(&window), ui::Screen::Unlock);
    assert!(window.global::<ui::Unlock>().get_hint().contains("to search its phrase"));
    type_pin(&window, "123456");
    assert_eq!(screen(&window), ui::Screen::FindAccount);
    assert!(value(&window, "Search result").starts_with("Not found"), "{}", value(&window, "Search result"));
    let id = store.identities().unwrap()[0].id;
    assert_eq!(store.accounts(id, None).unwrap().len(), 1, "the earlier hit was not added");

    search_for(&window, &found, "3");
    window.global::<ui::Nav>().invoke_lock();
    click(&window, "Add this account");
    assert_eq!(screen(&window), ui::Screen::Unlock);
    assert!(window.global::<ui::Unlock>().get_hint().contains("to add the account found"));
    type_pin(&window, "123456");
    assert_eq!(screen(&window), ui::Screen::Account);
    assert_eq!(value(&window, "Address"), found);
    assert_eq!(store.accounts(id, None).unwrap().len(), 2);
}
