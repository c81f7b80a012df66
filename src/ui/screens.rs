//! Showing a screen: copying what the controllers hold into the Slint globals and setting
//! `Nav.screen`. Every adapter shows screens through here, so no adapter imports another.

use std::time::{Duration, Instant};

use slint::{ComponentHandle, ModelRc, SharedString, VecModel};

use super::state::Current;
use super::{images, AccountRow, AccountView, AddAccount, AppWindow, Export, FindAccount, IdentityHome};
use super::{FindPassword, PaperShares, PaperSplit, RepairPhrase, Restore, Screen, Unlock};
use super::{IdentityItem, IdentityList, Manage, Nav, NetworkItem, NetworkPicker, Onboarding, PinEntry};
use crate::app::account_card::AccountCard;
use crate::app::add_identity::{name_problem, Flow, NetworkFor};
use crate::app::identity_views as views;
use crate::app::navigation::{self, Screen as AppScreen};
use crate::app::onboarding::{first_account_detail, FirstAccount};
use crate::app::pin_job;
use crate::app::pin_setup::PinSetup;
use crate::app::repairing::RepairView;
use crate::app::unlock::{wait_message, Purpose};
use crate::db::{IdentityId, Store};

/// Shows `screen`, its title and whether Back goes anywhere.
pub(crate) fn go(window: &AppWindow, screen: Screen) {
    let nav = window.global::<Nav>();
    let at = from_slint(screen);
    nav.set_title(at.title().into());
    nav.set_can_go_back(navigation::can_go_back(at, nav.get_has_identity()));
    // Only a new screen takes the keys: the same screen again keeps the field in use.
    if nav.get_screen() != screen {
        nav.set_screen(screen);
        window.invoke_focus_screen();
    }
}

/// The screen on display, as the controllers name it.
pub(crate) fn current_screen(window: &AppWindow) -> AppScreen {
    from_slint(window.global::<Nav>().get_screen())
}

fn from_slint(screen: Screen) -> AppScreen {
    match screen {
        Screen::Start => AppScreen::Start,
        Screen::Identities => AppScreen::Identities,
        Screen::AddIdentity => AppScreen::AddIdentity,
        Screen::Create => AppScreen::Create,
        Screen::BackupCheck => AppScreen::BackupCheck,
        Screen::Recover => AppScreen::Recover,
        Screen::SetPin => AppScreen::SetPin,
        Screen::Network => AppScreen::Network,
        Screen::Account => AppScreen::Account,
        Screen::IdentityHome => AppScreen::IdentityHome,
        Screen::Unlock => AppScreen::Unlock,
        Screen::AddAccount => AppScreen::AddAccount,
        Screen::Manage => AppScreen::Manage,
        Screen::ShowPhrase => AppScreen::ShowPhrase,
        Screen::ConfirmDelete => AppScreen::ConfirmDelete,
        Screen::Restore => AppScreen::Restore,
        Screen::Export => AppScreen::Export,
        Screen::FindAccount => AppScreen::FindAccount,
        Screen::RepairPhrase => AppScreen::RepairPhrase,
        Screen::FindPassword => AppScreen::FindPassword,
        Screen::PaperRecover => AppScreen::PaperRecover,
        Screen::PaperSplit => AppScreen::PaperSplit,
        Screen::AccountList => AppScreen::AccountList,
    }
}

/// Drops every secret held for a screen and empties every field that showed or took one.
/// Called whenever the user leaves.
pub(crate) fn forget_secrets(window: &AppWindow, current: &Current) {
    current.abandon_jobs(window);
    *current.flow.borrow_mut() = Flow::default();
    current.home.borrow_mut().forget();
    clear_find(window, current);
    clear_repair(window, current);
    clear_password_search(window, current);
    clear_paper(window, current);
    clear_split(window, current);
    clear_phrase_fields(window);
    let empty = || ModelRc::<SharedString>::default();
    let onboarding = window.global::<Onboarding>();
    onboarding.set_new_words(empty());
    onboarding.set_choices(empty());
    onboarding.set_picked_words(empty());
    window.global::<Manage>().set_words(empty());
    window.global::<AddAccount>().set_password(SharedString::new());
    window.global::<Restore>().set_password(SharedString::new());
    clear_export_passwords(window);
}

