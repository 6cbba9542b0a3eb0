//! A soak of flapping checks under concurrent clients: every answer is well-formed JSON with
//! the status code its body implies, and the number of threads stays bounded.

mod support;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use healthcheck::{CheckOptions, HealthCheck, Outcome};
use serde_json::Value;
use support::{client, thread_count, Counter, TestServer};

/// Cycles through pass, fail, panic and a missed deadline, one state per run.
fn flapping(
    runs: &Counter,
    blocking: bool,
) -> impl Fn() -> Option<Outcome> + Send + Sync + 'static {
    let runs = runs.clone();
    move || match runs.bump() % 4 {
        0 => Some(Outcome::pass("up")),
        1 => Some(Outcome::fail("down")),
        2 => panic!("flapped into a panic"),
        _ if blocking => {
            std::thread::sleep(Duration::from_millis(300));
            Some(Outcome::pass("too late"))
        }
        _ => None,
    }
}

#[actix_web::test]
async fn a_soak_of_flapping_checks_stays_well_formed_with_bounded_threads() {
    let (async_runs, blocking_runs) = (Counter::default(), Counter::default());
    let async_state = flapping(&async_runs, false);
    let blocking_state = flapping(&blocking_runs, true);
    let deadline = CheckOptions::new().timeout(Duration::from_millis(100));
    let health = HealthCheck::empty()
        .add_check_with("async", deadline.clone(), move || {
            let state = async_state();
            async move {
                match state {
                    Some(outcome) => outcome,
                    None => std::future::pending().await,
                }
            }
        })
        .add_check_with("blocking", deadline, move || {
            blocking_state().unwrap_or_else(|| Outcome::pass(""))
        })
        .no_cache()
        .log_on_failure(false);
    let server = TestServer::start(health);
    let url = server.url("/healthcheck");
    // The library's runtimes start with its first run: count from there.
    assert!(HealthCheck::empty()
        .add_check("warm", || true)
        .run()
        .await
        .passed());
    let threads_at_start = thread_count();
    let most_threads = Arc::new(AtomicUsize::new(threads_at_start));

    let soak_ends = Instant::now() + Duration::from_secs(4);
    let clients: Vec<_> = (0..16)
        .map(|_| {
            let (url, most_threads) = (url.clone(), most_threads.clone());
            actix_web::rt::spawn(async move {
                let client = client();
                let mut answered = 0;
                while Instant::now() < soak_ends {
                    let response = client.get(&url).send().await.expect("an answer");
                    let status = response.status().as_u16();
                    let body: Value = response.json().await.expect("well-formed JSON");
                    let expected = if body["status"] == "success" {
                        200
                    } else {
                        500
                    };
                    assert_eq!(status, expected, "{body}");
                    assert_eq!(body["results"].as_array().map(Vec::len), Some(2), "{body}");
                    most_threads.fetch_max(thread_count(), Ordering::SeqCst);
                    answered += 1;
                }
                answered
            })
        })
        .collect();
    let mut answered = 0;
    for client in clients {
        answered += client.await.unwrap();
    }

    let most = most_threads.load(Ordering::SeqCst);
    eprintln!("{answered} answers; threads {threads_at_start} at the start, {most} at most");
    assert!(answered > 100, "only {answered} answers");
    assert!(
        async_runs.get() >= 8 && blocking_runs.get() >= 8,
        "every state came round"
    );
    // One abandoned thread per hung blocking check at most, plus a few pool threads.
    assert!(
        most <= threads_at_start + 8,
        "threads grew from {threads_at_start} to {most}"
    );
    server.stop().await;
}
