//! An identity's home (its accounts by network), unlocking it with its PIN, and adding an
//! account with a live address preview: the globals `IdentityList.select`, `IdentityHome`,
//! `Unlock` and `AddAccount`.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;
use std::time::{Duration, Instant};

use slint::{ComponentHandle, ModelRc, SharedString, VecModel};

use super::export_adapter::{ExportTarget, Then as ExportThen};
use super::find_adapter::Then as FindThen;
use super::onboarding_adapter::{sentence, show_account};
use super::{
    AccountRow, AddAccount, AppWindow, Current, IdentityHome, IdentityList, Manage, Nav, Screen, Unlock, Work,
};
use crate::app::account_card::AccountCard;
use crate::app::accounts;
use crate::app::pin_setup::{PinSetup, PinStep};
use crate::app::session::Unlocked;
use crate::db::{AccountKey, EventKind, IdentityId, IdentityKind, IdentitySecret, Network, Pin, Store, UnlockError};
use crate::keys::ss58;

/// What the PIN prompt is for.
#[derive(Default)]
pub(super) enum Purpose {
    #[default]
    AddAccount,
    ShowPhrase,
    Delete,
    /// Changing the PIN: first the current one, then the new one twice.
    ChangePinCurrent,
    ChangePinNew(Pin),
    /// A JSON backup: the PIN, then the export form (or saving the form already filled).
    Export(ExportTarget, ExportThen),
    /// "Can't find your account?": the PIN, then the search (or adding what it found).
    FindAccount(FindThen),
}

impl Purpose {
    /// Prompts opened from Manage identity (Back returns there).
    pub(super) fn is_manage(&self) -> bool {
        matches!(
            self,
            Purpose::ShowPhrase
                | Purpose::Delete
                | Purpose::ChangePinCurrent
                | Purpose::ChangePinNew(_)
                | Purpose::Export(ExportTarget::All(_), _)
        )
    }

    /// The account being exported, opened from its screen (Back returns there).
    pub(super) fn exported_account(&self) -> Option<AccountKey> {
        match self {
            Purpose::Export(ExportTarget::Account(key), _) => Some(*key),
            _ => None,
        }
    }
}

/// The unlock prompt and the unlocked identity, if any.
#[derive(Default)]
pub(crate) struct Home {
    pin: PinSetup,
    pub(super) purpose: Purpose,
    pub(super) unlocked: Option<Unlocked>,
    networks: Vec<Network>,
    /// The path the form filled in for the chosen network, replaced when the network changes
    /// unless the user has typed their own.
    default_path: String,
    idle_timer: slint::Timer,
}

impl Home {
    /// Identity `id`, if it is the one unlocked and has not locked itself; a stale unlocked
    /// identity (another one, or idle too long) is dropped.
    pub(super) fn open_for(&mut self, id: IdentityId) -> Option<&mut Unlocked> {
        if !self.unlocked.as_ref().is_some_and(|u| u.is_open_for(id, Instant::now())) {
            self.unlocked = None;
        }
        self.unlocked.as_mut()
    }
}

/// Drops the unlocked identity, the typed PIN and a PIN kept for "Change PIN" (all wiped on drop).
pub(super) fn forget(home: &mut Home) {
    home.unlocked = None;
    home.pin = PinSetup::default();
    home.purpose = Purpose::default();
}

pub(super) const LOCKED_ITSELF: &str =
    "The identity locked itself (idle, or the window was hidden). Go back and unlock it again.";

