//! AXIA Signer: back up and restore accounts on Substrate networks.
//!
//! Layers, each depending only on those below it:
//! - [`keys`]: pure crypto (phrases, paths, keys, SS58), no UI and no storage;
//! - [`cli`]: the command line.

pub mod cli;
pub mod keys;

/// Runs the program with the process's arguments and returns its exit code.
pub fn run() -> std::process::ExitCode {
    cli::main()
}
