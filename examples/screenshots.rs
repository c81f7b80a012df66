//! Renders every screen of the app to PNG with the software renderer, no display needed.
//! Run: cargo run --example screenshots -- [output dir, default docs/screens]

use std::path::{Path, PathBuf};
use std::sync::Arc;

use axia_signer::db::{KdfParams, Store, StoreOptions};
use axia_signer::keys::{inspect, Scheme, Ss58Prefix};
use axia_signer::ui::{self, AppWindow, Work};
use i_slint_backend_testing::{ElementHandle, TestingBackend, TestingBackendOptions};
use slint::ComponentHandle;

const DEV: &str = "bottom drive obey lake curtain smoke basket hold race lonely fit walk";

/// Presses what is labelled `label`, and lets the work it started finish.
fn click(window: &AppWindow, label: &str) {
    click_only(window, label);
    ui::run_deferred();
}

/// Presses without letting the work it started run: to show it under way.
fn click_only(window: &AppWindow, label: &str) {
    // The button, when a heading's text shares its label.
    let all: Vec<ElementHandle> = ElementHandle::find_by_accessible_label(window, label).collect();
    let button =
        all.iter().find(|element| element.accessible_role() == Some(i_slint_backend_testing::AccessibleRole::Button));
    button
        .or(all.first())
        .unwrap_or_else(|| panic!("no element labelled {label:?}"))
        .invoke_accessible_default_action();
}

fn type_into(window: &AppWindow, label: &str, text: &str) {
    ElementHandle::find_by_accessible_label(window, label).next().expect(label).set_accessible_value(text);
}

/// Presses the keypad's digits (and "Confirm PIN" when `confirm`).
fn press(window: &AppWindow, digits: &str, confirm: bool) {
    for digit in digits.chars() {
        click(window, &digit.to_string());
    }
    if confirm {
        click(window, "Confirm PIN");
    }
}

fn save(window: &AppWindow, dir: &Path, name: &str) {
    let snapshot = window.window().take_snapshot().expect("the software renderer draws");
    let path = dir.join(format!("{name}.png"));
    let file = std::io::BufWriter::new(std::fs::File::create(&path).expect("the output file opens"));
    let mut encoder = png::Encoder::new(file, snapshot.width(), snapshot.height());
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.write_header().unwrap().write_image_data(snapshot.as_bytes()).unwrap();
    println!("{}", path.display());
}

fn main() {
    let dir = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "docs/screens".into()));
    std::fs::create_dir_all(&dir).unwrap();
    slint::platform::set_platform(Box::new(TestingBackend::new(TestingBackendOptions {
        mock_time: true,
        threading: false,
        renderer_name: Some("software".into()),
    })))
    .unwrap();
    let store = Store::temporary(StoreOptions { kdf: KdfParams::FAST_INSECURE, ..StoreOptions::default() }).unwrap();
    // Deferred: `click` runs the work a press starts; `click_only` leaves it under way.
    let window = ui::build(Arc::new(store), Work::Deferred).unwrap();
    window.window().set_size(slint::PhysicalSize::new(390, 844));
    window.show().unwrap();

    save(&window, &dir, "01-start");
    click(&window, "+ Add Identity");
    type_into(&window, "Identity name", "Savings");
    save(&window, &dir, "02-add-identity");
    click(&window, "Create");
    save(&window, &dir, "02a-create");
    click(&window, "I wrote them down");
    save(&window, &dir, "02b-backup-check");
    click(&window, "Back");
    click(&window, "Recover existing identity");
    type_into(&window, "Seed phrase", &DEV.replace("lake", "lakr").replace(" walk", " wa"));
    save(&window, &dir, "03-recover-typing");
    type_into(&window, "Seed phrase", DEV);
    save(&window, &dir, "04-recover-ready");
    click(&window, "Next");
    press(&window, "1234", false);
    save(&window, &dir, "05-set-pin");
    press(&window, "56", true);
    press(&window, "654321", true);
    save(&window, &dir, "06-pin-mismatch");
    press(&window, "123456", true);
    press(&window, "123456", true);
    save(&window, &dir, "07-network");
    click(&window, "Westend");
    save(&window, &dir, "08-account");
    click(&window, "Back");
    save(&window, &dir, "09-identity-home");
    click(&window, "Add account");
    save(&window, &dir, "10-unlock");
    press(&window, "123456", true);
    type_into(&window, "Derivation path", "//polkadot//1");
    type_into(&window, "Account name", "Spending");
    save(&window, &dir, "11-add-account");
    click(&window, "Back");
    click(&window, "Manage identity");
    save(&window, &dir, "12-manage");
    click(&window, "Show recovery phrase");
    press(&window, "123456", true);
    save(&window, &dir, "12a-recovery-phrase");
    click(&window, "Done");
    click(&window, "Delete identity");
    save(&window, &dir, "12b-confirm-delete");
    click(&window, "Back");
    click(&window, "Split into paper shares");
    press(&window, "123456", true);
    type_into(&window, "Shares folder", "/home/me/Downloads/Savings shares");
    save(&window, &dir, "12c-paper-split");
    click(&window, "Back");
    click(&window, "Export account list");
    save(&window, &dir, "12d-account-list-export");
    click(&window, "Back");
    click(&window, "Identities");
    save(&window, &dir, "13-identities");
    backups(&window, &dir);
    find_address(&window, &dir);
    repair_phrase(&window, &dir);
    paper_shares(&window, &dir);
    small_window(&window, &dir);
}

