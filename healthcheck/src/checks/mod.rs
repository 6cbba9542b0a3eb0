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
//!
//! # Built-in checks
//!
//! | check | feature | passes when | observed | crates it pulls in |
//! |---|---|---|---|---|
//! | `checks::tcp("db:5432")` | `tcp` | a TCP connection opens | latency, `ms` | none (`tokio/net`) |
//! | `checks::http("http://…/ready")` | `http` | a GET answers 200 to 299 (`.expect_status(200..400)`); redirects not followed (`.follow_redirects(3)`) | latency, `ms` | `reqwest` (HTTP/1.1, no TLS) with `hyper`, `hyper-util`, `tower` |
//! | `https://` URLs | `http-rustls` | as `http` | | `reqwest/rustls`: `rustls`, `aws-lc-rs`, `rustls-platform-verifier` |
//! | `checks::dns("db.internal")` | `dns` | the name resolves (system resolver) | latency, `ms` | none |
//! | `checks::disk_space("/var", 2 << 30)` | `disk` | at least that many bytes are available (`.warn_below(10 << 30)` warns first) | free bytes, `bytes` | `fs4` (`rustix` on Unix) |
//! | `checks::memory(0.95)` | `memory` | at most that share of memory is in use (`.warn_above(0.8)` warns first) | used share, `ratio` | none (`sysinfo`, already used) |
//!
//! Each constructor returns a value (`Tcp`, `Http`, `Dns`, `DiskSpace`, `Memory`) whose
//! builder methods set its options, and implements [`Check`]. Input that cannot work (a URL
//! that does not parse, `"db"` without a port, a ratio of `1.5`, a warning threshold past the
//! failing one) panics where the check is made, with `#[track_caller]` and a message naming
//! the input without its secrets, as [`add_check`](crate::HealthCheck::add_check) does for a
//! bad name: configuration mistakes stop the service at startup, on your line.
//!
//! Outputs are short (`connected to 127.0.0.1:6379 in 0.4 ms`, `GET http://api:8080/ready
//! answered 200 OK`, `12.1 GiB free of 50 GiB on /`) and never show a password or token given
//! to a check. Nothing a check starts outlives it, except a blocking system call that cannot
//! be stopped (a name look-up, a `statvfs` of a hung mount): those run on the blocking pool,
//! one at a time per check, and a run that finds the previous call still under way waits for
//! it instead of starting another. Give each check a deadline shorter than the probes'
//! (`CheckOptions::timeout`, 10 s by default).
//!
//! # Databases and pools
//!
//! | check | feature | passes when | output | crates it adds |
//! |---|---|---|---|---|
//! | `redis(url)` | `redis` | `PING` answers `PONG` on a connection of its own | `PONG from redis 7.0.15 in 0.3 ms` | `redis` 1.8 (`tokio-comp`, `connection-manager`): 50 crates |
//! | `redis_manager(manager)` | `redis` | `PING` answers `PONG` over your `redis::aio::ConnectionManager` | `PONG from redis 7.0.15 in 0.2 ms over the service's connection` | the same |
//! | `postgres(url)` | `postgres` | `SELECT 1` answers on a connection of its own, without TLS | `PostgreSQL 15.8 answered SELECT 1 in 1.2 ms` | `tokio-postgres` 0.7 (`runtime`): 47 |
//! | `mysql(url)` | `mysql` | `SELECT 1` answers on a connection of its own (MySQL, MariaDB), without TLS | `MariaDB 10.11.6 answered SELECT 1 in 1.0 ms` | `mysql_async` 0.37 (`minimal-rust`): 81 |
//! | `sqlx_pool(pool)` | `sqlx` | a connection borrowed from your `sqlx::Pool<DB>` (any database) answers a ping | `PostgreSQL pool: a connection borrowed and checked in 0.4 ms (3 of 10 connections open, 2 idle)` | `sqlx` 0.9 (no features): 66 |
//! | `deadpool(pool)` | `deadpool` | an object borrowed from your `deadpool::managed::Pool<M>` is recycled by its manager (and passes your `.probe(…)`) | `deadpool: a connection borrowed and checked in 0.2 ms (…)` | `deadpool` 0.13 (`managed`): 2 |
//! | `bb8(pool)` | `bb8` | a connection borrowed from your `bb8::Pool<M>` is valid (and passes your `.probe(…)`) | `bb8 pool: a connection borrowed and checked in 0.3 ms (…)` | `bb8` 0.9 (no features): 5 |
//!
//! Every dependency is taken without its default features. All of them:
//!
//! - **Deadline**: the check's own (`add_check_with` and [`CheckOptions::timeout`]), else the
//!   `HealthCheck`'s (10 s). The checks add no timeout of their own: connecting, logging in and
//!   the query all count against it (a pool's own `acquire_timeout` or `connection_timeout`
//!   still applies). At the deadline the run's future is dropped, and with it the connection
//!   it opened (closed) or borrowed (given back to its pool); nothing is left running.
//! - **Latency**: the observed value, in `ms`: connecting, logging in and answering for the
//!   checks that open their own connection, borrowing and validating for the pool checks.
//! - **Failures** name the server and the reason with the errors it wraps (`PostgreSQL at
//!   db:5432: db error: FATAL: password authentication failed for user "app"`), never the
//!   password: the check masks the password of its URL, however the client library split it,
//!   and the [`Scrubber`](crate::Scrubber) cleans the output as any other. A URL that does
//!   not parse fails every run, without showing the URL.
//! - **Saturation**: a pool whose connections are all open and none idle is not borrowed from
//!   (the check never takes a connection your service waits for): the check warns
//!   ([`Status::Warn`](crate::Status::Warn), which never fails the service) once a connection
//!   of its own answered, and fails if that fails, so that a saturated pool in front of a dead
//!   database still fails. `.probe_when_saturated(false)` warns at once.
//!
//! `mysql` uses [`mysql_async`](https://docs.rs/mysql_async) rather than `sqlx-mysql`: both
//! add about 80 crates, but `mysql_async` is the dedicated, long-maintained async client of
//! MySQL and MariaDB, needs no runtime feature chosen for it, says goodbye (`COM_QUIT`), and
//! lets the check talk to the URL's address rather than switch to the server's socket; a
//! `sqlx` connection would bring the machinery of its pools for one probe.
//!
//! [`CheckOptions::timeout`]: crate::CheckOptions::timeout

