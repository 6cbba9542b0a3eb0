//! Wire formats, and choosing one from `?format=` or `Accept`.

pub(crate) mod classic;
pub(crate) mod ietf;
mod python;
mod rendered;
pub(crate) mod text;

pub use python::JsonStyle;
pub use rendered::Rendered;
pub(crate) use rendered::{render, render_with};

use std::fmt;

/// How a report is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Format {
    /// py-healthcheck's JSON (`application/json`): `hostname`, `status`, `timestamp`, `results`.
    #[default]
    Json,
    /// IETF draft-inadarei-api-health-check (`application/health+json`).
    HealthJson,
    /// Plain text as the Kubernetes apiserver writes it: `ok`, or, when `verbose` or
    /// failing, one `[+]name ok` / `[-]name failed: reason withheld` line a check and
    /// `healthz check passed|failed` (each probe writes its own name).
    Text {
        /// List every check even when all pass.
        verbose: bool,
    },
}

/// The names `?format=` accepts.
const NAMES: &str = "json, ietf (or health+json), text";

/// A `?format=` value that names no format.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownFormat(pub String);

impl fmt::Display for UnknownFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown format `{}`, expected one of: {NAMES}", self.0)
    }
}

impl std::error::Error for UnknownFormat {}

impl Format {
    /// The `Content-Type` it is served with.
    #[must_use]
    pub fn content_type(self) -> &'static str {
        match self {
            Format::Json => "application/json",
            Format::HealthJson => "application/health+json",
            Format::Text { .. } => "text/plain; charset=utf-8",
        }
    }

    /// Chooses a format: `?format=` wins, then the most preferred `Accept` type we speak,
    /// then [`Format::Json`]. `?verbose`, whatever its value (as the Kubernetes apiserver
    /// reads it), lists every check in text.
    ///
    /// ```
    /// use healthcheck::Format;
    ///
    /// assert_eq!(Format::negotiate("format=text&verbose", None), Ok(Format::Text { verbose: true }));
    /// assert_eq!(Format::negotiate("", Some("application/health+json")), Ok(Format::HealthJson));
    /// assert!(Format::negotiate("format=xml", None).is_err());
    /// ```
    ///
    /// # Errors
    ///
    /// [`UnknownFormat`] when `?format=` names no format.
    pub fn negotiate(query: &str, accept: Option<&str>) -> Result<Format, UnknownFormat> {
        Format::negotiate_or(query, accept, Format::Json)
    }

    /// [`negotiate`](Self::negotiate), with `fallback` when neither the query nor `Accept`
    /// names a format (`*/*` names none).
    pub(crate) fn negotiate_or(
        query: &str,
        accept: Option<&str>,
        fallback: Format,
    ) -> Result<Format, UnknownFormat> {
        let mut requested = None;
        let mut verbose = false;
        for (key, value) in form_urlencoded::parse(query.as_bytes()) {
            match &*key {
                "format" => requested = Some(value.into_owned()),
                "verbose" => verbose = true,
                _ => {}
            }
        }
        let fallback = match fallback {
            Format::Text { .. } => Format::Text { verbose },
            other => other,
        };
        match requested {
            Some(name) => Format::from_name(&name, verbose).ok_or(UnknownFormat(name)),
            None => Ok(accept
                .and_then(|accept| Format::from_accept(accept, verbose, fallback))
                .unwrap_or(fallback)),
        }
    }

    fn from_name(name: &str, verbose: bool) -> Option<Format> {
        match name.to_ascii_lowercase().as_str() {
            "json" | "classic" => Some(Format::Json),
            "ietf" | "health+json" | "health json" => Some(Format::HealthJson),
            "text" | "plain" => Some(Format::Text { verbose }),
            _ => None,
        }
    }

    fn from_accept(accept: &str, verbose: bool, fallback: Format) -> Option<Format> {
        let mut best: Option<(f32, Format)> = None;
        for entry in accept.split(',') {
            let mut parts = entry.split(';').map(str::trim);
            let media_type = parts.next().unwrap_or_default().to_ascii_lowercase();
            let quality = parts
                .find_map(|param| param.strip_prefix("q="))
                .and_then(|q| q.parse::<f32>().ok())
                .unwrap_or(1.0);
            let format = match media_type.as_str() {
                "application/health+json" => Format::HealthJson,
                "application/json" | "application/*" => Format::Json,
                "*/*" => fallback,
                "text/plain" | "text/*" => Format::Text { verbose },
                _ => continue,
            };
            if quality > 0.0 && best.is_none_or(|(q, _)| quality > q) {
                best = Some((quality, format));
            }
        }
        best.map(|(_, format)| format)
    }
}

/// Seconds as a float rounded to microseconds, as py-healthcheck writes durations.
pub(crate) fn round_micros(seconds: f64) -> f64 {
    (seconds * 1e6).round() / 1e6
}

#[cfg(test)]
mod tests {
    use super::Format;

    #[test]
    fn accept_picks_the_preferred_known_type() {
        let pick = |accept| Format::negotiate("", Some(accept)).unwrap();
        assert_eq!(
            pick("text/html, text/plain;q=0.5"),
            Format::Text { verbose: false }
        );
        assert_eq!(
            pick("application/json;q=0.4, application/health+json"),
            Format::HealthJson
        );
        assert_eq!(pick("text/html"), Format::Json);
        assert_eq!(pick("text/plain;q=0, */*;q=0.1"), Format::Json);
    }

    #[test]
    fn query_wins_over_accept() {
        let format = Format::negotiate("format=json", Some("text/plain")).unwrap();
        assert_eq!(format, Format::Json);
        assert_eq!(
            Format::negotiate("format=health%2Bjson", None).unwrap(),
            Format::HealthJson
        );
        assert_eq!(
            Format::negotiate("format=text&verbose=0", None).unwrap(),
            Format::Text { verbose: true }
        );
    }
}
