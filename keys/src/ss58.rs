//! SS58 addresses: base58btc(prefix bytes || account id || checksum), where the checksum
//! is the first two bytes of blake2b-512("SS58PRE" || prefix bytes || account id).

use std::fmt;

use super::hash::blake2b_512;
use super::scheme::AccountId;

const CHECKSUM_CONTEXT: &[u8] = b"SS58PRE";
const CHECKSUM_LENGTH: usize = 2;
/// The largest prefix that fits the two-byte form.
pub const MAX_PREFIX: u16 = 16383;
/// Prefixes the SS58 registry reserves; polkadot-js refuses them.
const RESERVED_PREFIXES: [u16; 2] = [46, 47];
/// The longest text [`decode`] looks at. An account address is at most 36 bytes (two-byte
/// prefix, account id, checksum), which base58 writes in at most 50 characters; the margin
/// lets a near miss still get its precise error. Base58 decoding is quadratic in the length,
/// so anything longer is refused before it starts.
pub const MAX_ADDRESS_CHARS: usize = 60;

/// Why a prefix or an address is not usable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Ss58Error {
    /// A character base58 does not have (0, O, I, l, a space): copy the address again.
    #[error("the address is not valid base58 (it has a character such as 0, O, I or l, or a space)")]
    BadBase58,
    /// Longer than any SS58 address; refused before decoding (see [`MAX_ADDRESS_CHARS`]).
    #[error("this is too long to be an address: an SS58 address has at most 50 characters")]
    TooLong,
    /// The checksum does not match: a character is mistyped; copy the address again.
    #[error("the address's checksum does not match: a character is mistyped")]
    BadChecksum,
    /// The address decodes to `length` bytes, which is no account's: copy the whole address
    /// again.
    #[error("the address decodes to {length} bytes, not an account address")]
    BadLength { length: usize },
    /// The prefix is reserved by SS58 and names no network: choose the network's own.
    #[error("SS58 prefix {prefix} is reserved and names no network")]
    ReservedPrefix { prefix: u16 },
    /// The prefix is above 16383, the largest SS58 has: choose the network's own.
    #[error("SS58 prefix {prefix} is out of range: prefixes go from 0 to 16383")]
    PrefixOutOfRange { prefix: u32 },
    /// A prefix below 64 written in the two-byte form: a second spelling of an address.
    #[error("the address writes prefix {prefix} in the long form; it is not a standard address")]
    NonCanonicalPrefix { prefix: u16 },
}

/// A network's address prefix, 0..=16383 and not reserved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Ss58Prefix(u16);

impl Ss58Prefix {
    pub const POLKADOT: Ss58Prefix = Ss58Prefix(0);
    pub const KUSAMA: Ss58Prefix = Ss58Prefix(2);
    pub const SUBSTRATE: Ss58Prefix = Ss58Prefix(42);

    pub fn new(prefix: u32) -> Result<Self, Ss58Error> {
        if prefix > u32::from(MAX_PREFIX) {
            return Err(Ss58Error::PrefixOutOfRange { prefix });
        }
        let prefix = prefix as u16;
        if RESERVED_PREFIXES.contains(&prefix) {
            return Err(Ss58Error::ReservedPrefix { prefix });
        }
        Ok(Ss58Prefix(prefix))
    }

    pub fn value(self) -> u16 {
        self.0
    }

    /// One byte below 64; two bytes from 64 (the low six bits of the prefix's first byte
    /// go into the first byte, the rest into the second, with bit 6 of the first set).
    fn to_bytes(self) -> ([u8; 2], usize) {
        let p = self.0;
        if p < 64 {
            ([p as u8, 0], 1)
        } else {
            let first = (((p & 0b1111_1100) >> 2) as u8) | 0b0100_0000;
            let second = ((p >> 8) as u8) | (((p & 0b11) as u8) << 6);
            ([first, second], 2)
        }
    }
}

impl fmt::Display for Ss58Prefix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// The SS58 address of an account id.
pub fn encode(prefix: Ss58Prefix, account: &AccountId) -> String {
    let (prefix_bytes, prefix_len) = prefix.to_bytes();
    let mut payload = [0u8; 2 + 32 + CHECKSUM_LENGTH];
    let body_len = prefix_len + 32;
    payload[..prefix_len].copy_from_slice(&prefix_bytes[..prefix_len]);
    payload[prefix_len..body_len].copy_from_slice(account.as_bytes());
    let checksum = blake2b_512(&[CHECKSUM_CONTEXT, &payload[..body_len]]);
    payload[body_len..body_len + CHECKSUM_LENGTH].copy_from_slice(&checksum[..CHECKSUM_LENGTH]);
    bs58::encode(&payload[..body_len + CHECKSUM_LENGTH]).into_string()
}