/// Empties the recover screen: the typed phrase, its BIP39 password, the word chips and
/// the suggestions.
pub(crate) fn clear_phrase_fields(window: &AppWindow) {
    let onboarding = window.global::<Onboarding>();
    onboarding.set_phrase_text(SharedString::new());
    onboarding.set_bip39_password(SharedString::new());
    onboarding.set_words(ModelRc::default());
    onboarding.set_suggestions(ModelRc::default());
    onboarding.set_phrase_status(SharedString::new());
    onboarding.set_phrase_ok(false);
    onboarding.set_phrase_problem(false);
    onboarding.set_can_repair(false);
    onboarding.set_notice(SharedString::new());
}

/// Forgets the paper shares added and empties their form.
pub(crate) fn clear_paper(window: &AppWindow, current: &Current) {
    *current.paper.borrow_mut() = Default::default();
    let form = window.global::<PaperShares>();
    form.set_share(SharedString::new());
    form.set_status(SharedString::new());
    form.set_complete(false);
    form.set_passphrase(SharedString::new());
    form.set_problem(SharedString::new());
}

/// Forgets the passphrase drawn for a split and takes its words off the screen.
pub(crate) fn clear_split(window: &AppWindow, current: &Current) {
    *current.split.borrow_mut() = None;
    let form = window.global::<PaperSplit>();
    form.set_words(ModelRc::default());
    form.set_problem(SharedString::new());
}

/// Stops a password search under way, forgets what it found, and empties its form.
pub(crate) fn clear_password_search(window: &AppWindow, current: &Current) {
    current.password_search.borrow_mut().forget();
    current.password_timer.stop();
    let form = window.global::<FindPassword>();
    form.set_remembered(SharedString::new());
    form.set_pieces(SharedString::new());
    form.set_deep(false);
    form.set_estimated(false);
    form.set_estimate_text(SharedString::new());
    form.set_running(false);
    form.set_result(SharedString::new());
    form.set_detail(SharedString::new());
    form.set_found(false);
    form.set_found_password(SharedString::new());
    form.set_problem(SharedString::new());
}

/// Stops any search and forgets what was found (whose phrase too), and empties its form.
pub(crate) fn clear_find(window: &AppWindow, current: &Current) {
    current.find.borrow_mut().forget();
    current.find_timer.stop();
    let form = window.global::<FindAccount>();
    form.set_address(SharedString::new());
    form.set_can_search(true);
    form.set_searching(false);
    form.set_offer_repair(false);
    form.set_problem(SharedString::new());
    show_find_result(window, "", "", false);
}

/// Stops a repair under way and empties its screen (what it found is wiped).
pub(crate) fn clear_repair(window: &AppWindow, current: &Current) {
    let mut repairing = current.repair.borrow_mut();
    if let Some(running) = repairing.running.take() {
        running.cancel.store(true, std::sync::atomic::Ordering::Relaxed);
    }
    repairing.found = None;
    current.repair_timer.stop();
    let form = window.global::<RepairPhrase>();
    form.set_address(SharedString::new());
    form.set_running(false);
    form.set_problem(SharedString::new());
    show_repair_result(window, &RepairView::default());
}

pub(crate) fn show_repair_result(window: &AppWindow, view: &RepairView) {
    let form = window.global::<RepairPhrase>();
    form.set_result(view.headline.as_str().into());
    let changes: Vec<SharedString> = view.changes.iter().map(SharedString::from).collect();
    form.set_changes(ModelRc::new(VecModel::from(changes)));
    form.set_detail(view.detail.as_str().into());
    form.set_found(view.found);
}

pub(crate) fn show_find_result(window: &AppWindow, result: &str, detail: &str, found: bool) {
    let form = window.global::<FindAccount>();
    form.set_result(result.into());
    form.set_detail(detail.into());
    form.set_found(found);
}

/// Empties every password field of the export form.
pub(crate) fn clear_export_passwords(window: &AppWindow) {
    window.global::<Export>().set_account_password(SharedString::new());
    clear_file_passwords(window);
}

