//! Flap damping with Kubernetes' meaning: a passing check reports failing only after
//! `failure_threshold` consecutive failures, and a failing one passing again only after
//! `success_threshold` consecutive passes. The first result is reported as it is, so a check
//! that has never passed reports failing from its first failure.

use crate::outcome::Status;

/// Consecutive runs it takes to change a check's reported status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Thresholds {
    pub(crate) failure: u32,
    pub(crate) success: u32,
}

/// What has been reported and the runs since it last changed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Streak {
    pub(crate) reported: Option<Status>,
    failures: u32,
    passes: u32,
}

/// How one run is reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// As it ended.
    AsRun(Status),
    /// A failure reported as the passing status it keeps: `failures` of the threshold.
    Tolerated {
        kept: Status,
        failures: u32,
        of: u32,
    },
    /// A pass reported failing until the threshold: `passes` of it.
    Recovering { passes: u32, of: u32 },
}

impl Verdict {
    pub(crate) fn status(self) -> Status {
        match self {
            Verdict::AsRun(status) | Verdict::Tolerated { kept: status, .. } => status,
            Verdict::Recovering { .. } => Status::Fail,
        }
    }
}

impl Streak {
    /// The streak after a run that ended with `status`, and how that run is reported.
    pub(crate) fn next(self, status: Status, thresholds: Thresholds) -> (Streak, Verdict) {
        let ok = status != Status::Fail;
        let (failures, passes) = if ok {
            (0, self.passes.saturating_add(1))
        } else {
            (self.failures.saturating_add(1), 0)
        };
        let verdict = match self.reported {
            Some(Status::Fail) if ok && passes < thresholds.success => Verdict::Recovering {
                passes,
                of: thresholds.success,
            },
            Some(kept @ (Status::Pass | Status::Warn)) if !ok && failures < thresholds.failure => {
                Verdict::Tolerated {
                    kept,
                    failures,
                    of: thresholds.failure,
                }
            }
            _ => Verdict::AsRun(status),
        };
        let streak = Streak {
            reported: Some(verdict.status()),
            failures,
            passes,
        };
        (streak, verdict)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Status::{Fail, Pass, Warn};

    fn reported(thresholds: Thresholds, runs: &[Status]) -> Vec<Status> {
        let mut streak = Streak::default();
        runs.iter()
            .map(|&status| {
                let (next, verdict) = streak.next(status, thresholds);
                streak = next;
                verdict.status()
            })
            .collect()
    }

    const KUBE: Thresholds = Thresholds {
        failure: 3,
        success: 2,
    };

    #[test]
    fn a_passing_check_fails_after_the_threshold_and_recovers_after_its_own() {
        let runs = [Pass, Fail, Fail, Fail, Pass, Fail, Pass, Pass, Fail];
        let expected = [Pass, Pass, Pass, Fail, Fail, Fail, Fail, Pass, Pass];
        assert_eq!(reported(KUBE, &runs), expected);
    }

    #[test]
    fn a_check_that_never_passed_fails_from_its_first_failure() {
        assert_eq!(reported(KUBE, &[Fail, Pass, Pass]), [Fail, Fail, Pass]);
    }

    #[test]
    fn a_broken_streak_starts_over() {
        let runs = [Pass, Fail, Fail, Pass, Fail, Fail, Fail];
        let expected = [Pass, Pass, Pass, Pass, Pass, Pass, Fail];
        assert_eq!(reported(KUBE, &runs), expected);
    }

    #[test]
    fn warn_counts_as_passing_and_is_shown_at_once() {
        let runs = [Pass, Warn, Fail, Warn];
        assert_eq!(reported(KUBE, &runs), [Pass, Warn, Warn, Warn]);
    }

    #[test]
    fn thresholds_of_one_report_every_run_as_it_is() {
        let one = Thresholds {
            failure: 1,
            success: 1,
        };
        let runs = [Pass, Fail, Pass, Warn, Fail];
        assert_eq!(reported(one, &runs), runs);
    }

    #[test]
    fn the_verdict_says_how_far_along_the_streak_is() {
        let (streak, _) = Streak::default().next(Pass, KUBE);
        let (_, verdict) = streak.next(Fail, KUBE);
        assert_eq!(
            verdict,
            Verdict::Tolerated {
                kept: Pass,
                failures: 1,
                of: 3
            }
        );
    }
}
