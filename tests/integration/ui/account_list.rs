//! "Export account list" and "Import account list" from Manage identity, typed with keys: the
//! list saved where the field says, a list of another phrase refused before the PIN, and a list
//! with more accounts imported after it (the one with a password named, not added).

use slint::platform::Key;
use slint::ComponentHandle;

use super::keyboard::{press, type_keys};
use super::{click, screen, type_pin, value, DEV};
use axia_signer::app::account_list::export_list;
use axia_signer::app::accounts::add;
use axia_signer::app::onboarding::{add_phrase_identity, FirstAccount, PhraseIdentity};
use axia_signer::db::{KdfParams, Pin, Store, StoreOptions};
use axia_signer::keys::{Password, Phrase};
use axia_signer::ui;

/// A list written elsewhere for `phrase`: its Westend account, and two more on Polkadot
/// (one with a `///password`).
fn list_of(phrase: &str, path: &std::path::Path) {
    let store = Store::temporary(StoreOptions { kdf: KdfParams::FAST_INSECURE, ..StoreOptions::default() }).unwrap();
    let westend = store.network_by_name("westend").unwrap().unwrap();
    let polkadot = store.network_by_name("polkadot").unwrap().unwrap();
    let phrase = Phrase::parse(phrase).unwrap();
    let new = PhraseIdentity {
        name: "Elsewhere",
        phrase: &phrase,
        password: &Password::empty(),
        network: westend.genesis_hash,
        first_account: FirstAccount::NetworkPath,
    };
    let pin = Pin::new("123456").unwrap();
    let (id, _) = add_phrase_identity(&store, new, &pin).unwrap();
    let secret = store.unlock(id, &pin).unwrap();
    add(&store, id, &secret, &polkadot, "//polkadot", &Password::empty(), "Main").unwrap();
    add(&store, id, &secret, &polkadot, "//polkadot//2", &Password::new("hunter22"), "Guarded").unwrap();
    export_list(&store, id, path).unwrap();
}

pub(super) fn an_account_list_is_saved_and_another_brings_its_accounts_back() {
    let window = super::recovered_dev_home();
    let dir = tempfile::tempdir().unwrap();
    click(&window, "Manage identity");
    click(&window, "Export account list");
    assert_eq!(screen(&window), ui::Screen::AccountList);
    let form = window.global::<ui::AccountListForm>();
    assert!(form.get_path().ends_with("Dev accounts.json"), "{}", form.get_path());
    // The field has the keys, the proposed path selected: another typed over it, Enter saves.
    let mine = dir.path().join("mine.json");
    type_keys(&window, &mine.display().to_string());
    press(&window, Key::Return);
    assert_eq!(screen(&window), ui::Screen::Manage, "{} / {}", form.get_problem(), form.get_path());
    assert!(
        value(&window, "Manage message").starts_with("Account list saved to"),
        "{}",
        value(&window, "Manage message")
    );
    assert!(std::fs::read_to_string(&mine).unwrap().contains("\"//westend\""));

    // Another phrase's list: said before any PIN.
    let other = dir.path().join("other.json");
    list_of("legal winner thank year wave sausage worth useful legal winner thank yellow", &other);
    click(&window, "Import account list");
    type_keys(&window, &other.display().to_string());
    press(&window, Key::Return);
    assert_eq!(screen(&window), ui::Screen::AccountList, "no PIN for a list of another identity");
    assert!(value(&window, "Account list problem").starts_with("This list is of another identity"));

    // This phrase's list from elsewhere: the PIN, then the accounts.
    let from_elsewhere = dir.path().join("dev elsewhere.json");
    list_of(DEV, &from_elsewhere);
    (0..other.display().to_string().chars().count()).for_each(|_| press(&window, Key::Backspace));
    type_keys(&window, &from_elsewhere.display().to_string());
    press(&window, Key::Return);
    assert_eq!(screen(&window), ui::Screen::Unlock);
    type_pin(&window, "123456");
    assert_eq!(screen(&window), ui::Screen::Manage);
    let message = value(&window, "Manage message");
    assert!(
        message.starts_with("Added 1 account. 1 was already here. Not added: \"Guarded\": it has an account password"),
        "{message}"
    );
    press(&window, Key::Escape);
    click(&window, "Main");
    let expected = axia_signer::keys::inspect(
        &format!("{DEV}//polkadot"),
        axia_signer::keys::Scheme::Sr25519,
        axia_signer::keys::Ss58Prefix::new(0).unwrap(),
    )
    .unwrap();
    assert_eq!(value(&window, "Address"), expected.address, "the account is on the identity's home");
    assert_eq!(window.global::<ui::AccountView>().get_path(), "//polkadot");
}