pub fn connect(window: &AppWindow, store: Arc<Store>, work: Work, current: Rc<Current>) {
    let home = current.home.clone();

    let weak = window.as_weak();
    let (select_store, select_current) = (store.clone(), current.clone());
    window.global::<IdentityList>().on_select(move |index| {
        if let Some(id) = identity_at(&select_store, index) {
            show_home(&weak.unwrap(), &select_store, &select_current, id);
        }
    });

    let weak = window.as_weak();
    let (open_store, open_current) = (store.clone(), current.clone());
    window.global::<IdentityHome>().on_open_account(move |row| {
        let key = open_current.rows.borrow().get(row as usize).copied().flatten();
        if let Some(Ok(Some(card))) = key.map(|key| AccountCard::load(&open_store, key)) {
            show_account(&weak.unwrap(), &open_current, &card);
        }
    });

    let weak = window.as_weak();
    let (add_store, add_current, add_home) = (store.clone(), current.clone(), home.clone());
    window.global::<IdentityHome>().on_add_account(move || {
        let window = weak.unwrap();
        let Some(id) = add_current.identity.get() else { return };
        let mut home = add_home.borrow_mut();
        home.networks = add_store.networks().unwrap_or_default();
        if home.open_for(id).is_some() {
            show_add_account(&window, &mut home);
        } else {
            ask_pin(&window, &add_store, &mut home, id, Purpose::AddAccount);
        }
    });

    let weak = window.as_weak();
    let digit_home = home.clone();
    window.global::<Unlock>().on_digit(move |digit| {
        let mut home = digit_home.borrow_mut();
        digit.chars().for_each(|d| home.pin.digit(d));
        weak.unwrap().global::<Unlock>().set_digits(home.pin.digits() as i32);
    });

    let weak = window.as_weak();
    let erase_home = home.clone();
    window.global::<Unlock>().on_erase(move || {
        let mut home = erase_home.borrow_mut();
        home.pin.erase();
        weak.unwrap().global::<Unlock>().set_digits(home.pin.digits() as i32);
    });

    let weak = window.as_weak();
    let (submit_store, submit_current, submit_home) = (store.clone(), current.clone(), home.clone());
    window.global::<Unlock>().on_submit(move || {
        let window = weak.unwrap();
        let Some(id) = submit_current.identity.get() else { return };
        if super::is_busy(&window) {
            return;
        }
        window.global::<Unlock>().set_digits(0);
        let mut state = submit_home.borrow_mut();
        if let Purpose::ChangePinNew(current_pin) = &state.purpose {
            let current_pin = current_pin.clone();
            match state.pin.submit() {
                PinStep::Confirm => set_prompt(&window, "Confirm the new PIN", ""),
                PinStep::Invalid(error) => set_prompt(&window, "New PIN", &sentence(&error.to_string())),
                PinStep::Mismatch => set_prompt(&window, "New PIN", "PINs don't match. Set your new PIN again."),
                PinStep::Done(new_pin) => {
                    drop(state);
                    let (store, done_store) = (submit_store.clone(), submit_store.clone());
                    let (home, current) = (submit_home.clone(), submit_current.clone());
                    super::busy_run(
                        &window,
                        &submit_current,
                        work,
                        "Sealing with the new PIN…",
                        move || store.change_pin(id, &current_pin, &new_pin),
                        move |window, result| match result {
                            Ok(()) => {
                                forget(&mut home.borrow_mut());
                                show_manage(window, &done_store, &current, "PIN changed.");
                            }
                            Err(error) => {
                                home.borrow_mut().purpose = Purpose::ChangePinCurrent;
                                set_prompt(window, "Enter your current PIN", &unlock_message(&error));
                            }
                        },
                    );
                }
            }
            return;
        }
        let pin = match state.pin.take_pin() {
            Ok(pin) => pin,
            Err(error) => return window.global::<Unlock>().set_error(sentence(&error.to_string()).into()),
        };
        if let Purpose::ChangePinCurrent = state.purpose {
            state.purpose = Purpose::ChangePinNew(pin);
            state.pin = PinSetup::default();
            return set_prompt(&window, "New PIN", "");
        }
        let delete = matches!(state.purpose, Purpose::Delete);
        drop(state);
        let (store, done_store) = (submit_store.clone(), submit_store.clone());
        let (home, current) = (submit_home.clone(), submit_current.clone());
        if delete {
            return super::busy_run(
                &window,
                &submit_current,
                work,
                "Deleting…",
                move || store.delete_identity(id, &pin),
                move |window, result| match result {
                    Ok(()) => {
                        current.identity.set(None);
                        super::onboarding_adapter::show_start(window, &done_store);
                    }
                    Err(error) => window.global::<Unlock>().set_error(unlock_message(&error).into()),
                },
            );
        }
        super::busy_run(
            &window,
            &submit_current,
            work,
            "Unlocking…",
            move || store.unlock(id, &pin),
            move |window, result| {
                let secret = match result {
                    Ok(secret) => secret,
                    Err(error) => return window.global::<Unlock>().set_error(unlock_message(&error).into()),
                };
                let mut home = home.borrow_mut();
                match home.purpose {
                    Purpose::ShowPhrase => {
                        if let IdentitySecret::Phrase { phrase, .. } = &secret {
                            let _ = done_store.record_event(EventKind::PhraseShown, Some(id), "");
                            show_phrase(window, phrase);
                        } else {
                            let message = "This identity holds one key restored from a backup file: it has no recovery phrase to show.";
                            show_manage(window, &done_store, &current, message);
                        }
                        forget(&mut home);
                    }
                    Purpose::Export(target, then) => {
                        home.unlocked = Some(Unlocked::new(id, secret, Instant::now()));
                        drop(home);
                        super::export_adapter::unlocked(window, &done_store, work, &current, target, then);
                    }
                    Purpose::FindAccount(then) => {
                        home.unlocked = Some(Unlocked::new(id, secret, Instant::now()));
                        drop(home);
                        super::find_adapter::unlocked(window, &done_store, work, &current, then);
                    }
                    Purpose::AddAccount => {
                        home.unlocked = Some(Unlocked::new(id, secret, Instant::now()));
                        show_add_account(window, &mut home);
                    }
                    // Handled before the unlock.
                    Purpose::Delete | Purpose::ChangePinCurrent | Purpose::ChangePinNew(_) => {}
                }
            },
        );
    });

    let weak = window.as_weak();
    let edit_home = home.clone();
    window.global::<AddAccount>().on_edited(move || {
        let window = weak.unwrap();
        refresh_preview(&window, &mut edit_home.borrow_mut());
    });

    connect_manage(window, store.clone(), current.clone(), home.clone());

    let weak = window.as_weak();
    let idle_home = home.clone();
    let (timer_current, timer_store) = (current.clone(), store.clone());
    window.global::<AddAccount>().on_add(move || {
        let window = weak.unwrap();
        let Some(id) = current.identity.get() else { return };
        let form = window.global::<AddAccount>();
        let mut home = home.borrow_mut();
        let Some(network) = home.networks.get(form.get_network_index() as usize).cloned() else { return };
        let Some(unlocked) = home.open_for(id) else {
            return form.set_problem(LOCKED_ITSELF.into());
        };
        let secret = unlocked.secret(Instant::now());
        let added =
            accounts::add(&store, id, secret, &network, &form.get_path(), &form.get_password(), &form.get_name());
        match added {
            Ok(key) => {
                // Done with the secret: lock again.
                home.unlocked = None;
                drop(home);
                if let Ok(Some(card)) = AccountCard::load(&store, key) {
                    show_account(&window, &current, &card);
                }
            }
            Err(error) => form.set_problem(sentence(&error.to_string()).into()),
        }
    });

    // Every five seconds: an unlocked identity idle for two minutes locks itself; a hidden or
    // minimised window drops every secret at once and leaves any screen that showed one.
    let weak = window.as_weak();
    let (tick_home, tick_current, tick_store) = (Rc::downgrade(&idle_home), Rc::downgrade(&timer_current), timer_store);
    idle_home.borrow().idle_timer.start(slint::TimerMode::Repeated, Duration::from_secs(5), move || {
        let (Some(home), Some(current), Some(window)) = (tick_home.upgrade(), tick_current.upgrade(), weak.upgrade())
        else {
            return;
        };
        let screen = window.global::<Nav>().get_screen();
        if window.window().is_minimized() || !window.window().is_visible() {
            if holds_secret(screen) || home.borrow().unlocked.is_some() {
                current.forget_secrets(&window);
                match current.identity.get() {
                    Some(id) => show_home(&window, &tick_store, &current, id),
                    None => super::onboarding_adapter::show_start(&window, &tick_store),
                }
            }
            return;
        }
        if home.borrow().unlocked.as_ref().is_some_and(|u| u.expired(Instant::now())) {
            lock(&window, &mut home.borrow_mut());
        }
    });

    // The same lock at once (tests; a "Lock" button would call it too).
    let weak = window.as_weak();
    let lock_home = Rc::downgrade(&idle_home);
    window.global::<Nav>().on_lock(move || {
        if let (Some(home), Some(window)) = (lock_home.upgrade(), weak.upgrade()) {
            lock(&window, &mut home.borrow_mut());
        }
    });
}

