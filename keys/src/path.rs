//! Substrate derivation paths: `//hard`, `/soft`, and the empty root path.
//!
//! Chain codes follow polkadot-js (`DeriveJunction`), which is where most users' accounts
//! were made. It differs from sp-core in two places, both covered by vectors:
//! a decimal junction of 2^64 or more is a 256-bit number (sp-core: a string), and a
//! `0x…` junction is raw bytes (sp-core: the string "0x…").

use std::fmt;

use super::hash::blake2b_256;

/// Length of a chain code in bytes.
pub const CHAIN_CODE_LENGTH: usize = 32;
/// The longest path text, in bytes, checked before any parsing: far above any path a person
/// types (`//polkadot//0/1` is 15), far below what would make parsing or deriving slow.
pub const MAX_PATH_BYTES: usize = 1024;
/// The most junctions a path may have. Each costs a derivation step, so a hostile path of
/// millions of junctions is refused instead of derived.
pub const MAX_JUNCTIONS: usize = 64;

/// Why a text is not a derivation path. Junction positions are 1-based.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PathError {
    /// The path does not start with `/` or `//`: write it like `//polkadot`.
    #[error("a derivation path starts with // (hard) or / (soft), like //polkadot")]
    MissingSlash,
    /// Nothing between slashes at junction `position`: write a name or number there.
    #[error("junction {position} of the path is empty: write a name or number after the slashes")]
    EmptyJunction { position: usize },
    /// The path holds `///`, a password: enter the password in its own field.
    #[error("`///` starts a password: enter the password in its own field, not in the path")]
    PasswordInPath,
    /// Junction `position` is a number that does not fit in 256 bits: use a smaller one or a name.
    #[error("junction {position} is a number too large for a 256-bit chain code")]
    NumberTooLarge { position: usize },
    /// Junction `position` has a control character (a tab or line break): remove it.
    #[error("junction {position} has a control character (a tab or line break?)")]
    ControlCharacter { position: usize },
    /// Longer than [`MAX_PATH_BYTES`]; refused before parsing.
    #[error("the derivation path is longer than {max} bytes")]
    TooLong { max: usize },
    /// More than [`MAX_JUNCTIONS`] junctions.
    #[error("the derivation path has more than {max} junctions")]
    TooManyJunctions { max: usize },
}

/// One step of a path: hard (`//x`, cannot be followed from the public key) or soft (`/x`).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Junction {
    Hard([u8; CHAIN_CODE_LENGTH]),
    Soft([u8; CHAIN_CODE_LENGTH]),
}

impl Junction {
    pub fn is_soft(&self) -> bool {
        matches!(self, Junction::Soft(_))
    }

    pub fn chain_code(&self) -> &[u8; CHAIN_CODE_LENGTH] {
        match self {
            Junction::Hard(code) | Junction::Soft(code) => code,
        }
    }

    /// Chain code of a junction's text, as polkadot-js computes it:
    /// digits → a 256-bit little-endian number; even-length `0x` hex → those bytes;
    /// anything else → the SCALE-encoded string. Over 32 bytes → blake2b-256 of them.
    fn chain_code_of(text: &str, position: usize) -> Result<[u8; CHAIN_CODE_LENGTH], PathError> {
        if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
            return decimal_le_256(text).ok_or(PathError::NumberTooLarge { position });
        }
        if let Some(bytes) = polkadot_js_hex(text) {
            return Ok(pad_or_hash(&bytes));
        }
        let mut encoded = scale_compact_len(text.len());
        encoded.extend_from_slice(text.as_bytes());
        Ok(pad_or_hash(&encoded))
    }
}

impl fmt::Debug for Junction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (kind, code) = match self {
            Junction::Hard(code) => ("Hard", code),
            Junction::Soft(code) => ("Soft", code),
        };
        write!(f, "{kind}(0x{})", hex::encode(code))
    }
}

/// A parsed path without its `///password`, kept with the text it came from.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct DerivationPath {
    text: String,
    junctions: Vec<Junction>,
}

impl DerivationPath {
    /// The empty path: the root key itself, as polkadot-js uses for new accounts.
    pub fn root() -> Self {
        DerivationPath::default()
    }