/// "Recover from paper shares": one share added, then the set complete and the passphrase asked.
fn paper_shares(window: &AppWindow, dir: &Path) {
    ui::run_deferred();
    window.global::<ui::Nav>().invoke_open_identities();
    let passphrase = axia_signer::keys::banana::Passphrase::generate();
    let shares = axia_signer::keys::banana::split(DEV, "Savings", &passphrase, 3).unwrap();
    click(window, "+ Add Identity");
    click(window, "Recover from paper shares");
    type_into(window, "Share", &shares[0]);
    click(window, "Add share");
    save(window, dir, "29b-paper-one-share");
    type_into(window, "Share", &shares[2]);
    click(window, "Add share");
    save(window, dir, "29c-paper-passphrase");
    click(window, "Back");
}

/// "Repair with your address": a phrase with a misspelled word (polkadot-js's
/// `rec-misspelled-1`), the repair under way, and what it changed.
fn repair_phrase(window: &AppWindow, dir: &Path) {
    ui::run_deferred();
    window.global::<ui::Nav>().invoke_open_identities();
    click(window, "+ Add Identity");
    type_into(window, "Identity name", "Paper");
    click(window, "Recover existing identity");
    type_into(window, "Seed phrase", "cheese boost tought cinnamon logic visa apart sure goddess retire never abandon");
    save(window, dir, "27-repair-offered");
    click(window, "Repair with your address");
    type_into(window, "Expected address", "13e2we6GV7aXz8GXd6qWpnNTYfdxTnVXmwhXY5qvGPmHs6Uw");
    click_only(window, "Repair");
    // Mid-repair, as the progress timer shows it (the repair itself waits until run below).
    let form = window.global::<ui::RepairPhrase>();
    form.set_progress("Tried 1,024 of 2,048 candidates…".into());
    form.set_fraction(0.5);
    save(window, dir, "28-repair-running");
    ui::run_deferred();
    save(window, dir, "29-repair-found");
    click(window, "Use this phrase");
    save(window, dir, "29a-repair-used");
    click(window, "Back");
}

/// A small phone (360x640): the list, a 24-word phrase (the screen scrolls), the network.
fn small_window(window: &AppWindow, dir: &Path) {
    ui::run_deferred();
    window.global::<ui::Nav>().invoke_open_identities();
    window.window().set_size(slint::PhysicalSize::new(360, 640));
    save(window, dir, "30-small-identities");
    click(window, "+ Add Identity");
    type_into(window, "Identity name", "Twenty-four");
    click(window, "Recover existing identity");
    type_into(window, "Seed phrase", &("abandon ".repeat(23) + "art"));
    save(window, dir, "31-small-recover-24-words");
    // "Next" is below the fold here (the screen scrolls to it): Enter in the field does the same.
    window.global::<ui::Onboarding>().invoke_phrase_next();
    press(window, "123456", true);
    press(window, "123456", true);
    save(window, dir, "32-small-network");
}

