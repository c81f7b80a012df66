//! The PIN that seals an identity's secret.

use std::fmt;

use zeroize::Zeroizing;

/// The fewest digits a PIN may have.
pub const MIN_PIN_DIGITS: usize = 6;

/// Why a text cannot be a PIN.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PinError {
    /// Something other than 0-9: a PIN is digits only.
    #[error("a PIN has only digits (0-9)")]
    NotDigits,
    /// Fewer than [`MIN_PIN_DIGITS`] digits: choose a longer PIN.
    #[error("a PIN has at least {MIN_PIN_DIGITS} digits")]
    TooShort,
}

/// A PIN: at least six digits. Zeroized on drop; never printed; moved, never copied.
pub struct Pin(Zeroizing<String>);

impl Pin {
    pub fn new(text: &str) -> Result<Pin, PinError> {
        if !text.bytes().all(|b| b.is_ascii_digit()) {
            return Err(PinError::NotDigits);
        }
        if text.len() < MIN_PIN_DIGITS {
            return Err(PinError::TooShort);
        }
        Ok(Pin(Zeroizing::new(text.to_owned())))
    }

    /// Whether two PINs are the same (for "confirm your PIN"), in constant time.
    pub fn same_as(&self, other: &Pin) -> bool {
        let (a, b) = (self.0.as_bytes(), other.0.as_bytes());
        a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
    }

    pub(crate) fn as_bytes(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

impl fmt::Debug for Pin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Pin(<redacted>)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pins_are_six_or_more_digits() {
        assert!(Pin::new("123456").is_ok());
        assert!(Pin::new("12345678901234").is_ok());
        assert_eq!(Pin::new("12345").err(), Some(PinError::TooShort));
        assert_eq!(Pin::new("12345a").err(), Some(PinError::NotDigits));
        assert_eq!(Pin::new(" 123456").err(), Some(PinError::NotDigits));
        assert_eq!(format!("{:?}", Pin::new("987654").unwrap()), "Pin(<redacted>)");
    }
}