use std::future::Future;
use std::time::Instant;

use crate::outcome::Outcome;

#[cfg(feature = "disk")]
mod disk;
#[cfg(feature = "dns")]
mod dns;
#[cfg(feature = "http")]
mod http;
#[cfg(any(feature = "tcp", feature = "http", feature = "dns", feature = "disk"))]
mod input;
#[cfg(any(feature = "tcp", feature = "http", feature = "dns"))]
mod lookup;
#[cfg(feature = "memory")]
mod memory;
#[cfg(any(
    feature = "tcp",
    feature = "http",
    feature = "dns",
    feature = "disk",
    feature = "memory"
))]
mod single_flight;
#[cfg(feature = "tcp")]
mod tcp;
#[cfg(any(feature = "disk", feature = "memory"))]
mod units;

#[cfg(feature = "disk")]
pub use disk::{disk_space, DiskSpace};
#[cfg(feature = "dns")]
pub use dns::{dns, Dns};
#[cfg(feature = "http")]
pub use http::{http, Http};
#[cfg(feature = "memory")]
pub use memory::{memory, Memory};
#[cfg(feature = "tcp")]
pub use tcp::{tcp, Tcp};

#[cfg(feature = "mysql")]
mod mysql;
#[cfg(any(
    feature = "bb8",
    feature = "deadpool",
    feature = "redis",
    feature = "sqlx"
))]
mod pools;
#[cfg(feature = "postgres")]
mod postgres;
#[cfg(any(
    feature = "bb8",
    feature = "deadpool",
    feature = "mysql",
    feature = "postgres",
    feature = "redis",
    feature = "sqlx"
))]
mod reason;
#[cfg(feature = "redis")]
mod redis;
#[cfg(any(
    feature = "mysql",
    feature = "postgres",
    feature = "redis",
    feature = "sqlx"
))]
mod secrets;

#[cfg(feature = "mysql")]
pub use self::mysql::{mysql, Mysql};
#[cfg(feature = "bb8")]
pub use self::pools::{bb8, Bb8Pool};
#[cfg(feature = "deadpool")]
pub use self::pools::{deadpool, Deadpool};
#[cfg(feature = "redis")]
pub use self::pools::{redis_manager, RedisManager};
#[cfg(feature = "sqlx")]
pub use self::pools::{sqlx_pool, SqlxPool};
#[cfg(feature = "postgres")]
pub use self::postgres::{postgres, Postgres};
#[cfg(feature = "redis")]
pub use self::redis::{redis, Redis};

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
