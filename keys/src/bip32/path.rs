//! BIP32 paths as polkadot-js takes them: `m`, or `m/` then `/`-separated decimal indices
//! below 2^31, each marked hardened by a trailing `'` (`m/44'/60'/0'/0/0`).

use std::fmt;
use std::str::FromStr;

/// Added to an index to mark it hardened (BIP32).
pub const HARDENED: u32 = 1 << 31;

/// The most levels a path may have: the same cap as a Substrate path
/// ([`MAX_JUNCTIONS`](crate::path::MAX_JUNCTIONS)), so any path a secret URI can carry fits.
/// Each level costs a derivation step; real paths have five.
pub const MAX_DEPTH: usize = crate::path::MAX_JUNCTIONS;

/// The browser extension's default Ethereum path (the first account of BIP44 coin 60).
pub const DEFAULT_ETHEREUM_PATH: &str = "m/44'/60'/0'/0/0";

/// Why a text is not a BIP32 path. Levels are 1-based (`44'` is level 1 of `m/44'/60'`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Bip32PathError {
    /// The path is not `m` and does not start with `m/`: write it like `m/44'/60'/0'/0/0`.
    #[error("a BIP32 path starts with m/, like m/44'/60'/0'/0/0")]
    MissingMaster,
    /// The level is empty or not a decimal number with an optional `'` (`44`, `44'`): other
    /// hardened marks such as `h` are not what polkadot-js reads.
    #[error("level {level} of the BIP32 path is not a number like 44 or 44' (hardened)")]
    BadIndex { level: usize },
    /// The number is 2^31 or more: hardened indices are written with `'`, not as numbers.
    #[error("level {level} of the BIP32 path is too big: an index is below 2147483648; mark hardened ones with '")]
    IndexTooLarge { level: usize },
    /// More than [`MAX_DEPTH`] levels.
    #[error("the BIP32 path has more than {max} levels")]
    TooDeep { max: usize },
}

/// One level of a path: a number below 2^31 and whether it is hardened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ChildIndex {
    number: u32,
    hardened: bool,
}

impl ChildIndex {
    /// `None` when `number` is 2^31 or more (it would collide with the hardened range).
    pub fn new(number: u32, hardened: bool) -> Option<ChildIndex> {
        (number < HARDENED).then_some(ChildIndex { number, hardened })
    }

    /// The number as written, without the hardened offset.
    pub fn number(self) -> u32 {
        self.number
    }

    pub fn is_hardened(self) -> bool {
        self.hardened
    }

    /// The 32-bit index BIP32 hashes: the number, plus 2^31 when hardened.
    pub fn value(self) -> u32 {
        if self.hardened {
            self.number | HARDENED
        } else {
            self.number
        }
    }
}

impl fmt::Display for ChildIndex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.number, if self.hardened { "'" } else { "" })
    }
}

/// A parsed BIP32 path; the empty path is the master key `m`.
#[derive(Clone, PartialEq, Eq, Hash, Default)]
pub struct Bip32Path(Vec<ChildIndex>);

impl Bip32Path {
    pub fn master() -> Bip32Path {
        Bip32Path::default()
    }

    /// Parses `m` or `m/44'/60'/0'/0/0` as polkadot-js's `hdValidatePath` accepts it: a lower
    /// case `m`, single slashes, decimal numbers (leading zeros allowed, as `parseInt` reads
    /// them) below 2^31, an optional `'` after each.
    pub fn parse(text: &str) -> Result<Bip32Path, Bip32PathError> {
        if text == "m" {
            return Ok(Bip32Path::master());
        }
        let rest = text.strip_prefix("m/").ok_or(Bip32PathError::MissingMaster)?;
        let mut indices = Vec::new();
        for (offset, part) in rest.split('/').enumerate() {
            if offset == MAX_DEPTH {
                return Err(Bip32PathError::TooDeep { max: MAX_DEPTH });
            }
            let level = offset + 1;
            let (digits, hardened) = match part.strip_suffix('\'') {
                Some(digits) => (digits, true),
                None => (part, false),
            };
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return Err(Bip32PathError::BadIndex { level });
            }
            let number = digits
                .bytes()
                .try_fold(0u32, |n, digit| n.checked_mul(10)?.checked_add(u32::from(digit - b'0')))
                .and_then(|number| ChildIndex::new(number, hardened))
                .ok_or(Bip32PathError::IndexTooLarge { level })?;
            indices.push(number);
        }
        Ok(Bip32Path(indices))
    }

    pub fn indices(&self) -> &[ChildIndex] {
        &self.0
    }

    /// The path of these indices below the master; `None` past [`MAX_DEPTH`] levels.
    pub fn from_indices(indices: Vec<ChildIndex>) -> Option<Bip32Path> {
        (indices.len() <= MAX_DEPTH).then_some(Bip32Path(indices))
    }

    /// This path with `index` below it; `None` past [`MAX_DEPTH`] levels.
    pub fn child(&self, index: ChildIndex) -> Option<Bip32Path> {
        let mut indices = self.0.clone();
        indices.push(index);
        Bip32Path::from_indices(indices)
    }

    /// The same levels, every one hardened: how a Ledger reads any path.
    pub fn hardened(&self) -> Bip32Path {
        let all = self.0.iter().map(|index| ChildIndex::new(index.number(), true).expect("a number below 2^31"));
        Bip32Path(all.collect())
    }

    pub fn is_master(&self) -> bool {
        self.0.is_empty()
    }
}

