//! Ethereum (H160) addresses: the last 20 bytes of keccak-256 of the uncompressed secp256k1
//! public key without its `04`, written with the EIP-55 mixed-case checksum.

use std::fmt;
use std::str::FromStr;

use k256::elliptic_curve::sec1::ToEncodedPoint;
use sha3::{Digest, Keccak256};

/// Length of an address in bytes.
pub const ADDRESS_LENGTH: usize = 20;

/// Why a text is not an Ethereum address. The text is not secret, but errors still name
/// positions rather than quote it, like the SS58 errors.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EthereumAddressError {
    /// The text does not start with `0x`.
    #[error("an Ethereum address starts with 0x")]
    MissingPrefix,
    /// Not 40 characters after `0x` (`found` of them): copy the whole address again.
    #[error("an Ethereum address has 40 hex digits after 0x; this has {found}")]
    BadLength { found: usize },
    /// The character at `position` (1-based, after `0x`) is not a hex digit.
    #[error("character {position} after 0x is not a hex digit")]
    NotHex { position: usize },
    /// Upper and lower case letters that are not the address's EIP-55 checksum: a character
    /// is mistyped. (All-lower or all-upper text carries no checksum and is accepted.)
    #[error("the address's mixed-case checksum (EIP-55) does not match: a character is mistyped")]
    BadChecksum,
}

/// A 20-byte Ethereum account address (an H160, Moonbeam's `AccountId20`).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EthereumAddress([u8; ADDRESS_LENGTH]);

impl EthereumAddress {
    pub fn from_bytes(bytes: [u8; ADDRESS_LENGTH]) -> Self {
        EthereumAddress(bytes)
    }

    /// The address of a 33-byte SEC 1 compressed public key (what polkadot-js stores and
    /// shows as an `ethereum` pair's public key); `None` if it is not a point on the curve.
    pub fn from_public_key(compressed: &[u8; 33]) -> Option<Self> {
        Some(EthereumAddress::of_key(&k256::PublicKey::from_sec1_bytes(compressed).ok()?))
    }

    /// The address of a public key already on the curve.
    pub(super) fn of_key(key: &k256::PublicKey) -> Self {
        let uncompressed = key.to_encoded_point(false);
        let hash = Keccak256::digest(&uncompressed.as_bytes()[1..]);
        let mut address = [0u8; ADDRESS_LENGTH];
        address.copy_from_slice(&hash[32 - ADDRESS_LENGTH..]);
        EthereumAddress(address)
    }

    /// Parses `0x` and 40 hex digits. All-lower or all-upper digits are taken as they are;
    /// mixed case must be the EIP-55 checksum, so a typo in a checksummed address is caught.
    pub fn parse(text: &str) -> Result<Self, EthereumAddressError> {
        let digits = text.strip_prefix("0x").ok_or(EthereumAddressError::MissingPrefix)?;
        if digits.len() != ADDRESS_LENGTH * 2 {
            return Err(EthereumAddressError::BadLength { found: digits.chars().count() });
        }
        if let Some(index) = digits.bytes().position(|b| !b.is_ascii_hexdigit()) {
            return Err(EthereumAddressError::NotHex { position: index + 1 });
        }
        let mut bytes = [0u8; ADDRESS_LENGTH];
        hex::decode_to_slice(digits, &mut bytes).expect("40 hex digits checked above");
        let address = EthereumAddress(bytes);
        let has_lower = digits.bytes().any(|b| b.is_ascii_lowercase());
        let has_upper = digits.bytes().any(|b| b.is_ascii_uppercase());
        if has_lower && has_upper && address.checksum_digits() != digits.as_bytes() {
            return Err(EthereumAddressError::BadChecksum);
        }
        Ok(address)
    }

    pub fn as_bytes(&self) -> &[u8; ADDRESS_LENGTH] {
        &self.0
    }

