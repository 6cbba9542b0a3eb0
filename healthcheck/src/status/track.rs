//! What a check's runs leave behind, whoever started them: the streak that damps flapping,
//! the last results, and the counts metrics read at scrape time.

use std::collections::VecDeque;
use std::time::SystemTime;

use super::change::Change;
use super::streak::{Streak, Thresholds, Verdict};
use crate::outcome::Status;
use crate::report::CheckResult;

/// Upper bounds (seconds) of the run-duration histogram: Prometheus' default buckets.
pub(crate) const BUCKETS: [f64; 11] = [
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

/// Runs so far and how long they took.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Counts {
    /// Runs that passed, warned and failed (before damping).
    pub(crate) outcomes: [u64; 3],
    /// Runs per bucket, not cumulative: longer than the bound before and at most the
    /// bound of [`BUCKETS`] at the same index; the last one for longer than all of them.
    pub(crate) buckets: [u64; BUCKETS.len() + 1],
    pub(crate) seconds: f64,
    pub(crate) last_success: Option<SystemTime>,
}

#[derive(Debug, Default)]
pub(crate) struct Track {
    streak: Streak,
    history: VecDeque<CheckResult>,
    pub(crate) counts: Counts,
}

pub(crate) fn outcome_index(status: Status) -> usize {
    match status {
        Status::Pass => 0,
        Status::Warn => 1,
        Status::Fail => 2,
    }
}

impl Track {
    /// Records one run's (scrubbed) result, keeping the last `history_len`; returns the
    /// result as reported after damping, and the change of the reported status, if any.
    pub(crate) fn record(
        &mut self,
        run: CheckResult,
        history_len: usize,
    ) -> (CheckResult, Option<Change>) {
        let status = run.outcome.status();
        let counts = &mut self.counts;
        counts.outcomes[outcome_index(status)] += 1;
        let seconds = run.response_time().as_secs_f64();
        counts.seconds += seconds;
        let bucket = BUCKETS
            .iter()
            .position(|bound| seconds <= *bound)
            .unwrap_or(BUCKETS.len());
        counts.buckets[bucket] += 1;
        if status != Status::Fail {
            counts.last_success = Some(run.timestamp);
        }
        self.history.push_back(run.clone());
        while self.history.len() > history_len {
            self.history.pop_front();
        }
        let thresholds = Thresholds {
            failure: run.options.failure_threshold,
            success: run.options.success_threshold,
        };
        let before = self.streak.reported;
        let (streak, verdict) = self.streak.next(status, thresholds);
        self.streak = streak;
        let reported = damped(run, verdict);
        let change = (before != Some(verdict.status())).then(|| Change {
            check: reported.name().into(),
            from: before,
            to: verdict.status(),
            output: reported.outcome.output().to_owned(),
            duration: reported.response_time(),
            critical: reported.options.critical,
            timestamp: reported.timestamp,
        });
        (reported, change)
    }

    /// The last results, oldest first.
    pub(crate) fn history(&self) -> Vec<CheckResult> {
        self.history.iter().cloned().collect()
    }
}

/// The run as reported: held at the status it keeps, saying so, while a streak is short.
fn damped(mut run: CheckResult, verdict: Verdict) -> CheckResult {
    let note = match verdict {
        Verdict::AsRun(_) => return run,
        Verdict::Tolerated { failures, of, .. } => format!("{failures} of {of} failures tolerated"),
        Verdict::Recovering { passes, of } => format!("{passes} of {of} passes to recover"),
    };
    run.outcome = run.outcome.held(verdict.status(), &note);
    run
}
