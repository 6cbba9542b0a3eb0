//! Kubernetes' probes, `/livez`, `/readyz` and `/startupz`, answered byte for byte as the
//! apiserver's health handlers answer them, and the lifecycle behind them: the startup latch
//! and the drain on shutdown.

mod answer;
mod lifecycle;
mod query;

pub(crate) use lifecycle::{Lifecycle, Started};

use std::fmt;

/// One of the probes an orchestrator asks. Membership comes from a check's tags:
///
/// | probe | checks | a failure means |
/// |---|---|---|
/// | [`Live`](Probe::Live) `/livez` | tagged `live` | the process is broken: restart it |
/// | [`Ready`](Probe::Ready) `/readyz` | tagged `live` or `ready`, or with neither nor `startup` | send no traffic for now |
/// | [`Startup`](Probe::Startup) `/startupz` | tagged `startup` | still starting: wait |
///
/// A dependency's outage makes the pod unready; it never restarts it. Each probe lists a
/// `ping` check first, which passes whenever the server answers, and `/readyz` a `shutdown`
/// check, which fails from the moment a shutdown signal arrives.
///
/// ```
/// use healthcheck::Probe;
///
/// assert_eq!(Probe::Ready.path(), "/readyz");
/// assert!(Probe::Ready.includes(&["db"]));
/// assert!(!Probe::Live.includes(&["db"]));
/// assert!(Probe::Live.includes(&["live"]) && Probe::Ready.includes(&["live"]));
/// assert!(!Probe::Ready.includes(&["startup"]));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Probe {
    /// `/livez`: is the process working at all?
    Live,
    /// `/readyz`: should it receive traffic?
    Ready,
    /// `/startupz`: has it finished starting? Once passed, it stays passed.
    Startup,
}

impl Probe {
    /// Every probe.
    pub const ALL: [Probe; 3] = [Probe::Live, Probe::Ready, Probe::Startup];

    /// Its name, as the last line of a listing says it: `livez`, `readyz`, `startupz`.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Probe::Live => "livez",
            Probe::Ready => "readyz",
            Probe::Startup => "startupz",
        }
    }

    /// Its path: `/livez`, `/readyz`, `/startupz`.
    #[must_use]
    pub fn path(self) -> &'static str {
        match self {
            Probe::Live => "/livez",
            Probe::Ready => "/readyz",
            Probe::Startup => "/startupz",
        }
    }

    /// Whether a check with these tags belongs to this probe.
    #[must_use]
    pub fn includes<T: AsRef<str>>(self, tags: &[T]) -> bool {
        let tagged = |wanted: &str| tags.iter().any(|tag| tag.as_ref() == wanted);
        match self {
            Probe::Live => tagged("live"),
            Probe::Ready => tagged("live") || tagged("ready") || !tagged("startup"),
            Probe::Startup => tagged("startup"),
        }
    }
}

impl fmt::Display for Probe {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.path())
    }
}
