//! The result of a run: one [`CheckResult`] per check and the custom sections.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use serde_json::Value;

use crate::check::{Outcome, Status};
use crate::format::{self, Format, Rendered};
use crate::options::CheckOptions;
use crate::policy::ResponsePolicy;
use crate::scrub::Scrubber;
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

/// The results of one run: a plain value, rendered in any [`Format`] by
/// [`render`](Report::render).
///
/// ```
/// use healthcheck::{Format, HealthCheck, ResponsePolicy, Status};
///
/// # #[tokio::main(flavor = "current_thread")] async fn main() {
/// let report = HealthCheck::empty().add_check("db", || (false, "refused")).run().await;
/// assert_eq!(report.status(), Status::Fail);
/// assert_eq!(report.results()[0].outcome().output(), "refused");
///
/// let rendered = report.render(Format::Text { verbose: false }, &ResponsePolicy::new());
/// assert_eq!(rendered.status, 500);
/// assert_eq!(&rendered.body[..], b"[-]db failed: refused\nhealth check failed");
/// # }
/// ```
#[derive(Clone)]
pub struct Report {
    pub(crate) hostname: Arc<str>,
    pub(crate) timestamp: SystemTime,
    pub(crate) results: Vec<CheckResult>,
    pub(crate) sections: Vec<(String, Value)>,
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

    /// Status code, headers and body in `format`, answered as `policy` says.
    #[must_use]
    pub fn render(&self, format: Format, policy: &ResponsePolicy) -> Rendered {
        format::render(self, format, policy)
    }

    /// The py-healthcheck JSON body.
    #[must_use]
    pub fn to_json(&self) -> String {
        format::classic::render(self)
    }

    /// The report as later requests see it while its results are fresh: each one cached.
    pub(crate) fn as_cached(&self) -> Report {
        let mut report = self.clone();
        for result in &mut report.results {
            result.cached = true;
        }
        report
    }

    /// Until when every result in it is fresh; `None` when none can be kept.
    pub(crate) fn fresh_until(&self) -> Option<SystemTime> {
        self.results.iter().map(CheckResult::expires).min()
    }
}

impl std::fmt::Debug for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Report")
            .field("hostname", &self.hostname)
            .field("timestamp", &self.timestamp)
            .field("status", &self.status())
            .field("results", &self.results)
            .field("sections", &self.sections)
            .finish()
    }
}
