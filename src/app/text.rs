//! Wording shared by the screens.

/// A message as a sentence: capital first letter, full stop.
pub fn sentence(message: &str) -> String {
    let mut chars = message.chars();
    let mut text = chars.next().map(|c| c.to_uppercase().collect::<String>()).unwrap_or_default() + chars.as_str();
    if !text.ends_with('.') {
        text.push('.');
    }
    text
}

/// `1 account`, `3 accounts`.
pub fn count_of(n: usize, one: &str, many: &str) -> String {
    match n {
        1 => format!("1 {one}"),
        n => format!("{n} {many}"),
    }
}

/// 1234567 → "1,234,567": counts of candidates, as a person writes them.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut text = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            text.push(',');
        }
        text.push(digit);
    }
    text
}

/// "about the first" → "About the first": a phrase made the start of a line.
pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// How long something will take, as a person says it: "a second", "40 seconds",
/// "12 minutes", "5 hours", "3 days".
pub fn duration_text(duration: std::time::Duration) -> String {
    match duration.as_secs() {
        0 | 1 => "a second".to_owned(),
        s @ 2..=119 => format!("{s} seconds"),
        s @ 120..=7199 => format!("{} minutes", s / 60),
        s @ 7200..=172_799 => format!("{} hours", s / 3600),
        s => format!("{} days", s / 86_400),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_becomes_one_sentence_and_counts_take_the_right_plural() {
        assert_eq!(sentence("no such file"), "No such file.");
        assert_eq!(sentence("Done."), "Done.");
        assert_eq!(count_of(1, "account", "accounts"), "1 account");
        assert_eq!(count_of(0, "account", "accounts"), "0 accounts");
        assert_eq!(count_of(3, "word", "words"), "3 words");
    }

    #[test]
    fn counts_are_grouped_by_thousands() {
        let cases = [(0, "0"), (999, "999"), (1_000, "1,000"), (11_612, "11,612"), (1_234_567, "1,234,567")];
        for (n, text) in cases {
            assert_eq!(thousands(n), text, "{n}");
        }
    }
}
