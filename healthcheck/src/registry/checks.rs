//! Registered health checks.

use std::fmt;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use super::{first_duplicate, DuplicateName, Location};
use crate::check::Outcome;
use crate::job::{BoxFuture, Job};
use crate::options::CheckOptions;
use crate::options::DEFAULT_TIMEOUT;
use crate::runner::Runner;

/// Not public API. Used by generated code.
#[doc(hidden)]
#[derive(Debug)]
pub struct CheckRegistration {
    pub name: &'static str,
    pub tags: &'static [&'static str],
    pub timeout: Option<Duration>,
    pub critical: bool,
    pub success_ttl: Option<Duration>,
    pub failed_ttl: Option<Duration>,
    pub module_path: &'static str,
    pub location: Location,
    pub run: CheckFn,
}

/// Not public API. Used by generated code.
#[doc(hidden)]
#[derive(Clone, Copy, Debug)]
pub enum CheckFn {
    Blocking(fn() -> Outcome),
    Async(fn() -> BoxFuture),
}

inventory::collect!(CheckRegistration);

/// A check registered with `#[health_check]`.
#[derive(Clone)]
pub struct RegisteredCheck {
    registration: &'static CheckRegistration,
    /// Shared by every run of this check, through the registry or a `HealthCheck`.
    runner: Arc<Runner<Outcome>>,
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
            .unwrap_or_else(|failure| Outcome::fail(failure.to_string()))
    }

    pub(crate) fn job(&self) -> Job<Outcome> {
        match self.registration.run {
            CheckFn::Blocking(run) => Job::Blocking(Arc::new(run)),
            CheckFn::Async(run) => Job::Async(Arc::new(run)),
        }
    }

    pub(crate) fn runner(&self) -> Arc<Runner<Outcome>> {
        Arc::clone(&self.runner)
    }
}

/// Every registered check, sorted by name.
pub fn checks() -> &'static [RegisteredCheck] {
    static CHECKS: OnceLock<Vec<RegisteredCheck>> = OnceLock::new();
    CHECKS.get_or_init(|| {
        let mut checks: Vec<_> = inventory::iter::<CheckRegistration>
            .into_iter()
            .map(|registration| RegisteredCheck {
                registration,
                runner: Arc::default(),
            })
            .collect();
        checks.sort_by_key(|check| {
            (
                check.name(),
                check.location().file(),
                check.location().line(),
            )
        });
        checks
    })
}

/// The registered check with this name.
#[must_use]
pub fn check(name: &str) -> Option<RegisteredCheck> {
    checks().iter().find(|check| check.name() == name).cloned()
}

/// Fails if two registered checks share a name, naming both places.
///
/// # Errors
///
/// The first pair of checks that share a name.
pub fn validate() -> Result<(), DuplicateName> {
    first_duplicate(
        checks().iter().map(|c| (c.name(), c.location())),
        "health check",
    )
}
