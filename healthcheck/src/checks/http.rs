//! [`http()`]: a GET answered with an expected status.

use std::fmt::Write as _;
use std::ops::{Bound, RangeBounds};
use std::time::Instant;

use reqwest::redirect::Policy;
use reqwest::{StatusCode, Url};

use super::input::shown;
use super::lookup::{Lookup, Unresolved};
use super::{millis_since, Check};
use crate::outcome::Outcome;

/// A check that passes when a GET answers with an expected status; made by [`http()`].
#[derive(Clone)]
pub struct Http {
    url: Url,
    shown: String,
    expected: (u16, u16),
    redirects: usize,
    lookup: Lookup,
    client: reqwest::Client,
}

/// A check that passes when a GET of `url` answers with a status from 200 to 299
/// ([`expect_status`](Http::expect_status) sets another range).
///
/// The request goes straight to the URL's host (proxies set in the environment are not
/// used), over a new HTTP/1.1 connection closed once the status line and headers are in; the
/// body is not read. Redirects are not followed unless
/// [`follow_redirects`](Http::follow_redirects) says so. A user and password in the URL are
/// sent as basic authentication. Host names are looked up by the system resolver, as
/// `checks::dns` does, one call at a time per check. `https://` URLs need the
/// `http-rustls` feature (rustls, with the certificates the platform trusts). The client is
/// [reqwest](https://docs.rs/reqwest).
///
/// Output: `GET http://127.0.0.1:8080/ready answered 200 OK`; `GET … answered 503 Service
/// Unavailable, expected 200 to 299`; `GET … failed: cannot connect: Connection refused (os
/// error 111)`; `GET … failed: cannot resolve api.internal: …`. The URL is shown without its user, password and query (`?…`), which may hold
/// secrets; keep secrets out of its path. Observed value: the time to the answer, in `ms`. A
/// server that never answers keeps the check waiting until its deadline (the check's
/// `timeout`), when it is dropped with its connection.
///
/// ```
/// use healthcheck::{checks, HealthCheck};
///
/// let health = HealthCheck::empty()
///     .add_check("api", checks::http("http://127.0.0.1:8080/ready"))
///     .add_check("search", checks::http("http://search.internal:9200/").expect_status(200..=299));
/// ```
///
/// # Panics
///
/// If `url` is not an absolute `http://` URL (or `https://` with the `http-rustls` feature);
/// the message names it, without its secrets.
#[must_use]
#[track_caller]
pub fn http(url: impl AsRef<str>) -> Http {
    let input = url.as_ref();
    let mut url = Url::parse(input)
        .unwrap_or_else(|error| panic!("checks::http: {} is not a URL: {error}", shown(input)));
    let shown = redacted(&url);
    match url.scheme() {
        "http" => {}
        "https" if cfg!(feature = "http-rustls") => {}
        "https" => panic!(
            "checks::http: {shown} is an https:// URL: enable the `http-rustls` feature of healthcheck"
        ),
        _ => panic!("checks::http: {shown} is not an http:// or https:// URL"),
    }
    url.set_fragment(None);
    let lookup = Lookup::default();
    let client = client(0, &lookup);
    Http {
        url,
        shown,
        expected: (200, 299),
        redirects: 0,
        lookup,
        client,
    }
}

/// `url` without what may be secret: user, password and query (`?…`) and fragment.
fn redacted(url: &Url) -> String {
    let mut shown = format!("{}://{}", url.scheme(), url.host_str().unwrap_or_default());
    if let Some(port) = url.port() {
        let _ = write!(shown, ":{port}");
    }
    shown.push_str(url.path());
    if url.query().is_some() {
        shown.push_str("?…");
    }
    shown
}

#[track_caller]
fn client(redirects: usize, lookup: &Lookup) -> reqwest::Client {
    let policy = match redirects {
        0 => Policy::none(),
        max => Policy::limited(max),
    };
    reqwest::Client::builder()
        .no_proxy()
        .redirect(policy)
        .pool_max_idle_per_host(0)
        .user_agent(concat!("healthcheck/", env!("CARGO_PKG_VERSION")))
        .dns_resolver(lookup.clone())
        .build()
        .unwrap_or_else(|error| panic!("checks::http: the HTTP client cannot be built: {error}"))
}

impl Http {
    /// Passes on a status in `range` instead of 200 to 299: `200..400`, `204..=204`, `..500`.
    ///
    /// ```
    /// use healthcheck::checks;
    ///
    /// let up = checks::http("http://127.0.0.1:8080/").expect_status(200..400);
    /// ```
    ///
    /// # Panics
    ///
    /// If `range` holds no status from 100 to 999; the message names its bounds.
    #[must_use]
    #[track_caller]
    pub fn expect_status(mut self, range: impl RangeBounds<u16>) -> Self {
        let start = match range.start_bound() {
            Bound::Included(&start) => Some(start),
            Bound::Excluded(&start) => start.checked_add(1),
            Bound::Unbounded => Some(100),
        };
        let end = match range.end_bound() {
            Bound::Included(&end) => Some(end),
            Bound::Excluded(&end) => end.checked_sub(1),
            Bound::Unbounded => Some(999),
        };
        match (start, end) {
            (Some(start), Some(end)) if 100 <= start && start <= end && end <= 999 => {
                self.expected = (start, end);
                self
            }
            _ => panic!(
                "checks::http: expect_status({:?}, {:?}) holds no status from 100 to 999",
                range.start_bound(),
                range.end_bound()
            ),
        }
    }

