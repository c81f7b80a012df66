//! Secrets from the person at the terminal (typed without echo) or, for scripts, from
//! standard input: one line each, in the order the prompts ask. Never from argv.
//!
//! Every line goes through [`read_line`]: read a byte at a time straight from file
//! descriptor 0 (so no library buffer ever holds a secret, let alone several) into one
//! zeroizing buffer sized up front, and refused once it passes [`MAX_LINE_BYTES`], so a
//! hostile 50 MB line costs 4 KiB and a few thousand reads, not the whole line in memory.

use std::io::{IsTerminal, Read};

use zeroize::{Zeroize, Zeroizing};

use super::output::CliError;
use crate::db::Pin;
use crate::keys::Password;

/// The longest line read: a PIN, a password, a seed phrase (at most 215 bytes tidy) or a
/// secret URI (at most [`MAX_URI_BYTES`](crate::keys::uri::MAX_URI_BYTES), the same 4 KiB).
pub const MAX_LINE_BYTES: usize = 4096;

/// One secret line. `what` names it in the prompt and in "input ended before …".
/// The line ending is removed; nothing else is, since spaces can be part of a password.
pub fn secret_line(what: &str) -> Result<Zeroizing<String>, CliError> {
    let terminal = std::io::stdin().is_terminal();
    #[cfg(not(unix))]
    if terminal {
        return rpassword::prompt_password(format!("{}: ", capitalised(what)))
            .map(Zeroizing::new)
            .map_err(CliError::ReadInput);
    }
    #[cfg(unix)]
    let _echo = if terminal { Some(terminal::EchoOff::prompt(&format!("{}: ", capitalised(what)))?) } else { None };
    read_line(&mut stdin_unbuffered(), MAX_LINE_BYTES, what)
}