/// Decodes an account address of any prefix.
pub fn decode(address: &str) -> Result<(Ss58Prefix, AccountId), Ss58Error> {
    // Bytes, not characters: counting is free, and base58 is ASCII anyway.
    if address.len() > MAX_ADDRESS_CHARS {
        return Err(Ss58Error::TooLong);
    }
    let data = bs58::decode(address).into_vec().map_err(|_| Ss58Error::BadBase58)?;
    let prefix_len = match data.first() {
        // First bytes 128-255 are reserved by the SS58 format.
        Some(first) if first & 0b1000_0000 != 0 => return Err(Ss58Error::ReservedPrefix { prefix: u16::from(*first) }),
        Some(first) if first & 0b0100_0000 != 0 => 2,
        Some(_) => 1,
        None => return Err(Ss58Error::BadLength { length: 0 }),
    };
    if data.len() != prefix_len + 32 + CHECKSUM_LENGTH {
        return Err(Ss58Error::BadLength { length: data.len() });
    }
    let body_len = prefix_len + 32;
    let checksum = blake2b_512(&[CHECKSUM_CONTEXT, &data[..body_len]]);
    if data[body_len..] != checksum[..CHECKSUM_LENGTH] {
        return Err(Ss58Error::BadChecksum);
    }
    let prefix = if prefix_len == 1 {
        u32::from(data[0])
    } else {
        let (b0, b1) = (u32::from(data[0]), u32::from(data[1]));
        let prefix = ((b0 & 0b0011_1111) << 2) | (b1 >> 6) | ((b1 & 0b0011_1111) << 8);
        if prefix < 64 {
            return Err(Ss58Error::NonCanonicalPrefix { prefix: prefix as u16 });
        }
        prefix
    };
    let mut account = [0u8; 32];
    account.copy_from_slice(&data[prefix_len..body_len]);
    Ok((Ss58Prefix::new(prefix)?, AccountId::from_bytes(account)))
}

/// Why a network name or number was not understood.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum UnknownNetwork {
    /// `name` is kept only when it looks like a network name: a phrase pasted into the
    /// wrong option must not come back in an error message.
    #[error(
        "unknown network{}: give a name such as polkadot, kusama or westend, or an SS58 prefix from 0 to 16383",
        echo(name)
    )]
    Name { name: Option<String> },
    /// A number that is not a usable SS58 prefix: see [`Ss58Error`].
    #[error(transparent)]
    Prefix(Ss58Error),
}

/// ` "name"` when the text is short and has no spaces (so cannot be a phrase), else nothing.
pub(crate) fn echo(text: &Option<String>) -> String {
    text.as_ref().map(|t| format!(" {t:?}")).unwrap_or_default()
}

/// The text itself when it is safe to show back (see [`UnknownNetwork::Name`]).
pub(crate) fn echoable(text: &str) -> Option<String> {
    (text.chars().count() <= 32 && !text.chars().any(char::is_whitespace)).then(|| text.to_owned())
}

/// Networks that share a prefix with the registry entry of another name, or that the
/// registry lists under another spelling. Checked before the registry.
const NETWORK_ALIASES: [(&str, u16); 4] = [("polkadot", 0), ("kusama", 2), ("westend", 42), ("substrate", 42)];

/// A network's prefix from its name (case-insensitive, ss58-registry names included)
/// or from a decimal prefix.
pub fn prefix_for_network(name: &str) -> Result<Ss58Prefix, UnknownNetwork> {
    let unknown = || UnknownNetwork::Name { name: echoable(name) };
    let trimmed = name.trim();
    if !trimmed.is_empty() && trimmed.bytes().all(|b| b.is_ascii_digit()) {
        let value = trimmed.parse::<u32>().unwrap_or(u32::MAX);
        return Ss58Prefix::new(value).map_err(UnknownNetwork::Prefix);
    }
    let lower = trimmed.to_ascii_lowercase();
    if let Some((_, prefix)) = NETWORK_ALIASES.iter().find(|(alias, _)| *alias == lower) {
        return Ok(Ss58Prefix(*prefix));
    }
    let format = ss58_registry::Ss58AddressFormat::try_from(lower.as_str()).map_err(|_| unknown())?;
    Ss58Prefix::new(u32::from(format.prefix())).map_err(UnknownNetwork::Prefix)
}

