//! Declarative service health checks for Rust services, served over actix-web.
//!
//! Declare checks with an attribute; they are collected at link time, run concurrently with
//! real deadlines, cached (27 s on success, 9 s on failure, as py-healthcheck), and served in
//! the formats monitors already read.
//!
#![cfg_attr(feature = "actix", doc = "```no_run")]
#![cfg_attr(not(feature = "actix"), doc = "```ignore")]
//! use actix_web::{App, HttpServer};
//! use healthcheck::{health_check, HealthCheck};
//!
//! #[health_check]
//! fn addition_works() -> (bool, &'static str) {
//!     (1 + 1 == 2, "addition works")
//! }
//!
//! #[health_check(name = "upstream", tags("ready"), timeout = "2s")]
//! async fn upstream() -> Result<String, std::io::Error> {
//!     Ok("upstream answered".to_owned())
//! }
//!
//! #[actix_web::main]
//! async fn main() -> std::io::Result<()> {
//!     let health = HealthCheck::new().add_section("version", env!("CARGO_PKG_VERSION"));
//!     HttpServer::new(move || App::new().service(health.scope("/healthcheck")))
//!         .bind(("127.0.0.1", 5000))?
//!         .run()
//!         .await
//! }
//! ```
//!
//! `GET /healthcheck` answers 200 with py-healthcheck's JSON when every critical check passes
//! and 500 otherwise; `GET /healthcheck/upstream` runs one check.
//!
//! # Checks
//!
//! A check is a plain function, sync or `async`, with no arguments, returning one of:
//!
//! | type | passes when | output |
//! |---|---|---|
//! | `(bool, impl IntoOutput)` | the `bool` is `true` | the message, or a JSON value |
//! | `bool` | it is `true` | `"ok"` / `"failed"` |
//! | `Result<T: IntoOutput, E: Display>` | `Ok` | the `Ok` value (`"ok"` for `()`), or the error's `Display` |
//! | [`Outcome`] | not [`Status::Fail`] | its output, and an optional observed value and unit |
//!
//! An output ([`IntoOutput`]) is a string, a number, `()`, or a [`serde_json::Value`], which
//! the JSON format writes as JSON (py-healthcheck allows any JSON value);
//! [`Outcome::serialized`] takes any `Serialize` value.
//!
//! Checks and sections, sync or async, run on the library's own threads (never the caller's,
//! so a sync call inside an `async fn` cannot block an actix worker), one thread per running
//! body from a pool of 64. A panic, or an `Err`, becomes a failure whose output is its
//! message alone, as py-healthcheck reports `str(exc)`; an
//! [`error_handler`](HealthCheck::error_handler) decides otherwise. A check that
//! misses its deadline fails with "timed out after …" and the report is answered on time: an
//! async check is dropped at its next `.await`; a blocking one cannot be stopped, so it is
//! abandoned, and until it returns no second copy of it is started: a hung dependency
//! occupies one thread, however often it is probed. Outputs, errors, panic messages and
//! sections are scrubbed of secrets by a [`Scrubber`] before they are cached, logged or
//! served.
//!
//! Closures work too, through [`HealthCheck::add_check`] and [`HealthCheck::add_check_with`].
//!
//! # Caching and single-flight
//!
//! Each check's result is cached for [`success_ttl`](HealthCheck::success_ttl) or
//! [`failed_ttl`](HealthCheck::failed_ttl) (per-check overrides with `success_ttl = "…"`).
//! Requests that arrive while a check runs wait for that run instead of starting another, with
//! or without a cache, so a stampede of probes on a cold cache runs each check once. Clones of
//! a [`HealthCheck`] (one per actix worker) share the cache.
//!
//! # Background checks, flap damping, events and metrics
//!
//! A check with an [`interval`](CheckOptions::interval) runs on a schedule of its own and
//! requests read its latest result without waiting (`not checked yet` before its first run,
//! `stale: last run 47s ago` past [`stale_after`](CheckOptions::stale_after)). Thresholds
//! damp flapping as Kubernetes' probes do. Each change of a reported status is one `tracing`
//! event and a call of the [`on_change`](HealthCheck::on_change) hooks; the last results are
//! kept ([`HealthCheck::history`], `?history`). With the `metrics` feature,
//! `HealthCheck::register_metrics` adds Prometheus metrics to your registry.
//!
//! # Formats
//!
//! Chosen per request by `?format=` or `Accept` ([`Format::negotiate`]):
//! py-healthcheck JSON (default), IETF `application/health+json`, and the Kubernetes
//! apiserver's text (`ok`, or `[+]name ok` / `[-]name failed: reason withheld` lines with
//! `?verbose`).
//!
//! # Kubernetes probes
//!
//! `HealthCheck::probes` (feature `actix`) serves `/livez`, `/readyz` and `/startupz` as the Kubernetes
//! apiserver answers them, with membership from tags ([`Probe`]), and
//! [`HealthCheck::shutdown_signal`] fails `/readyz` for a drain before the server stops.
//!
//! # axum, and probing a distroless container
//!
//! With the feature `axum`, `HealthCheck::axum_router`, `HealthCheck::axum_probes` and
//! `EnvironmentDump::axum_router` give the same answers as the actix-web glue, for axum 0.8
//! and any tower stack. [`probe::run_if_requested`], first thing in `main`, makes the binary
//! its own probe (`app --probe`) for Docker's `HEALTHCHECK` in images without `curl`.
//!
//! # Environment dump
//!
//! [`EnvironmentDump`] shows `os`, `rust` and `process` sections, the application's `config`,
//! and every [`env_section`], served by `EnvironmentDump::scope` (feature `actix`). Every
//! section is scrubbed of secrets by a [`Scrubber`], which cannot be switched off; protect the
//! endpoint with [`EnvironmentDump::bearer_token`] (or, with actix-web, any guard) all the
//! same.
//!
//! # Checks in another crate
//!
//! Registrations (checks and sections) are collected from every crate linked into the binary.
//! The linker drops a library nothing refers to, so a crate that only declares them must be
//! named once:
//!
//! ```
//! # mod my_checks {}
//! use my_checks as _;
//! ```
//!
//! # Platforms
//!
//! Link-time collection uses [`inventory`](https://docs.rs/inventory), which supports Linux,
//! macOS, iOS, Windows, Android, FreeBSD, OpenBSD, illumos and WebAssembly. Where it is not
//! available, build the set by hand with [`HealthCheck::empty`] and
//! [`HealthCheck::add_check`].
#![warn(missing_docs, missing_debug_implementations)]
#![forbid(unsafe_code)]
#![warn(clippy::pedantic)]