/// The unlocked identity locks itself: its secret is dropped and the add-account form says so.
/// The export form and "Can't find your account?" ask the PIN again when used.
fn lock(window: &AppWindow, home: &mut Home) {
    home.unlocked = None;
    if window.global::<Nav>().get_screen() == Screen::AddAccount {
        window.global::<AddAccount>().set_problem(LOCKED_ITSELF.into());
        window.global::<AddAccount>().set_can_add(false);
    }
}

/// The identity in row `index` of the switcher (which lists them in store order).
fn identity_at(store: &Store, index: i32) -> Option<IdentityId> {
    store.identities().ok()?.get(usize::try_from(index).ok()?).map(|identity| identity.id)
}

/// Screens that show or take a secret.
fn holds_secret(screen: Screen) -> bool {
    matches!(
        screen,
        Screen::Create
            | Screen::BackupCheck
            | Screen::Recover
            | Screen::SetPin
            | Screen::Network
            | Screen::Unlock
            | Screen::AddAccount
            | Screen::ShowPhrase
            | Screen::Restore
            | Screen::Export
            | Screen::FindAccount
    )
}

/// Manage identity: rename, show the phrase, change the PIN, delete.
fn connect_manage(window: &AppWindow, store: Arc<Store>, current: Rc<Current>, home: Rc<RefCell<Home>>) {
    let weak = window.as_weak();
    let (open_store, open_current) = (store.clone(), current.clone());
    window.global::<IdentityHome>().on_manage(move || show_manage(&weak.unwrap(), &open_store, &open_current, ""));

    let weak = window.as_weak();
    let (list_store, list_current) = (store.clone(), current.clone());
    window.global::<IdentityList>().on_manage(move |index| {
        if let Some(id) = identity_at(&list_store, index) {
            list_current.identity.set(Some(id));
            show_manage(&weak.unwrap(), &list_store, &list_current, "");
        }
    });

    let weak = window.as_weak();
    let (rename_store, rename_current) = (store.clone(), current.clone());
    window.global::<Manage>().on_rename(move || {
        let window = weak.unwrap();
        let Some(id) = rename_current.identity.get() else { return };
        let new_name = window.global::<Manage>().get_new_name();
        let message = match rename_store.rename_identity(id, &new_name) {
            Ok(()) => "Renamed.".to_owned(),
            Err(error) => sentence(&error.to_string()),
        };
        show_manage(&window, &rename_store, &rename_current, &message);
    });

    let manage = window.global::<Manage>();
    manage.on_show_phrase(asker(window, &store, &current, &home, || Purpose::ShowPhrase));
    manage.on_change_pin(asker(window, &store, &current, &home, || Purpose::ChangePinCurrent));
    manage.on_confirm_delete(asker(window, &store, &current, &home, || Purpose::Delete));

    let weak = window.as_weak();
    let (delete_store, delete_current) = (store.clone(), current.clone());
    window.global::<Manage>().on_delete(move || {
        let window = weak.unwrap();
        let Some(id) = delete_current.identity.get() else { return };
        let accounts = delete_store.accounts(id, None).map(|a| a.len()).unwrap_or(0);
        let warning = format!(
            "This removes the identity and its {accounts} account(s) from this device. Unless you have its seed phrase written down, they are lost for good."
        );
        window.global::<Manage>().set_delete_warning(warning.into());
        window.global::<Nav>().set_screen(Screen::ConfirmDelete);
    });

    let weak = window.as_weak();
    window.global::<Manage>().on_done_showing(move || {
        let window = weak.unwrap();
        window.global::<Manage>().set_words(ModelRc::default());
        show_manage(&window, &store, &current, "");
    });
}

