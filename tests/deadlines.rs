//! Deadlines: a hung check fails on time, is abandoned, and never occupies more than one thread.

mod support;

use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use healthcheck::{CheckOptions, HealthCheck};
use support::{get_json, thread_count, Counter, TestServer};

/// Bumps its counter when dropped: shows that an abandoned async check was dropped.
struct DropCounter(Counter);

impl Drop for DropCounter {
    fn drop(&mut self) {
        self.0.bump();
    }
}

#[actix_web::test]
async fn a_never_finishing_async_check_times_out_and_is_dropped() {
    let dropped = Counter::default();
    let counter = dropped.clone();
    let deadline = CheckOptions::new().timeout(Duration::from_millis(800));
    let health = HealthCheck::empty().add_check_with("hangs", deadline, move || {
        let guard = DropCounter(counter.clone());
        async move {
            let _guard = guard;
            std::future::pending::<bool>().await
        }
    });
    let server = TestServer::start(health);

    let started = Instant::now();
    let (status, body) = get_json(&server.url("/healthcheck")).await;
    let elapsed = started.elapsed();

    assert_eq!(status, 500);
    assert_eq!(body["results"][0]["output"], "timed out after 800ms");
    assert!(
        elapsed < Duration::from_secs(3),
        "answered after {elapsed:?}"
    );
    // Dropped on its own thread at the deadline, as the answer goes out.
    for _ in 0..100 {
        if dropped.get() == 1 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert_eq!(dropped.get(), 1, "the abandoned future was dropped");
    server.stop().await;
}

#[actix_web::test]
async fn a_hung_blocking_check_is_abandoned_and_never_started_twice() {
    let starts = Counter::default();
    let counted = starts.clone();
    // The check blocks its thread for a minute unless the test releases it at the end.
    let (release, released) = mpsc::channel::<()>();
    let released = Arc::new(Mutex::new(released));
    let deadline = CheckOptions::new().timeout(Duration::from_millis(300));
    let health = HealthCheck::empty()
        .add_check_with("blocks", deadline, move || {
            counted.bump();
            let outcome = released
                .lock()
                .unwrap()
                .recv_timeout(Duration::from_secs(60));
            (outcome.is_ok(), "released")
        })
        .no_cache();
    let server = TestServer::start(health);
    let url = server.url("/healthcheck");

    let started = Instant::now();
    let (status, body) = get_json(&url).await;
    let elapsed = started.elapsed();
    assert_eq!(status, 500);
    assert_eq!(body["results"][0]["output"], "timed out after 300ms");
    assert!(
        elapsed < Duration::from_secs(3),
        "answered after {elapsed:?}"
    );
    let threads_while_hung = thread_count();

    for _ in 0..10 {
        let (status, body) = get_json(&url).await;
        assert_eq!(status, 500);
        let output = body["results"][0]["output"].as_str().unwrap();
        assert!(output.contains("still in progress"), "{output}");
    }

    assert_eq!(
        starts.get(),
        1,
        "no second copy started while the first hangs"
    );
    assert!(
        thread_count() <= threads_while_hung,
        "threads grew from {threads_while_hung} to {}",
        thread_count()
    );

    // Once the hung call returns, the next request runs the check again.
    release.send(()).unwrap();
    tokio::time::sleep(Duration::from_millis(100)).await;
    let (status, _) = get_json(&url).await;
    assert_eq!(status, 500, "this run waits a minute again and times out");
    assert_eq!(starts.get(), 2);
    release.send(()).unwrap();
    server.stop().await;
}
