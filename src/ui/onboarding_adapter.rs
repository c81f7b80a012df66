//! Identities, "+ Add Identity", recovering a phrase, setting the PIN, picking the network
//! and showing the new account: the globals `Nav`, `IdentityList`, `Onboarding`,
//! `PinEntry`, `NetworkPicker` and `AccountView`.

use std::rc::Rc;
use std::sync::Arc;

use slint::{ComponentHandle, ModelRc, SharedString, VecModel};

use super::find_adapter::{add_to_new_identity, phrase_root};
use super::{images, AccountView, AppWindow, IdentityItem, IdentityList, Nav, NetworkItem, NetworkPicker};
use super::{Onboarding, PinEntry, Screen, WordChip, Work};
use crate::app::account_card::AccountCard;
use crate::app::backup_check::BackupCheck;
use crate::app::onboarding::{add_phrase_identity, FirstAccount, PhraseIdentity};
use crate::app::phrase_entry::PhraseEntry;
use crate::app::pin_setup::{PinSetup, PinStep};
use crate::db::{Network, Pin, Store};
use crate::keys::{Password, Phrase, PhraseError};

/// What the add-identity flow has collected so far.
#[derive(Default)]
pub(crate) struct Flow {
    pub phrase: Option<Phrase>,
    /// A new phrase (create) rather than a recovered one.
    pub created: bool,
    pub backup: Option<BackupCheck>,
    pub password: Password,
    pub pin_setup: PinSetup,
    pub pin: Option<Pin>,
    pub networks: Vec<Network>,
    /// "Restore from backup JSON file": the PIN and network screens serve it instead.
    pub restoring: Option<super::restoring::Restoring>,
    /// What the network picker is open for.
    pub network_for: NetworkFor,
}

/// What the network picker is open for.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NetworkFor {
    /// The new identity's first account (with the derivation choice).
    #[default]
    NewIdentity,
    /// A backup whose file names no known network.
    Restore,
    /// An address "Can't find your account?" found, whose prefix names no network.
    Found,
}

