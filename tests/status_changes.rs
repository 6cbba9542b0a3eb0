//! Flap damping with Kubernetes' thresholds, one event and one hook call per change of the
//! reported status, and the history of each check (`history()`, `?history`), over real runs.

mod support;

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use healthcheck::{CheckOptions, HealthCheck, Outcome, Status};
use support::{client, eventually, get_json, logs_while, Counter, TestServer};

/// A check that ends each run as the next of `runs` says (`true` passes), counting its runs.
fn scripted(runs: &[bool], count: &Counter) -> impl Fn() -> (bool, String) + Send + Sync + 'static {
    let script = Arc::new(Mutex::new(runs.iter().copied().collect::<VecDeque<_>>()));
    let count = count.clone();
    move || {
        let n = count.bump();
        let passed = script.lock().unwrap().pop_front().expect("a scripted run");
        (passed, format!("run {n}"))
    }
}

/// The statuses `health` (on request, no cache) reports for each of `runs` runs.
async fn reported(health: &HealthCheck, runs: usize) -> Vec<Status> {
    let mut statuses = Vec::with_capacity(runs);
    for _ in 0..runs {
        statuses.push(health.run().await.results()[0].outcome().status());
    }
    statuses
}

fn kube() -> CheckOptions {
    CheckOptions::new()
        .failure_threshold(3)
        .success_threshold(2)
}

use Status::{Fail, Pass};

#[tokio::test]
async fn a_passing_check_fails_after_three_failures_and_recovers_after_two_passes() {
    let runs = [true, false, false, false, true, false, true, true];
    let count = Counter::default();
    let health = HealthCheck::empty()
        .add_check_with("db", kube(), scripted(&runs, &count))
        .no_cache();

    let statuses = reported(&health, runs.len()).await;

    assert_eq!(statuses, [Pass, Pass, Pass, Fail, Fail, Fail, Fail, Pass]);
    assert_eq!(count.get(), runs.len(), "every report ran the check");
}

#[tokio::test]
async fn a_check_that_never_passed_fails_from_its_first_failure() {
    let count = Counter::default();
    let health = HealthCheck::empty()
        .add_check_with("db", kube(), scripted(&[false, true, true], &count))
        .no_cache();
    assert_eq!(reported(&health, 3).await, [Fail, Fail, Pass]);
}

#[tokio::test]
async fn a_tolerated_failure_says_so_in_its_output() {
    let count = Counter::default();
    let health = HealthCheck::empty()
        .add_check_with("db", kube(), scripted(&[true, false, true], &count))
        .no_cache();
    health.run().await;
    let report = health.run().await;
    let result = &report.results()[0];
    assert!(result.passed());
    assert_eq!(
        result.outcome().output(),
        "run 2 (1 of 3 failures tolerated)"
    );
}

#[tokio::test]
async fn a_tolerated_error_is_not_handed_to_the_error_handler() {
    let count = Counter::default();
    let counting = count.clone();
    let health = HealthCheck::empty()
        .add_check_with("db", kube(), move || match counting.bump() {
            1 => Ok("up"),
            _ => Err("refused"),
        })
        .error_handler(|error| Outcome::fail(format!("handled: {}", error.message)))
        .no_cache();
    let statuses = reported(&health, 4).await;
    assert_eq!(statuses, [Pass, Pass, Pass, Fail]);
    let report = health.run().await;
    assert_eq!(report.results()[0].outcome().output(), "handled: refused");
}

