//! polkadot-js JSON backups in the app and on the command line: restoring a file into a new
//! identity that holds its one key, and exporting accounts to files.
//!
//! A restored file becomes an identity of kind "imported key": it holds a key, not a
//! phrase, so it cannot derive new accounts.

mod export;
pub mod export_form;
mod files;
pub mod finding_password;
pub mod password_search;
mod restore;
pub mod restore_retry;
pub mod restoring;
pub mod search_position;

pub use export::{
    export_account_to, export_account_with, export_all_to, export_all_with, export_file, save, ExportFailure,
    ExportedAll,
};
pub use files::{default_export_directory, file_stem, free_file_name, free_path, write_new_file};
pub use restore::{
    check_account, check_accounts, network_for, read_file, restore_account, restore_accounts, RestoreChoices,
    RestoreError, Restored, RestoredBatch,
};
