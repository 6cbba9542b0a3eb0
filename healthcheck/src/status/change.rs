//! A change of a check's reported status: one `tracing` event each, and the `on_change` hooks.

use std::sync::{Arc, OnceLock};
use std::time::{Duration, SystemTime};

use tokio::sync::mpsc;

use crate::body::Body;
use crate::outcome::Status;
use crate::runner::{spawn, Runner};
use crate::scrub::Scrubber;
use crate::settings::Settings;

/// A function [`HealthCheck::on_change`](crate::HealthCheck::on_change) calls.
type Hook = Arc<dyn Fn(&Change) + Send + Sync>;

/// The hooks of a handle, and the one task that calls them, change after change in order.
#[derive(Clone, Default)]
pub(crate) struct Hooks {
    list: Vec<Hook>,
    /// Started with the first change; ends when every handle holding it is gone.
    delivery: Arc<OnceLock<mpsc::UnboundedSender<Change>>>,
}

impl Hooks {
    /// These hooks and `hook`, delivered by a task of their own.
    pub(crate) fn with(&self, hook: impl Fn(&Change) + Send + Sync + 'static) -> Hooks {
        let mut list = self.list.clone();
        list.push(Arc::new(hook));
        Hooks {
            list,
            delivery: Arc::default(),
        }
    }

    fn deliver(&self, change: Change, deadline: Duration, scrubber: &Arc<Scrubber>) {
        if self.list.is_empty() {
            return;
        }
        let sender = self.delivery.get_or_init(|| {
            let (sender, changes) = mpsc::unbounded_channel();
            spawn(call(
                changes,
                self.list.clone(),
                deadline,
                Arc::clone(scrubber),
            ));
            sender
        });
        // Closed only once the task is gone with its runtime: nothing left to call.
        let _ = sender.send(change);
    }
}

/// Calls every hook for each change, in the order the changes came, each on the library's
/// threads within `deadline`; a hook that panics or is late is logged, not retried.
async fn call(
    mut changes: mpsc::UnboundedReceiver<Change>,
    hooks: Vec<Hook>,
    deadline: Duration,
    scrubber: Arc<Scrubber>,
) {
    while let Some(change) = changes.recv().await {
        for hook in &hooks {
            let hook = Arc::clone(hook);
            let given = change.clone();
            let body = Body::Blocking(Arc::new(move || hook(&given)));
            if let Err(failure) = Runner::<()>::default().run(&body, deadline).finish().await {
                let failure = scrubber.scrub_str(&failure.to_string());
                tracing::warn!(check = &*change.check, %failure, "an on_change hook failed");
            }
        }
    }
}

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

    /// Logs the change and hands it to the hooks of `settings`.
    pub(crate) fn announce(self, settings: &Settings) {
        self.log(settings.log_on_failure);
        settings
            .hooks
            .deliver(self, settings.timeout, &settings.scrubber);
    }
}
