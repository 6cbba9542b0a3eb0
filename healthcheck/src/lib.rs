//! Declarative service health checks, served over actix-web.
#![doc = include_str!("../../README.md")]
#![warn(missing_docs)]
#![forbid(unsafe_code)]

#[cfg(feature = "actix")]
mod actix;
mod check;
mod format;
mod health;
mod host;
mod job;
mod options;
pub mod registry;
mod report;
mod runner;
mod section;
mod settings;
mod time;

#[doc(hidden)]
pub mod __private;

pub use check::{IntoOutcome, Observed, Outcome, Status};
pub use format::{Format, UnknownFormat};
pub use health::{HealthCheck, UnknownCheck};
pub use job::{Async, Blocking, IntoCheck};
pub use options::CheckOptions;
pub use registry::{DuplicateName, Location};
pub use report::{CheckResult, Rendered, Report};
pub use section::{Computed, Fixed, IntoSection, SectionSource};

/// Registers a function as a health check, collected by [`HealthCheck::new`].
///
/// ```
/// use healthcheck::health_check;
///
/// #[health_check]
/// fn addition_works() -> (bool, &'static str) {
///     (1 + 1 == 2, "addition works")
/// }
///
/// #[health_check(name = "upstream", tags("ready"), timeout = "2s", critical = false)]
/// async fn upstream_reachable() -> Result<&'static str, std::io::Error> {
///     Ok("upstream answered")
/// }
///
/// // The function stays an ordinary function.
/// assert_eq!(addition_works(), (true, "addition works"));
/// ```
///
/// Arguments: `name = "…"` (default: the function's name), `tags("a", "b")`,
/// `timeout = "2s"`, `critical = false`, `success_ttl = "27s"`, `failed_ttl = "9s"`, and
/// `crate = path` for crates that re-export `healthcheck`. Durations take `ms`, `s`, `m`, `h`
/// and are checked at compile time.
pub use healthcheck_macros::health_check;