pub fn connect(window: &AppWindow, store: Arc<Store>, work: Work, current: Rc<super::Current>) {
    let flow = current.flow.clone();
    show_start(window, &store);

    let weak = window.as_weak();
    let nav_store = store.clone();
    let nav_current = current.clone();
    window.global::<Nav>().on_open_identities(move || {
        let window = weak.unwrap();
        nav_current.forget_secrets(&window);
        refresh_identities(&window, &nav_store);
        window.global::<Nav>().set_screen(Screen::Identities);
    });

    // Back always drops what the screen held: a secret never waits behind another screen.
    let weak = window.as_weak();
    let back_store = store.clone();
    let back_current = current.clone();
    window.global::<Nav>().on_back(move || {
        let window = weak.unwrap();
        let nav = window.global::<Nav>();
        let screen = nav.get_screen();
        // "Can't find your account?" from the recover screen: back to the phrase, which stays.
        if screen == Screen::FindAccount && back_current.find.borrow().is_for_phrase() {
            super::find_adapter::reset(&window, &back_current);
            return nav.set_screen(Screen::Recover);
        }
        let picking_found = screen == Screen::Network && back_current.flow.borrow().network_for == NetworkFor::Found;
        let secret_screen = matches!(screen, Screen::Unlock | Screen::Export);
        let to_manage = secret_screen && back_current.home.borrow().purpose.is_manage();
        let to_account = secret_screen.then(|| back_current.home.borrow().purpose.exported_account()).flatten();
        let restoring = back_current.flow.borrow().restoring.is_some();
        back_current.forget_secrets(&window);
        if let Some(Ok(Some(card))) = to_account.map(|key| AccountCard::load(&back_store, key)) {
            return show_account(&window, &back_current, &card);
        }
        let home = back_current.identity.get();
        match (screen, home) {
            (Screen::ShowPhrase | Screen::ConfirmDelete, Some(_)) => {
                super::home_adapter::show_manage(&window, &back_store, &back_current, "")
            }
            (Screen::Unlock | Screen::Export, Some(_)) if to_manage => {
                super::home_adapter::show_manage(&window, &back_store, &back_current, "")
            }
            (
                Screen::Account
                | Screen::Unlock
                | Screen::AddAccount
                | Screen::Manage
                | Screen::Identities
                | Screen::Export
                | Screen::FindAccount,
                Some(id),
            ) => super::home_adapter::show_home(&window, &back_store, &back_current, id),
            (Screen::Network, Some(id)) if picking_found => {
                super::home_adapter::show_home(&window, &back_store, &back_current, id)
            }
            // Restoring: the PIN typed so far is gone; the file is read again.
            (Screen::SetPin | Screen::Network, _) if restoring => {
                nav.set_screen(Screen::Restore);
                super::restore_adapter::open(&window, &back_store, &back_current, work);
            }
            // Inside "+ Add Identity" the phrase is gone now: start again from the name.
            (
                Screen::Recover
                | Screen::Create
                | Screen::BackupCheck
                | Screen::SetPin
                | Screen::Network
                | Screen::Restore,
                _,
            ) => nav.set_screen(Screen::AddIdentity),
            _ => show_start(&window, &back_store),
        }
    });

    super::create_adapter::connect(window, flow.clone(), store.clone());

    let weak = window.as_weak();
    let add_current = current.clone();
    window.global::<IdentityList>().on_add_identity(move || {
        let window = weak.unwrap();
        add_current.forget_secrets(&window);
        window.global::<NetworkPicker>().set_no_derivation(false);
        let onboarding = window.global::<Onboarding>();
        onboarding.set_twenty_four_words(false);
        onboarding.set_identity_name(SharedString::new());
        onboarding.set_name_error(SharedString::new());
        window.global::<Nav>().set_screen(Screen::AddIdentity);
    });

    let weak = window.as_weak();
    let name_store = store.clone();
    window.global::<Onboarding>().on_recover(move || {
        let window = weak.unwrap();
        if name_is_free(&window, &name_store) {
            window.global::<Nav>().set_screen(Screen::Recover);
        }
    });

    let weak = window.as_weak();
    window.global::<Onboarding>().on_phrase_edited(move |text| {
        show_phrase(&weak.unwrap(), &PhraseEntry::analyse(&text));
    });

    let weak = window.as_weak();
    window.global::<Onboarding>().on_suggestion_picked(move |word| {
        let window = weak.unwrap();
        let onboarding = window.global::<Onboarding>();
        let text = onboarding.get_phrase_text();
        let kept = text.trim_end().rsplit_once(' ').map(|(head, _)| format!("{head} ")).unwrap_or_default();
        let completed = format!("{kept}{word} ");
        onboarding.set_phrase_text(completed.as_str().into());
        show_phrase(&window, &PhraseEntry::analyse(&completed));
    });

    let weak = window.as_weak();
    let next_flow = flow.clone();
    let next_store = store.clone();
    let next_current = current.clone();
    window.global::<Onboarding>().on_phrase_next(move || {
        let window = weak.unwrap();
        let onboarding = window.global::<Onboarding>();
        let entry = PhraseEntry::analyse(&onboarding.get_phrase_text());
        let phrase = match Phrase::parse(&entry.tidy_text()) {
            Ok(phrase) => phrase,
            Err(error) => return onboarding.set_phrase_status(phrase_sentence(&error).into()),
        };
        let password = Password::new(onboarding.get_bip39_password().as_str());
        let root = phrase_root(&phrase, &password);
        next_current.find.borrow_mut().keep_only_for_phrase(root.as_ref());
        if let Some(Ok(Some(existing))) = root.map(|root| next_store.identity_by_root(&root)) {
            let message = format!("This phrase is already the identity \"{}\".", existing.name);
            return onboarding.set_phrase_status(message.as_str().into());
        }
        // The phrase now lives in the flow (zeroized on drop), not in the text field.
        super::clear_phrase_fields(&window);
        let mut flow = next_flow.borrow_mut();
        flow.phrase = Some(phrase);
        flow.created = false;
        flow.password = password;
        go_to_pin(&window, &mut flow);
    });

    let weak = window.as_weak();
    let digit_flow = flow.clone();
    window.global::<PinEntry>().on_digit(move |digit| {
        let mut flow = digit_flow.borrow_mut();
        digit.chars().for_each(|d| flow.pin_setup.digit(d));
        show_pin(&weak.unwrap(), &flow.pin_setup, "");
    });

    let weak = window.as_weak();
    let erase_flow = flow.clone();
    window.global::<PinEntry>().on_erase(move || {
        let mut flow = erase_flow.borrow_mut();
        flow.pin_setup.erase();
        show_pin(&weak.unwrap(), &flow.pin_setup, "");
    });

    let weak = window.as_weak();
    let submit_flow = flow.clone();
    let (submit_store, submit_current) = (store.clone(), current.clone());
    window.global::<PinEntry>().on_submit(move || {
        let window = weak.unwrap();
        if super::is_busy(&window) {
            return;
        }
        let mut flow = submit_flow.borrow_mut();
        let step = flow.pin_setup.submit();
        let error = match step {
            PinStep::Confirm => "",
            PinStep::Invalid(error) => &sentence(&error.to_string()),
            PinStep::Mismatch => "PINs don't match. Set your PIN again.",
            PinStep::Done(pin) if flow.restoring.is_some() => {
                flow.restoring.as_mut().expect("checked").pin = Some(pin);
                drop(flow);
                return super::restore_adapter::run(&window, &submit_store, work, &submit_current);
            }
            PinStep::Done(pin) => {
                flow.pin = Some(pin);
                let hint = "Your first account is made on it. You can add more later.";
                ask_network(&window, &submit_store, &mut flow, NetworkFor::NewIdentity, hint);
                ""
            }
        };
        show_pin(&window, &flow.pin_setup, error);
    });

    let weak = window.as_weak();
    let pick_flow = flow.clone();
    window.global::<NetworkPicker>().on_pick(move |index| {
        let window = weak.unwrap();
        if super::is_busy(&window) {
            return;
        }
        let mut flow = pick_flow.borrow_mut();
        let picked = flow.networks.get(index as usize).cloned();
        match flow.network_for {
            NetworkFor::Restore => {
                let Some(restoring) = flow.restoring.as_mut() else { return };
                restoring.network = picked.map(|network| network.genesis_hash);
                drop(flow);
                return super::restore_adapter::run(&window, &store, work, &current);
            }
            NetworkFor::Found => {
                drop(flow);
                return super::find_adapter::picked(&window, &store, &current, picked);
            }
            NetworkFor::NewIdentity => {}
        }
        let (Some(network), Some(phrase), Some(pin)) =
            (flow.networks.get(index as usize).cloned(), flow.phrase.take(), flow.pin.take())
        else {
            return;
        };
        let password = std::mem::take(&mut flow.password);
        drop(flow);
        // What "Can't find your account?" found in this phrase joins the new identity.
        let hit = current.find.borrow_mut().take_phrase_hit();
        let name = window.global::<Onboarding>().get_identity_name().trim().to_owned();
        let first_account = match window.global::<NetworkPicker>().get_no_derivation() {
            true => FirstAccount::Root,
            false => FirstAccount::NetworkPath,
        };
        let (job_store, done_current) = (store.clone(), current.clone());
        super::busy_run(
            &window,
            &current,
            work,
            "Sealing your identity…",
            move || {
                let store = job_store;
                let new = PhraseIdentity {
                    name: &name,
                    phrase: &phrase,
                    password: &password,
                    network: network.genesis_hash,
                    first_account,
                };
                let result =
                    add_phrase_identity(&store, new, &pin).map_err(|error| error.to_string()).and_then(|(id, key)| {
                        let (key, notice) = match &hit {
                            Some(hit) => add_to_new_identity(&store, id, key, (&phrase, &password), &network, hit),
                            None => (key, None),
                        };
                        match AccountCard::load(&store, key) {
                            Ok(Some(card)) => Ok((id, card, notice)),
                            Ok(None) => Err("the new account could not be read back".to_owned()),
                            Err(error) => Err(error.to_string()),
                        }
                    });
                // The secrets come back with the result, so a failure can be retried.
                (result, phrase, password, pin, hit)
            },
            move |window, (result, phrase, password, pin, hit)| {
                let current = done_current;
                match result {
                    Ok((id, card, notice)) => {
                        current.identity.set(Some(id));
                        show_account(window, &current, &card);
                        window.global::<AccountView>().set_offer_backup(true);
                        if let Some(notice) = notice {
                            window.global::<AccountView>().set_notice(notice.into());
                        }
                    }
                    Err(message) => {
                        let mut flow = current.flow.borrow_mut();
                        (flow.phrase, flow.password, flow.pin) = (Some(phrase), password, Some(pin));
                        current.find.borrow_mut().hit = hit;
                        window.global::<NetworkPicker>().set_error(sentence(&message).into());
                    }
                }
            },
        );
    });

    let weak = window.as_weak();
    window.global::<AccountView>().on_copy_address(move || {
        weak.unwrap().global::<AccountView>().set_notice("Address copied".into());
    });
}

