//! The one rule for every name the store keeps: identities, accounts, networks and their
//! units. A name is shown on screens and printed on terminals, where a control character
//! (an escape sequence, BEL, a line break) can rewrite what is shown and a bidirectional
//! override can make `gpj.exe` read as `exe.jpg`. So a name is trimmed, not empty, at most
//! a given number of characters, and has neither. Printing escapes them anyway, for names
//! stored before this rule.

/// The longest identity, account or network name, in characters (the same as
/// [`crate::MAX_NAME_CHARS`], which identity errors quote).
pub const MAX_NAME_CHARS: usize = 64;

/// Why a name is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum NameError {
    /// Nothing but spaces.
    #[error("the name is empty")]
    Empty,
    /// More than the name's cap, in characters after trimming.
    #[error("the name is longer than {max} characters")]
    TooLong { max: usize },
    /// A control character: a line break, a tab, an escape sequence, BEL.
    #[error("the name has a control character (a line break, tab or escape)")]
    ControlCharacter,
    /// A bidirectional override, isolate or mark, which reorders how text is shown.
    #[error("the name has an invisible character that reorders text (a right-to-left override)")]
    BidiControl,
}

/// Whether `c` changes the direction text is shown in: the embeddings and overrides
/// U+202A–U+202E, the isolates U+2066–U+2069, and the marks U+200E, U+200F and U+061C.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// Whether a name may not hold `c`.
pub fn is_refused(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

/// The name, trimmed, if it keeps the rule with at most `max_chars` characters.
pub fn check(name: &str, max_chars: usize) -> Result<&str, NameError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(NameError::Empty);
    }
    // Counting stops one past the cap: a megabyte name costs no more than a long one.
    if name.chars().take(max_chars + 1).count() > max_chars {
        return Err(NameError::TooLong { max: max_chars });
    }
    if name.chars().any(char::is_control) {
        return Err(NameError::ControlCharacter);
    }
    if name.chars().any(is_bidi_control) {
        return Err(NameError::BidiControl);
    }
    Ok(name)
}

/// `text` with every character a name may not hold written as `\u{…}`, for a terminal.
pub fn escaped(text: &str) -> String {
    let mut shown = String::with_capacity(text.len());
    for c in text.chars() {
        if is_refused(c) {
            shown.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            shown.push(c);
        }
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_and_ordinary_text_passes() {
        assert_eq!(check("  Alice  ", MAX_NAME_CHARS), Ok("Alice"));
        assert_eq!(check("Ünïcode 名前 🙂", MAX_NAME_CHARS), Ok("Ünïcode 名前 🙂"));
        assert_eq!(check(&"a".repeat(MAX_NAME_CHARS), MAX_NAME_CHARS).map(str::len), Ok(MAX_NAME_CHARS));
    }

    #[test]
    fn every_refused_kind_has_its_error() {
        let cases = [
            ("   ", NameError::Empty),
            ("", NameError::Empty),
            ("a\u{1b}[2Jb", NameError::ControlCharacter),
            ("bell\u{7}", NameError::ControlCharacter),
            ("two\nlines", NameError::ControlCharacter),
            ("C1\u{9b}31m", NameError::ControlCharacter),
            ("gpj\u{202E}exe", NameError::BidiControl),
            ("iso\u{2066}late", NameError::BidiControl),
            ("mark\u{200F}", NameError::BidiControl),
            ("embed\u{202A}", NameError::BidiControl),
        ];
        for (name, expected) in cases {
            assert_eq!(check(name, MAX_NAME_CHARS), Err(expected), "{name:?}");
        }
        assert_eq!(check(&"a".repeat(MAX_NAME_CHARS + 1), MAX_NAME_CHARS), Err(NameError::TooLong { max: 64 }));
        assert_eq!(check(&"a".repeat(1 << 20), 12), Err(NameError::TooLong { max: 12 }));
    }

    #[test]
    fn the_identity_cap_is_this_one() {
        assert_eq!(MAX_NAME_CHARS, crate::MAX_NAME_CHARS);
    }

    #[test]
    fn escaping_shows_what_the_rule_refuses() {
        assert_eq!(escaped("ok\u{1b}[2J\u{7}\u{202E}gpj"), "ok\\u{1b}[2J\\u{7}\\u{202e}gpj");
        assert_eq!(escaped("Ünïcode"), "Ünïcode");
    }
}
