//! One check as the runner keeps it: its last result and the run in flight, if any. Clones of
//! a `HealthCheck` share slots but not settings, so each reader judges freshness, deadline,
//! cap and scrubbing by its own.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use tokio::sync::watch;

use super::{compute, lock, spawn, Failure, Runner};
use crate::body::Body;
use crate::check_options::CheckOptions;
use crate::location::Location;
use crate::outcome::Outcome;
use crate::report::CheckResult;
use crate::settings::Settings;

type Flight = watch::Receiver<Option<CheckResult>>;

pub(crate) struct Slot {
    pub(crate) name: Arc<str>,
    pub(crate) options: CheckOptions,
    pub(crate) location: Location,
    job: Body<Outcome>,
    runner: Arc<Runner<Outcome>>,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    /// The last result and when it was made, whoever asked for it.
    last: Option<(CheckResult, Instant)>,
    /// The run in flight, and when its deadline passes.
    flight: Option<(Flight, Instant)>,
}

/// A result that is ready, or the run that will produce it, with how long this caller may
/// wait for it if that is less than the run's own deadline.
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
        let mut state = lock(&self.state);
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
        let (sender, flight) = watch::channel(None);
        state.flight = Some((flight.clone(), Instant::now() + deadline));
        drop(state);
        // A task of its own, so that the run completes (and is kept) even when the request
        // that started it goes away.
        spawn(Arc::clone(self).fly(deadline, Arc::clone(settings), sender));
        Pending::Waiting(Arc::clone(self), flight, None)
    }

    async fn fly(
        self: Arc<Self>,
        deadline: Duration,
        settings: Arc<Settings>,
        sender: watch::Sender<Option<CheckResult>>,
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
        if settings.log_on_failure || result.passed() {
            settings.serve(result.clone()).log();
        }
        let mut state = lock(&self.state);
        state.last = Some((result.clone(), Instant::now()));
        state.flight = None;
        drop(state);
        sender.send_replace(Some(result));
    }
}
