//! What a [`HealthCheck`](crate::HealthCheck) is configured with, shared by its clones and reports.

use std::sync::Arc;
use std::time::Duration;

use crate::environment::scrub::Scrubber;
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
    pub(crate) scrubber: Scrubber,
    pub(crate) success: Response,
    pub(crate) failure: Response,
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
            scrubber: Scrubber::default(),
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
