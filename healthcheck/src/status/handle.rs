//! [`HealthCheck::on_change`], [`HealthCheck::history`] and [`HealthCheck::with_history`].

use super::change::Change;
use crate::health::{HealthCheck, UnknownCheck};
use crate::report::{CheckResult, Report};

impl HealthCheck {
    /// Calls `hook` whenever a check's reported status changes (after
    /// [flap damping](crate::CheckOptions::failure_threshold)), including its first result:
    /// once per change, not per run or request. Hooks run on the library's threads within the
    /// [`timeout`](Self::timeout), change after change in order; one that panics or is late is
    /// logged. Each change is also
    /// one `tracing` event (`check`, `from`, `to`, `output`, `duration`).
    ///
    /// ```
    /// use std::sync::{Arc, Mutex};
    /// use healthcheck::{HealthCheck, Status};
    ///
    /// # #[tokio::main(flavor = "current_thread")] async fn main() {
    /// let changes = Arc::new(Mutex::new(Vec::new()));
    /// let seen = Arc::clone(&changes);
    /// let health = HealthCheck::empty()
    ///     .add_check("db", || (false, "refused"))
    ///     .on_change(move |change| seen.lock().unwrap().push((change.check().to_owned(), change.to())));
    /// health.run().await;
    /// # for _ in 0..100 { if !changes.lock().unwrap().is_empty() { break; } tokio::time::sleep(std::time::Duration::from_millis(20)).await; }
    /// assert_eq!(*changes.lock().unwrap(), [("db".to_owned(), Status::Fail)]);
    /// # }
    /// ```
    #[must_use]
    pub fn on_change(self, hook: impl Fn(&Change) + Send + Sync + 'static) -> Self {
        self.configure(|settings| settings.hooks = settings.hooks.with(hook))
    }

    /// How many results of each check are kept for [`history`](Self::history) and
    /// `?history` (default 10).
    #[must_use]
    pub fn history_len(self, results: usize) -> Self {
        self.configure(|settings| settings.history_len = results)
    }

    /// The last results of the check named `name`, oldest first, as each run ended (before
    /// flap damping), scrubbed and capped as this handle serves them. Never runs the check.
    ///
    /// ```
    /// use healthcheck::HealthCheck;
    ///
    /// # #[tokio::main(flavor = "current_thread")] async fn main() {
    /// let health = HealthCheck::empty().add_check("db", || (true, "ok")).no_cache();
    /// health.run().await;
    /// health.run().await;
    /// assert_eq!(health.history("db").unwrap().len(), 2);
    /// assert!(health.history("nope").is_err());
    /// # }
    /// ```
    ///
    /// # Errors
    ///
    /// [`UnknownCheck`] if no selected check has that name.
    pub fn history(&self, name: &str) -> Result<Vec<CheckResult>, UnknownCheck> {
        let slot = self
            .selected()
            .find(|slot| &*slot.name == name)
            .ok_or_else(|| UnknownCheck(name.to_owned()))?;
        Ok(self.served_history(slot.history()))
    }

    fn served_history(&self, history: Vec<CheckResult>) -> Vec<CheckResult> {
        history
            .into_iter()
            .map(|result| self.settings.serve(result))
            .collect()
    }

    /// `report` (made by this handle) with each check's [`history`](Self::history) attached,
    /// which the JSON format writes as a `history` list in each result: what `?history` answers.
    ///
    /// ```
    /// use healthcheck::{Format, HealthCheck, ResponsePolicy};
    ///
    /// # #[tokio::main(flavor = "current_thread")] async fn main() {
    /// let health = HealthCheck::empty().add_check("db", || (true, "ok"));
    /// let report = health.with_history(health.run().await);
    /// let body = report.render(Format::Json, &ResponsePolicy::new()).body;
    /// assert!(String::from_utf8_lossy(&body).contains(r#""history": [{"checker": "db""#));
    /// # }
    /// ```
    #[must_use]
    pub fn with_history(&self, mut report: Report) -> Report {
        for result in &mut report.results {
            if let Some(slot) = self.all_slots().iter().find(|s| *s.name == *result.name()) {
                result.history = Some(self.served_history(slot.history()).into());
            }
        }
        report
    }
}

/// Whether the query asks for each check's history (`?history`, whatever its value).
#[cfg(any(feature = "actix", feature = "axum"))]
pub(crate) fn wants_history(query: &str) -> bool {
    form_urlencoded::parse(query.as_bytes()).any(|(key, _)| key == "history")
}
