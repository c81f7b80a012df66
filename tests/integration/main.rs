//! The one integration test binary. Fixtures live in `tests/data/`.

mod backup_cli;
mod backup_vectors;
mod banana_interop;
mod cli;
mod derivation_vectors;
mod hostile;
mod inspect_cli;
mod interop;
mod other_wallets_cli;
mod paper_cli;
mod password_search;
mod password_search_cli;
mod repair_cli;
mod repair_vectors;
mod secrets_never_print;
mod store;
mod ui;

use std::path::PathBuf;

/// A file under `tests/data/`, read whole.
pub fn fixture(relative: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read fixture {}: {e}", path.display()))
}
