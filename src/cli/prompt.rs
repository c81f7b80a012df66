//! Secrets from the person at the terminal (typed without echo) or, for scripts, from
//! standard input: one line each, in the order the prompts ask. Never from argv.

use std::io::{BufRead, IsTerminal};

use zeroize::Zeroizing;

use super::output::CliError;
use crate::db::Pin;
use crate::keys::Password;

/// One secret line. `what` names it in the prompt and in "input ended before …".
/// The line ending is removed; nothing else is, since spaces can be part of a password.
pub fn secret_line(what: &str) -> Result<Zeroizing<String>, CliError> {
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        return rpassword::prompt_password(format!("{}: ", capitalised(what)))
            .map(Zeroizing::new)
            .map_err(CliError::ReadInput);
    }
    // Sized up front: growing the string would leave unwiped copies behind.
    let mut line = Zeroizing::new(String::with_capacity(4096));
    if stdin.lock().read_line(&mut line).map_err(CliError::ReadInput)? == 0 {
        return Err(CliError::MissingInput(what.to_owned()));
    }
    let trimmed_len = line.trim_end_matches(['\n', '\r']).len();
    line.truncate(trimmed_len);
    Ok(line)
}

/// A new secret: asked twice at a terminal (a typo would be sealed in), once from a script.
pub fn new_secret_line(what: &'static str) -> Result<Zeroizing<String>, CliError> {
    let first = secret_line(what)?;
    if std::io::stdin().is_terminal() {
        let again =
            rpassword::prompt_password(format!("{} again: ", capitalised(what))).map_err(CliError::ReadInput)?;
        let again = Zeroizing::new(again);
        if *again != *first {
            return Err(CliError::Mismatch(what));
        }
    }
    Ok(first)
}

pub fn pin() -> Result<Pin, CliError> {
    Ok(Pin::new(&secret_line("PIN")?)?)
}

pub fn new_pin() -> Result<Pin, CliError> {
    Ok(Pin::new(&new_secret_line("new PIN")?)?)
}

/// A new password (a backup file's): asked twice at a terminal, like a new PIN.
pub fn new_password(what: &'static str) -> Result<Password, CliError> {
    Ok(Password::new(new_secret_line(what)?.as_str()))
}

pub fn password(what: &str) -> Result<Password, CliError> {
    Ok(Password::new(secret_line(what)?.as_str()))
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}
