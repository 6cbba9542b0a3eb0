//! More of "safe to expose", tried as an attacker and a careless user would: secrets in the
//! names of things, user code that runs in the answer path, and the library driven from
//! threads that are not Tokio's. Against a real two-worker actix-web server on loopback
//! where the wire matters.

mod support;

use std::future::Future;
use std::pin::pin;
use std::sync::{Arc, OnceLock};
use std::task::{Context, Poll, Wake, Waker};
use std::time::{Duration, Instant};

use actix_web::{web, App};
use healthcheck::{health_check, registry, CheckOptions, EnvironmentDump, HealthCheck};
use serde_json::json;
use support::{client, get_text, Counter, TestServer};

const DEADLINE: Duration = Duration::from_millis(300);
/// How late an answer may be before it counts as held.
const MARGIN: Duration = Duration::from_secs(1);

fn serve(health: HealthCheck) -> TestServer {
    TestServer::start_app(move || {
        App::new()
            .service(health.scope("/healthcheck"))
            .route("/other", web::get().to(|| async { "other route" }))
    })
}

/// The smallest executor there is: polls on this thread, parks until woken. No Tokio here.
fn block_on<F: Future>(future: F) -> F::Output {
    struct Unpark(std::thread::Thread);
    impl Wake for Unpark {
        fn wake(self: Arc<Self>) {
            self.0.unpark();
        }
    }
    let waker = Waker::from(Arc::new(Unpark(std::thread::current())));
    let mut context = Context::from_waker(&waker);
    let mut future = pin!(future);
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut context) {
            return output;
        }
        std::thread::park();
    }
}

#[actix_web::test]
async fn a_section_named_like_a_secret_is_masked_like_any_secret_key() {
    let health = HealthCheck::empty()
        .add_check("fine", || true)
        .add_section("api_token", "planted-s1")
        .add_section("db_password", || "planted-s2");
    let server = serve(health);
    let body = get_text(&server.url("/healthcheck")).await;
    server.stop().await;

    let env = EnvironmentDump::new()
        .include_os(false)
        .include_rust(false)
        .include_process(false)
        .config(&json!({ "session_secret": "planted-s3" }))
        .add_section("session_secret", "planted-s4");
    let dump = env.run().await.to_json();
    // Under `config` the key masks its value, as the scrubber documents.
    assert!(!dump.contains("planted-s3"), "{dump}");
    assert!(
        !body.contains("planted") && !dump.contains("planted"),
        "a secret-looking section name shows its value:\nreport: {body}\ndump: {dump}"
    );
}

#[test]
fn a_check_name_built_from_a_dsn_is_refused_rather_than_shown() {
    // A careless but natural way to name a check after what it talks to: names and tags are
    // shown unscrubbed, so one that holds a secret is refused, naming it masked.
    let url = "redis://:planted-n1@cache:6379";
    let refused = std::panic::catch_unwind(|| {
        HealthCheck::empty().add_check(format!("ping {url}"), || (false, "refused"))
    });
    let message = *refused.unwrap_err().downcast::<String>().unwrap();
    assert!(message.contains("looks like a secret"), "{message}");
    assert!(!message.contains("planted"), "{message}");
    let tag = std::panic::catch_unwind(|| {
        let options = healthcheck::CheckOptions::new().tag("token=planted-n2");
        HealthCheck::empty().add_check_with("tagged", options, || true)
    });
    assert!(tag.is_err());
}

#[actix_web::test]
async fn a_transient_handler_panic_is_not_kept_in_the_answer_cache() {
    let calls = Counter::default();
    let counted = calls.clone();
    let health = HealthCheck::empty()
        .add_check("fine", || true)
        .success_handler(move |_| {
            if counted.bump() == 2 {
                panic!("a transient failure while rendering");
            }
            "{\"ok\":true}".to_owned()
        });
    let server = serve(health);
    let mut statuses = Vec::new();
    for _ in 0..4 {
        let response = client()
            .get(server.url("/healthcheck"))
            .send()
            .await
            .unwrap();
        statuses.push(response.status().as_u16());
    }
    server.stop().await;
    // The second answer is the panic's 500; the handler is fine again afterwards.
    assert_eq!(statuses[..2], [200, 500]);
    assert_eq!(
        statuses[2..],
        [200, 200],
        "after one panic the handler was called {} times in all: the 500 was kept",
        calls.get()
    );
}

/// Registered, for the run from a plain thread.
#[health_check(timeout = "2s")]
async fn from_a_plain_thread() -> Result<&'static str, String> {
    tokio::time::sleep(Duration::from_millis(5)).await;
    Ok("ran")
}

#[test]
fn everything_runs_from_a_thread_without_a_tokio_runtime() {
    let outcome = std::thread::spawn(|| {
        let check = registry::check("from_a_plain_thread").expect("registered");
        let outcome = block_on(check.run());
        let report = block_on(
            HealthCheck::empty()
                .add_check("async", || async {
                    tokio::time::sleep(Duration::from_millis(5)).await;
                    true
                })
                .add_check_with("late", CheckOptions::new().timeout(DEADLINE), || async {
                    tokio::time::sleep(Duration::from_secs(20)).await;
                    true
                })
                .add_section("computed", || async { "value" })
                .run(),
        );
        let dump = block_on(
            EnvironmentDump::new()
                .include_os(false)
                .include_process(false)
                .run(),
        );
        (outcome, report, dump)
    })
    .join()
    .expect("no panic such as `there is no reactor running`");
    let (outcome, report, dump) = outcome;
    assert_eq!(outcome.output(), "ran");
    assert!(report.results()[0].passed());
    assert!(report.results()[1]
        .outcome()
        .output()
        .starts_with("timed out after 300ms"));
    assert_eq!(report.sections()[0].1, json!("value"));
    assert!(dump.get("rust").is_some());
}

#[actix_web::test]
async fn a_check_that_runs_its_own_report_fails_on_time_instead_of_deadlocking() {
    static HEALTH: OnceLock<HealthCheck> = OnceLock::new();
    let runs = Counter::default();
    let counted = runs.clone();
    let health = HealthCheck::empty()
        .add_check_with(
            "recursive",
            CheckOptions::new().timeout(DEADLINE),
            move || {
                counted.bump();
                let inner = block_on(HEALTH.get().expect("set").run());
                (inner.passed(), "inner report")
            },
        )
        .add_check("fine", || true)
        .no_cache();
    HEALTH.set(health.clone()).expect("set once");
    let server = serve(health);
    for _ in 0..3 {
        let started = Instant::now();
        let response = client()
            .get(server.url("/healthcheck"))
            .send()
            .await
            .unwrap();
        let took = started.elapsed();
        assert_eq!(response.status(), 500);
        let body: serde_json::Value = response.json().await.unwrap();
        let output = body["results"][0]["output"].as_str().unwrap();
        // The inner report waits for the outer run, which ends at its deadline: the body
        // returns just then, so either side of that race is a failure on time.
        let on_time = output.starts_with("timed out after 300ms") || output == "inner report";
        assert!(on_time && body["results"][0]["passed"] == false, "{body}");
        assert!(took < DEADLINE + MARGIN, "answered after {took:?}");
    }
    server.stop().await;
    assert!(runs.get() <= 3, "the inner report joined, never re-ran");
}