/// Empties the file's password and its repeat (the account's own password stays).
pub(crate) fn clear_file_passwords(window: &AppWindow) {
    let form = window.global::<Export>();
    form.set_password(SharedString::new());
    form.set_repeat(SharedString::new());
}

/// The first screen: the identity list, or the welcome when there is none.
pub(crate) fn show_start(window: &AppWindow, store: &Store, current: &Current) {
    current.set_identity(window, None);
    let has_identities = refresh_identities(window, store) > 0;
    go(window, if has_identities { Screen::Identities } else { Screen::Start });
}

/// Fills the identity switcher; returns how many identities it lists.
pub(crate) fn refresh_identities(window: &AppWindow, store: &Store) -> usize {
    window.global::<IdentityList>().set_notice(SharedString::new());
    let items: Vec<IdentityItem> = views::identity_list(store)
        .into_iter()
        .map(|row| IdentityItem { name: row.name.into(), detail: row.detail.into() })
        .collect();
    let count = items.len();
    window.global::<IdentityList>().set_identities(ModelRc::new(VecModel::from(items)));
    count
}

/// Shows `id`'s accounts, grouped by network.
pub(crate) fn show_home(window: &AppWindow, store: &Store, current: &Current, id: IdentityId) {
    let Some(home) = views::home(store, id) else { return };
    current.set_identity(window, Some(id));
    *current.rows.borrow_mut() = home.rows.iter().map(|row| row.account).collect();
    let rows: Vec<AccountRow> = home
        .rows
        .into_iter()
        .map(|row| AccountRow {
            header: row.header,
            title: row.title.into(),
            detail: row.detail.into(),
            exported: row.exported,
        })
        .collect();
    let view = window.global::<IdentityHome>();
    view.set_name(home.name.into());
    view.set_note(home.note.into());
    view.set_has_phrase(home.has_phrase);
    view.set_rows(ModelRc::new(VecModel::from(rows)));
    go(window, Screen::IdentityHome);
}

/// Manage identity, with `message` under its buttons and the identity's history.
pub(crate) fn show_manage(window: &AppWindow, store: &Store, current: &Current, message: &str) {
    let Some(id) = current.identity() else { return };
    let Some(manage) = views::manage(store, id) else { return };
    let history: Vec<SharedString> = manage.history.into_iter().map(SharedString::from).collect();
    let form = window.global::<Manage>();
    form.set_new_name(manage.name.as_str().into());
    form.set_message(message.into());
    form.set_history(ModelRc::new(VecModel::from(history)));
    form.set_has_phrase(manage.has_phrase);
    window.global::<IdentityHome>().set_name(manage.name.into());
    go(window, Screen::Manage);
}

pub(crate) fn show_account(window: &AppWindow, current: &Current, card: &AccountCard) {
    current.account.set(Some(card.key));
    current.set_identity(window, Some(card.key.identity));
    let view = window.global::<AccountView>();
    view.set_name(card.name.as_str().into());
    view.set_network(card.network.as_str().into());
    view.set_path(card.path.as_str().into());
    view.set_has_password(card.has_password);
    view.set_address(card.address.as_str().into());
    view.set_identicon(images::identicon(&card.account_id));
    view.set_qr(images::qr(&card.qr_payload));
    view.set_notice(SharedString::new());
    view.set_exported(card.exported);
    view.set_offer_backup(false);
    go(window, Screen::Account);
}

/// The PIN prompt for `purpose`, with any lockout wait shown and counted down.
pub(crate) fn ask_pin(window: &AppWindow, store: &Store, current: &Current, id: IdentityId, purpose: Purpose) {
    let prompt = pin_job::prompt(store, id, &purpose);
    let mut home = current.home.borrow_mut();
    home.purpose = purpose;
    home.pin = PinSetup::default();
    set_prompt(window, prompt.title, "");
    window.global::<Unlock>().set_hint(prompt.hint.into());
    count_down(window, &home, prompt.wait);
    go(window, Screen::Unlock);
}

