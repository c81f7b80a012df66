//! Slint-free controllers: what the app's screens and the command line do, over the key
//! core and the store. No UI types in here, so every flow is unit-tested without a window.

pub mod account_card;
pub mod accounts;
pub mod backup;
pub mod backup_check;
pub mod find_address;
pub mod lookup;
pub mod onboarding;
pub mod phrase_entry;
pub mod pin_setup;
pub mod session;
