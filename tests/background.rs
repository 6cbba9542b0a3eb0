//! Background checks, counted over real HTTP: one run per interval whatever the requests,
//! `not checked yet`, staleness, schedules stopped by dropping the handles, and the attribute.

mod support;

use std::sync::Arc;
use std::time::{Duration, Instant};

use healthcheck::{health_check, registry, CheckOptions, HealthCheck};
use support::{client, eventually, get_json, Counter, Gate, TestServer};

fn every(millis: u64) -> CheckOptions {
    CheckOptions::new().interval(Duration::from_millis(millis))
}

/// A passing check that counts its runs.
fn counted(runs: &Counter) -> impl Fn() -> (bool, &'static str) + Send + Sync + 'static {
    let runs = runs.clone();
    move || {
        runs.bump();
        (true, "ran")
    }
}

#[health_check(
    interval = "150ms",
    stale_after = "2s",
    failure_threshold = 3,
    success_threshold = 2
)]
fn scheduled_by_attribute() -> bool {
    SCHEDULED.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    true
}

static SCHEDULED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

#[actix_web::test]
async fn runs_once_per_interval_under_a_storm_of_requests() {
    let runs = Counter::default();
    let health = HealthCheck::empty().add_check_with("db", every(200), counted(&runs));
    let server = TestServer::start(health);
    assert!(
        eventually(|| runs.get() >= 1).await,
        "the first run starts at once"
    );

    let client = client();
    let started = Instant::now();
    let mut answered = 0;
    while started.elapsed() < Duration::from_millis(1500) || answered < 150 {
        let requests = (0..50).map(|_| client.get(server.url("/healthcheck")).send());
        for response in futures_join(requests).await {
            let response = response.expect("an answer");
            assert_eq!(response.status(), 200);
            answered += 1;
        }
    }
    let elapsed = started.elapsed();
    let ran = runs.get();
    // From the first run to the last answer: one run per 200 ms at most, plus the first.
    let allowed = usize::try_from(elapsed.as_millis() / 200).unwrap() + 2;
    assert!(
        ran <= allowed,
        "{ran} runs in {elapsed:?} (at most {allowed})"
    );
    assert!(
        ran >= 4,
        "the schedule kept running: {ran} runs in {elapsed:?}"
    );
    server.stop().await;
}

/// Joins request futures without adding a dependency.
async fn futures_join<F: std::future::Future + Send + 'static>(
    futures: impl Iterator<Item = F>,
) -> Vec<F::Output>
where
    F::Output: Send,
{
    let handles: Vec<_> = futures.map(tokio::spawn).collect();
    let mut outputs = Vec::with_capacity(handles.len());
    for handle in handles {
        outputs.push(handle.await.expect("a request task"));
    }
    outputs
}