/// Shows a lockout wait on the PIN prompt and counts it down to nothing, once a second.
pub(crate) fn count_down(window: &AppWindow, home: &super::state::Home, wait: Duration) {
    window.global::<Unlock>().set_wait(wait_message(wait).into());
    home.countdown.stop();
    if wait.is_zero() {
        return;
    }
    let until = Instant::now() + wait;
    let weak = window.as_weak();
    home.countdown.start(slint::TimerMode::Repeated, Duration::from_millis(250), move || {
        if let Some(window) = weak.upgrade() {
            let left = until.saturating_duration_since(Instant::now());
            window.global::<Unlock>().set_wait(wait_message(left).into());
        }
    });
}

pub(crate) fn set_prompt(window: &AppWindow, title: &str, error: &str) {
    let unlock = window.global::<Unlock>();
    unlock.set_title(title.into());
    unlock.set_error(error.into());
    unlock.set_digits(0);
}

/// The phrase is settled: on to setting the PIN.
pub(crate) fn go_to_pin(window: &AppWindow, flow: &mut Flow) {
    flow.pin_setup = PinSetup::default();
    show_pin(window, &flow.pin_setup, "");
    go(window, Screen::SetPin);
}

pub(crate) fn show_pin(window: &AppWindow, setup: &PinSetup, error: &str) {
    let entry = window.global::<PinEntry>();
    entry.set_digits(setup.digits() as i32);
    entry.set_error(error.into());
    let title = if setup.is_confirming() { "Confirm your PIN" } else { "Set a PIN" };
    entry.set_title(title.into());
}

/// The network picker, open for `network_for`; `hint` says why it asks.
pub(crate) fn ask_network(window: &AppWindow, store: &Store, flow: &mut Flow, network_for: NetworkFor, hint: &str) {
    let items: Vec<NetworkItem> = flow
        .open_networks(store, network_for)
        .iter()
        .map(|network| {
            let [detail, root_detail, ledger_detail] =
                [FirstAccount::NetworkPath, FirstAccount::Root, FirstAccount::Ledger]
                    .map(|first| first_account_detail(network, first).into());
            NetworkItem {
                name: network.name.as_str().into(),
                detail,
                root_detail,
                ledger_detail,
                colour: parse_colour(&network.colour),
            }
        })
        .collect();
    let picker = window.global::<NetworkPicker>();
    picker.set_networks(ModelRc::new(VecModel::from(items)));
    picker.set_error(SharedString::new());
    picker.set_derivation_choice(network_for == NetworkFor::NewIdentity);
    picker.set_ledger_choice(!flow.created);
    if flow.created {
        // A tick left from a recovery the user backed out of: a new phrase is no Ledger's.
        picker.set_from_ledger(false);
    }
    picker.set_hint(hint.into());
    go(window, Screen::Network);
}

/// Checks the typed identity name (not empty, not taken) and says why not.
pub(crate) fn name_is_free(window: &AppWindow, store: &Store) -> bool {
    let onboarding = window.global::<Onboarding>();
    let problem = name_problem(store, &onboarding.get_identity_name());
    onboarding.set_name_error(problem.as_deref().unwrap_or_default().into());
    problem.is_none()
}

/// The recovery phrase's words on screen; the secret itself is dropped by the caller.
pub(crate) fn show_phrase_words(window: &AppWindow, phrase: &crate::keys::Phrase, has_password: bool) {
    let words: Vec<SharedString> = phrase.expose_words().map(SharedString::from).collect();
    window.global::<Manage>().set_words(ModelRc::new(VecModel::from(words)));
    window.global::<Manage>().set_has_bip39_password(has_password);
    go(window, Screen::ShowPhrase);
}

/// `#rrggbb` to a colour; grey if it is not one.
fn parse_colour(text: &str) -> slint::Color {
    let hex = text.trim_start_matches('#');
    match u32::from_str_radix(hex, 16) {
        Ok(rgb) if hex.len() == 6 => slint::Color::from_rgb_u8((rgb >> 16) as u8, (rgb >> 8) as u8, rgb as u8),
        _ => slint::Color::from_rgb_u8(0x8e, 0x8e, 0x93),
    }
}