/// A handler that asks for the current identity's PIN for `purpose`.
fn asker(
    window: &AppWindow,
    store: &Arc<Store>,
    current: &Rc<Current>,
    home: &Rc<RefCell<Home>>,
    purpose: fn() -> Purpose,
) -> impl Fn() + 'static {
    let weak = window.as_weak();
    let (store, current, home) = (store.clone(), current.clone(), home.clone());
    move || {
        if let Some(id) = current.identity.get() {
            ask_pin(&weak.unwrap(), &store, &mut home.borrow_mut(), id, purpose());
        }
    }
}

/// The PIN prompt, for `purpose`, with any lockout wait already shown.
pub(super) fn ask_pin(window: &AppWindow, store: &Store, home: &mut Home, id: IdentityId, purpose: Purpose) {
    let name = store.identity(id).ok().flatten().map(|i| i.name).unwrap_or_default();
    let (title, hint) = match purpose {
        Purpose::AddAccount => ("Enter PIN", format!("Unlock \"{name}\" to add an account.")),
        Purpose::ShowPhrase => ("Enter PIN", format!("Unlock \"{name}\" to see its recovery phrase.")),
        Purpose::Delete => ("Enter PIN", format!("Your PIN deletes \"{name}\".")),
        Purpose::ChangePinCurrent | Purpose::ChangePinNew(_) => ("Enter your current PIN", String::new()),
        Purpose::Export(..) => ("Enter PIN", format!("Unlock \"{name}\" to write a backup file.")),
        Purpose::FindAccount(FindThen::Search) => ("Enter PIN", format!("Unlock \"{name}\" to search its phrase.")),
        Purpose::FindAccount(FindThen::Add) => ("Enter PIN", format!("Unlock \"{name}\" to add the account found.")),
    };
    home.purpose = purpose;
    home.pin = PinSetup::default();
    let wait = store.lockout_remaining(id).unwrap_or_default();
    set_prompt(window, title, &wait_message(wait));
    window.global::<Unlock>().set_hint(hint.into());
    window.global::<Nav>().set_screen(Screen::Unlock);
}