#[actix_web::test]
async fn requests_never_wait_and_fail_with_not_checked_yet_before_the_first_run() {
    let gate = Gate::default();
    let runs = Counter::default();
    let (waiting, counting) = (gate.clone(), runs.clone());
    let health = HealthCheck::empty().add_check_with("slow", every(100), move || {
        counting.bump();
        waiting.wait();
        (true, "answered at last")
    });
    let server = TestServer::start(health);
    assert!(eventually(|| runs.get() == 1).await);

    for _ in 0..20 {
        let started = Instant::now();
        let (status, body) = get_json(&server.url("/healthcheck")).await;
        assert_eq!(status, 500, "{body}");
        assert_eq!(body["results"][0]["output"], "not checked yet");
        assert!(
            started.elapsed() < Duration::from_secs(2),
            "a request waited"
        );
    }
    assert_eq!(
        runs.get(),
        1,
        "requests start no run: the schedule joins its own"
    );

    gate.open();
    let url = server.url("/healthcheck");
    let mut body = serde_json::Value::Null;
    for _ in 0..100 {
        body = get_json(&url).await.1;
        if body["results"][0]["passed"] == true {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(body["results"][0]["output"], "answered at last", "{body}");
    assert_eq!(body["results"][0]["cached"], true);
    let result = &body["results"][0];
    let fresh_for = result["expires"].as_f64().unwrap() - result["timestamp"].as_f64().unwrap();
    assert!(
        (fresh_for - 0.1).abs() < 1e-3,
        "expires when the next run is due: {result}"
    );
    server.stop().await;
}

#[actix_web::test]
async fn a_result_older_than_stale_after_fails_saying_how_old() {
    let gate = Gate::default();
    let runs = Counter::default();
    let (waiting, counting) = (gate.clone(), runs.clone());
    let options = every(100)
        .stale_after(Duration::from_millis(1200))
        .timeout(Duration::from_secs(30));
    let health = HealthCheck::empty().add_check_with("hangs", options, move || {
        if counting.bump() > 1 {
            waiting.wait();
        }
        (true, "first run passed")
    });
    let server = TestServer::start(health);
    let url = server.url("/healthcheck");
    assert!(eventually(|| runs.get() == 2).await, "the second run hangs");
    let (status, body) = get_json(&url).await;
    assert_eq!(
        (status, &body["results"][0]["output"]),
        (200, &"first run passed".into())
    );

    let mut output = String::new();
    for _ in 0..100 {
        tokio::time::sleep(Duration::from_millis(50)).await;
        let (status, body) = get_json(&url).await;
        output = body["results"][0]["output"].as_str().unwrap().to_owned();
        if status == 500 {
            break;
        }
    }
    let stale = regex::Regex::new(r"^stale: last run \d+s ago$").unwrap();
    assert!(stale.is_match(&output), "{output}");
    assert_eq!(runs.get(), 2, "the hung run is not started again");
    gate.open();
    server.stop().await;
}

#[actix_web::test]
async fn dropping_every_handle_stops_the_schedule() {
    let runs = Counter::default();
    let health = HealthCheck::empty().add_check_with("db", every(50), counted(&runs));
    let group = health.group("none");
    let clone = health.clone();
    assert!(eventually(|| runs.get() >= 3).await);

    drop(health);
    drop(clone);
    let before = runs.get();
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(
        runs.get() > before,
        "a group is a handle too: still running"
    );

    drop(group);
    // A run started just before is not stopped: let it in.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let stopped = runs.get();
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(
        runs.get(),
        stopped,
        "no run after the last handle was dropped"
    );
}

#[actix_web::test]
async fn a_reconfigured_handle_shares_the_runs_of_its_checks() {
    let runs = Counter::default();
    let health = HealthCheck::empty().add_check_with("db", every(200), counted(&runs));
    let other = health.clone().no_cache().timeout(Duration::from_secs(3));
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let ran = runs.get();
    // Two schedules each running it would make about 12.
    assert!(
        (3..=7).contains(&ran),
        "two schedules, one run per interval: {ran}"
    );
    drop((health, other));
}

#[test]
fn built_outside_a_runtime_it_starts_on_first_use() {
    let runs = Counter::default();
    let health = HealthCheck::empty().add_check_with("db", every(50), counted(&runs));
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(runs.get(), 0, "nothing runs before the handle is used");

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let report = runtime.block_on(health.run());
    assert!(
        ["not checked yet", "ran"].contains(&report.results()[0].outcome().output()),
        "{report:?}"
    );
    assert!(runtime.block_on(eventually(|| runs.get() >= 2)));
}

#[actix_web::test]
async fn the_attribute_schedules_a_registered_check() {
    let registered = registry::check("scheduled_by_attribute").expect("registered");
    let options = registered.options();
    assert_eq!(options.own_interval(), Some(Duration::from_millis(150)));
    assert_eq!(
        options.stale_after_or_default(),
        Some(Duration::from_secs(2))
    );
    assert_eq!(options.failure_threshold_runs(), 3);
    assert_eq!(options.success_threshold_runs(), 2);

    let health = Arc::new(HealthCheck::new());
    let before = SCHEDULED.load(std::sync::atomic::Ordering::SeqCst);
    let scheduled = || SCHEDULED.load(std::sync::atomic::Ordering::SeqCst) >= before + 3;
    assert!(
        eventually(scheduled).await,
        "built inside a runtime, it runs unasked"
    );
    let report = health.run_one("scheduled_by_attribute").await.unwrap();
    assert!(report.passed(), "{report:?}");
}
