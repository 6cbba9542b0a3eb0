//! One check as the runner keeps it: its last result and the run in flight, if any. Clones of
//! a `HealthCheck` share slots but not settings, so each reader judges freshness, deadline,
//! cap and scrubbing by its own.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant, SystemTime};

use tokio::sync::watch;
use tracing::Instrument;

use super::{compute, lock, spawn, Failure, Runner};
use crate::body::Body;
use crate::check_options::CheckOptions;
use crate::location::Location;
use crate::outcome::Outcome;
use crate::report::CheckResult;
use crate::settings::Settings;
use crate::status::{Counts, Track};

pub(crate) type Flight = watch::Receiver<Option<CheckResult>>;

pub(crate) struct Slot {
    pub(crate) name: Arc<str>,
    pub(crate) options: CheckOptions,
    pub(crate) location: Location,
    job: Body<Outcome>,
    runner: Arc<Runner<Outcome>>,
    state: Mutex<State>,
    /// Background results so far: answers kept from before a newer one are not served.
    pub(crate) published: AtomicU64,
}

#[derive(Default)]
struct State {
    /// The last result and when it was made, whoever asked for it.
    last: Option<(CheckResult, Instant)>,
    /// The run in flight, and when its deadline passes.
    flight: Option<(Flight, Instant)>,
    /// When the last run started.
    started: Option<Instant>,
    track: Track,
}

/// What a check's schedule does next.
pub(crate) enum Tick {
    /// Waits this long: the last run started less than an interval ago.
    Wait(Duration),
    /// Waits for this run, started now or joined.
    Await(Flight),
}

/// A result that is ready, or the run that will produce it, with how long this caller may
/// wait for it if that is less than the run's own deadline.
// Made and consumed once per check and request: boxing the result would only add an allocation.
#[allow(clippy::large_enum_variant)]
pub(crate) enum Pending {
    Ready(CheckResult),
    Waiting(Arc<Slot>, Flight, Option<Duration>),
}

impl Pending {
    /// The result as `settings` serve it, never later than their deadline for the check.
    pub(crate) async fn result(self, settings: &Settings) -> CheckResult {
        let result = match self {
            Pending::Ready(result) => result,
            // The run ends by its deadline where deadlines are kept; a caller whose own
            // deadline is sooner stops waiting then.
            Pending::Waiting(slot, mut flight, limit) => {
                let deadline = limit.unwrap_or(Duration::MAX);
                let wait = spawn(async move {
                    let finished = flight.wait_for(Option::is_some);
                    match tokio::time::timeout(deadline, finished).await {
                        Ok(Ok(result)) => Ok(result.clone()),
                        Ok(Err(_)) => Err(Failure::Cancelled),
                        Err(_) => Err(Failure::TimedOut {
                            after: deadline,
                            joined: true,
                        }),
                    }
                });
                match wait.await {
                    Ok(Ok(Some(result))) => result,
                    Ok(Err(failure)) => slot.failed(failure),
                    Ok(Ok(None)) | Err(_) => slot.failed(Failure::Cancelled),
                }
            }
        };
        settings.serve(result)
    }
}

impl Slot {
    /// `runner` is shared with every other slot of the same check body, so that one body
    /// runs at a time however many `HealthCheck`s hold it.
    pub(crate) fn new(
        name: &str,
        options: CheckOptions,
        location: Location,
        job: Body<Outcome>,
        runner: Arc<Runner<Outcome>>,
    ) -> Self {
        Slot {
            name: name.into(),
            options,
            location,
            job,
            runner,
            state: Mutex::default(),
            published: AtomicU64::new(0),
        }
    }

    fn deadline(&self, settings: &Settings) -> Duration {
        self.options.timeout.unwrap_or(settings.timeout)
    }

    fn failed(&self, failure: Failure) -> CheckResult {
        let outcome = failure.into_outcome();
        self.result(outcome, SystemTime::now(), Duration::ZERO)
    }

    fn result(&self, outcome: Outcome, at: SystemTime, response_time: Duration) -> CheckResult {
        CheckResult::new(
            Arc::clone(&self.name),
            &self.options,
            outcome,
            at,
            response_time,
        )
    }

    /// The last result if it is fresh for `settings`, or the run in flight, joined or
    /// started: concurrent callers share one run.
    pub(crate) fn begin(self: &Arc<Self>, settings: &Arc<Settings>) -> Pending {
        if let Some(stale_after) = self.options.stale_after_or_default() {
            return Pending::Ready(self.latest(stale_after));
        }
        let state = lock(&self.state);
        if let Some((result, made)) = &state.last {
            if made.elapsed() < settings.ttl(&self.options, result.outcome().status()) {
                return Pending::Ready(result.clone().served_from_cache());
            }
        }
        let deadline = self.deadline(settings);
        if let Some((flight, ends)) = &state.flight {
            // A closed flight was dropped with its runtime; start over rather than wait forever.
            if flight.has_changed().is_ok() {
                let limit = (Instant::now() + deadline < *ends).then_some(deadline);
                return Pending::Waiting(Arc::clone(self), flight.clone(), limit);
            }
        }
        let flight = self.start(state, deadline, settings);
        Pending::Waiting(Arc::clone(self), flight, None)
    }

