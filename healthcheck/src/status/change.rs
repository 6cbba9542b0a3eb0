//! A change of a check's reported status: one `tracing` event each, and the `on_change` hooks.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use crate::body::Body;
use crate::outcome::Status;
use crate::runner::{spawn, Runner};
use crate::settings::Settings;

/// A function [`HealthCheck::on_change`](crate::HealthCheck::on_change) calls.
pub(crate) type Hook = Arc<dyn Fn(&Change) + Send + Sync>;

/// A change of a check's reported status, from one run to the next (after
/// [flap damping](crate::CheckOptions::failure_threshold)), as `on_change` hooks receive it.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    pub(crate) check: Arc<str>,
    pub(crate) from: Option<Status>,
    pub(crate) to: Status,
    pub(crate) output: String,
    pub(crate) duration: Duration,
    pub(crate) critical: bool,
    pub(crate) timestamp: SystemTime,
}

impl Change {
    /// The check's name.
    #[must_use]
    pub fn check(&self) -> &str {
        &self.check
    }

    /// The status reported before; `None` for the check's first result.
    #[must_use]
    pub fn from(&self) -> Option<Status> {
        self.from
    }

    /// The status reported now.
    #[must_use]
    pub fn to(&self) -> Status {
        self.to
    }

    /// The output of the run that changed it, scrubbed.
    #[must_use]
    pub fn output(&self) -> &str {
        &self.output
    }

    /// How long that run took.
    #[must_use]
    pub fn duration(&self) -> Duration {
        self.duration
    }

    /// Whether a failure of the check fails the service.
    #[must_use]
    pub fn critical(&self) -> bool {
        self.critical
    }

    /// When that run finished.
    #[must_use]
    pub fn timestamp(&self) -> SystemTime {
        self.timestamp
    }

    /// The one event of this change: ERROR when a critical check fails, WARN when it fails
    /// otherwise or degrades (both silenced by `log_on_failure(false)`), INFO when it passes.
    fn log(&self, log_on_failure: bool) {
        let check = &*self.check;
        let from = self.from.map_or("unknown", Status::as_str);
        let to = self.to.as_str();
        let output = self.output.as_str();
        let duration = self.duration;
        let message = "health check status changed";
        match (self.to, self.critical) {
            (Status::Pass, _) => tracing::info!(check, from, to, output, ?duration, "{message}"),
            _ if !log_on_failure => {}
            (Status::Fail, true) => {
                tracing::error!(check, from, to, output, ?duration, "{message}");
            }
            _ => tracing::warn!(check, from, to, output, ?duration, "{message}"),
        }
    }

    /// Logs the change and calls the hooks of `settings`, each on the library's threads
    /// within the settings' deadline; a hook that panics or is late is logged, not retried.
    pub(crate) fn announce(self, settings: &Settings) {
        self.log(settings.log_on_failure);
        if settings.hooks.is_empty() {
            return;
        }
        let hooks = settings.hooks.clone();
        let deadline = settings.timeout;
        let scrubber = Arc::clone(&settings.scrubber);
        spawn(async move {
            for hook in &hooks {
                let hook = Arc::clone(hook);
                let change = self.clone();
                let body = Body::Blocking(Arc::new(move || hook(&change)));
                if let Err(failure) = Runner::<()>::default().run(&body, deadline).finish().await {
                    let failure = scrubber.scrub_str(&failure.to_string());
                    tracing::warn!(check = &*self.check, %failure, "an on_change hook failed");
                }
            }
        });
    }
}
