//! Built-in checks for the dependencies services check first, each behind a cargo feature
//! named after it, and the [`Check`] trait they share with checks of your own.
//!
//! A built-in is a value: give it to [`HealthCheck::add_check`](crate::HealthCheck::add_check)
//! or [`add_check_with`](crate::HealthCheck::add_check_with) like a closure. It runs on the
//! library's threads within the check's deadline (an async check is dropped at its deadline,
//! and with it any connection it held), reports its latency as an observed value in
//! milliseconds, and fails with a reason the [`Scrubber`](crate::Scrubber) cleans like any
//! other output.
//!
//! ```
//! use healthcheck::checks::Check;
//! use healthcheck::{HealthCheck, Outcome};
//!
//! /// A reusable check of your own: a value with state, run like the built-ins.
//! struct QueueDepth {
//!     limit: usize,
//! }
//!
//! impl Check for QueueDepth {
//!     async fn run(&self) -> Outcome {
//!         let depth = 3; // ask the queue
//!         if depth <= self.limit {
//!             Outcome::pass(format!("{depth} waiting"))
//!         } else {
//!             Outcome::fail(format!("{depth} waiting, more than {}", self.limit))
//!         }
//!     }
//! }
//!
//! let health = HealthCheck::empty().add_check("queue", QueueDepth { limit: 100 });
//! ```

use std::future::Future;
use std::time::Instant;

use crate::outcome::Outcome;

/// A check as a value: what the built-ins implement, and what a reusable check of your own
/// can implement to be given to [`add_check`](crate::HealthCheck::add_check).
///
/// `run` is called once per run of the check, on the library's threads, and its future is
/// dropped if it misses the check's deadline.
pub trait Check: Send + Sync + 'static {
    /// Runs the check once.
    fn run(&self) -> impl Future<Output = Outcome> + Send;
}

/// Milliseconds since `start`, for an observed latency.
#[allow(dead_code)]
pub(crate) fn millis_since(start: Instant) -> f64 {
    start.elapsed().as_secs_f64() * 1000.0
}