/// Checks the typed identity name (not empty, not taken) and says why not.
pub(super) fn name_is_free(window: &AppWindow, store: &Store) -> bool {
    let onboarding = window.global::<Onboarding>();
    let name = onboarding.get_identity_name().trim().to_owned();
    let error = if name.is_empty() {
        "Give the identity a name.".to_owned()
    } else if let Ok(Some(existing)) = store.identity_by_name(&name) {
        format!("There is already an identity named \"{}\".", existing.name)
    } else {
        String::new()
    };
    onboarding.set_name_error(error.as_str().into());
    error.is_empty()
}

/// The phrase is settled: on to setting the PIN.
pub(super) fn go_to_pin(window: &AppWindow, flow: &mut Flow) {
    flow.pin_setup = PinSetup::default();
    show_pin(window, &flow.pin_setup, "");
    window.global::<Nav>().set_screen(Screen::SetPin);
}

pub(super) fn show_start(window: &AppWindow, store: &Store) {
    let has_identities = refresh_identities(window, store) > 0;
    window.global::<Nav>().set_screen(if has_identities { Screen::Identities } else { Screen::Start });
}

/// Fills the identity switcher; returns how many identities it lists.
pub(super) fn refresh_identities(window: &AppWindow, store: &Store) -> usize {
    window.global::<IdentityList>().set_notice(SharedString::new());
    let items: Vec<IdentityItem> = store
        .identities()
        .unwrap_or_default()
        .into_iter()
        .map(|identity| {
            let accounts = store.accounts(identity.id, None).map(|a| a.len()).unwrap_or(0);
            let detail = if accounts == 1 { "1 account".to_owned() } else { format!("{accounts} accounts") };
            IdentityItem { name: identity.name.into(), detail: detail.into() }
        })
        .collect();
    let count = items.len();
    window.global::<IdentityList>().set_identities(ModelRc::new(VecModel::from(items)));
    count
}

