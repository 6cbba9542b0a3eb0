//! Registered health checks.

use std::fmt;
use std::sync::{Arc, OnceLock};

use super::registration::CheckRegistration;
use super::store::Registered;
use super::Location;
use crate::body::Body;
use crate::check_options::{CheckOptions, DEFAULT_TIMEOUT};
use crate::outcome::Outcome;
use crate::runner::{Failure, Runner};

/// A check registered with `#[health_check]`.
#[derive(Clone)]
pub struct RegisteredCheck {
    registration: &'static CheckRegistration,
    /// Shared by every run of this check, through the registry or a `HealthCheck`.
    runner: Arc<Runner<Outcome>>,
}

impl Registered for RegisteredCheck {
    type Registration = CheckRegistration;
    const KIND: &'static str = "health check";

    fn cell() -> &'static OnceLock<Vec<Self>> {
        static CHECKS: OnceLock<Vec<RegisteredCheck>> = OnceLock::new();
        &CHECKS
    }

    fn new(registration: &'static CheckRegistration) -> Self {
        RegisteredCheck {
            registration,
            runner: Arc::default(),
        }
    }

    fn declared(&self) -> (&'static str, Location) {
        (self.name(), self.location())
    }
}

impl fmt::Debug for RegisteredCheck {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RegisteredCheck")
            .field("name", &self.name())
            .field("module_path", &self.module_path())
            .field("location", &self.location())
            .field("options", &self.options())
            .finish()
    }
}

impl RegisteredCheck {
    /// The check's name (the function's, unless `name = "…"` was given).
    #[must_use]
    pub fn name(&self) -> &'static str {
        self.registration.name
    }

    /// Its tags, deadline, criticality and TTLs.
    #[must_use]
    pub fn options(&self) -> CheckOptions {
        let r = self.registration;
        CheckOptions {
            tags: r.tags.iter().map(|tag| (*tag).to_owned()).collect(),
            timeout: r.timeout,
            critical: r.critical,
            success_ttl: r.success_ttl,
            failed_ttl: r.failed_ttl,
            component: Arc::new(r.component.component()),
        }
    }

    /// The module that declared it.
    #[must_use]
    pub fn module_path(&self) -> &'static str {
        self.registration.module_path
    }

    /// The file and line that declared it.
    #[must_use]
    pub fn location(&self) -> Location {
        self.registration.location
    }

    /// Runs the check once, uncached, within its deadline (10 s unless it sets one), on the
    /// library's threads; a panic or a missed deadline becomes a failing [`Outcome`]. While
    /// an earlier run of it is still blocked, this joins that run instead of starting a copy.
    /// The output is as the check gave it, not scrubbed: scrubbing is the `HealthCheck`'s.
    pub async fn run(&self) -> Outcome {
        let deadline = self.registration.timeout.unwrap_or(DEFAULT_TIMEOUT);
        self.runner
            .run(&self.job(), deadline)
            .finish()
            .await
            .unwrap_or_else(Failure::into_outcome)
    }

    pub(crate) fn job(&self) -> Body<Outcome> {
        self.registration.run.job()
    }

    pub(crate) fn runner(&self) -> Arc<Runner<Outcome>> {
        Arc::clone(&self.runner)
    }
}