/// Restoring Alice's polkadot-js export, then exporting an account of "Savings".
fn backups(window: &AppWindow, dir: &Path) {
    // A fixed folder, so the paths on screen stay the same from run to run.
    let files = std::env::temp_dir().join("axia-signer-screenshots");
    let _ = std::fs::remove_dir_all(&files);
    std::fs::create_dir_all(&files).unwrap();
    let (alice, password) = alice_backup(&files);
    click(window, "+ Add Identity");
    click(window, "Restore from backup JSON file");
    type_into(window, "Backup file path", &alice.display().to_string());
    click(window, "Open file");
    save(window, dir, "14-restore");
    type_into(window, "Backup password", "not-the-password");
    click(window, "Restore");
    save(window, dir, "15-restore-wrong-password");
    // "Forgot the password?": the file's password as remembered, its first capital forgotten.
    click(window, "Forgot the password?");
    let mut remembered = password.clone();
    remembered[..1].make_ascii_lowercase();
    type_into(window, "Password as remembered", &remembered);
    click(window, "Estimate");
    save(window, dir, "15a-password-estimate");
    click(window, "Search");
    save(window, dir, "15b-password-found");
    click(window, "Restore with it");
    press(window, "123456", true);
    press(window, "123456", true);
    save(window, dir, "16-restored");
    click(window, "Identities");
    click(window, "Savings");
    click(window, "Westend");
    click(window, "Export account");
    press(window, "123456", true);
    type_into(window, "File password", "export-password");
    type_into(window, "Repeat file password", "export-password");
    // A path like the default (the Downloads folder), not this machine's.
    type_into(window, "Export file path", "/home/me/Downloads/5DVJWniDyUja5xnG4t5i3Rrd2Gguf1fzxPYfgZBbKcvFqk4N.json");
    save(window, dir, "17-export");
    type_into(window, "Repeat file password", "export-pass");
    click(window, "Save backup file");
    save(window, dir, "17a-export-mismatch");
    type_into(window, "File password", "export-password");
    type_into(window, "Repeat file password", "export-password");
    type_into(window, "Export file path", &files.join("westend-root.json").display().to_string());
    click(window, "Save backup file");
    save(window, dir, "18-exported");
    click(window, "Back");
    save(window, dir, "19-home-exported");
}

/// The `bk-alice` case of the polkadot-js vectors as a file, and its password.
fn alice_backup(dir: &Path) -> (PathBuf, String) {
    let vectors =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/polkadot-js/json_backups.json"));
    let vectors: serde_json::Value = serde_json::from_str(&vectors.unwrap()).unwrap();
    let case = vectors["cases"].as_array().unwrap().iter().find(|case| case["id"] == "bk-alice").unwrap();
    let path = dir.join("alice.json");
    std::fs::write(&path, case["json"].to_string()).unwrap();
    (path, case["password"].as_str().unwrap().to_owned())
}

/// The phrase `uri_tail` (path, then any `///password`) applies to, as an address with `prefix`.
fn address(phrase: &str, uri_tail: &str, scheme: Scheme, prefix: u32) -> String {
    inspect(&format!("{phrase}{uri_tail}"), scheme, Ss58Prefix::new(prefix).unwrap()).unwrap().address
}

/// "Can't find your account?" on "Savings" (a miss, a search under way, a hit added), then
/// on the recover screen of another phrase.
fn find_address(window: &AppWindow, dir: &Path) {
    click(window, "Can't find your account?");
    type_into(window, "Expected address", &address(DEV, "//polkadot//200", Scheme::Sr25519, 0));
    save(window, dir, "20-find-address");
    click(window, "Search");
    press(window, "123456", true);
    save(window, dir, "21-find-missed");
    type_into(window, "Expected address", &address(DEV, "//polkadot/3", Scheme::Sr25519, 0));
    click_only(window, "Search");
    // Mid-search, as the progress timer shows it (the search itself waits until run below).
    let form = window.global::<ui::FindAccount>();
    form.set_progress("Searched 4,216 of 11,612…".into());
    form.set_fraction(4_216.0 / 11_612.0);
    save(window, dir, "22-find-searching");
    ui::run_deferred();
    save(window, dir, "23-find-found");
    click(window, "Add this account");
    save(window, dir, "24-find-added");

    // A BIP39 test vector's phrase: valid, and not one of the identities above.
    let phrase = "legal winner thank year wave sausage worth useful legal winner thank yellow";
    click(window, "Identities");
    click(window, "+ Add Identity");
    type_into(window, "Identity name", "Old wallet");
    click(window, "Recover existing identity");
    type_into(window, "Seed phrase", phrase);
    click(window, "Can't find your account?");
    type_into(window, "Expected address", &address(phrase, "//polkadot//5", Scheme::Ed25519, 0));
    click(window, "Search");
    save(window, dir, "25-recover-find");
    click(window, "Continue with this account");
    press(window, "123456", true);
    press(window, "123456", true);
    click(window, "Polkadot");
    save(window, dir, "26-recovered-found");
}
