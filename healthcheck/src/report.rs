//! The result of a run: one [`CheckResult`] per check, the custom sections, and how to answer.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use serde_json::Value;

use crate::check::{Outcome, Status};
use crate::environment::scrub::Scrubber;
use crate::format::{self, Format};
use crate::options::CheckOptions;
use crate::runner::panic_message;
use crate::settings::Settings;

/// One check's result, as cached and reported.
#[derive(Clone, Debug)]
pub struct CheckResult {
    name: Arc<str>,
    outcome: Outcome,
    options: CheckOptions,
    timestamp: SystemTime,
    expires: SystemTime,
    response_time: Duration,
    cached: bool,
    /// The scrubber its outcome went through, if any yet.
    scrubbed_by: Option<Arc<Scrubber>>,
}

impl CheckResult {
    pub(crate) fn new(
        name: Arc<str>,
        options: &CheckOptions,
        outcome: Outcome,
        timestamp: SystemTime,
        response_time: Duration,
    ) -> Self {
        CheckResult {
            name,
            outcome,
            options: options.clone(),
            timestamp,
            expires: timestamp,
            response_time,
            cached: false,
            scrubbed_by: None,
        }
    }

    pub(crate) fn served_from_cache(mut self) -> Self {
        self.cached = true;
        self
    }

    /// Records that the outcome went through `scrubber`.
    pub(crate) fn scrubbed_by(mut self, scrubber: &Arc<Scrubber>) -> Self {
        self.scrubbed_by = Some(Arc::clone(scrubber));
        self
    }

    /// The result as a handle with `settings` serves it: its freshness, its output cap, and
    /// scrubbed by its scrubber (again, when another one scrubbed it).
    pub(crate) fn served_by(mut self, settings: &Settings) -> Self {
        let ttl = settings.ttl(&self.options, self.outcome.status());
        self.expires = self.timestamp.checked_add(ttl).unwrap_or(self.timestamp);
        if !self
            .scrubbed_by
            .as_ref()
            .is_some_and(|by| Arc::ptr_eq(by, &settings.scrubber))
        {
            self.outcome = self.outcome.scrubbed(&settings.scrubber);
            self.scrubbed_by = Some(Arc::clone(&settings.scrubber));
        }
        self.outcome.truncate_output(settings.max_output_chars);
        self
    }

    /// The check's name (py-healthcheck's `checker`).
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }

    /// What the check said.
    #[must_use]
    pub fn outcome(&self) -> &Outcome {
        &self.outcome
    }

    /// Whether the check did not fail.
    #[must_use]
    pub fn passed(&self) -> bool {
        self.outcome.passed()
    }

    /// Whether a failure of this check fails the service.
    #[must_use]
    pub fn critical(&self) -> bool {
        self.options.critical
    }

    /// The check's tags.
    #[must_use]
    pub fn tags(&self) -> &[String] {
        &self.options.tags
    }

    /// When the check finished.
    #[must_use]
    pub fn timestamp(&self) -> SystemTime {
        self.timestamp
    }

    /// Until when this result is served from the cache.
    #[must_use]
    pub fn expires(&self) -> SystemTime {
        self.expires
    }

    /// How long the check took.
    #[must_use]
    pub fn response_time(&self) -> Duration {
        self.response_time
    }

    /// Whether this result came from the cache rather than a run made for this report.
    #[must_use]
    pub fn cached(&self) -> bool {
        self.cached
    }

    pub(crate) fn log(&self) {
        let check = &*self.name;
        let output = self.outcome.output();
        let response_time = self.response_time;
        match (self.outcome.status(), self.options.critical) {
            (Status::Fail, true) => {
                tracing::error!(check, output, ?response_time, "health check failed");
            }
            (Status::Fail, false) => {
                tracing::warn!(
                    check,
                    output,
                    ?response_time,
                    "non-critical health check failed"
                );
            }
            (Status::Warn, _) => {
                tracing::warn!(check, output, ?response_time, "health check degraded");
            }
            (Status::Pass, _) => {
                tracing::debug!(check, output, ?response_time, "health check passed");
            }
        }
    }
}

