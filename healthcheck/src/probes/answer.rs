//! [`HealthCheck::probe`] and [`HealthCheck::probe_check`]: a probe's checks run (or served
//! fresh from the cache) and answered as the apiserver answers.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use super::query::ProbeQuery;
use super::Probe;
use crate::check_options::CheckOptions;
use crate::format::{classic, ietf, render_with, text, Format, Rendered};
use crate::health::HealthCheck;
use crate::names::one_line;
use crate::outcome::Outcome;
use crate::policy::When;
use crate::report::{CheckResult, Report};
use crate::runner::{Pending, Slot};

/// Passes whenever the server answers.
const PING: &str = "ping";
/// Fails from the moment a shutdown signal arrives (`/readyz` only).
const SHUTDOWN: &str = "shutdown";

/// A probe's checks in order, some of them excluded, and the report of those that ran.
struct Listing {
    entries: Vec<Entry>,
    /// Exclusions that named no check, sorted.
    unmatched: Vec<String>,
    report: Report,
}

enum Entry {
    Ran(usize),
    Excluded(Arc<str>),
}

impl HealthCheck {
    /// Answers `probe` for a request with this query string and `Accept` header, as the
    /// Kubernetes apiserver does: text by default (`ok`; with `?verbose` or on failure one
    /// line a check and `<probe> check passed|failed`), `?exclude=name` (repeated, or
    /// comma-separated) to skip checks, `?format=json|ietf` or `Accept` for the other formats.
    /// A failure answers the [`ResponsePolicy`](crate::ResponsePolicy)'s failing status (500
    /// unless set). The actix-web glue is `probes` (feature `actix`); this serves any stack.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() {
    /// use healthcheck::{CheckOptions, HealthCheck, Probe};
    ///
    /// let health = HealthCheck::empty()
    ///     .add_check_with("event-loop", CheckOptions::new().tag("live"), || true)
    ///     .add_check("db", || (false, "connection refused"));
    ///
    /// let live = health.probe(Probe::Live, "verbose", None).await;
    /// assert_eq!(&live.body[..], b"[+]ping ok\n[+]event-loop ok\nlivez check passed\n");
    ///
    /// let ready = health.probe(Probe::Ready, "", None).await;
    /// assert_eq!(ready.status, 500);
    /// assert_eq!(
    ///     &ready.body[..],
    ///     &b"[+]ping ok\n[+]event-loop ok\n[-]db failed: reason withheld\n[+]shutdown ok\nreadyz check failed\n"[..]
    /// );
    /// # }
    /// ```
    pub async fn probe(&self, probe: Probe, query: &str, accept: Option<&str>) -> Rendered {
        let query = match ProbeQuery::parse(query, accept) {
            Ok(query) => query,
            Err(unknown) => return Rendered::error(400, &unknown.to_string()),
        };
        let listing = self.listing(probe, &query.exclude).await;
        let passed = listing.report.passed();
        let lines = || {
            listing.entries.iter().map(|entry| match entry {
                Entry::Ran(at) => {
                    let result = &listing.report.results()[*at];
                    text::Line::of(result.name(), result.passed())
                }
                Entry::Excluded(name) => text::Line::Excluded(name),
            })
        };
        let policy = self.policy();
        let body = |format| match format {
            Format::Text { .. } => text::listing(
                probe.name(),
                lines(),
                &listing.unmatched,
                passed,
                query.verbose,
            ),
            Format::Json => classic::render(&listing.report, policy.json_style()),
            Format::HealthJson => ietf::render(&listing.report),
        };
        let policy = self.policy();
        render_with(
            &listing.report,
            query.format,
            policy,
            When::of(passed),
            body,
        )
        .unwrap_or_else(|panicked| panicked)
    }

