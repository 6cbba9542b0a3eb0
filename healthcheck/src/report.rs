//! The result of a run: one [`CheckResult`] per check and the custom sections.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use serde_json::Value;

use crate::check_options::CheckOptions;
use crate::outcome::{Outcome, Status};
use crate::scrub::Scrubber;
use crate::service::ServiceInfo;

/// One check's result, as cached and reported.
#[derive(Clone, Debug)]
pub struct CheckResult {
    name: Arc<str>,
    pub(crate) outcome: Outcome,
    pub(crate) options: CheckOptions,
    pub(crate) timestamp: SystemTime,
    pub(crate) expires: SystemTime,
    response_time: Duration,
    cached: bool,
    /// The scrubber its outcome went through, if any yet.
    pub(crate) scrubbed_by: Option<Arc<Scrubber>>,
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

/// The results of one run: a plain value, rendered in any [`Format`](crate::Format) by
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
/// assert_eq!(&rendered.body[..], b"[-]db failed: reason withheld\nhealthz check failed\n");
/// # }
/// ```
#[derive(Clone)]
pub struct Report {
    pub(crate) hostname: Arc<str>,
    pub(crate) timestamp: SystemTime,
    pub(crate) results: Vec<CheckResult>,
    pub(crate) sections: Vec<(String, Value)>,
    pub(crate) service: Arc<ServiceInfo>,
}

impl Report {
    pub(crate) fn made_now(
        results: Vec<CheckResult>,
        sections: Vec<(String, Value)>,
        service: &Arc<ServiceInfo>,
    ) -> Report {
        Report {
            hostname: crate::host::hostname(),
            timestamp: SystemTime::now(),
            results,
            sections,
            service: Arc::clone(service),
        }
    }

    /// What the service says of itself (the IETF format's service-level fields).
    #[must_use]
    pub fn service(&self) -> &ServiceInfo {
        &self.service
    }

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

    /// The checks' results, in the order of [`HealthCheck::check_names`](crate::HealthCheck::check_names).
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
            .field("service", &self.service)
            .finish()
    }
}
