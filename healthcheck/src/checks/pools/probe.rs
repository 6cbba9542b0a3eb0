//! What every pool check does, whatever the pool: [`probe_pool`].

use std::fmt::{self, Display};
use std::future::Future;
use std::time::Instant;

use crate::checks::millis_since;
use crate::outcome::Outcome;

/// How full a pool is, as its crate reports it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Usage {
    /// Connections open, idle or in use.
    pub(crate) open: usize,
    pub(crate) idle: usize,
    /// The most the pool opens.
    pub(crate) max: usize,
    /// Callers waiting for a connection, where the pool tells.
    pub(crate) waiting: Option<usize>,
}

impl Usage {
    /// Every connection the pool may open is open and in use.
    fn saturated(self) -> bool {
        self.idle == 0 && self.open >= self.max
    }
}

impl Display for Usage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} of {} connections open, ", self.open, self.max)?;
        match self.idle {
            0 => f.write_str("none idle")?,
            idle => write!(f, "{idle} idle")?,
        }
        match self.waiting {
            Some(waiting) if waiting > 0 => write!(f, ", {waiting} waiting"),
            _ => Ok(()),
        }
    }
}

/// Borrows a connection through `borrow` (which validates it and gives it back) and passes
/// when that succeeds. A saturated pool is not borrowed from, so that the check never takes
/// a connection the service is waiting for: the check warns, after opening a connection of
/// its own through `dedicated` (unless `probe_when_saturated` is off) so that a saturated
/// pool in front of a database that no longer answers still fails.
pub(crate) async fn probe_pool(
    pool: &str,
    usage: impl Fn() -> Usage,
    probe_when_saturated: bool,
    borrow: impl Future<Output = Result<(), String>>,
    dedicated: impl Future<Output = Result<(), String>>,
) -> Outcome {
    let start = Instant::now();
    let before = usage();
    if !before.saturated() {
        let borrowed = borrow.await;
        let millis = millis_since(start);
        return match borrowed {
            Ok(()) => Outcome::pass(format!(
                "{pool}: a connection borrowed and checked in {millis:.1} ms ({before})"
            )),
            Err(error) => Outcome::fail(format!("{pool}: {error} ({})", usage())),
        }
        .observed(millis, "ms");
    }
    if !probe_when_saturated {
        return Outcome::warn(format!("{pool} saturated: {before}; not probed"))
            .observed(millis_since(start), "ms");
    }
    let answered = dedicated.await;
    let millis = millis_since(start);
    match answered {
        Ok(()) => Outcome::warn(format!(
            "{pool} saturated: {before}; a connection of the check's own answered in {millis:.1} ms"
        )),
        Err(error) => Outcome::fail(format!(
            "{pool} saturated: {before}; a connection of the check's own failed: {error}"
        )),
    }
    .observed(millis, "ms")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn usage(open: usize, idle: usize, max: usize) -> Usage {
        Usage {
            open,
            idle,
            max,
            waiting: None,
        }
    }

    async fn probe(usage: Usage, borrow: Result<(), &str>, dedicated: Result<(), &str>) -> Outcome {
        let borrow = async { borrow.map_err(str::to_owned) };
        let dedicated = async { dedicated.map_err(str::to_owned) };
        probe_pool("pool", || usage, true, borrow, dedicated).await
    }

    #[tokio::test]
    async fn a_pool_with_room_is_borrowed_from() {
        let outcome = probe(usage(1, 0, 2), Ok(()), Err("not asked")).await;
        assert!(
            outcome.output().starts_with("pool: a connection borrowed"),
            "{outcome:?}"
        );
        assert_eq!(outcome.status(), crate::Status::Pass);
        let outcome = probe(usage(2, 1, 2), Err("refused"), Ok(())).await;
        assert_eq!(
            outcome.output(),
            "pool: refused (2 of 2 connections open, 1 idle)"
        );
        assert_eq!(outcome.observation().unwrap().unit, "ms");
    }

    #[tokio::test]
    async fn a_saturated_pool_warns_while_the_server_answers() {
        let saturated = Usage {
            waiting: Some(3),
            ..usage(2, 0, 2)
        };
        let outcome = probe(saturated, Err("not asked"), Ok(())).await;
        assert_eq!(outcome.status(), crate::Status::Warn, "{outcome:?}");
        assert!(
            outcome
                .output()
                .starts_with("pool saturated: 2 of 2 connections open, none idle, 3 waiting;"),
            "{outcome:?}"
        );
        let outcome = probe(saturated, Ok(()), Err("refused")).await;
        assert_eq!(outcome.status(), crate::Status::Fail, "{outcome:?}");
        assert!(outcome.output().ends_with("failed: refused"), "{outcome:?}");
        let not_probed = probe_pool("pool", || saturated, false, async { Ok(()) }, async {
            Err("not asked".to_owned())
        })
        .await;
        assert_eq!(not_probed.status(), crate::Status::Warn, "{not_probed:?}");
        assert!(
            not_probed.output().ends_with("not probed"),
            "{not_probed:?}"
        );
    }
}