    /// Answers one check of `probe` (`/readyz/{check}`): `ok`, or the failing status with
    /// `internal server error: <reason>\n` (the reason scrubbed as every output is), as the
    /// apiserver does. `ping` and, for `/readyz`, `shutdown` are checks too. A name the probe
    /// does not have answers 404 with a JSON body.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() {
    /// use healthcheck::{HealthCheck, Probe};
    ///
    /// let health = HealthCheck::empty().add_check("db", || (false, "connection refused"));
    /// let answer = health.probe_check(Probe::Ready, "db", "", None).await;
    /// assert_eq!((answer.status, &answer.body[..]), (500, &b"internal server error: connection refused\n"[..]));
    /// assert_eq!(health.probe_check(Probe::Live, "db", "", None).await.status, 404);
    /// # }
    /// ```
    pub async fn probe_check(
        &self,
        probe: Probe,
        check: &str,
        query: &str,
        accept: Option<&str>,
    ) -> Rendered {
        let query = match ProbeQuery::parse(query, accept) {
            Ok(query) => query,
            Err(unknown) => return Rendered::error(400, &unknown.to_string()),
        };
        let Some(result) = self.probe_result(probe, check).await else {
            let message = format!("{} has no check named `{check}`", probe.path());
            return Rendered::error(404, &message);
        };
        let passed = result.passed();
        let report = Report::made_now(vec![result], Vec::new(), &self.settings.service);
        let policy = self.policy();
        let body = |format| match format {
            Format::Text { .. } if passed => "ok".to_owned(),
            Format::Text { .. } => format!(
                "internal server error: {}\n",
                one_line(report.results()[0].outcome().output())
            ),
            Format::Json => classic::render(&report, policy.json_style()),
            Format::HealthJson => ietf::render(&report),
        };
        render_with(&report, query.format, policy, When::of(passed), body)
            .unwrap_or_else(|panicked| panicked)
    }

    async fn listing(&self, probe: Probe, exclude: &[String]) -> Listing {
        let latched = match probe {
            Probe::Startup => self.started.get().cloned(),
            _ => None,
        };
        let mut unmatched: Vec<&String> = exclude.iter().collect();
        let mut excluded = |name: &str| match unmatched.iter().position(|x| *x == name) {
            Some(at) => {
                unmatched.swap_remove(at);
                true
            }
            None => false,
        };
        let members = self
            .selected()
            .filter(|slot| probe.includes(&slot.options.tags));
        let own = |name: &'static str| (Arc::from(name), None);
        let mut sources: Vec<(Arc<str>, Option<&Arc<Slot>>)> = vec![own(PING)];
        sources.extend(members.map(|slot| (Arc::clone(&slot.name), Some(slot))));
        if probe == Probe::Ready {
            sources.push(own(SHUTDOWN));
        }
        let mut entries = Vec::with_capacity(sources.len());
        let mut pending = Vec::with_capacity(sources.len());
        for (name, slot) in sources {
            if excluded(&name) {
                entries.push(Entry::Excluded(name));
                continue;
            }
            entries.push(Entry::Ran(pending.len()));
            let kept = latched
                .as_ref()
                .and_then(|kept| kept.iter().find(|result| result.name() == &*name));
            pending.push(match (slot, kept) {
                (None, _) if &*name == PING => Pending::Ready(ping()),
                (None, _) => Pending::Ready(self.shutdown_check()),
                (Some(_), Some(kept)) => Pending::Ready(kept.clone().served_from_cache()),
                (Some(slot), None) => slot.begin(&self.settings),
            });
        }
        let mut results = Vec::with_capacity(pending.len());
        for pending in pending {
            results.push(pending.result(&self.settings).await);
        }
        let mut unmatched: Vec<String> = unmatched.into_iter().cloned().collect();
        unmatched.sort();
        let report = Report::made_now(results, Vec::new(), &self.settings.service);
        if probe == Probe::Startup && latched.is_none() && exclude.is_empty() && report.passed() {
            let members = report
                .results()
                .iter()
                .filter(|result| result.name() != PING)
                .cloned()
                .collect();
            let _ = self.started.set(members);
        }
        Listing {
            entries,
            unmatched,
            report,
        }
    }

    async fn probe_result(&self, probe: Probe, name: &str) -> Option<CheckResult> {
        match name {
            PING => return Some(ping()),
            SHUTDOWN if probe == Probe::Ready => return Some(self.shutdown_check()),
            _ => {}
        }
        let slot = self
            .selected()
            .find(|slot| &*slot.name == name && probe.includes(&slot.options.tags))?;
        if probe == Probe::Startup {
            if let Some(kept) = self.started.get() {
                let kept = kept.iter().find(|result| result.name() == name).cloned();
                return kept.map(CheckResult::served_from_cache);
            }
        }
        Some(slot.begin(&self.settings).result(&self.settings).await)
    }

    fn shutdown_check(&self) -> CheckResult {
        let outcome = if self.lifecycle.draining() {
            Outcome::fail("shutting down: draining before the server stops")
        } else {
            Outcome::pass("ok")
        };
        own_result(SHUTDOWN, outcome)
    }
}

fn ping() -> CheckResult {
    own_result(PING, Outcome::pass("ok"))
}

/// A result of the probe's own checks, `ping` and `shutdown`: critical, made now.
fn own_result(name: &str, outcome: Outcome) -> CheckResult {
    let now = SystemTime::now();
    CheckResult::new(
        Arc::from(name),
        &CheckOptions::new(),
        outcome,
        now,
        Duration::ZERO,
    )
}