impl FromStr for Bip32Path {
    type Err = Bip32PathError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Bip32Path::parse(text)
    }
}

/// The canonical text: `m`, then `/number` with `'` when hardened (leading zeros dropped).
impl fmt::Display for Bip32Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("m")?;
        self.0.iter().try_for_each(|index| write!(f, "/{index}"))
    }
}

impl fmt::Debug for Bip32Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Bip32Path(\"{self}\")")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bip44_path_parses_into_hardened_and_normal_levels() {
        let path = Bip32Path::parse("m/44'/60'/0'/0/7").unwrap();
        let values: Vec<u32> = path.indices().iter().map(|index| index.value()).collect();
        assert_eq!(values, [HARDENED + 44, HARDENED + 60, HARDENED, 0, 7]);
        assert_eq!(path.to_string(), "m/44'/60'/0'/0/7");
        assert_eq!(DEFAULT_ETHEREUM_PATH.parse::<Bip32Path>().unwrap().to_string(), DEFAULT_ETHEREUM_PATH);
    }

    #[test]
    fn m_alone_is_the_master_key() {
        assert!(Bip32Path::parse("m").unwrap().is_master());
        assert_eq!(Bip32Path::master().to_string(), "m");
        assert_eq!(format!("{:?}", Bip32Path::parse("m/0'/1").unwrap()), r#"Bip32Path("m/0'/1")"#);
    }

    #[test]
    fn leading_zeros_read_as_polkadot_js_reads_them_and_print_canonically() {
        assert_eq!(Bip32Path::parse("m/044'/007").unwrap().to_string(), "m/44'/7");
    }

    #[test]
    fn the_largest_index_parses_and_the_next_is_too_large() {
        let path = Bip32Path::parse("m/2147483647'").unwrap();
        assert_eq!(path.indices()[0].value(), u32::MAX);
        for too_big in ["m/2147483648", "m/0/2147483648'", "m/99999999999999999999"] {
            let level = too_big.matches('/').count();
            assert_eq!(Bip32Path::parse(too_big), Err(Bip32PathError::IndexTooLarge { level }), "{too_big}");
        }
    }

    #[test]
    fn a_path_not_starting_with_m_slash_is_refused() {
        for bad in ["", "44'/60'", "/m/44'", "M/44'", "m44'", "m'"] {
            assert_eq!(Bip32Path::parse(bad), Err(Bip32PathError::MissingMaster), "{bad:?}");
        }
    }

    #[test]
    fn a_bad_level_is_named_by_its_position() {
        let cases = [
            ("m/", 1),
            ("m/44'//0", 2),
            ("m/44'/60'/", 3),
            ("m/44h", 1),
            ("m/'", 1),
            ("m/44''", 1),
            ("m/-1", 1),
            ("m/+1", 1),
            ("m/ 1", 1),
            ("m/0x10", 1),
            ("m/4\u{0664}", 1),
        ];
        for (bad, level) in cases {
            assert_eq!(Bip32Path::parse(bad), Err(Bip32PathError::BadIndex { level }), "{bad:?}");
        }
    }

    #[test]
    fn a_path_deeper_than_the_cap_is_refused() {
        let deepest = format!("m{}", "/0".repeat(MAX_DEPTH));
        assert_eq!(Bip32Path::parse(&deepest).unwrap().indices().len(), MAX_DEPTH);
        let deeper = format!("m{}", "/0".repeat(MAX_DEPTH + 1));
        assert_eq!(Bip32Path::parse(&deeper), Err(Bip32PathError::TooDeep { max: MAX_DEPTH }));
    }

    #[test]
    fn child_indices_refuse_the_hardened_range_as_a_number() {
        assert!(ChildIndex::new(HARDENED, false).is_none());
        assert_eq!(ChildIndex::new(5, true).unwrap().to_string(), "5'");
    }
}
