//! The BIP39 checksum of a phrase given as word-list indices, checked without building any
//! text: most candidates fail here, before the costly PBKDF2.

use sha2::{Digest, Sha256};
use zeroize::Zeroize;

/// A phrase's entropy (16 to 32 bytes). Wiped on drop.
pub(crate) struct Entropy {
    bytes: [u8; 33],
    len: usize,
}

impl Entropy {
    pub(crate) fn as_bytes(&self) -> &[u8] {
        &self.bytes[..self.len]
    }
}

impl Drop for Entropy {
    fn drop(&mut self) {
        self.bytes.zeroize();
    }
}

/// The entropy of the phrase whose words are `indices`, if the count is a BIP39 one (12, 15,
/// 18, 21 or 24) and its checksum holds.
pub(crate) fn checked_entropy(indices: &[u16]) -> Option<Entropy> {
    let words = indices.len();
    if !(12..=24).contains(&words) || !words.is_multiple_of(3) {
        return None;
    }
    // 11 bits a word: the entropy, then one checksum bit for every 32 bits of it.
    let mut bits = Entropy { bytes: [0; 33], len: 0 };
    for (i, &index) in indices.iter().enumerate() {
        for bit in 0..11 {
            if (index >> (10 - bit)) & 1 == 1 {
                let at = i * 11 + bit;
                bits.bytes[at / 8] |= 0x80 >> (at % 8);
            }
        }
    }
    let checksum_bits = words / 3;
    let entropy_len = (words * 11 - checksum_bits) / 8;
    let mut hash = Sha256::digest(&bits.bytes[..entropy_len]);
    let mask = 0xffu8 << (8 - checksum_bits);
    let holds = bits.bytes[entropy_len] & mask == hash[0] & mask;
    hash[..].zeroize();
    if !holds {
        return None;
    }
    bits.bytes[entropy_len] = 0;
    bits.len = entropy_len;
    Some(bits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::phrase::Phrase;
    use bip39::Language;

    fn indices(text: &str) -> Vec<u16> {
        text.split(' ').map(|word| Language::English.find_word(word).unwrap()).collect()
    }

    #[test]
    fn agrees_with_the_bip39_crate_on_valid_and_invalid_phrases() {
        let dev = "bottom drive obey lake curtain smoke basket hold race lonely fit walk";
        let entropy = checked_entropy(&indices(dev)).unwrap();
        assert_eq!(entropy.as_bytes(), &Phrase::parse(dev).unwrap().entropy()[..]);
        let mut valid = 0;
        for last in 0..2048u16 {
            let mut words = indices(dev);
            words[11] = last;
            let text: Vec<&str> = words.iter().map(|&i| Language::English.word_list()[usize::from(i)]).collect();
            let ours = checked_entropy(&words).is_some();
            assert_eq!(ours, Phrase::parse(&text.join(" ")).is_ok(), "last word {last}");
            valid += usize::from(ours);
        }
        assert_eq!(valid, 128, "4 checksum bits: 1 in 16 of the last words fit");
    }

    #[test]
    fn a_count_that_is_not_a_bip39_count_has_no_entropy() {
        assert!(checked_entropy(&[0; 11]).is_none());
        assert!(checked_entropy(&[0; 13]).is_none());
        assert!(checked_entropy(&[0; 27]).is_none());
    }
}