fn set_prompt(window: &AppWindow, title: &str, error: &str) {
    let unlock = window.global::<Unlock>();
    unlock.set_title(title.into());
    unlock.set_error(error.into());
    unlock.set_digits(0);
}

/// The recovery phrase's words on screen; the secret itself is dropped by the caller.
fn show_phrase(window: &AppWindow, phrase: &crate::keys::Phrase) {
    let words: Vec<SharedString> = phrase.expose_words().map(SharedString::from).collect();
    window.global::<Manage>().set_words(ModelRc::new(VecModel::from(words)));
    window.global::<Nav>().set_screen(Screen::ShowPhrase);
}

pub(super) fn show_manage(window: &AppWindow, store: &Store, current: &Current, message: &str) {
    let Some(id) = current.identity.get() else { return };
    let Ok(Some(identity)) = store.identity(id) else { return };
    let history: Vec<SharedString> = store
        .history()
        .unwrap_or_default()
        .into_iter()
        .rev()
        .filter(|event| event.identity.as_deref() == Some(identity.name.as_str()))
        .map(|event| {
            let detail = if event.detail.is_empty() { String::new() } else { format!(" · {}", event.detail) };
            let when = crate::db::history::utc_minute(event.time_ms);
            SharedString::from(format!("{when} · {}{detail}", event.kind.label()))
        })
        .collect();
    let manage = window.global::<Manage>();
    manage.set_new_name(identity.name.as_str().into());
    manage.set_message(message.into());
    manage.set_history(ModelRc::new(VecModel::from(history)));
    window.global::<IdentityHome>().set_name(identity.name.as_str().into());
    window.global::<Nav>().set_screen(Screen::Manage);
}