    fn start(
        self: &Arc<Self>,
        mut state: MutexGuard<'_, State>,
        deadline: Duration,
        settings: &Arc<Settings>,
    ) -> Flight {
        let (sender, flight) = watch::channel(None);
        let now = Instant::now();
        state.flight = Some((flight.clone(), now + deadline));
        state.started = Some(now);
        drop(state);
        // A task of its own, so that the run completes (and is kept) even when the request
        // or the schedule that started it goes away.
        spawn(Arc::clone(self).fly(deadline, Arc::clone(settings), sender));
        flight
    }

    /// A background check's schedule: joins the run in flight, waits until an interval has
    /// passed since the last run started, or starts one. Never more often than `interval`.
    pub(crate) fn tick(self: &Arc<Self>, interval: Duration, settings: &Arc<Settings>) -> Tick {
        let state = lock(&self.state);
        if let Some((flight, _)) = &state.flight {
            if flight.has_changed().is_ok() {
                return Tick::Await(flight.clone());
            }
        }
        if let Some(started) = state.started {
            let since = started.elapsed();
            if since < interval {
                return Tick::Wait(interval.saturating_sub(since));
            }
        }
        Tick::Await(self.start(state, self.deadline(settings), settings))
    }

    /// A background check's latest result as requests see it: failing with `not checked
    /// yet` before its first run, or `stale: …` once older than `stale_after`.
    pub(crate) fn latest(&self, stale_after: Duration) -> CheckResult {
        let last = lock(&self.state).last.clone();
        let Some((result, made)) = last else {
            return self.unfresh("not checked yet");
        };
        let age = made.elapsed();
        if age > stale_after {
            return self.unfresh(&format!("stale: last run {}s ago", age.as_secs()));
        }
        let mut result = result.served_from_cache();
        // Fresh until the next run is due (what `expires` and `Cache-Control` say); kept
        // answers are replaced as soon as a newer result comes.
        let interval = self.options.interval.unwrap_or(stale_after);
        result.fresh_for = Some(interval.min(stale_after));
        result
    }

    fn unfresh(&self, output: &str) -> CheckResult {
        let mut result = self.result(Outcome::fail(output), SystemTime::now(), Duration::ZERO);
        result.fresh_for = Some(Duration::ZERO);
        result
    }

    /// The last results kept, oldest first.
    pub(crate) fn history(&self) -> Vec<CheckResult> {
        lock(&self.state).track.history()
    }

    /// The result requests would be served now, without running anything (`None` for a
    /// check run on request that has not run yet), and the runs counted so far.
    #[cfg_attr(not(feature = "metrics"), allow(dead_code))]
    pub(crate) fn counts(&self) -> (Option<CheckResult>, Counts) {
        let counts = lock(&self.state).track.counts.clone();
        let reported = match self.options.stale_after_or_default() {
            Some(stale_after) => Some(self.latest(stale_after)),
            None => lock(&self.state)
                .last
                .as_ref()
                .map(|(result, _)| result.clone()),
        };
        (reported, counts)
    }

    async fn fly(
        self: Arc<Self>,
        deadline: Duration,
        settings: Arc<Settings>,
        sender: watch::Sender<Option<CheckResult>>,
    ) {
        let span = tracing::info_span!(
            "healthcheck.run",
            check = &*self.name,
            outcome = tracing::field::Empty
        );
        Arc::clone(&self)
            .fly_in_span(deadline, settings, sender, span.clone())
            .instrument(span)
            .await;
    }

    async fn fly_in_span(
        self: Arc<Self>,
        deadline: Duration,
        settings: Arc<Settings>,
        sender: watch::Sender<Option<CheckResult>>,
        span: tracing::Span,
    ) {
        let started = Instant::now();
        let outcome = self.runner.run(&self.job, deadline).finish().await;
        let response_time = started.elapsed();
        let scrubber = Arc::clone(&settings.scrubber);
        // Scrubbing a long output takes a while: not on the thread that keeps the deadlines.
        let outcome = compute(move || {
            outcome
                .unwrap_or_else(Failure::into_outcome)
                .scrubbed(&scrubber)
        })
        .await;
        let result = self
            .result(outcome, SystemTime::now(), response_time)
            .scrubbed_by(&settings.scrubber);
        span.record("outcome", result.outcome().status().as_str());
        let background = self.options.interval.is_some();
        // A background check's runs are not logged one by one: its changes are.
        if !background && (settings.log_on_failure || result.passed()) {
            settings.serve(result.clone()).log();
        }
        let mut state = lock(&self.state);
        let (reported, change) = state.track.record(result, settings.history_len);
        state.last = Some((reported.clone(), Instant::now()));
        state.flight = None;
        drop(state);
        if background {
            self.published.fetch_add(1, Ordering::SeqCst);
        }
        sender.send_replace(Some(reported));
        if let Some(change) = change {
            change.announce(&settings);
        }
    }
}
