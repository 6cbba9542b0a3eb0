//! What the constructors of built-in checks accept, and how a refused input is named in the
//! panic: scrubbed of secrets and cut short, since it may be a URL with a password.

use crate::scrub::Scrubber;

/// How much of a refused input a panic message shows.
const SHOWN: usize = 120;

/// Why `host` is no host name or IPv4 address to look up, if it is not: letters, digits,
/// `-` and `_` in dot-separated labels of at most 63 bytes, with an optional final dot.
#[cfg(any(feature = "tcp", feature = "dns"))]
pub(crate) fn host_problem(host: &str) -> Option<&'static str> {
    /// Longest host name DNS allows, in bytes (RFC 1035).
    const MAX_HOST: usize = 253;
    let labels = host.strip_suffix('.').unwrap_or(host);
    if labels.is_empty() {
        return Some("the host name is empty");
    }
    if host.len() > MAX_HOST {
        return Some("the host name is longer than 253 bytes");
    }
    if let Some(c) = host
        .chars()
        .find(|&c| !(c.is_ascii_alphanumeric() || "-_.".contains(c)))
    {
        return Some(if c == ':' {
            "write an IPv6 address in brackets, with a port: [::1]:6379"
        } else if c.is_ascii() {
            "a host name holds only letters, digits, `-`, `_` and dots"
        } else {
            "a host name is ASCII (write an international name in its xn-- form)"
        });
    }
    if labels.split('.').any(str::is_empty) {
        return Some("the host name has an empty label");
    }
    if labels.split('.').any(|label| label.len() > 63) {
        return Some("a label of the host name is longer than 63 bytes");
    }
    None
}

/// `input` as a panic message may show it: secrets masked, control characters escaped, at
/// most 120 characters.
pub(crate) fn shown(input: &str) -> String {
    let scrubbed = Scrubber::default().scrub_str(input);
    let mut shown: String = scrubbed.chars().take(SHOWN).collect();
    if scrubbed.chars().nth(SHOWN).is_some() {
        shown.push('…');
    }
    format!("{shown:?}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(any(feature = "tcp", feature = "dns"))]
    #[test]
    fn host_names() {
        for good in [
            "localhost",
            "db-1.internal.",
            "127.0.0.1",
            "_srv.example.com",
            "a",
        ] {
            assert_eq!(host_problem(good), None, "{good}");
        }
        let long_label = "a".repeat(64);
        let long_name = ["a"; 128].join(".");
        for bad in [
            "",
            ".",
            "a..b",
            ".a",
            "a b",
            "a/b",
            "::1",
            "ex\u{e4}mple.com",
            "a\nb",
            &long_label,
            &long_name,
        ] {
            assert!(host_problem(bad).is_some(), "{bad:?}");
        }
    }

    #[test]
    fn refused_input_is_shown_scrubbed_and_short() {
        assert_eq!(shown("db"), "\"db\"");
        let url = shown("http://user:hunter2@host/");
        assert!(!url.contains("hunter2"), "{url}");
        assert!(shown(&"x".repeat(500)).chars().count() < 130);
        assert_eq!(shown("a\nb"), "\"a\\nb\"");
    }
}