/// The results of one run, ready to be rendered in any [`Format`].
#[derive(Clone)]
pub struct Report {
    pub(crate) hostname: Arc<str>,
    pub(crate) timestamp: SystemTime,
    pub(crate) results: Vec<CheckResult>,
    pub(crate) sections: Vec<(String, Value)>,
    pub(crate) settings: Arc<Settings>,
    pub(crate) format: Option<Format>,
}

/// A rendered report: what to answer over any HTTP stack.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rendered {
    /// The HTTP status code.
    pub status: u16,
    /// `Content-Type` first, then the configured headers.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: String,
}

impl Report {
    /// The host the report was made on.
    #[must_use]
    pub fn hostname(&self) -> &str {
        &self.hostname
    }

    /// When the report was made.
    #[must_use]
    pub fn timestamp(&self) -> SystemTime {
        self.timestamp
    }

    /// The checks' results, sorted by name.
    #[must_use]
    pub fn results(&self) -> &[CheckResult] {
        &self.results
    }

    /// The custom sections, in the order they were added.
    #[must_use]
    pub fn sections(&self) -> &[(String, Value)] {
        &self.sections
    }

    /// The service's status: `Fail` if a critical check failed, `Warn` if any check warned or
    /// a non-critical one failed, `Pass` otherwise.
    #[must_use]
    pub fn status(&self) -> Status {
        let mut status = Status::Pass;
        for result in &self.results {
            match (result.outcome.status(), result.options.critical) {
                (Status::Fail, true) => return Status::Fail,
                (Status::Pass, _) => {}
                _ => status = Status::Warn,
            }
        }
        status
    }

    /// Whether no critical check failed.
    #[must_use]
    pub fn passed(&self) -> bool {
        self.status() != Status::Fail
    }

    /// Fixes the format the report responds with, instead of negotiating it per request.
    #[must_use]
    pub fn with_format(mut self, format: Format) -> Self {
        self.format = Some(format);
        self
    }

    /// The format fixed with [`with_format`](Self::with_format), if any.
    #[must_use]
    pub fn format(&self) -> Option<Format> {
        self.format
    }

    /// Status code, headers and body in `format`, with the configured codes, headers and
    /// handlers (a handler replaces the body of the default JSON format only).
    #[must_use]
    pub fn render(&self, format: Format) -> Rendered {
        let response = if self.passed() {
            &self.settings.success
        } else {
            &self.settings.failure
        };
        let body = match (format, &response.handler) {
            (Format::Json, Some(handler)) => {
                match catch_unwind(AssertUnwindSafe(|| handler(self))) {
                    Ok(body) => body,
                    Err(payload) => return self.handler_panicked(payload),
                }
            }
            (Format::Json, None) => format::classic::render(self),
            (Format::HealthJson, _) => format::ietf::render(self),
            (Format::Text { verbose }, _) => format::text::render(self, verbose),
        };
        let mut headers = vec![("Content-Type".to_owned(), format.content_type().to_owned())];
        for (name, value) in &response.headers {
            match headers
                .iter_mut()
                .find(|(existing, _)| existing.eq_ignore_ascii_case(name))
            {
                Some(existing) => existing.1.clone_from(value),
                None => headers.push((name.clone(), value.clone())),
            }
        }
        Rendered {
            status: response.status,
            headers,
            body,
        }
    }

    fn handler_panicked(&self, payload: Box<dyn std::any::Any + Send>) -> Rendered {
        let message = self.settings.scrubber.scrub_str(&panic_message(payload));
        let handler = if self.passed() {
            "success_handler"
        } else {
            "failed_handler"
        };
        let status = 500;
        let body = serde_json::json!({
            "error": format!("the {handler} panicked: {message}"),
            "status": status,
        });
        Rendered {
            status,
            headers: vec![("Content-Type".to_owned(), "application/json".to_owned())],
            body: body.to_string(),
        }
    }

    /// The py-healthcheck JSON body.
    #[must_use]
    pub fn to_json(&self) -> String {
        format::classic::render(self)
    }
}

impl std::fmt::Debug for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Report")
            .field("hostname", &self.hostname)
            .field("status", &self.status())
            .field("results", &self.results)
            .field("sections", &self.sections)
            .finish_non_exhaustive()
    }
}
