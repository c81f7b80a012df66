//! Slint-free controllers: what the app's screens and the command line do, over the key
//! core and the store. No UI types in here, so every flow is unit-tested without a window.

pub mod account_card;
pub mod account_form;
pub mod account_list;
pub mod accounts;
pub mod add_identity;
pub mod backup;
pub mod backup_check;
pub mod find_address;
pub mod finding;
pub mod identity_views;
pub mod lookup;
pub mod navigation;
pub mod onboarding;
pub mod paper;
pub mod phrase_entry;
pub mod pin_job;
pub mod pin_setup;
pub mod repair_phrase;
pub mod repairing;
pub mod session;
pub mod show_phrase;
#[cfg(test)]
mod test_support;
pub mod text;
pub mod unlock;

/// Where the store lives when `--data-dir` is not given: the user's data directory.
pub fn default_data_dir() -> Option<std::path::PathBuf> {
    directories::ProjectDirs::from("org", "AXIA", "AXIA Signer").map(|dirs| dirs.data_dir().join("store"))
}
