//! How checks run, counted over real HTTP: every result, caching, single-flight, concurrency.

mod support;

use std::time::Duration;

use healthcheck::{HealthCheck, Outcome, Scrubber};
use serde_json::Value;
use support::{client, get_json, Counter, TestServer};

fn result<'a>(body: &'a Value, name: &str) -> &'a Value {
    body["results"]
        .as_array()
        .expect("results")
        .iter()
        .find(|result| result["checker"] == name)
        .unwrap_or_else(|| panic!("no result for {name} in {body}"))
}

#[actix_web::test]
async fn mixed_results_fail_the_service_and_report_every_check() {
    let health = HealthCheck::empty()
        .add_check("passes", || (true, "fine"))
        .add_check("fails", || (false, "disk full"))
        .add_check("panics", || -> bool { panic!("boom in a check") })
        .add_check("errors", || async { Err::<&str, _>("connection refused") })
        .add_check("warns", || Outcome::warn("slow replica").observed(2.5, "s"));
    let server = TestServer::start(health);

    let (status, body) = get_json(&server.url("/healthcheck")).await;

    assert_eq!(status, 500);
    assert_eq!(body["status"], "failure");
    let names: Vec<&str> = body["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["checker"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["passes", "fails", "panics", "errors", "warns"],
        "in the order they were added, as py-healthcheck"
    );
    assert_eq!(result(&body, "passes")["passed"], true);
    assert_eq!(result(&body, "fails")["output"], "disk full");
    assert_eq!(result(&body, "panics")["passed"], false);
    assert_eq!(
        result(&body, "panics")["output"],
        "boom in a check",
        "the message alone, as py-healthcheck reports str(exc)"
    );
    assert_eq!(result(&body, "errors")["output"], "connection refused");
    assert_eq!(result(&body, "warns")["passed"], true);
    assert_eq!(result(&body, "warns")["status"], "warn");
    assert_eq!(result(&body, "warns")["observed_value"], 2.5);
    server.stop().await;
}

#[actix_web::test]
async fn a_cached_result_is_served_until_its_ttl_ends() {
    let passes = Counter::default();
    let fails = Counter::default();
    let (p, f) = (passes.clone(), fails.clone());
    let health = HealthCheck::empty()
        .add_check("up", move || (p.bump() > 0, "up"))
        .add_check("down", move || (f.bump() == 0, "down"))
        .success_ttl(Duration::from_millis(1500))
        .failed_ttl(Duration::from_millis(500));
    let server = TestServer::start(health);
    let url = server.url("/healthcheck");

    let (_, first) = get_json(&url).await;
    for _ in 0..5 {
        let (status, body) = get_json(&url).await;
        assert_eq!(status, 500);
        assert_eq!(result(&body, "up")["cached"], true);
        // A cached result keeps the timestamps of the run that made it.
        assert_eq!(
            result(&body, "up")["timestamp"],
            result(&first, "up")["timestamp"]
        );
    }
    assert_eq!((passes.get(), fails.get()), (1, 1));

    tokio::time::sleep(Duration::from_millis(700)).await;
    get_json(&url).await;
    assert_eq!(
        (passes.get(), fails.get()),
        (1, 2),
        "only the failure's TTL has ended"
    );

    tokio::time::sleep(Duration::from_secs(1)).await;
    let (_, body) = get_json(&url).await;
    assert_eq!(passes.get(), 2, "the success TTL has ended too");
    assert_eq!(result(&body, "up")["cached"], false);
    server.stop().await;
}

#[actix_web::test]
async fn a_stampede_on_a_cold_cache_runs_the_check_once() {
    let runs = Counter::default();
    let counted = runs.clone();
    let health = HealthCheck::empty().add_check("slow", move || {
        counted.bump();
        async {
            tokio::time::sleep(Duration::from_secs(1)).await;
            (true, "done")
        }
    });
    let server = TestServer::start(health);
    let client = client();
    let requests: Vec<_> = (0..500)
        .map(|_| {
            let request = client.get(server.url("/healthcheck/slow")).send();
            tokio::spawn(async move {
                let response = request.await.expect("request");
                let status = response.status().as_u16();
                let body: Value = response.json().await.expect("JSON");
                (status, body["results"][0]["cached"] == false)
            })
        })
        .collect();

    let mut joined_the_run = 0;
    for request in requests {
        let (status, fresh) = request.await.unwrap();
        assert_eq!(status, 200);
        joined_the_run += usize::from(fresh);
    }

    assert_eq!(runs.get(), 1);
    assert!(
        joined_the_run > 1,
        "requests arriving during the run wait for it: {joined_the_run}"
    );
    server.stop().await;
}

