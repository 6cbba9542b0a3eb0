//! The text of a client library's error, with the errors it wraps.

use std::error::Error;

/// `error` and each of its sources, `: `-separated, skipping a source whose text the error
/// already shows (`tokio-postgres` says only `db error`, its source says which).
pub(crate) fn reason(error: &(dyn Error + 'static)) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let cause_text = cause.to_string();
        if !text.contains(&cause_text) {
            text.push_str(": ");
            text.push_str(&cause_text);
        }
        source = cause.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fmt;

    #[derive(Debug)]
    struct Wrapping(&'static str, Option<std::io::Error>);

    impl fmt::Display for Wrapping {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(self.0)
        }
    }

    impl Error for Wrapping {
        fn source(&self) -> Option<&(dyn Error + 'static)> {
            self.1.as_ref().map(|error| error as &(dyn Error + 'static))
        }
    }

    #[test]
    fn sources_are_appended_once() {
        let refused = || std::io::Error::new(std::io::ErrorKind::ConnectionRefused, "refused");
        let error = Wrapping("error connecting to server", Some(refused()));
        assert_eq!(reason(&error), "error connecting to server: refused");
        let error = Wrapping("io: refused", Some(refused()));
        assert_eq!(reason(&error), "io: refused");
        assert_eq!(reason(&Wrapping("plain", None)), "plain");
    }
}
