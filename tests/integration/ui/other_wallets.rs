//! Accounts other wallets made from the same words, reached on the network screen by keys:
//! a Ledger's (the "This phrase came from a Ledger" choice) and MetaMask's on Moonbeam.
//! Expected addresses are polkadot-js's (`ledger.json`, `ethereum.json`).

use slint::platform::Key;
use slint::{ComponentHandle, Model};

use super::keyboard::{press, tab, type_keys};
use super::{app, screen, value};
use axia_signer::ui::{self, AppWindow};

/// The case `id` of a vector file under `polkadot-js/`.
fn case(file: &str, id: &str) -> serde_json::Value {
    let vectors: serde_json::Value = serde_json::from_str(&crate::fixture(&format!("polkadot-js/{file}"))).unwrap();
    vectors["cases"].as_array().unwrap().iter().find(|case| case["id"] == id).unwrap().clone()
}

/// From the first screen to the network screen with `phrase` recovered, by keys alone.
fn recover_to_networks(window: &AppWindow, name: &str, phrase: &str) {
    tab(window, 2);
    press(window, Key::Return);
    type_keys(window, name);
    tab(window, 2);
    press(window, Key::Return);
    assert_eq!(screen(window), ui::Screen::Recover);
    type_keys(window, phrase);
    press(window, Key::Return);
    for _ in 0..2 {
        type_keys(window, "123456");
        press(window, Key::Return);
    }
    assert_eq!(screen(window), ui::Screen::Network);
}

/// The text an image's QR code holds.
fn qr_text(image: &slint::Image) -> String {
    let pixels = image.to_rgba8().expect("the QR code is a pixel image");
    let (width, height) = (pixels.width() as usize, pixels.height() as usize);
    let bytes = pixels.as_bytes();
    let mut prepared = rqrr::PreparedImage::prepare_from_greyscale(width, height, |x, y| bytes[(y * width + x) * 4]);
    let grids = prepared.detect_grids();
    grids.first().expect("one QR code").decode().expect("it decodes").1
}

pub(super) fn a_ledger_phrase_recovered_by_keys_gives_the_ledgers_first_kusama_account() {
    let window = app();
    let expected = case("ledger.json", "ledger-zondax-5");
    recover_to_networks(&window, "Nano", expected["phrase"].as_str().unwrap());
    // Back, the identities icon, five networks, "No derivation", then the Ledger's choice.
    tab(&window, 9);
    press(&window, ' ');
    let picker = window.global::<ui::NetworkPicker>();
    assert!(picker.get_from_ledger() && !picker.get_no_derivation());
    let kusama = picker.get_networks().iter().find(|n| n.name == "Kusama").unwrap();
    assert_eq!(kusama.ledger_detail, "m/44'/434'/0'/0'/0'", "the row says where the account goes");
    // Back up to the first network, Kusama.
    (0..6).for_each(|_| press(&window, Key::Backtab));
    press(&window, Key::Return);
    assert_eq!(screen(&window), ui::Screen::Account);
    assert_eq!(value(&window, "Address"), expected["addresses"]["2"].as_str().unwrap());
    let account = window.global::<ui::AccountView>();
    assert_eq!((account.get_name().as_str(), account.get_path().as_str()), ("Kusama Ledger 0", "m/44'/434'/0'/0'/0'"));
}

pub(super) fn picking_moonbeam_shows_metamasks_first_account_with_its_ethereum_qr_code() {
    let window = app();
    let expected = case("ethereum.json", "eth-zondax-9");
    recover_to_networks(&window, "MetaMask", expected["phrase"].as_str().unwrap());
    // Back, the identities icon, Kusama, then Moonbeam.
    tab(&window, 4);
    press(&window, Key::Return);
    assert_eq!(screen(&window), ui::Screen::Account);
    let address = expected["address_eip55"].as_str().unwrap();
    assert_eq!(value(&window, "Address"), address);
    let account = window.global::<ui::AccountView>();
    assert_eq!(account.get_path(), "m/44'/60'/0'/0/0");
    assert_eq!(qr_text(&account.get_qr()), format!("ethereum:{address}@1284"));

    // Backed up by keys (Enter in the path field saves): polkadot-js's `ethereum` file.
    super::click(&window, "Back up as JSON");
    type_keys(&window, "123456");
    press(&window, Key::Return);
    assert_eq!(screen(&window), ui::Screen::Export);
    type_keys(&window, "file-pass");
    press(&window, Key::Tab);
    type_keys(&window, "file-pass");
    press(&window, Key::Tab);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("moonbeam.json");
    type_keys(&window, &path.display().to_string());
    press(&window, Key::Return);
    let text = std::fs::read_to_string(&path).expect("the file is written");
    let axia_signer::keys::BackupFile::Account(file) = axia_signer::keys::BackupFile::parse(&text).unwrap() else {
        panic!("one account")
    };
    assert!(file.is_ethereum());
    let opened = file.decrypt(&axia_signer::keys::Password::new("file-pass")).unwrap();
    assert_eq!(opened.ethereum_address().unwrap().to_string(), address);
}

pub(super) fn cant_find_your_account_finds_a_metamask_account_and_adds_it_on_moonbeam() {
    let window = app();
    let dev = "bottom drive obey lake curtain smoke basket hold race lonely fit walk";
    recover_to_networks(&window, "Dev", dev);
    tab(&window, 7);
    press(&window, Key::Return);
    press(&window, Key::Escape);
    assert_eq!(screen(&window), ui::Screen::IdentityHome);
    super::click(&window, "Can't find your account?");
    assert_eq!(screen(&window), ui::Screen::FindAccount);
    // Back, the identities icon, then the address field; Tab on to the depth.
    let expected = case("ethereum.json", "eth-dev-3");
    tab(&window, 3);
    type_keys(&window, expected["address_eip55"].as_str().unwrap());
    press(&window, Key::Tab);
    type_keys(&window, "10");
    press(&window, Key::Return);
    assert_eq!(screen(&window), ui::Screen::Unlock, "the identity's PIN first");
    type_keys(&window, "123456");
    press(&window, Key::Return);
    assert_eq!(
        value(&window, "Search result"),
        "Found: an Ethereum account (as MetaMask makes it) at m/44'/60'/0'/0/9"
    );
    // Two Ethereum networks in the catalogue: the user picks.
    assert_eq!(value(&window, "Search detail"), "Its address names no network here: you pick one next.");
    super::click(&window, "Add this account");
    assert_eq!(screen(&window), ui::Screen::Network);
    tab(&window, 4);
    press(&window, Key::Return);
    assert_eq!(screen(&window), ui::Screen::Account);
    assert_eq!(value(&window, "Address"), expected["address_eip55"].as_str().unwrap());
    assert_eq!(window.global::<ui::AccountView>().get_network(), "Moonbeam");
}