#[actix_web::test]
async fn background_checks_are_damped_too() {
    let count = Counter::default();
    let runs = [true, false, false, false, false, false, false, false];
    let options = kube().interval(Duration::from_millis(100));
    let health = HealthCheck::empty().add_check_with("db", options, scripted(&runs, &count));
    let server = TestServer::start(health);
    let url = server.url("/healthcheck");

    assert!(eventually(|| count.get() >= 1).await);
    let mut seen = Vec::new();
    while count.get() < 6 {
        let before = count.get();
        let (status, body) = get_json(&url).await;
        seen.push((
            before,
            count.get(),
            status,
            body["results"][0]["output"].clone(),
        ));
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    // The result served is that of a run from the one before the last started (which may
    // not have finished) to the last: runs 1 to 3 are reported passing, from run 4 failing.
    for (before, after, status, output) in &seen {
        if *before > 4 {
            assert_eq!(*status, 500, "after {before} runs: {output}");
        }
        if *after <= 3 {
            assert_eq!(*status, 200, "after {after} runs: {output}");
        }
    }
    let statuses: Vec<u16> = seen.iter().map(|(_, _, status, _)| *status).collect();
    assert!(
        statuses.contains(&200) && statuses.ends_with(&[500]),
        "{seen:?}"
    );
    server.stop().await;
}

#[test]
fn one_event_per_change_not_per_run_each_run_in_a_span() {
    let runs = [true, true, false, false, true, true, true];
    let count = Counter::default();
    let health = HealthCheck::empty()
        .add_check_with("db", CheckOptions::new(), scripted(&runs, &count))
        .no_cache();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();

    let logs = logs_while(|| {
        runtime.block_on(async {
            for _ in 0..runs.len() {
                health.run().await;
            }
        });
    });

    let changes: Vec<&str> = logs
        .lines()
        .filter(|line| line.contains("health check status changed"))
        .collect();
    assert_eq!(
        changes.len(),
        3,
        "unknown→pass, pass→fail, fail→pass:\n{logs}"
    );
    for (line, (from, to)) in
        changes
            .iter()
            .zip([("unknown", "pass"), ("pass", "fail"), ("fail", "pass")])
    {
        assert!(line.contains(&format!("from=\"{from}\"")), "{line}");
        assert!(line.contains(&format!("to=\"{to}\"")), "{line}");
        assert!(
            line.contains("check=\"db\"") && line.contains("duration="),
            "{line}"
        );
        assert!(line.contains("output=\"run "), "{line}");
    }
    assert!(
        changes[1].contains("ERROR"),
        "a critical check failing: {}",
        changes[1]
    );
    assert!(changes[2].contains("INFO"), "{}", changes[2]);
    // The fmt subscriber writes the span an event happened in: the run's, with its outcome.
    assert!(
        changes[1].contains("healthcheck.run{check=\"db\" outcome=\"fail\"}"),
        "{}",
        changes[1]
    );
}

#[tokio::test]
async fn on_change_hooks_are_called_once_per_change() {
    let runs = [false, false, true, true, true, false, false, false, false];
    let count = Counter::default();
    let changes = Arc::new(Mutex::new(Vec::new()));
    let seen = Arc::clone(&changes);
    let health = HealthCheck::empty()
        .add_check_with("db", kube(), scripted(&runs, &count))
        .no_cache()
        .on_change(move |change| {
            let output = change.output().to_owned();
            seen.lock()
                .unwrap()
                .push((change.from(), change.to(), output));
        });

    for _ in 0..runs.len() {
        health.run().await;
    }

    assert!(eventually(|| changes.lock().unwrap().len() >= 3).await);
    tokio::time::sleep(Duration::from_millis(200)).await;
    let changes = changes.lock().unwrap().clone();
    assert_eq!(
        changes,
        [
            (None, Fail, "run 1".to_owned()),
            (Some(Fail), Pass, "run 4".to_owned()),
            (Some(Pass), Fail, "run 8".to_owned()),
        ]
    );
}

#[tokio::test]
async fn a_panicking_hook_is_contained() {
    let count = Counter::default();
    let called = Counter::default();
    let after = called.clone();
    let health = HealthCheck::empty()
        .add_check_with("db", CheckOptions::new(), scripted(&[false, true], &count))
        .no_cache()
        .on_change(|_| panic!("a hook that panics"))
        .on_change(move |_| {
            after.bump();
        });
    health.run().await;
    let report = health.run().await;
    assert!(report.passed(), "the check goes on");
    assert!(
        eventually(|| called.get() == 2).await,
        "the next hook is still called"
    );
}

#[actix_web::test]
async fn history_keeps_the_last_results_and_json_shows_it_only_when_asked() {
    let runs = [true, false, true, false, true, true, true];
    let count = Counter::default();
    let health = HealthCheck::empty()
        .add_check("db", scripted(&runs, &count))
        .add_check("cache", || (true, "warm"))
        .no_cache()
        .history_len(3);
    for _ in 0..5 {
        health.run().await;
    }
    let history = health.history("db").unwrap();
    let outputs: Vec<&str> = history.iter().map(|r| r.outcome().output()).collect();
    assert_eq!(outputs, ["run 3", "run 4", "run 5"]);
    assert!(health.history("nope").is_err());

    let server = TestServer::start(health.clone().success_ttl(Duration::from_secs(60)));
    let (_, plain) = get_json(&server.url("/healthcheck")).await;
    assert!(plain["results"][0].get("history").is_none(), "{plain}");

    let (status, body) = get_json(&server.url("/healthcheck?history")).await;
    assert_eq!(status, 200, "{body}");
    let db = &body["results"][0];
    let history = db["history"].as_array().expect("a history");
    let outputs: Vec<&str> = history
        .iter()
        .map(|r| r["output"].as_str().unwrap())
        .collect();
    // Run 5 passed, and is fresh for this handle's TTL: neither answer ran the check.
    assert_eq!(outputs, ["run 3", "run 4", "run 5"], "{body}");
    assert_eq!(history[1]["passed"], false);
    assert_eq!(count.get(), 5);
    assert_eq!(history[0]["checker"], "db");
    assert!(body["results"][1]["history"].is_array());

    let (_, one) = get_json(&server.url("/healthcheck/cache?history=1")).await;
    assert_eq!(one["results"][0]["history"].as_array().unwrap().len(), 3);
    let response = client()
        .get(server.url("/healthcheck/nope?history"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 404);
    server.stop().await;
}
