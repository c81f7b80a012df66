//! AXIA Signer: back up and restore accounts on Substrate networks.
//!
//! Layers, each depending only on those below it:
//! - [`keys`]: pure crypto (phrases, paths, keys, SS58), no UI and no storage. It is its
//!   own crate (`keys/`) because the store (`db/`) uses its types and the app uses the store;
//!   a module of this crate could not be shared without a dependency cycle.
//! - [`db`]: the PIN-sealed identity store (its own crate, `db/`).
//! - [`app`]: Slint-free controllers for the screens and the command line.
//! - [`cli`]: the command line.

pub mod app;
pub mod cli;
pub mod ui;
pub use axia_signer_db as db;
pub use axia_signer_keys as keys;

/// Runs the program with the process's arguments and returns its exit code.
pub fn run() -> std::process::ExitCode {
    cli::main()
}
