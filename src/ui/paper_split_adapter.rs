//! "Split into paper shares" (Manage identity; the global `PaperSplit`). The PIN first, on
//! the unlock prompt; then the form with the passphrase drawn for it; "Save shares" splits
//! and draws the pages on the worker (scrypt and the QR pages take a moment).

use std::rc::Rc;
use std::sync::Arc;
use std::time::Instant;

use slint::{ComponentHandle, ModelRc, SharedString, VecModel};

use super::choosing::{choose_on_worker, DialogForm};
use super::file_dialog::{Chooser, Pick};
use super::screens::{ask_pin, clear_split, go, show_manage};
use super::state::Current;
use super::{AppWindow, PaperSplit, Screen, Work};
use crate::app::backup::default_export_directory;
use crate::app::navigation::Screen as AppScreen;
use crate::app::paper::splitting::{check_form, open_form, required_line, SplitForm};
use crate::app::text::sentence;
use crate::app::unlock::{AfterFormPin as Then, Purpose};
use crate::db::Store;

pub(super) fn connect(window: &AppWindow, store: Arc<Store>, work: Work, current: Rc<Current>) {
    let dialog = Chooser::find();
    let (weak, unlocked_store, unlocked_current, can_choose) =
        (window.as_weak(), store.clone(), current.clone(), dialog.is_some());
    window.global::<PaperSplit>().on_unlocked(move || {
        let window = weak.unwrap();
        let Purpose::SplitShares(then) = unlocked_current.home.borrow().purpose else { return };
        match then {
            Then::Form => show_form(&window, &unlocked_store, &unlocked_current, can_choose),
            Then::Save => {
                go(&window, Screen::PaperSplit);
                save(&window, &unlocked_store, work, &unlocked_current);
            }
        }
    });

    let weak = window.as_weak();
    window.global::<PaperSplit>().on_shares_edited(move || {
        let window = weak.unwrap();
        let form = window.global::<PaperSplit>();
        form.set_required(required_line(&form.get_shares()).into());
    });

    let (weak, draw_current) = (window.as_weak(), current.clone());
    window.global::<PaperSplit>().on_draw_again(move || {
        if let Some(split) = draw_current.split.borrow_mut().as_mut() {
            split.draw_again();
            show_words(&weak.unwrap(), split);
        }
    });

    let weak = window.as_weak();
    window.global::<PaperSplit>().on_choose_folder(move || {
        if let Some(dialog) = dialog.clone() {
            choose_folder(&weak.unwrap(), work, dialog);
        }
    });

    let weak = window.as_weak();
    window.global::<PaperSplit>().on_save(move || save(&weak.unwrap(), &store, work, &current));
}

/// The form after the PIN: the identity's name as the title, five shares, a new folder in
/// Downloads, and fresh words.
fn show_form(window: &AppWindow, store: &Store, current: &Current, can_choose: bool) {
    let Some(id) = current.identity() else { return };
    let opened = open_form(store, id, &default_export_directory());
    let split = SplitForm::default();
    let form = window.global::<PaperSplit>();
    form.set_title(opened.title.into());
    form.set_shares(opened.shares.as_str().into());
    form.set_required(required_line(&opened.shares).into());
    form.set_folder(opened.folder.display().to_string().into());
    form.set_can_choose(can_choose);
    form.set_choosing(false);
    form.set_problem(SharedString::new());
    let has_password = current.home.borrow_mut().open_for(id).is_some_and(|unlocked| {
        matches!(unlocked.secret(Instant::now()), crate::db::IdentitySecret::Phrase { password, .. } if !password.is_empty())
    });
    form.set_has_bip39_password(has_password);
    show_words(window, &split);
    *current.split.borrow_mut() = Some(split);
    go(window, Screen::PaperSplit);
}

fn show_words(window: &AppWindow, split: &SplitForm) {
    let words: Vec<SharedString> = split.words().into_iter().map(SharedString::from).collect();
    window.global::<PaperSplit>().set_words(ModelRc::new(VecModel::from(words)));
}

/// "Choose folder…": the desktop's dialog.
fn choose_folder(window: &AppWindow, work: Work, dialog: Chooser) {
    let form = DialogForm {
        screen: AppScreen::PaperSplit,
        choosing: |window, on| window.global::<PaperSplit>().set_choosing(on),
        problem: |window, problem| window.global::<PaperSplit>().set_problem(problem),
    };
    choose_on_worker(window, work, dialog, Pick::Folder, form, |window, folder| {
        window.global::<PaperSplit>().set_folder(folder.display().to_string().into());
    });
}

/// "Save shares": the form checked, the PIN again if the identity locked itself, then the
/// split and the pages on the worker; Manage identity says where they went.
fn save(window: &AppWindow, store: &Arc<Store>, work: Work, current: &Rc<Current>) {
    let form = window.global::<PaperSplit>();
    let Some(id) = current.identity() else { return };
    if super::is_busy(window) {
        return;
    }
    let request = match check_form(&form.get_title(), &form.get_shares(), &form.get_folder()) {
        Ok(request) => request,
        Err(problem) => return form.set_problem(problem.to_string().into()),
    };
    let Some(split) = current.split.borrow_mut().take() else { return };
    let mut home = current.home.borrow_mut();
    if home.open_for(id).is_none() {
        drop(home);
        // The form and its words stay; the PIN, then the save goes on.
        *current.split.borrow_mut() = Some(split);
        return ask_pin(window, store, current, id, Purpose::SplitShares(Then::Save));
    }
    let mut unlocked = home.unlocked.take().expect("open for the identity");
    drop(home);
    form.set_problem(SharedString::new());
    let (job_store, store, done_current) = (store.clone(), store.clone(), current.clone());
    super::busy_run(
        window,
        current,
        work,
        "Making the share pages…",
        move || {
            let saved = split.save(&job_store, id, unlocked.secret(Instant::now()), &request);
            (saved.map(|saved| (saved, request.folder)), split, unlocked)
        },
        move |window, (saved, split, unlocked)| match saved {
            Ok((saved, folder)) => {
                clear_split(window, &done_current);
                done_current.home.borrow_mut().forget();
                show_manage(window, &store, &done_current, &saved.message(&folder));
            }
            Err(failure) => {
                // The same words stay on screen: nothing was written, so they are still the ones.
                *done_current.split.borrow_mut() = Some(split);
                done_current.home.borrow_mut().unlocked = Some(unlocked);
                window.global::<PaperSplit>().set_problem(sentence(&failure.to_string()).into());
            }
        },
    );
}