    /// Parses `//hard/soft//1`-style text. The empty string is the root path.
    pub fn parse(text: &str) -> Result<Self, PathError> {
        if text.len() > MAX_PATH_BYTES {
            return Err(PathError::TooLong { max: MAX_PATH_BYTES });
        }
        let mut junctions = Vec::new();
        let mut rest = text;
        while !rest.is_empty() {
            if junctions.len() == MAX_JUNCTIONS {
                return Err(PathError::TooManyJunctions { max: MAX_JUNCTIONS });
            }
            let position = junctions.len() + 1;
            let after_slash = rest.strip_prefix('/').ok_or(PathError::MissingSlash)?;
            let (hard, body) = match after_slash.strip_prefix('/') {
                Some(body) => (true, body),
                None => (false, after_slash),
            };
            let end = body.find('/').unwrap_or(body.len());
            let name = &body[..end];
            if name.is_empty() {
                return Err(if hard && body.starts_with('/') {
                    PathError::PasswordInPath
                } else {
                    PathError::EmptyJunction { position }
                });
            }
            if name.chars().any(char::is_control) {
                return Err(PathError::ControlCharacter { position });
            }
            let code = Junction::chain_code_of(name, position)?;
            junctions.push(if hard { Junction::Hard(code) } else { Junction::Soft(code) });
            rest = &body[end..];
        }
        Ok(DerivationPath { text: text.to_owned(), junctions })
    }

    pub fn junctions(&self) -> &[Junction] {
        &self.junctions
    }

    pub fn is_root(&self) -> bool {
        self.junctions.is_empty()
    }

    pub fn has_soft_junction(&self) -> bool {
        self.junctions.iter().any(Junction::is_soft)
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl fmt::Display for DerivationPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl fmt::Debug for DerivationPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DerivationPath({:?})", self.text)
    }
}

/// SCALE compact encoding of a length (the prefix of a SCALE `String`).
pub(crate) fn scale_compact_len(len: usize) -> Vec<u8> {
    match len {
        0..=0x3f => vec![(len as u8) << 2],
        0x40..=0x3fff => (((len as u16) << 2) | 0b01).to_le_bytes().to_vec(),
        0x4000..=0x3fff_ffff => (((len as u32) << 2) | 0b10).to_le_bytes().to_vec(),
        _ => {
            let bytes = (len as u64).to_le_bytes();
            let used = 8 - (len as u64).leading_zeros() as usize / 8;
            let mut out = vec![(((used - 4) as u8) << 2) | 0b11];
            out.extend_from_slice(&bytes[..used]);
            out
        }
    }
}

fn pad_or_hash(bytes: &[u8]) -> [u8; CHAIN_CODE_LENGTH] {
    if bytes.len() > CHAIN_CODE_LENGTH {
        return blake2b_256(&[bytes]);
    }
    let mut code = [0u8; CHAIN_CODE_LENGTH];
    code[..bytes.len()].copy_from_slice(bytes);
    code
}

/// polkadot-js `isHex`: `0x` then hex digits, even total length (`0x` alone is empty).
fn polkadot_js_hex(text: &str) -> Option<Vec<u8>> {
    let digits = text.strip_prefix("0x")?;
    if digits.len() % 2 != 0 || !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    hex::decode(digits).ok()
}

