//! What a [`HealthCheck`](crate::HealthCheck) is configured with, shared by its clones and reports.

use std::sync::Arc;
use std::time::Duration;

use crate::check::Status;
use crate::environment::scrub::Scrubber;
use crate::options::CheckOptions;
use crate::report::Report;
use crate::runner::DEFAULT_TIMEOUT;

/// Renders a whole report body, as py-healthcheck's `success_handler` / `failed_handler`.
pub(crate) type Handler = Arc<dyn Fn(&Report) -> String + Send + Sync>;

#[derive(Clone)]
pub(crate) struct Settings {
    pub(crate) timeout: Duration,
    pub(crate) success_ttl: Duration,
    pub(crate) failed_ttl: Duration,
    pub(crate) log_on_failure: bool,
    pub(crate) max_output_chars: usize,
    pub(crate) scrubber: Arc<Scrubber>,
    pub(crate) success: Response,
    pub(crate) failure: Response,
}

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

/// How a passing (or failing) report is answered.
#[derive(Clone)]
pub(crate) struct Response {
    pub(crate) status: u16,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) handler: Option<Handler>,
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
            success: Response {
                status: 200,
                headers: Vec::new(),
                handler: None,
            },
            failure: Response {
                status: 500,
                headers: Vec::new(),
                handler: None,
            },
        }
    }
}
