//! Which keys sit beside a key on a US QWERTY keyboard: a finger that slipped types one of them.

/// The four rows as typed without and with Shift; a character keeps its layer when it slips.
const ROWS: [[&str; 4]; 2] = [
    ["`1234567890-=", "qwertyuiop[]\\", "asdfghjkl;'", "zxcvbnm,./"],
    ["~!@#$%^&*()_+", "QWERTYUIOP{}|", "ASDFGHJKL:\"", "ZXCVBNM<>?"],
];

/// Where each row starts, in quarters of a key: rows are staggered, so the keys above and
/// below a key are the ones whose centres are less than a key's width away.
const ROW_OFFSETS: [isize; 4] = [0, 6, 7, 9];
const KEY_WIDTH: isize = 4;

/// The characters a slip of the finger types instead of `c`: the keys left and right of it,
/// the ones above and below it, and the same key with Shift toggled when that is not just a
/// capital (a `3` for a `#`). Empty for a character that is not on the keyboard.
pub(super) fn neighbours(c: char) -> Vec<char> {
    let Some((layer, row, column)) = position(c) else { return Vec::new() };
    let keys = |row: usize| ROWS[layer][row].chars();
    let mut near: Vec<char> =
        keys(row).enumerate().filter(|(at, _)| at.abs_diff(column) == 1).map(|(_, key)| key).collect();
    let x = ROW_OFFSETS[row] + KEY_WIDTH * column as isize;
    for other in [row.checked_sub(1), Some(row + 1).filter(|&below| below < ROWS[layer].len())].into_iter().flatten() {
        near.extend(
            keys(other)
                .enumerate()
                .filter(|(at, _)| (ROW_OFFSETS[other] + KEY_WIDTH * *at as isize - x).abs() < KEY_WIDTH)
                .map(|(_, key)| key),
        );
    }
    if !c.is_ascii_alphabetic() {
        near.extend(ROWS[1 - layer][row].chars().nth(column));
    }
    near
}

fn position(c: char) -> Option<(usize, usize, usize)> {
    ROWS.iter().enumerate().find_map(|(layer, rows)| {
        rows.iter()
            .enumerate()
            .find_map(|(row, keys)| keys.chars().position(|key| key == c).map(|column| (layer, row, column)))
    })
}

#[cfg(test)]
mod tests {
    use super::neighbours;

    #[test]
    fn a_key_slips_to_the_keys_around_it_in_its_own_layer() {
        assert_eq!(neighbours('g'), vec!['f', 'h', 't', 'y', 'v', 'b']);
        assert_eq!(neighbours('G'), vec!['F', 'H', 'T', 'Y', 'V', 'B']);
        assert_eq!(neighbours('3'), vec!['2', '4', 'w', 'e', '#']);
        assert_eq!(neighbours('q'), vec!['w', '1', '2', 'a']);
        assert!(neighbours('é').is_empty());
    }
}
