//! The screens driven as a person drives them: keys typed into the focused field, Tab,
//! Enter and Escape, no pointer; and a small window.

use slint::platform::{Key, WindowEvent};
use slint::{ComponentHandle, LogicalSize, SharedString};

use super::{app, click, screen, value, DEV};
use axia_signer::keys::{inspect, Scheme, Ss58Prefix};
use axia_signer::ui::{self, AppWindow};

/// Presses and releases `text` (a character, or a key such as [`Key::Tab`]) on the window:
/// it goes to whatever has the focus.
pub(super) fn press(window: &AppWindow, text: impl Into<SharedString>) {
    let text = text.into();
    window.window().dispatch_event(WindowEvent::KeyPressed { text: text.clone() });
    window.window().dispatch_event(WindowEvent::KeyReleased { text });
}

/// Types `text` key by key into the focused field.
pub(super) fn type_keys(window: &AppWindow, text: &str) {
    text.chars().for_each(|c| press(window, c));
}

pub(super) fn tab(window: &AppWindow, times: usize) {
    (0..times).for_each(|_| press(window, Key::Tab));
}

pub fn a_picked_suggestion_leaves_the_cursor_after_the_word() {
    let window = app();
    click(&window, "+ Add Identity");
    type_keys(&window, "Typing");
    click(&window, "Recover existing identity");
    type_keys(&window, "bot");
    click(&window, "bottom");
    type_keys(&window, "drive");
    let text = window.global::<ui::Onboarding>().get_phrase_text();
    assert_eq!(text, "bottom drive", "typing goes on after the picked word");
}

pub fn the_word_count_is_news_while_typing_and_red_only_after_next() {
    let window = app();
    click(&window, "+ Add Identity");
    type_keys(&window, "Counting");
    click(&window, "Recover existing identity");
    type_keys(&window, "bottom ");
    let onboarding = window.global::<ui::Onboarding>();
    assert_eq!(value(&window, "Phrase status"), "1 word so far: a seed phrase has 12, 15, 18, 21 or 24.");
    assert!(!onboarding.get_phrase_problem(), "not a reproach while typing");
    press(&window, Key::Return);
    assert!(onboarding.get_phrase_problem(), "Enter (Next) with too few words says so in red");
    assert_eq!(screen(&window), ui::Screen::Recover);
}

pub fn a_name_complaint_goes_once_a_name_is_typed() {
    let window = app();
    click(&window, "+ Add Identity");
    click(&window, "Recover existing identity");
    assert_eq!(window.global::<ui::Onboarding>().get_name_error(), "Give the identity a name.");
    type_keys(&window, "S");
    assert_eq!(window.global::<ui::Onboarding>().get_name_error(), "");
}

/// From the first screen to the new account and back, with the keyboard alone.
pub fn onboarding_needs_no_pointer() {
    let window = app();
    assert_eq!(screen(&window), ui::Screen::Start);
    assert!(!window.global::<ui::Nav>().get_can_go_back(), "nowhere to go back to");
    // The identities icon, then "+ Add Identity".
    tab(&window, 2);
    press(&window, Key::Return);
    assert_eq!(screen(&window), ui::Screen::AddIdentity);
    type_keys(&window, "Keys");
    // "Create", then "Recover existing identity".
    tab(&window, 2);
    press(&window, Key::Return);
    assert_eq!(screen(&window), ui::Screen::Recover);
    type_keys(&window, DEV);
    press(&window, Key::Return);
    assert_eq!(screen(&window), ui::Screen::SetPin);
    for _ in 0..2 {
        type_keys(&window, "123456");
        press(&window, Key::Return);
    }
    assert_eq!(screen(&window), ui::Screen::Network);
    // Back, the identities icon, then the rows: Kusama, Moonbeam, Moonriver, Polkadot, Westend.
    tab(&window, 7);
    press(&window, Key::Return);
    assert_eq!(screen(&window), ui::Screen::Account);
    let westend = inspect(&format!("{DEV}//westend"), Scheme::Sr25519, Ss58Prefix::SUBSTRATE).unwrap();
    assert_eq!(value(&window, "Address"), westend.address);
    press(&window, Key::Escape);
    assert_eq!(screen(&window), ui::Screen::IdentityHome, "Escape is Back");
    press(&window, Key::Escape);
    assert_eq!(screen(&window), ui::Screen::Identities, "and again, to the identity list");
    assert!(!window.global::<ui::Nav>().get_can_go_back(), "the list is the first screen now");
}

pub fn renaming_keeps_the_identity_history() {
    let window = app();
    super::recover_dev_on_westend(&window, "Before");
    click(&window, "Back");
    click(&window, "Manage identity");
    let before = window.global::<ui::Manage>().get_history();
    assert!(slint::Model::row_count(&before) > 0);
    super::type_into(&window, "New name", "After");
    click(&window, "Rename");
    let after = window.global::<ui::Manage>().get_history();
    let lines: Vec<String> = slint::Model::iter(&after).map(|line| line.to_string()).collect();
    assert!(lines.iter().any(|line| line.contains("identity added")), "{lines:?}");
    assert!(lines.iter().any(|line| line.contains("identity renamed")), "{lines:?}");
}

/// At 360x640 a 24-word phrase pushes "Next" below the window: the screen scrolls to it.
pub fn a_small_window_scrolls_to_the_main_button() {
    let window = app();
    window.window().set_size(LogicalSize::new(360., 640.));
    click(&window, "+ Add Identity");
    type_keys(&window, "Small");
    click(&window, "Recover existing identity");
    let words = "abandon ".repeat(23) + "art";
    type_keys(&window, &words);
    assert_eq!(value(&window, "Phrase status"), "24 words, checksum correct.");
    let bottom = |next: &i_slint_backend_testing::ElementHandle| next.absolute_position().y + next.size().height;
    let visible_next = || {
        i_slint_backend_testing::ElementHandle::find_by_accessible_label(&window, "Next")
            .find(|next| bottom(next) <= 640.)
    };
    assert!(visible_next().is_none(), "24 words do not fit: the test needs a screen that scrolls");
    let body = i_slint_backend_testing::ElementHandle::find_by_element_id(&window, "AppWindow::body").next().unwrap();
    body.scroll(0., -2000.);
    assert!(visible_next().is_some(), "after scrolling, Next is on screen");
}
