//! Keeping the password of a connection string out of a check's messages, however the client
//! library splits it.

use crate::scrub::MASK;

/// The secrets of one connection string: masked wherever they appear in a value a check puts
/// into its output (a host, an error), so that a password never leaves through a message.
///
/// A password holding an unescaped `@`, `:` or `/` is split differently by each parser (the
/// WHATWG URL rules take the last `@` of the authority, `tokio-postgres` the first `@`), so
/// the password is read both ways and each piece of it is masked too.
#[derive(Clone, Default)]
pub(crate) struct Secrets(Vec<String>);

impl Secrets {
    /// The password in `url`, read by the WHATWG URL rules (`scheme://user:password@host…`)
    /// or from a `password=…` pair; each check adds the password its library parsed.
    pub(crate) fn of(url: &str) -> Self {
        let mut secrets = Secrets::default();
        if let Some((_, rest)) = url.split_once("://") {
            let authority = rest.split(['/', '?', '#']).next().unwrap_or(rest);
            if let Some((userinfo, _)) = authority.rsplit_once('@') {
                secrets.add(userinfo.split_once(':').map(|(_, password)| password));
            }
        }
        for (at, _) in url.match_indices("password") {
            let value = url[at + "password".len()..].trim_start();
            if let Some(value) = value.strip_prefix('=') {
                let value = value.trim_start();
                let value = match value.strip_prefix('\'') {
                    Some(quoted) => quoted.split('\'').next(),
                    None => value.split([' ', '&', '\t', '\n']).next(),
                };
                secrets.add(value);
            }
        }
        secrets
    }

    /// Adds a password as a client library parsed it, and its pieces and decoded form.
    pub(crate) fn add(&mut self, secret: Option<&str>) {
        let Some(secret) = secret.filter(|secret| !secret.is_empty()) else {
            return;
        };
        let decoded = percent_encoding::percent_decode_str(secret)
            .decode_utf8_lossy()
            .into_owned();
        for whole in [secret.to_owned(), decoded] {
            let pieces: Vec<String> = whole
                .split(['@', ':', '/'])
                .filter(|piece| !piece.is_empty() && *piece != whole)
                .map(str::to_owned)
                .collect();
            self.0.push(whole);
            self.0.extend(pieces);
        }
        // The longest first, so that a piece never masks half of a whole password.
        self.0.sort_by_key(|secret| std::cmp::Reverse(secret.len()));
        self.0.dedup();
    }

    /// `text` with every secret masked.
    pub(crate) fn mask(&self, text: &str) -> String {
        let mut text = text.to_owned();
        for secret in &self.0 {
            if text.contains(secret.as_str()) {
                text = text.replace(secret.as_str(), MASK);
            }
        }
        text
    }
}

impl std::fmt::Debug for Secrets {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Secrets({} masked)", self.0.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn masked(url: &str, text: &str) -> String {
        Secrets::of(url).mask(text)
    }

    #[test]
    fn url_passwords_are_masked_in_any_text() {
        assert_eq!(
            masked("redis://:hunter2@db:6379/0", "WRONGPASS hunter2 at db:6379"),
            format!("WRONGPASS {MASK} at db:6379")
        );
        assert_eq!(
            masked("postgres://app:s%40cret@db/app", "s@cret and s%40cret"),
            format!("{MASK} and {MASK}")
        );
    }

    #[test]
    fn a_password_with_an_unescaped_at_is_masked_however_it_was_split() {
        // tokio-postgres splits at the first `@`: password "p4ss", host "w0rd@db".
        let text = masked(
            "postgres://app:p4ss@w0rd@db/app",
            "host w0rd@db, password p4ss",
        );
        assert!(!text.contains("p4ss") && !text.contains("w0rd"), "{text}");
    }

    #[test]
    fn key_value_passwords_are_masked() {
        let url = "host=db user=app password='top secret' dbname=app";
        assert_eq!(masked(url, "top secret"), MASK);
        let url = "host=db password = plain dbname=app";
        assert_eq!(masked(url, "a plain text"), format!("a {MASK} text"));
        let url = "mysql://db/app?password=q&ssl=true";
        assert_eq!(masked(url, "q"), MASK);
    }

    #[test]
    fn without_a_password_nothing_is_masked() {
        assert_eq!(masked("redis://db:6379", "db:6379"), "db:6379");
        assert_eq!(masked("postgres://app@db/app", "app@db"), "app@db");
        assert_eq!(masked("postgres://app:@db/app", "app@db"), "app@db");
    }

    #[test]
    fn the_debug_form_shows_no_secret() {
        let debug = format!("{:?}", Secrets::of("redis://:hunter2@db"));
        assert!(!debug.contains("hunter2"), "{debug}");
    }
}
