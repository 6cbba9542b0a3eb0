//! One check as the runner keeps it: its cached result and the run in flight, if any.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use tokio::sync::watch;

use super::{lock, spawn, Runner};
use crate::check::{Outcome, Status};
use crate::job::Job;
use crate::options::CheckOptions;
use crate::registry::Location;
use crate::report::CheckResult;
use crate::settings::Settings;

type Flight = watch::Receiver<Option<CheckResult>>;

pub(crate) struct Slot {
    pub(crate) name: Arc<str>,
    pub(crate) options: CheckOptions,
    pub(crate) location: Location,
    job: Job<Outcome>,
    runner: Arc<Runner<Outcome>>,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    cached: Option<(CheckResult, Instant, Duration)>,
    flight: Option<Flight>,
}

/// A result that is ready, or the run that will produce it.
pub(crate) enum Pending {
    Ready(CheckResult),
    Waiting(Arc<Slot>, Flight),
}

impl Pending {
    pub(crate) async fn result(self) -> CheckResult {
        match self {
            Pending::Ready(result) => result,
            // The flight runs where deadlines are kept, so it ends by its deadline.
            Pending::Waiting(slot, mut flight) => {
                match flight.wait_for(Option::is_some).await.map(|r| r.clone()) {
                    Ok(Some(result)) => result,
                    _ => slot.cancelled(),
                }
            }
        }
    }
}

impl Slot {
    /// `runner` is shared with every other slot of the same check body, so that one body
    /// runs at a time however many `HealthCheck`s hold it.
    pub(crate) fn new(
        name: &str,
        options: CheckOptions,
        location: Location,
        job: Job<Outcome>,
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

    fn cancelled(&self) -> CheckResult {
        let now = SystemTime::now();
        let outcome = Outcome::fail(super::Failure::Cancelled.to_string());
        CheckResult::new(
            Arc::clone(&self.name),
            &self.options,
            outcome,
            now,
            Duration::ZERO,
            Duration::ZERO,
        )
    }

    /// The fresh cached result, or the run in flight, joined or started: concurrent callers
    /// share one run.
    pub(crate) fn begin(self: &Arc<Self>, settings: &Arc<Settings>) -> Pending {
        let mut state = lock(&self.state);
        if let Some((result, cached_at, ttl)) = &state.cached {
            if cached_at.elapsed() < *ttl {
                return Pending::Ready(result.clone().served_from_cache());
            }
        }
        if let Some(flight) = &state.flight {
            // A closed flight was dropped with its runtime; start over rather than wait forever.
            if flight.has_changed().is_ok() {
                return Pending::Waiting(Arc::clone(self), flight.clone());
            }
        }
        let (sender, flight) = watch::channel(None);
        state.flight = Some(flight.clone());
        drop(state);
        // A task of its own, so that the run completes (and is cached) even when the request
        // that started it goes away.
        spawn(Arc::clone(self).fly(Arc::clone(settings), sender));
        Pending::Waiting(Arc::clone(self), flight)
    }

    async fn fly(
        self: Arc<Self>,
        settings: Arc<Settings>,
        sender: watch::Sender<Option<CheckResult>>,
    ) {
        let deadline = self.options.timeout.unwrap_or(settings.timeout);
        let started = Instant::now();
        let outcome = self.runner.run(&self.job, deadline).finish().await;
        let response_time = started.elapsed();
        let mut outcome = outcome
            .unwrap_or_else(|failure| Outcome::fail(failure.to_string()))
            .scrubbed(&settings.scrubber);
        outcome.truncate_output(settings.max_output_chars);
        let ttl = if outcome.status() == Status::Fail {
            self.options.failed_ttl.unwrap_or(settings.failed_ttl)
        } else {
            self.options.success_ttl.unwrap_or(settings.success_ttl)
        };
        let result = CheckResult::new(
            Arc::clone(&self.name),
            &self.options,
            outcome,
            SystemTime::now(),
            ttl,
            response_time,
        );
        if settings.log_on_failure || result.passed() {
            result.log();
        }
        let mut state = lock(&self.state);
        state.cached = (!ttl.is_zero()).then(|| (result.clone(), Instant::now(), ttl));
        state.flight = None;
        drop(state);
        sender.send_replace(Some(result));
    }
}
