//! Setting a PIN: typed on the keypad, then typed again to confirm.

use crate::db::{Pin, PinError};
use crate::keys::SecretText;

/// The longest PIN the keypad takes; longer than anyone types.
const MAX_DIGITS: usize = 32;

/// What pressing "OK" did.
#[derive(Debug)]
pub enum PinStep {
    /// The first PIN is accepted: ask for it again.
    Confirm,
    /// Too short (or not digits): stay, say why.
    Invalid(PinError),
    /// The second entry differs: start over.
    Mismatch,
    /// Both entries agree.
    Done(Pin),
}

/// The two-entry PIN screen's state. The digits are wiped when dropped.
pub struct PinSetup {
    typed: SecretText,
    first: Option<Pin>,
}

impl Default for PinSetup {
    fn default() -> Self {
        PinSetup { typed: SecretText::with_capacity(MAX_DIGITS), first: None }
    }
}

impl PinSetup {
    /// A digit typed; anything else, or a digit past the longest PIN, is ignored.
    pub fn digit(&mut self, digit: char) {
        if digit.is_ascii_digit() {
            self.typed.push(digit);
        }
    }

    pub fn erase(&mut self) {
        self.typed.pop();
    }

    /// How many dots to show.
    pub fn digits(&self) -> usize {
        self.typed.char_count()
    }

    pub fn is_confirming(&self) -> bool {
        self.first.is_some()
    }

    /// The typed digits as one PIN (an unlock prompt: no confirmation), clearing them.
    pub fn take_pin(&mut self) -> Result<Pin, PinError> {
        let pin = Pin::new(self.typed.expose());
        self.typed.clear();
        pin
    }

    pub fn submit(&mut self) -> PinStep {
        let pin = Pin::new(self.typed.expose());
        self.typed.clear();
        let pin = match pin {
            Ok(pin) => pin,
            Err(error) => return PinStep::Invalid(error),
        };
        match self.first.take() {
            None => {
                self.first = Some(pin);
                PinStep::Confirm
            }
            Some(first) if first.same_as(&pin) => PinStep::Done(pin),
            Some(_) => PinStep::Mismatch,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn type_in(setup: &mut PinSetup, digits: &str) -> PinStep {
        digits.chars().for_each(|d| setup.digit(d));
        setup.submit()
    }

    #[test]
    fn a_pin_typed_twice_is_done() {
        let mut setup = PinSetup::default();
        assert!(matches!(type_in(&mut setup, "123456"), PinStep::Confirm));
        assert!(setup.is_confirming());
        assert!(matches!(type_in(&mut setup, "123456"), PinStep::Done(_)));
    }

    #[test]
    fn a_short_pin_is_refused_and_a_mismatch_starts_over() {
        let mut setup = PinSetup::default();
        assert!(matches!(type_in(&mut setup, "12345"), PinStep::Invalid(PinError::TooShort)));
        assert!(matches!(type_in(&mut setup, "123456"), PinStep::Confirm));
        assert!(matches!(type_in(&mut setup, "654321"), PinStep::Mismatch));
        assert!(!setup.is_confirming());
        assert_eq!(setup.digits(), 0);
    }

    #[test]
    fn erase_removes_the_last_digit_and_letters_are_ignored() {
        let mut setup = PinSetup::default();
        "12a3".chars().for_each(|d| setup.digit(d));
        setup.erase();
        assert_eq!(setup.digits(), 2);
    }
}