    /// `0x` and the EIP-55 checksummed digits, as wallets and polkadot-js show the address.
    pub fn to_checksummed(&self) -> String {
        let digits = self.checksum_digits();
        let mut text = String::with_capacity(2 + digits.len());
        text.push_str("0x");
        text.extend(digits.iter().map(|&b| char::from(b)));
        text
    }

    /// EIP-55: hash the lower-case hex digits with keccak-256; a letter is upper case where
    /// the hash's nibble at its position is 8 or more.
    fn checksum_digits(&self) -> [u8; ADDRESS_LENGTH * 2] {
        let mut digits = [0u8; ADDRESS_LENGTH * 2];
        hex::encode_to_slice(self.0, &mut digits).expect("40 digits for 20 bytes");
        let hash = Keccak256::digest(digits);
        for (i, digit) in digits.iter_mut().enumerate() {
            let nibble = if i % 2 == 0 { hash[i / 2] >> 4 } else { hash[i / 2] & 0x0f };
            if nibble >= 8 {
                digit.make_ascii_uppercase();
            }
        }
        digits
    }
}

impl FromStr for EthereumAddress {
    type Err = EthereumAddressError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        EthereumAddress::parse(text)
    }
}

/// The EIP-55 checksummed form.
impl fmt::Display for EthereumAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_checksummed())
    }
}

impl fmt::Debug for EthereumAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "EthereumAddress({})", self.to_checksummed())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The examples in EIP-55 itself ("Test Cases"): all caps, all lower, then mixed.
    const EIP55_EXAMPLES: [&str; 8] = [
        "0x52908400098527886E0F7030069857D2E4169EE7",
        "0x8617E340B3D01FA5F11F306F4090FD50E238070D",
        "0xde709f2102306220921060314715629080e2fb77",
        "0x27b1fdb04752bbc536007a920d24acb045561c26",
        "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
        "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
        "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
        "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
    ];

    #[test]
    fn the_eip55_examples_are_their_own_checksum() {
        for example in EIP55_EXAMPLES {
            let address = EthereumAddress::parse(example).unwrap();
            assert_eq!(address.to_checksummed(), example, "{example}");
            assert_eq!(EthereumAddress::parse(&example.to_lowercase()).unwrap(), address, "{example}");
            let upper = format!("0x{}", example[2..].to_uppercase());
            assert_eq!(EthereumAddress::parse(&upper).unwrap(), address, "{example}");
        }
    }

    #[test]
    fn one_letter_in_the_wrong_case_fails_the_checksum() {
        // The last letter of the fifth example, `d`, upper-cased.
        let typo = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD";
        assert_eq!(EthereumAddress::parse(typo), Err(EthereumAddressError::BadChecksum));
    }

    #[test]
    fn malformed_addresses_get_their_own_errors() {
        let good = EIP55_EXAMPLES[4];
        assert_eq!(EthereumAddress::parse(&good[2..]), Err(EthereumAddressError::MissingPrefix));
        assert_eq!(EthereumAddress::parse(&good.replace("0x", "0X")), Err(EthereumAddressError::MissingPrefix));
        assert_eq!(EthereumAddress::parse(&good[..41]), Err(EthereumAddressError::BadLength { found: 39 }));
        assert_eq!(EthereumAddress::parse(&format!("{good}00")), Err(EthereumAddressError::BadLength { found: 42 }));
        assert_eq!(
            EthereumAddress::parse(&good.replace("5a", "5g")),
            Err(EthereumAddressError::NotHex { position: 2 })
        );
        assert_eq!(
            EthereumAddress::parse(&format!("{}é", &good[..40])),
            Err(EthereumAddressError::NotHex { position: 39 })
        );
    }

    #[test]
    fn a_point_off_the_curve_has_no_address() {
        let mut not_a_point = [0u8; 33];
        not_a_point[0] = 0x02;
        not_a_point[1..].fill(0xff);
        assert_eq!(EthereumAddress::from_public_key(&not_a_point), None);
    }
}