/// The registry's name for a prefix ("polkadot", "kusama", "substrate", …), if any.
pub fn network_name(prefix: Ss58Prefix) -> Option<String> {
    let format = ss58_registry::Ss58AddressFormat::custom(prefix.value());
    ss58_registry::Ss58AddressFormatRegistry::try_from(format).ok().map(|registry| registry.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALICE: &str = "d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d";

    fn alice() -> AccountId {
        let mut bytes = [0u8; 32];
        hex::decode_to_slice(ALICE, &mut bytes).unwrap();
        AccountId::from_bytes(bytes)
    }

    #[test]
    fn alice_on_substrate_prefix() {
        assert_eq!(encode(Ss58Prefix::SUBSTRATE, &alice()), "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY");
    }

    #[test]
    fn two_byte_prefixes_round_trip() {
        for prefix in [64, 2007, 16383] {
            let prefix = Ss58Prefix::new(prefix).unwrap();
            let address = encode(prefix, &alice());
            assert_eq!(decode(&address).unwrap(), (prefix, alice()));
        }
        assert_eq!(Ss58Prefix::new(64).unwrap().to_bytes(), ([0x50, 0x00], 2));
        assert_eq!(Ss58Prefix::new(2007).unwrap().to_bytes(), ([0x75, 0xc7], 2));
        assert_eq!(Ss58Prefix::new(16383).unwrap().to_bytes(), ([0x7f, 0xff], 2));
    }

    #[test]
    fn decode_errors_are_distinct() {
        let good = encode(Ss58Prefix::POLKADOT, &alice());
        assert_eq!(decode("5Grwva0F"), Err(Ss58Error::BadBase58));
        let mut typo: Vec<char> = good.chars().collect();
        typo[10] = if typo[10] == 'a' { 'b' } else { 'a' };
        assert_eq!(decode(&typo.iter().collect::<String>()), Err(Ss58Error::BadChecksum));
        assert!(matches!(decode(&good[..good.len() - 3]), Err(Ss58Error::BadLength { .. })));
        assert_eq!(decode(""), Err(Ss58Error::BadLength { length: 0 }));
    }

    #[test]
    fn a_megabyte_address_is_refused_before_base58() {
        // Base58 is quadratic: a megabyte of `z` took over 100 s before the length check.
        let hostile = "z".repeat(1 << 20);
        assert_eq!(decode(&hostile), Err(Ss58Error::TooLong));
        assert_eq!(decode(&"z".repeat(MAX_ADDRESS_CHARS + 1)), Err(Ss58Error::TooLong));
        // The longest real addresses (two-byte prefix) pass the length check.
        let longest = encode(Ss58Prefix::new(16383).unwrap(), &AccountId::from_bytes([0xff; 32]));
        assert!(longest.len() <= 50, "{longest}");
        assert!(decode(&longest).is_ok());
    }

    #[test]
    fn reserved_and_out_of_range_prefixes_are_refused() {
        assert_eq!(Ss58Prefix::new(46), Err(Ss58Error::ReservedPrefix { prefix: 46 }));
        assert_eq!(Ss58Prefix::new(47), Err(Ss58Error::ReservedPrefix { prefix: 47 }));
        assert_eq!(Ss58Prefix::new(16384), Err(Ss58Error::PrefixOutOfRange { prefix: 16384 }));
        // An address carrying a reserved prefix decodes to that error, checksum and all.
        assert_eq!(decode(&raw_address(&[46])), Err(Ss58Error::ReservedPrefix { prefix: 46 }));
    }

    /// A valid checksum over `prefix_bytes || alice`, base58-encoded.
    fn raw_address(prefix_bytes: &[u8]) -> String {
        let mut body = prefix_bytes.to_vec();
        body.extend_from_slice(alice().as_bytes());
        let checksum = blake2b_512(&[CHECKSUM_CONTEXT, &body]);
        body.extend_from_slice(&checksum[..2]);
        bs58::encode(body).into_string()
    }

    #[test]
    fn a_second_spelling_of_an_address_is_refused() {
        assert_eq!(decode(&raw_address(&[0x80])), Err(Ss58Error::ReservedPrefix { prefix: 0x80 }));
        assert_eq!(decode(&raw_address(&[0xff])), Err(Ss58Error::ReservedPrefix { prefix: 0xff }));
        assert_eq!(decode(&raw_address(&[0x40, 0x00])), Err(Ss58Error::NonCanonicalPrefix { prefix: 0 }));
        assert_eq!(decode(&raw_address(&[0x50, 0x00])).unwrap().0.value(), 64);
    }

    #[test]
    fn networks_by_name_or_number() {
        assert_eq!(prefix_for_network("polkadot").unwrap().value(), 0);
        assert_eq!(prefix_for_network("Kusama").unwrap().value(), 2);
        assert_eq!(prefix_for_network("westend").unwrap().value(), 42);
        assert_eq!(prefix_for_network("substrate").unwrap().value(), 42);
        assert_eq!(prefix_for_network("2007").unwrap().value(), 2007);
        assert!(prefix_for_network("acala").is_ok());
        assert!(prefix_for_network("nowhere").is_err());
        assert!(prefix_for_network("46").is_err());
        assert!(prefix_for_network("99999999999").is_err());
        assert_eq!(network_name(Ss58Prefix::KUSAMA).as_deref(), Some("kusama"));
    }
}