#[tokio::test(flavor = "current_thread")]
async fn concurrent_runs_share_one_run_even_without_a_cache() {
    let runs = Counter::default();
    let gate = std::sync::Arc::new(tokio::sync::Notify::new());
    let (counted, opened) = (runs.clone(), gate.clone());
    let health = HealthCheck::empty()
        .add_check("gated", move || {
            counted.bump();
            let opened = opened.clone();
            async move {
                opened.notified().await;
                true
            }
        })
        .no_cache();

    let runs_in_flight: Vec<_> = (0..100)
        .map(|_| {
            let health = health.clone();
            tokio::spawn(async move { health.run().await.passed() })
        })
        .collect();
    // On a current-thread runtime this lets every spawned run reach its first await.
    tokio::task::yield_now().await;
    tokio::task::yield_now().await;
    gate.notify_one(); // kept as a permit if the body, on its own thread, is not waiting yet
    for run in runs_in_flight {
        assert!(run.await.unwrap());
    }
    assert_eq!(runs.get(), 1);

    // Without a cache, the next run is a new one.
    let next = tokio::spawn({
        let health = health.clone();
        async move { health.run().await }
    });
    tokio::task::yield_now().await;
    tokio::task::yield_now().await;
    gate.notify_one(); // kept as a permit if the body, on its own thread, is not waiting yet
    assert!(next.await.unwrap().passed());
    assert_eq!(runs.get(), 2);
}

#[actix_web::test]
async fn twenty_slow_checks_all_run_at_the_same_moment() {
    let running = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let most_at_once = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let mut health = HealthCheck::empty().no_cache();
    for index in 0..20 {
        let (running, most_at_once) = (running.clone(), most_at_once.clone());
        let enter = move || {
            let now = running.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1;
            most_at_once.fetch_max(now, std::sync::atomic::Ordering::SeqCst);
            running.clone()
        };
        let leave = |running: std::sync::Arc<std::sync::atomic::AtomicUsize>| {
            running.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
        };
        // Half block a thread, half await: both kinds overlap.
        health = if index % 2 == 0 {
            health.add_check(format!("blocking-{index:02}"), move || {
                let running = enter();
                std::thread::sleep(Duration::from_millis(600));
                leave(running);
                true
            })
        } else {
            health.add_check(format!("async-{index:02}"), move || {
                let running = enter();
                async move {
                    tokio::time::sleep(Duration::from_millis(600)).await;
                    leave(running);
                    true
                }
            })
        };
    }
    let server = TestServer::start(health);

    let (status, body) = get_json(&server.url("/healthcheck")).await;

    assert_eq!(status, 200, "{body}");
    assert_eq!(body["results"].as_array().unwrap().len(), 20);
    assert_eq!(most_at_once.load(std::sync::atomic::Ordering::SeqCst), 20);
    server.stop().await;
}

#[tokio::test]
async fn each_clone_serves_by_its_own_settings() {
    let runs = Counter::default();
    let counted = runs.clone();
    let health = HealthCheck::empty().add_check("counted", move || {
        let run = counted.bump();
        (true, format!("run {run} of a long tail"))
    });
    let uncached = health.clone().no_cache();

    health.run().await;
    health.run().await;
    assert_eq!(runs.get(), 1, "cached by `health`");
    uncached.run().await;
    uncached.run().await;
    assert_eq!(
        runs.get(),
        3,
        "`no_cache` on a clone runs the check every time"
    );
    let report = health.run().await;
    assert_eq!(runs.get(), 3, "the last run is fresh for `health`");
    assert_eq!(
        report.results()[0].outcome().output(),
        "run 3 of a long tail"
    );

    let capped = health.clone().max_output_len(5);
    assert_eq!(capped.run().await.results()[0].outcome().output(), "run 3…");
    let strict = health
        .clone()
        .scrubber(Scrubber::default().secret_pattern("long tail").unwrap());
    assert_eq!(
        strict.run().await.results()[0].outcome().output(),
        "run 3 of a ********"
    );
    let short = health.clone().success_ttl(Duration::ZERO);
    short.run().await;
    assert_eq!(runs.get(), 4, "a zero TTL on a clone is no cache for it");
}

#[tokio::test]
async fn a_clone_with_a_shorter_deadline_stops_waiting_at_its_own() {
    let slow = HealthCheck::empty()
        .add_check("slow", || async {
            tokio::time::sleep(Duration::from_millis(800)).await;
            true
        })
        .no_cache();
    let impatient = slow.clone().timeout(Duration::from_millis(100));
    let patient = tokio::spawn({
        let slow = slow.clone();
        async move { slow.run().await }
    });
    tokio::time::sleep(Duration::from_millis(20)).await;
    let report = impatient.run().await;
    let output = report.results()[0].outcome().output();
    assert!(output.starts_with("timed out after 100ms"), "{output}");
    assert!(patient.await.unwrap().passed(), "the run itself goes on");
}