#[cfg(feature = "actix")]
mod actix;
mod answers;
#[cfg(feature = "axum")]
mod axum;
mod body;
mod check_options;
pub mod checks;
mod component;
mod environment;
mod format;
mod health;
mod host;
mod location;
#[cfg(feature = "metrics")]
mod metrics;
mod names;
mod outcome;
mod policy;
pub mod probe;
mod probes;
pub mod registry;
mod report;
mod runner;
mod schedule;
mod scrub;
mod section;
#[cfg(any(feature = "actix", feature = "axum"))]
mod serve;
mod service;
mod settings;
mod status;
mod time;

#[doc(hidden)]
pub mod __private;

/// The README's examples, compiled and run as doctests (they serve with actix-web and axum).
#[cfg(all(doctest, feature = "actix", feature = "axum"))]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;

pub use body::IntoCheck;
pub use check_options::CheckOptions;
pub use component::Component;
pub use environment::{Environment, EnvironmentDump};
pub use format::{Format, JsonStyle, Rendered, UnknownFormat};
pub use health::{HealthCheck, UnknownCheck};
pub use outcome::{CheckError, ErrorKind, IntoOutcome, IntoOutput, Observed, Outcome, Status};
pub use policy::{InvalidResponse, ResponsePolicy, When};
pub use probes::Probe;
pub use registry::{DuplicateName, Location};
pub use report::{CheckResult, Report};
pub use scrub::{Scrubber, MASK};
pub use section::{IntoSection, SectionSource};
pub use status::Change;

/// The `prometheus-client` crate the metrics are written with (feature `metrics`), for its
/// `Registry` and encoders.
#[cfg(feature = "metrics")]
pub use prometheus_client;
pub use service::ServiceInfo;

/// Types that only tell apart the shapes [`IntoCheck`] and [`SectionSource`] accept; inferred,
/// never written.
pub mod marker {
    pub use crate::body::{Async, Blocking, Value};
    pub use crate::section::{Computed, ComputedAsync, Fixed};
}

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
/// `timeout = "2s"`, `critical = false`, `success_ttl = "27s"`, `failed_ttl = "9s"`,
/// `interval = "10s"` (run in the background on that schedule; see
/// [`CheckOptions::interval`]), `stale_after = "30s"` (with an interval),
/// `failure_threshold = 3` and `success_threshold = 2` (flap damping; see
/// [`CheckOptions::failure_threshold`]), and `crate = path` for crates that re-export
/// `healthcheck`. Durations take `ms`, `s`, `m`, `h` and are checked at compile time.
pub use healthcheck_macros::health_check;

/// Registers a function as an environment section, shown by [`EnvironmentDump::new`].
///
/// The function may be sync or `async` and return any [`Serialize`](serde::Serialize) value;
/// a `Result` whose `Err` is [`Display`](std::fmt::Display) shows `{"error": "…"}` in the
/// section's place, as does a panic. Like every section, its output is scrubbed of secrets.
///
/// ```
/// use healthcheck::env_section;
/// use serde_json::{json, Value};
///
/// #[env_section(name = "application")]
/// fn application() -> Value {
///     json!({ "maintainer": "ops@example.com", "git_repo": "https://example.com/app.git" })
/// }
///
/// #[env_section]
/// async fn feature_flags() -> Result<Vec<&'static str>, std::io::Error> {
///     Ok(vec!["new-checkout"])
/// }
/// ```
///
/// Arguments: `name = "…"` (default: the function's name; the built-in names `os`, `rust`,
/// `process` and `config` are refused) and `crate = path`.
pub use healthcheck_macros::env_section;

/// Captures the application's crate name, version and resolved dependencies (from its
/// `Cargo.lock`, read when it compiles; a changed lock file rebuilds it) for the `rust`
/// section of the [`EnvironmentDump`]. Call it once, at item level, in the binary crate.
///
/// ```
/// healthcheck::build_info!();
/// ```
pub use healthcheck_macros::build_info;
