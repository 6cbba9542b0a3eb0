//! Running built-in checks against the servers of `servers.rs`: one probe, the probes of a
//! frozen server, and the search for a planted password.
#![allow(dead_code)] // each test binary uses its own part of the helpers

use std::future::Future;
use std::time::{Duration, Instant};

use healthcheck::{HealthCheck, IntoCheck, Outcome, Status};

use super::servers::Server;
use super::thread_count;

/// The deadline of the probes of a frozen server.
pub const DEADLINE: Duration = Duration::from_millis(500);

/// Probes of a frozen server run at once, each through a `HealthCheck` of its own.
const AT_ONCE: usize = 5;

/// Rounds of probes counted, after a first round that is not.
const ROUNDS: usize = 4;

/// The deadline of the probes of a live server.
const WARM: Duration = Duration::from_secs(10);

/// How late past its deadline a probe may answer (the machine is shared and slow).
const SLACK: Duration = Duration::from_secs(1);

/// How long a thawed server and its clients may take to answer again.
const RECOVERY: Duration = Duration::from_secs(15);

/// A `HealthCheck` running only `check` ("db"), uncached, within `deadline`.
pub fn health_of<M>(check: impl IntoCheck<M>, deadline: Duration) -> HealthCheck {
    HealthCheck::empty()
        .no_cache()
        .timeout(deadline)
        .add_check("db", check)
}

/// Asserts that `check` passes against `server`, and once the server is stopped fails with
/// `"{shown_as} at 127.0.0.1:{port}: …refused…"`, without the server's password.
pub async fn assert_fails_when_stopped<M>(
    mut server: Server,
    check: impl IntoCheck<M>,
    shown_as: &str,
    deadline: Duration,
) {
    let health = health_of(check, deadline);
    assert_passed(&outcome_of(&health).await);
    server.stop();
    let outcome = outcome_of(&health).await;
    assert_eq!(outcome.status(), Status::Fail, "{outcome:?}");
    let expected = format!("{shown_as} at 127.0.0.1:{}: ", server.port);
    assert!(outcome.output().starts_with(&expected), "{outcome:?}");
    assert!(outcome.output().contains("refused"), "{outcome:?}");
    assert_secret_free(&server.password, &[outcome.output()]);
}

/// The outcome of one run of `health`'s only check.
pub async fn outcome_of(health: &HealthCheck) -> Outcome {
    let report = health.run().await;
    report.results()[0].outcome().clone()
}

/// Asserts that `outcome` passed with a latency in `ms`, and returns its output.
#[track_caller]
pub fn assert_passed(outcome: &Outcome) -> &str {
    assert_eq!(outcome.status(), Status::Pass, "{outcome:?}");
    let observed = outcome.observation().expect("an observed latency");
    assert_eq!(observed.unit, "ms", "{outcome:?}");
    assert!(
        observed.value.as_f64().is_some_and(|ms| ms > 0.0),
        "{outcome:?}"
    );
    outcome.output()
}

/// Asserts that `secret` appears in none of `texts`.
#[track_caller]
pub fn assert_secret_free(secret: &str, texts: &[&str]) {
    for text in texts {
        assert!(
            !text.contains(secret),
            "the planted password leaked: {text}"
        );
    }
}

/// Probes a server frozen with SIGSTOP, and checks that nothing piles up:
///
/// 1. `make(deadline)` builds a check of the server that passes (ten at once, within
///    seconds); the connections the
///    server holds ESTABLISHED and its own count of clients (`clients()`) are counted.
/// 2. Frozen, 25 probes (5 rounds of 5 at once, each through a `HealthCheck` of its own so
///    that none joins another's run) each fail with `timed out` within [`DEADLINE`] + slack.
/// 3. The last 20 probes added at most a round's worth of threads (the library's pool grows
///    and shrinks by that much; a thread kept per probe would add 20), and the server holds
///    no more connections than before (a probe's connection closed at the deadline no longer
///    counts); then `while_frozen` runs.
/// 4. Thawed, the check passes again, and the server's own count of clients falls back.
pub async fn assert_survives_freeze<Fut>(
    server: &Server,
    make: impl Fn(Duration) -> HealthCheck,
    clients: impl Fn() -> Fut,
    while_frozen: impl FnOnce(),
) where
    Fut: Future<Output = usize>,
{
    for outcome in run_all((0..10).map(|_| make(WARM)).collect()).await {
        assert_passed(&outcome);
    }
    let established = server.established();
    let counted = clients().await;

    // A failed assertion leaves the server frozen: dropping it thaws and stops it.
    server.freeze();
    // The first round grows the library's pool of threads to what hung probes and the
    // scrubbing of their failures take at once. Its idle threads end after a while and new
    // ones start on demand, so the count moves by up to a round's worth; a thread kept per
    // probe would add one per probe: 20.
    let mut threads = 0;
    for round in 0..=ROUNDS {
        if round == 1 {
            threads = thread_count();
        }
        let healths = (0..AT_ONCE).map(|_| make(DEADLINE)).collect();
        let started = Instant::now();
        let outcomes = run_all(healths).await;
        let elapsed = started.elapsed();
        assert!(
            elapsed < DEADLINE + SLACK,
            "{AT_ONCE} probes took {elapsed:?}"
        );
        for outcome in outcomes {
            assert_eq!(outcome.status(), Status::Fail, "{outcome:?}");
            assert!(outcome.output().contains("timed out"), "{outcome:?}");
        }
    }
    let grown = thread_count().saturating_sub(threads);
    assert!(
        grown <= AT_ONCE,
        "{} probes of a frozen server added {grown} threads: {:?}",
        ROUNDS * AT_ONCE,
        thread_names()
    );
    let held = server.established();
    assert!(
        held <= established,
        "the frozen server holds {held} connections, {established} before the probes"
    );
    while_frozen();
    server.thaw();

    let health = make(WARM);
    let mut last = None;
    let started = Instant::now();
    while started.elapsed() < RECOVERY {
        let outcome = outcome_of(&health).await;
        if outcome.status() == Status::Pass {
            last = None;
            break;
        }
        last = Some(outcome);
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(last.is_none(), "no pass after the thaw: {last:?}");
    let mut now = 0;
    for _ in 0..(RECOVERY.as_millis() / 50) {
        now = clients().await;
        if now <= counted {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(
        now <= counted,
        "the server counts {now} clients, {counted} before"
    );
    assert!(
        eventually(RECOVERY, || server.established() <= established).await,
        "the server holds {} connections, {established} before",
        server.established()
    );
}

/// Runs `healths` at once, each on a task of its own; their outcomes in order.
async fn run_all(healths: Vec<HealthCheck>) -> Vec<Outcome> {
    let runs: Vec<_> = healths
        .into_iter()
        .map(|health| tokio::spawn(async move { outcome_of(&health).await }))
        .collect();
    let mut outcomes = Vec::new();
    for run in runs {
        outcomes.push(run.await.expect("a probe"));
    }
    outcomes
}

/// Polls `condition` every 20 ms for at most `limit`, letting this task's runtime go on
/// meanwhile; whether it became true.
pub async fn eventually(limit: Duration, mut condition: impl FnMut() -> bool) -> bool {
    let started = Instant::now();
    while !condition() {
        if started.elapsed() > limit {
            return false;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    true
}

/// The names of this process's threads, for a failure message.
fn thread_names() -> Vec<String> {
    let tasks = std::fs::read_dir("/proc/self/task").unwrap();
    tasks
        .filter_map(|task| std::fs::read_to_string(task.ok()?.path().join("comm")).ok())
        .map(|name| name.trim().to_owned())
        .collect()
}