/// Shows `id`'s accounts, grouped by network.
pub(super) fn show_home(window: &AppWindow, store: &Store, current: &Current, id: IdentityId) {
    let Ok(Some(identity)) = store.identity(id) else { return };
    current.identity.set(Some(id));
    let networks = store.networks().unwrap_or_default();
    let mut rows = Vec::new();
    let mut keys = Vec::new();
    for network in &networks {
        let accounts = store.accounts(id, Some(network.genesis_hash)).unwrap_or_default();
        if accounts.is_empty() {
            continue;
        }
        let title = network.name.as_str().into();
        rows.push(AccountRow { header: true, title, detail: SharedString::new(), exported: false });
        keys.push(None);
        for account in accounts {
            let address = ss58::encode(network.ss58_prefix, &account.public_key.account_id());
            let path = if account.path.is_empty() { "root".to_owned() } else { account.path.clone() };
            let lock = if account.has_password { " · password" } else { "" };
            let short = format!("{path}{lock} · {}…{}", &address[..4], &address[address.len() - 4..]);
            let exported = account.exported_ms.is_some();
            rows.push(AccountRow {
                header: false,
                title: account.name.as_str().into(),
                detail: short.into(),
                exported,
            });
            keys.push(Some(account.key));
        }
    }
    *current.rows.borrow_mut() = keys;
    let view = window.global::<IdentityHome>();
    view.set_name(identity.name.as_str().into());
    let note = match identity.kind {
        IdentityKind::Phrase => "",
        IdentityKind::ImportedKey => {
            "This identity holds one key restored from a backup file: it cannot derive new accounts."
        }
    };
    view.set_note(note.into());
    view.set_has_phrase(identity.kind == IdentityKind::Phrase);
    view.set_rows(ModelRc::new(VecModel::from(rows)));
    window.global::<Nav>().set_screen(Screen::IdentityHome);
}

fn show_add_account(window: &AppWindow, home: &mut Home) {
    let form = window.global::<AddAccount>();
    let names: Vec<SharedString> = home.networks.iter().map(|n| SharedString::from(n.name.as_str())).collect();
    form.set_networks(ModelRc::new(VecModel::from(names)));
    form.set_network_index(0);
    home.default_path = home.networks.first().map(|n| format!("//{}//1", n.path_id)).unwrap_or_default();
    form.set_path(home.default_path.as_str().into());
    form.set_password(SharedString::new());
    form.set_name(SharedString::new());
    form.set_problem(SharedString::new());
    form.set_preview(SharedString::new());
    form.set_can_add(false);
    refresh_preview(window, home);
    window.global::<Nav>().set_screen(Screen::AddAccount);
}

fn refresh_preview(window: &AppWindow, home: &mut Home) {
    let form = window.global::<AddAccount>();
    let network = home.networks.get(form.get_network_index() as usize).cloned();
    // A new network gets its own default path, unless the user typed one.
    if let Some(network) = &network {
        let default = format!("//{}//1", network.path_id);
        if form.get_path() == home.default_path.as_str() && default != home.default_path {
            form.set_path(default.as_str().into());
            home.default_path = default;
        }
    }
    let (Some(network), Some(unlocked)) = (network, home.unlocked.as_mut()) else { return };
    match accounts::preview(unlocked.secret(Instant::now()), &network, &form.get_path(), &form.get_password()) {
        Ok(preview) => {
            form.set_preview(preview.address.into());
            form.set_problem(SharedString::new());
            form.set_can_add(!form.get_name().trim().is_empty());
        }
        Err(error) => {
            form.set_preview(SharedString::new());
            form.set_problem(sentence(&error.to_string()).into());
            form.set_can_add(false);
        }
    }
}

fn unlock_message(error: &UnlockError) -> String {
    match error {
        UnlockError::LockedOut { retry_after } => wait_message(*retry_after),
        other => sentence(&other.to_string()),
    }
}

fn wait_message(wait: Duration) -> String {
    if wait.is_zero() {
        String::new()
    } else {
        format!("Too many wrong PINs: try again in {}.", crate::db::wait_text(wait))
    }
}