    /// Follows up to `max` redirects (0, the default, follows none, so a redirect fails
    /// unless its status is expected). Credentials are not sent to another host.
    ///
    /// ```
    /// use healthcheck::checks;
    ///
    /// let docs = checks::http("http://127.0.0.1:8080/docs").follow_redirects(3);
    /// ```
    #[must_use]
    #[track_caller]
    pub fn follow_redirects(mut self, max: usize) -> Self {
        self.redirects = max;
        self.client = client(max, &self.lookup);
        self
    }

    fn expected(&self) -> String {
        match self.expected {
            (start, end) if start == end => start.to_string(),
            (start, end) => format!("{start} to {end}"),
        }
    }
}

impl std::fmt::Debug for Http {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Http")
            .field("url", &self.shown)
            .field("expected", &self.expected())
            .field("redirects", &self.redirects)
            .finish_non_exhaustive()
    }
}

impl Check for Http {
    async fn run(&self) -> Outcome {
        let start = Instant::now();
        let sent = self.client.get(self.url.clone()).send().await;
        let millis = millis_since(start);
        let outcome = match sent {
            Ok(response) => {
                let status = response.status();
                drop(response);
                let answered = format!("GET {} answered {}", self.shown, status_line(status));
                if (self.expected.0..=self.expected.1).contains(&status.as_u16()) {
                    Outcome::pass(answered)
                } else {
                    let unfollowed = if status.is_redirection() && self.redirects == 0 {
                        " (redirects are not followed)"
                    } else {
                        ""
                    };
                    let expected = self.expected();
                    Outcome::fail(format!("{answered}, expected {expected}{unfollowed}"))
                }
            }
            Err(error) => Outcome::fail(format!("GET {} failed: {}", self.shown, reason(&error))),
        };
        outcome.observed(millis, "ms")
    }
}

/// `200 OK`, or the bare code when it has no reason phrase.
fn status_line(status: StatusCode) -> String {
    match status.canonical_reason() {
        Some(reason) => format!("{} {reason}", status.as_str()),
        None => status.as_str().to_owned(),
    }
}

/// Why a request failed, from its causes: never the URL (reqwest's own text holds it).
fn reason(error: &reqwest::Error) -> String {
    let mut root: Option<&(dyn std::error::Error + 'static)> = None;
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        if let Some(unresolved) = cause.downcast_ref::<Unresolved>() {
            return unresolved.to_string();
        }
        root = Some(cause);
        source = cause.source();
    }
    let what = if error.is_connect() {
        "cannot connect"
    } else if error.is_redirect() {
        "cannot follow a redirect"
    } else if error.is_timeout() {
        "timed out"
    } else {
        "no answer"
    };
    match root {
        Some(root) => format!("{what}: {root}"),
        None => what.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_shown_without_secrets() {
        let shown = |url: &str| redacted(&Url::parse(url).unwrap());
        assert_eq!(
            shown("http://user:hunter2@db.internal:8080/ready?token=abc#frag"),
            "http://db.internal:8080/ready?…"
        );
        assert_eq!(shown("http://[::1]/"), "http://[::1]/");
        assert_eq!(shown("http://TOKEN@host"), "http://host/");
    }

    #[test]
    fn status_ranges() {
        let check = || http("http://127.0.0.1/");
        let (high, low) = (300, 200);
        assert_eq!(check().expected, (200, 299));
        assert_eq!(check().expect_status(200..400).expected, (200, 399));
        assert_eq!(check().expect_status(204..=204).expected(), "204");
        assert_eq!(check().expect_status(..500).expected, (100, 499));
        assert_eq!(check().expect_status(500..).expected, (500, 999));
        for bad in [
            std::panic::catch_unwind(|| check().expect_status(high..low)),
            std::panic::catch_unwind(|| check().expect_status(200..200)),
            std::panic::catch_unwind(|| check().expect_status(0..100)),
            std::panic::catch_unwind(|| check().expect_status(900..=1000)),
            std::panic::catch_unwind(|| check().expect_status(..0)),
        ] {
            assert!(bad.is_err());
        }
    }

    #[test]
    #[should_panic(expected = "is not an http:// or https:// URL")]
    fn other_schemes_panic() {
        let _ = http("ftp://files.internal/");
    }

    #[cfg(not(feature = "http-rustls"))]
    #[test]
    #[should_panic(
        expected = "is an https:// URL: enable the `http-rustls` feature of healthcheck"
    )]
    fn https_needs_the_tls_feature() {
        let _ = http("https://user:pw@api.internal/");
    }

    #[test]
    fn a_bad_url_panics_naming_it_without_its_password() {
        let panic = std::panic::catch_unwind(|| http("http://user:hunter2@exa mple.com/"))
            .expect_err("refused");
        let message = panic.downcast_ref::<String>().unwrap();
        assert!(
            message.starts_with("checks::http: \"http://user:"),
            "{message}"
        );
        assert!(message.contains("is not a URL"), "{message}");
        assert!(!message.contains("hunter2"), "{message}");
    }
}
