//! What a check's name may hold: it is written into text lines and URLs, so nothing that could
//! start, end or reorder a line.

/// The first character of `name` that may not be in a name, if any: control characters
/// (ANSI escapes start with one), Unicode line and paragraph separators, and bidirectional
/// formatting characters.
pub(crate) fn unprintable(name: &str) -> Option<char> {
    name.chars().find(|&c| {
        c.is_control()
            || matches!(
                c,
                '\u{2028}' | '\u{2029}' | '\u{200e}' | '\u{200f}' | '\u{061c}'
            )
            || ('\u{202a}'..='\u{202e}').contains(&c)
            || ('\u{2066}'..='\u{2069}').contains(&c)
    })
}

/// Why `name` cannot name a `kind`, if it cannot.
pub(crate) fn invalid(kind: &str, name: &str) -> Option<String> {
    if name.trim().is_empty() {
        return Some(format!("a {kind} name must not be empty or blank"));
    }
    unprintable(name).map(|c| {
        format!(
            "the {kind} name {name:?} holds {c:?}, which is not printable: names are written into text lines and URLs"
        )
    })
}

#[track_caller]
pub(crate) fn assert_printable(kind: &str, name: &str) {
    if let Some(problem) = invalid(kind, name) {
        panic!("{problem}");
    }
}

/// `text` on one line: control characters, line separators and bidirectional formatting
/// characters are written as escapes (`\n`, `\u{1b}`), so that no output can add, end or
/// alter a line.
pub(crate) fn one_line(text: &str) -> std::borrow::Cow<'_, str> {
    if unprintable(text).is_none() {
        return text.into();
    }
    let mut escaped = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if unprintable(&c.to_string()).is_some() {
            escaped.extend(c.escape_default());
        } else {
            escaped.push(c);
        }
    }
    escaped.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printable_names() {
        for name in ["db primary", "a/b", "x+y", "50%", "ünïcödé", "✓"] {
            assert_eq!(invalid("check", name), None, "{name}");
        }
        for name in [
            "",
            " ",
            "a\nb",
            "a\rb",
            "\u{1b}[31mred",
            "a\u{2028}b",
            "a\u{202e}b",
            "\u{85}",
        ] {
            assert!(invalid("check", name).is_some(), "{name:?}");
        }
    }

    #[test]
    fn outputs_stay_on_one_line() {
        assert_eq!(one_line("plain"), "plain");
        assert_eq!(one_line("a\nb\r\n"), "a\\nb\\r\\n");
        assert_eq!(one_line("\u{1b}[2J"), "\\u{1b}[2J");
        assert_eq!(one_line("x\u{2028}y"), "x\\u{2028}y");
    }
}
