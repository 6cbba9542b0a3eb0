//! Threads stay bounded however much user code hangs: counted from /proc, in a test binary of
//! its own so that nothing else shares the library's pool meanwhile.

mod support;

use std::sync::Mutex;
use std::time::Duration;

use healthcheck::{health_check, registry, CheckOptions, HealthCheck};
use support::{thread_count, Counter, Gate};

/// Threads the library may start at most, as the README documents: 3 runtime workers, 2 for
/// its own work, 64 for bodies, 8 for the blocking work of user code.
const LIBRARY_THREADS: usize = 3 + 2 + 64 + 8;

static HUNG: Mutex<Option<Gate>> = Mutex::new(None);
static HUNG_STARTS: Mutex<usize> = Mutex::new(0);

/// A blocking check whose dependency hangs until the test opens its gate.
#[health_check(timeout = "20ms")]
fn hangs() -> bool {
    *HUNG_STARTS.lock().unwrap() += 1;
    let gate = HUNG.lock().unwrap().clone().expect("a gate");
    gate.wait();
    true
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn threads_stay_bounded_however_much_user_code_hangs() {
    let gate = Gate::default();
    *HUNG.lock().unwrap() = Some(gate.clone());
    // Start the library's runtimes, so that the baseline counts them.
    assert!(HealthCheck::empty()
        .add_check("warm", || true)
        .run()
        .await
        .passed());
    let baseline = thread_count();

    // 2,000 runs of a timed-out blocking check, through the registry and through reports.
    let check = registry::check("hangs").expect("registered");
    let health = HealthCheck::new().no_cache();
    for _ in 0..10 {
        let runs: Vec<_> = (0..150)
            .map(|_| {
                let check = check.clone();
                tokio::spawn(async move { check.run().await })
            })
            .collect();
        for run in runs {
            let outcome = run.await.unwrap();
            assert!(
                outcome.output().starts_with("timed out after 20ms"),
                "{outcome:?}"
            );
        }
        let reports: Vec<_> = (0..50)
            .map(|_| {
                let health = health.clone();
                tokio::spawn(async move { health.run().await })
            })
            .collect();
        for report in reports {
            assert!(!report.await.unwrap().passed());
        }
    }
    assert_eq!(
        *HUNG_STARTS.lock().unwrap(),
        1,
        "one body, joined 1,999 times"
    );
    let grown = thread_count().saturating_sub(baseline);
    assert!(grown <= 1, "threads grew by {grown} for one hung body");
    gate.open();

    // More hung checks than the pool has threads: the pool fills, the rest are refused in
    // time, and the thread count stops at the bound.
    let gate = Gate::default();
    let starts = Counter::default();
    let mut health = HealthCheck::empty().timeout(Duration::from_millis(300));
    for index in 0..80 {
        let (gate, starts) = (gate.clone(), starts.clone());
        let options = CheckOptions::new().critical(false);
        health = health.add_check_with(format!("hung {index}"), options, move || {
            starts.bump();
            gate.wait();
            true
        });
    }
    let report = health.run().await;
    let refused = report
        .results()
        .iter()
        .filter(|result| result.outcome().output().contains("before it could start"))
        .count();
    assert_eq!(starts.get(), 64, "the pool runs 64 bodies at once");
    assert_eq!(refused, 80 - 64);
    let grown = thread_count().saturating_sub(baseline);
    assert!(
        grown <= LIBRARY_THREADS,
        "threads grew by {grown}, over the bound of {LIBRARY_THREADS}"
    );
    gate.open();
}
