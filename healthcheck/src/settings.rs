//! How a [`HealthCheck`](crate::HealthCheck) handle runs and serves its checks; each clone
//! keeps its own.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;
use std::time::Duration;

use crate::check_options::{CheckOptions, DEFAULT_TIMEOUT};
use crate::outcome::{CheckError, Outcome, Status};
use crate::policy::ResponsePolicy;
use crate::report::CheckResult;
use crate::runner::panic_message;
use crate::scrub::Scrubber;
use crate::service::ServiceInfo;

#[derive(Clone)]
pub(crate) struct Settings {
    pub(crate) timeout: Duration,
    pub(crate) success_ttl: Duration,
    pub(crate) failed_ttl: Duration,
    pub(crate) log_on_failure: bool,
    pub(crate) max_output_chars: usize,
    pub(crate) scrubber: Arc<Scrubber>,
    pub(crate) policy: ResponsePolicy,
    pub(crate) error_handler: Option<ErrorHandler>,
    pub(crate) service: Arc<ServiceInfo>,
}

/// What a check that panicked or returned `Err` reports instead; see
/// [`HealthCheck::error_handler`](crate::HealthCheck::error_handler).
pub(crate) type ErrorHandler = Arc<dyn Fn(CheckError<'_>) -> Outcome + Send + Sync>;

impl Settings {
    /// How long a result with `status` of a check with `options` stays fresh.
    pub(crate) fn ttl(&self, options: &CheckOptions, status: Status) -> Duration {
        if status == Status::Fail {
            options.failed_ttl.unwrap_or(self.failed_ttl)
        } else {
            options.success_ttl.unwrap_or(self.success_ttl)
        }
    }
}

impl Settings {
    /// `result` as this handle serves it: its freshness, its output cap, and scrubbed by its
    /// scrubber (again, when another one scrubbed it).
    pub(crate) fn serve(&self, mut result: CheckResult) -> CheckResult {
        let ttl = self.ttl(&result.options, result.outcome.status());
        result.expires = result
            .timestamp
            .checked_add(ttl)
            .unwrap_or(result.timestamp);
        let scrubbed = result
            .scrubbed_by
            .as_ref()
            .is_some_and(|by| Arc::ptr_eq(by, &self.scrubber));
        if !scrubbed {
            result.outcome = result.outcome.scrubbed(&self.scrubber);
            result.scrubbed_by = Some(Arc::clone(&self.scrubber));
        }
        if let Some(handled) = self.handle_error(&result) {
            result.outcome = handled.scrubbed(&self.scrubber);
        }
        result.outcome.truncate_output(self.max_output_chars);
        result
    }

    /// The error handler's outcome for a check that panicked or returned `Err`. A handler
    /// that panics in turn leaves the failure as it was.
    fn handle_error(&self, result: &CheckResult) -> Option<Outcome> {
        let handler = self.error_handler.as_ref()?;
        let error = CheckError {
            check: result.name(),
            kind: result.outcome.error()?,
            message: result.outcome.output(),
        };
        catch_unwind(AssertUnwindSafe(|| handler(error)))
            .map_err(panic_message)
            .ok()
    }
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            timeout: DEFAULT_TIMEOUT,
            success_ttl: Duration::from_secs(27),
            failed_ttl: Duration::from_secs(9),
            log_on_failure: true,
            max_output_chars: 1024,
            scrubber: Arc::new(Scrubber::default()),
            policy: ResponsePolicy::new(),
            error_handler: None,
            service: Arc::default(),
        }
    }
}