fn show_phrase(window: &AppWindow, entry: &PhraseEntry) {
    let onboarding = window.global::<Onboarding>();
    let chips: Vec<WordChip> =
        entry.words.iter().map(|w| WordChip { word: w.word.as_str().into(), known: w.known }).collect();
    onboarding.set_words(ModelRc::new(VecModel::from(chips)));
    let suggestions: Vec<SharedString> = entry.suggestions.iter().map(|s| SharedString::from(*s)).collect();
    onboarding.set_suggestions(ModelRc::new(VecModel::from(suggestions)));
    onboarding.set_phrase_ok(entry.verdict.is_ok());
    let status = match &entry.verdict {
        Ok(()) => format!("{} words, checksum correct.", entry.words.len()),
        Err(_) if entry.words.is_empty() => String::new(),
        Err(error) => phrase_sentence(error),
    };
    onboarding.set_phrase_status(status.as_str().into());
    let notice = if entry.tidied { "Extra spaces and capital letters were tidied." } else { "" };
    onboarding.set_notice(notice.into());
}

fn phrase_sentence(error: &PhraseError) -> String {
    match error {
        PhraseError::UnknownWord { position, word } => {
            format!("Word {position}, \"{word}\", is not a seed phrase word. Check its spelling.")
        }
        PhraseError::WordCount { found } => format!("{found} words so far: a seed phrase has 12, 15, 18, 21 or 24."),
        PhraseError::BadChecksum => {
            "Every word is valid, but they do not form a seed phrase: a word is wrong or out of order.".to_owned()
        }
        other => sentence(&other.to_string()),
    }
}

fn show_pin(window: &AppWindow, setup: &PinSetup, error: &str) {
    let entry = window.global::<PinEntry>();
    entry.set_digits(setup.digits() as i32);
    entry.set_error(error.into());
    let title = if setup.is_confirming() { "Confirm your PIN" } else { "Set a PIN" };
    entry.set_title(title.into());
}

/// The network picker, open for `network_for`; `hint` says why it asks.
pub(super) fn ask_network(window: &AppWindow, store: &Store, flow: &mut Flow, network_for: NetworkFor, hint: &str) {
    flow.network_for = network_for;
    flow.networks = store.networks().unwrap_or_default();
    show_networks(window, &flow.networks);
    let picker = window.global::<NetworkPicker>();
    picker.set_derivation_choice(network_for == NetworkFor::NewIdentity);
    picker.set_hint(hint.into());
    window.global::<Nav>().set_screen(Screen::Network);
}

fn show_networks(window: &AppWindow, networks: &[Network]) {
    let items: Vec<NetworkItem> = networks
        .iter()
        .map(|network| NetworkItem {
            name: network.name.as_str().into(),
            detail: format!("//{} · prefix {}", network.path_id, network.ss58_prefix).into(),
            colour: parse_colour(&network.colour),
        })
        .collect();
    let picker = window.global::<NetworkPicker>();
    picker.set_networks(ModelRc::new(VecModel::from(items)));
    picker.set_error(SharedString::new());
}

pub(super) fn show_account(window: &AppWindow, current: &super::Current, card: &AccountCard) {
    current.account.set(Some(card.key));
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
    window.global::<Nav>().set_screen(Screen::Account);
}

/// `#rrggbb` to a colour; grey if it is not one.
fn parse_colour(text: &str) -> slint::Color {
    let hex = text.trim_start_matches('#');
    match u32::from_str_radix(hex, 16) {
        Ok(rgb) if hex.len() == 6 => slint::Color::from_rgb_u8((rgb >> 16) as u8, (rgb >> 8) as u8, rgb as u8),
        _ => slint::Color::from_rgb_u8(0x8e, 0x8e, 0x93),
    }
}

/// A message as a sentence: capital first letter, full stop.
pub(super) fn sentence(message: &str) -> String {
    let mut chars = message.chars();
    let mut text = chars.next().map(|c| c.to_uppercase().collect::<String>()).unwrap_or_default() + chars.as_str();
    if !text.ends_with('.') {
        text.push('.');
    }
    text
}
