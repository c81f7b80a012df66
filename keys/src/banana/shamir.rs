//! Shamir's secret sharing over GF(2^8) exactly as secrets.js-grempe lays it out (the layer
//! under Banana Split): the secret behind a `1` marker bit, left-padded with zeros to a
//! multiple of 16 bytes; each byte its own polynomial, evaluated at x = 1..n; the field's
//! primitive polynomial x^8 + x^4 + x^3 + x^2 + 1.

use zeroize::Zeroizing;

/// Powers of the generator 2 and their logarithms, built at compile time.
struct Tables {
    exp: [u8; 255],
    log: [u8; 256],
}

const TABLES: Tables = {
    let mut exp = [0u8; 255];
    let mut log = [0u8; 256];
    let mut x: u16 = 1;
    let mut i = 0;
    while i < 255 {
        exp[i] = x as u8;
        log[x as usize] = i as u8;
        x <<= 1;
        if x >= 256 {
            x ^= 0x11d;
        }
        i += 1;
    }
    Tables { exp, log }
};

fn mul(a: u8, b: u8) -> u8 {
    if a == 0 || b == 0 {
        return 0;
    }
    TABLES.exp[(usize::from(TABLES.log[a as usize]) + usize::from(TABLES.log[b as usize])) % 255]
}

fn div(a: u8, b: u8) -> u8 {
    debug_assert!(b != 0, "no share id is 0");
    if a == 0 {
        return 0;
    }
    TABLES.exp[(usize::from(TABLES.log[a as usize]) + 255 - usize::from(TABLES.log[b as usize])) % 255]
}

/// The secret as secrets.js shares it: zero bytes, the marker byte 0x01, the secret, in
/// 16·(⌊len/16⌋ + 1) bytes.
pub(super) fn pad(secret: &[u8]) -> Zeroizing<Vec<u8>> {
    let padded_length = 16 * (secret.len() / 16 + 1);
    let mut padded = Zeroizing::new(vec![0u8; padded_length]);
    padded[padded_length - secret.len() - 1] = 1;
    padded[padded_length - secret.len()..].copy_from_slice(secret);
    padded
}

/// The secret behind the zero bytes and the marker; `None` when the first byte that is not
/// zero is not the marker (shares that do not belong together give such garbage).
pub(super) fn unpad(padded: &[u8]) -> Option<&[u8]> {
    let marker = padded.iter().position(|&byte| byte != 0)?;
    (padded[marker] == 1).then(|| &padded[marker + 1..])
}

/// Each share's bytes, for ids 1..=total: share `id`'s byte k is the polynomial of padded
/// byte k at x = id. `coefficient` gives the random coefficients (uniform over the field).
pub(super) fn split(
    padded: &[u8],
    total: u8,
    required: u8,
    coefficient: &mut dyn FnMut() -> u8,
) -> Vec<Zeroizing<Vec<u8>>> {
    let mut shares: Vec<Zeroizing<Vec<u8>>> =
        (0..total).map(|_| Zeroizing::new(Vec::with_capacity(padded.len()))).collect();
    let mut coefficients = Zeroizing::new(vec![0u8; usize::from(required)]);
    for &byte in padded {
        coefficients[0] = byte;
        coefficients[1..].iter_mut().for_each(|c| *c = coefficient());
        for (share, id) in shares.iter_mut().zip(1..=total) {
            // Horner: a0 + x(a1 + x(a2 + …)).
            let value = coefficients.iter().rev().fold(0u8, |acc, &c| mul(acc, id) ^ c);
            share.push(value);
        }
    }
    shares
}

/// The padded secret from shares of distinct ids, all of one length: Lagrange at x = 0.
pub(super) fn combine(shares: &[(u8, &[u8])]) -> Zeroizing<Vec<u8>> {
    let length = shares.first().map_or(0, |(_, data)| data.len());
    let weights: Vec<u8> = shares
        .iter()
        .map(|&(id, _)| {
            shares.iter().filter(|&&(other, _)| other != id).fold(1u8, |w, &(other, _)| mul(w, div(other, other ^ id)))
        })
        .collect();
    let mut secret = Zeroizing::new(vec![0u8; length]);
    for (k, byte) in secret.iter_mut().enumerate() {
        *byte = shares.iter().zip(&weights).fold(0u8, |sum, (&(_, data), &weight)| sum ^ mul(data[k], weight));
    }
    secret
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_field_is_the_one_with_primitive_polynomial_29() {
        assert_eq!(TABLES.exp[8], 0x1d, "2^8 = x^4 + x^3 + x^2 + 1");
        assert_eq!(mul(0x53, div(1, 0x53)), 1);
        for a in 1..=255u8 {
            assert_eq!(mul(a, div(1, a)), 1, "{a} has an inverse");
        }
    }

    /// secrets.js with `init(8, "testRandom")` (every coefficient 0x15): `share("00", 3, 2)`.
    #[test]
    fn shares_are_laid_out_as_secrets_js_lays_them_out() {
        let shares = split(&pad(&[0x00]), 3, 2, &mut || 0x15);
        let hex: Vec<String> = shares.iter().map(hex::encode).collect();
        assert_eq!(hex[0], "15151515151515151515151515151415");
        assert_eq!(hex[1], "2a2a2a2a2a2a2a2a2a2a2a2a2a2a2b2a");
        assert_eq!(hex[2], "3f3f3f3f3f3f3f3f3f3f3f3f3f3f3e3f");
    }

    #[test]
    fn any_threshold_of_shares_gives_the_secret_back() {
        let secret = b"a secret of more than sixteen bytes";
        let mut next = 7u8;
        let shares = split(&pad(secret), 5, 3, &mut || {
            next = next.wrapping_mul(31).wrapping_add(11);
            next
        });
        for ids in [[1u8, 2, 3], [5, 3, 1], [2, 4, 5]] {
            let chosen: Vec<(u8, &[u8])> = ids.iter().map(|&id| (id, &shares[usize::from(id) - 1][..])).collect();
            assert_eq!(unpad(&combine(&chosen)), Some(&secret[..]), "{ids:?}");
        }
    }
}