/// A new secret: asked twice at a terminal (a typo would be sealed in), once from a script.
pub fn new_secret_line(what: &'static str) -> Result<Zeroizing<String>, CliError> {
    let first = secret_line(what)?;
    if std::io::stdin().is_terminal() {
        let again = secret_line(&format!("{what} again"))?;
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

/// Reads one line of at most `max` bytes (`\n` or `\r\n` not counted, and removed) from
/// `input`, one byte per read so nothing past the line is taken from it. The buffer is
/// allocated once and never grows (growing would leave unwiped copies behind); it is
/// wiped on drop, and on every error.
pub fn read_line(input: &mut impl Read, max: usize, what: &str) -> Result<Zeroizing<String>, CliError> {
    // One spare byte for the `\r` of a `\r\n` ending.
    let mut line = Zeroizing::new(Vec::with_capacity(max + 1));
    let mut byte = [0u8; 1];
    let ended = loop {
        match input.read(&mut byte) {
            Ok(0) => break false,
            Ok(_) if byte[0] == b'\n' => break true,
            Ok(_) if line.len() > max => {
                byte.zeroize();
                return Err(CliError::InputTooLong { what: what.to_owned(), max });
            }
            Ok(_) => line.push(byte[0]),
            Err(error) if error.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(error) => return Err(CliError::ReadInput(error)),
        }
    };
    byte.zeroize();
    if !ended && line.is_empty() {
        return Err(CliError::MissingInput(what.to_owned()));
    }
    if line.last() == Some(&b'\r') {
        line.pop();
    }
    if line.len() > max {
        return Err(CliError::InputTooLong { what: what.to_owned(), max });
    }
    match String::from_utf8(std::mem::take(&mut *line)) {
        Ok(text) => Ok(Zeroizing::new(text)),
        Err(error) => {
            error.into_bytes().zeroize();
            Err(CliError::ReadInput(std::io::Error::new(std::io::ErrorKind::InvalidData, "the input is not UTF-8")))
        }
    }
}

/// Standard input without the standard library's buffer (which would keep up to 8 KiB of
/// what was read, secrets of several prompts together, for the life of the process).
#[cfg(unix)]
fn stdin_unbuffered() -> impl Read {
    use std::os::fd::{FromRawFd, RawFd};
    struct Fd0(std::mem::ManuallyDrop<std::fs::File>);
    impl Read for Fd0 {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            self.0.read(buf)
        }
    }
    const STDIN: RawFd = 0;
    // SAFETY: fd 0 stays open for the life of the process; ManuallyDrop never closes it.
    Fd0(std::mem::ManuallyDrop::new(unsafe { std::fs::File::from_raw_fd(STDIN) }))
}

/// Elsewhere the standard library's handle (its buffer is the one copy it keeps).
#[cfg(not(unix))]
fn stdin_unbuffered() -> impl Read {
    std::io::stdin()
}

/// Typing without echo at a terminal (elsewhere rpassword does it).
#[cfg(unix)]
mod terminal {
    use std::io::Write;

    use super::CliError;

    /// Echo is off on the terminal while this lives; dropping it turns echo back on.
    pub struct EchoOff {
        saved: libc::termios,
    }

    impl EchoOff {
        /// Writes `prompt` to standard error and turns echo off on standard input.
        pub fn prompt(prompt: &str) -> Result<EchoOff, CliError> {
            let mut stderr = std::io::stderr();
            stderr.write_all(prompt.as_bytes()).and_then(|()| stderr.flush()).map_err(CliError::ReadInput)?;
            EchoOff::new()
        }

        fn new() -> Result<EchoOff, CliError> {
            // SAFETY: termios is plain data, filled by tcgetattr before it is read.
            let mut saved: libc::termios = unsafe { std::mem::zeroed() };
            if unsafe { libc::tcgetattr(0, &mut saved) } != 0 {
                return Err(CliError::ReadInput(std::io::Error::last_os_error()));
            }
            let mut quiet = saved;
            // No echo, but the Enter still moves to the next line.
            quiet.c_lflag &= !libc::ECHO;
            quiet.c_lflag |= libc::ECHONL;
            if unsafe { libc::tcsetattr(0, libc::TCSANOW, &quiet) } != 0 {
                return Err(CliError::ReadInput(std::io::Error::last_os_error()));
            }
            Ok(EchoOff { saved })
        }
    }

    impl Drop for EchoOff {
        fn drop(&mut self) {
            // SAFETY: restores the settings read in `new`.
            unsafe {
                libc::tcsetattr(0, libc::TCSANOW, &self.saved);
            }
        }
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(input: &[u8], max: usize) -> Result<String, String> {
        let mut input = input;
        read_line(&mut input, max, "PIN").map(|line| line.to_string()).map_err(|error| error.to_string())
    }

    #[test]
    fn a_line_loses_its_ending_and_nothing_past_it_is_read() {
        let mut input: &[u8] = b"123456\r\nsecond line\n";
        assert_eq!(read_line(&mut input, 16, "PIN").unwrap().as_str(), "123456");
        assert_eq!(input, b"second line\n");
        assert_eq!(read(b" spaces kept \n", 16).unwrap(), " spaces kept ");
        assert_eq!(read(b"no ending", 16).unwrap(), "no ending");
        assert_eq!(read(b"\n", 16).unwrap(), "");
    }

    #[test]
    fn a_line_of_exactly_the_cap_passes_and_one_byte_more_does_not() {
        assert_eq!(read(&[b'a'; 8], 8).unwrap().len(), 8);
        assert_eq!(read(b"aaaaaaaa\r\n", 8).unwrap().len(), 8);
        assert!(read(b"aaaaaaaaa\n", 8).unwrap_err().contains("longer than 8 bytes"));
        assert!(read(b"aaaaaaaa\r\r\n", 8).is_err());
    }

    #[test]
    fn a_fifty_megabyte_line_is_refused_after_the_cap() {
        let hostile = vec![b'a'; 50 << 20];
        let mut input = &hostile[..];
        let error = read_line(&mut input, MAX_LINE_BYTES, "seed phrase").unwrap_err();
        assert!(matches!(error, CliError::InputTooLong { max: MAX_LINE_BYTES, .. }));
        // Only the cap and the byte that broke it were taken.
        assert_eq!(input.len(), hostile.len() - MAX_LINE_BYTES - 2);
    }

    #[test]
    fn empty_input_and_bad_utf8_are_errors() {
        assert!(read(b"", 8).unwrap_err().contains("ended before the PIN"));
        assert!(read(b"\xff\xfe\n", 8).unwrap_err().contains("not UTF-8"));
    }
}
