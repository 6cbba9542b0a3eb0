//! Checks registered with `#[health_check]`, collected at link time.
//!
//! ```
//! use healthcheck::{health_check, registry};
//!
//! #[health_check(name = "arithmetic")]
//! fn arithmetic() -> (bool, &'static str) {
//!     (1 + 1 == 2, "addition works")
//! }
//!
//! # #[tokio::main(flavor = "current_thread")] async fn main() {
//! let check = registry::check("arithmetic").expect("registered");
//! assert!(check.location().to_string().contains(".rs:"));
//! assert!(check.run().await.passed());
//! # }
//! ```

use std::fmt;
use std::sync::OnceLock;
use std::time::Duration;

use crate::check::Outcome;
use crate::job::{BoxFuture, Job};
use crate::options::CheckOptions;
use crate::runner::{execute, ThreadGuard, DEFAULT_TIMEOUT};

/// Where a check or section was declared.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Location {
    file: &'static str,
    line: u32,
}

impl Location {
    #[doc(hidden)]
    #[must_use]
    pub const fn new(file: &'static str, line: u32) -> Self {
        Location { file, line }
    }

    pub(crate) fn caller(caller: &'static std::panic::Location<'static>) -> Self {
        Location::new(caller.file(), caller.line())
    }

    /// The source file.
    #[must_use]
    pub fn file(&self) -> &'static str {
        self.file
    }

    /// The line in it.
    #[must_use]
    pub fn line(&self) -> u32 {
        self.line
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// Two checks (or sections) share a name; names must be unique.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DuplicateName {
    /// `"health check"` or `"environment section"`.
    pub kind: &'static str,
    /// The shared name.
    pub name: String,
    /// Where the first was declared.
    pub first: Location,
    /// Where the second was declared.
    pub second: Location,
}

impl fmt::Display for DuplicateName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "two {kind}s are named `{name}`: one at {first}, one at {second}; give one a different `name`",
            kind = self.kind,
            name = self.name,
            first = self.first,
            second = self.second,
        )
    }
}

impl std::error::Error for DuplicateName {}

/// Not public API. Used by generated code.
#[doc(hidden)]
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
#[derive(Clone, Copy)]
pub enum CheckFn {
    Blocking(fn() -> Outcome),
    Async(fn() -> BoxFuture),
}

inventory::collect!(CheckRegistration);

/// A check registered with `#[health_check]`.
#[derive(Clone, Copy)]
pub struct RegisteredCheck {
    registration: &'static CheckRegistration,
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

    /// Runs the check once, uncached, within its deadline (10 s unless it sets one); a panic
    /// or a missed deadline becomes a failing [`Outcome`].
    pub async fn run(&self) -> Outcome {
        let deadline = self.registration.timeout.unwrap_or(DEFAULT_TIMEOUT);
        execute(&self.job(), deadline, &ThreadGuard::default()).await
    }

    pub(crate) fn job(self) -> Job {
        match self.registration.run {
            CheckFn::Blocking(run) => Job::Blocking(std::sync::Arc::new(run)),
            CheckFn::Async(run) => Job::Async(std::sync::Arc::new(run)),
        }
    }
}

/// Every registered check, sorted by name.
pub fn checks() -> &'static [RegisteredCheck] {
    static CHECKS: OnceLock<Vec<RegisteredCheck>> = OnceLock::new();
    CHECKS.get_or_init(|| {
        let mut checks: Vec<_> = inventory::iter::<CheckRegistration>
            .into_iter()
            .map(|registration| RegisteredCheck { registration })
            .collect();
        checks.sort_by_key(|check| (check.name(), check.location().file, check.location().line));
        checks
    })
}

/// The registered check with this name.
#[must_use]
pub fn check(name: &str) -> Option<RegisteredCheck> {
    checks().iter().copied().find(|check| check.name() == name)
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

/// `items` must be sorted by name.
pub(crate) fn first_duplicate<'a>(
    items: impl Iterator<Item = (&'a str, Location)>,
    kind: &'static str,
) -> Result<(), DuplicateName> {
    let mut previous: Option<(&str, Location)> = None;
    for (name, location) in items {
        if let Some((previous_name, first)) = previous {
            if previous_name == name {
                return Err(DuplicateName {
                    kind,
                    name: name.to_owned(),
                    first,
                    second: location,
                });
            }
        }
        previous = Some((name, location));
    }
    Ok(())
}