/// A decimal string as a 256-bit little-endian number, or `None` if it does not fit.
fn decimal_le_256(digits: &str) -> Option<[u8; CHAIN_CODE_LENGTH]> {
    let mut value = [0u8; CHAIN_CODE_LENGTH];
    for digit in digits.bytes() {
        let mut carry = u16::from(digit - b'0');
        for byte in value.iter_mut() {
            let next = u16::from(*byte) * 10 + carry;
            *byte = next as u8;
            carry = next >> 8;
        }
        if carry != 0 {
            return None;
        }
    }
    Some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(path: &str) -> [u8; 32] {
        *DerivationPath::parse(path).unwrap().junctions()[0].chain_code()
    }

    #[test]
    fn string_junction_is_scale_encoded_and_zero_padded() {
        let mut expected = [0u8; 32];
        expected[..6].copy_from_slice(&[0x14, b'A', b'l', b'i', b'c', b'e']);
        assert_eq!(code("//Alice"), expected);
    }

    #[test]
    fn numbers_are_little_endian_and_leading_zeros_do_not_matter() {
        let mut one = [0u8; 32];
        one[0] = 1;
        assert_eq!(code("//1"), one);
        assert_eq!(code("//01"), one);
        let mut two_pow_64 = [0u8; 32];
        two_pow_64[8] = 1;
        assert_eq!(code("//18446744073709551616"), two_pow_64);
    }

    #[test]
    fn a_number_past_256_bits_is_an_error() {
        let too_big = format!("//{}", "9".repeat(80));
        assert_eq!(DerivationPath::parse(&too_big), Err(PathError::NumberTooLarge { position: 1 }));
    }

    #[test]
    fn hex_junction_is_raw_bytes_and_odd_hex_is_a_string() {
        let mut raw = [0u8; 32];
        raw[..2].copy_from_slice(&[0x12, 0x34]);
        assert_eq!(code("//0x1234"), raw);
        assert_eq!(code("//0x123")[0], 5 << 2);
    }

    #[test]
    fn thirty_one_byte_name_is_verbatim_and_thirty_two_is_hashed() {
        assert_eq!(code(&format!("//{}", "a".repeat(31)))[0], 31 << 2);
        let mut encoded = vec![32 << 2];
        encoded.extend_from_slice("b".repeat(32).as_bytes());
        assert_eq!(code(&format!("//{}", "b".repeat(32))), blake2b_256(&[&encoded]));
    }

    #[test]
    fn malformed_paths_say_what_is_wrong() {
        assert_eq!(DerivationPath::parse("//"), Err(PathError::EmptyJunction { position: 1 }));
        assert_eq!(DerivationPath::parse("/"), Err(PathError::EmptyJunction { position: 1 }));
        assert_eq!(DerivationPath::parse("//polkadot/"), Err(PathError::EmptyJunction { position: 2 }));
        assert_eq!(DerivationPath::parse("//a///"), Err(PathError::PasswordInPath));
        assert_eq!(DerivationPath::parse("///secret"), Err(PathError::PasswordInPath));
        assert_eq!(DerivationPath::parse("polkadot"), Err(PathError::MissingSlash));
        assert_eq!(DerivationPath::parse("//a\tb"), Err(PathError::ControlCharacter { position: 1 }));
    }

    #[test]
    fn hostile_paths_are_refused_before_any_work() {
        // Three million junctions took 7.7 s to parse and derive before the caps.
        let hostile = "/a".repeat(3_000_000);
        assert_eq!(DerivationPath::parse(&hostile), Err(PathError::TooLong { max: MAX_PATH_BYTES }));
        let many = "/1".repeat(MAX_JUNCTIONS + 1);
        assert!(many.len() <= MAX_PATH_BYTES);
        assert_eq!(DerivationPath::parse(&many), Err(PathError::TooManyJunctions { max: MAX_JUNCTIONS }));
        assert_eq!(DerivationPath::parse(&"/1".repeat(MAX_JUNCTIONS)).unwrap().junctions().len(), MAX_JUNCTIONS);
        let long_name = format!("//{}", "a".repeat(MAX_PATH_BYTES));
        assert_eq!(DerivationPath::parse(&long_name), Err(PathError::TooLong { max: MAX_PATH_BYTES }));
    }

    #[test]
    fn soft_and_hard_junctions_are_told_apart() {
        let path = DerivationPath::parse("//hard/soft//1").unwrap();
        let kinds: Vec<bool> = path.junctions().iter().map(Junction::is_soft).collect();
        assert_eq!(kinds, [false, true, false]);
        assert!(path.has_soft_junction());
        assert!(DerivationPath::parse("").unwrap().is_root());
    }

    #[test]
    fn compact_lengths_match_scale() {
        assert_eq!(scale_compact_len(11), [0x2c]);
        assert_eq!(scale_compact_len(64), [0x01, 0x01]);
        assert_eq!(scale_compact_len(16384), [0x02, 0x00, 0x01, 0x00]);
    }
}
