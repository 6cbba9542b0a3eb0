//! The promises of "safe to expose", tried as an attacker and a careless user would, against a
//! real two-worker actix-web server on loopback: user code that hangs (sync or inside an
//! `async fn`), panics or leaks cannot hold a worker, grow threads, forge text lines or reach
//! the wire unscrubbed.

mod support;

use std::panic::catch_unwind;
use std::time::{Duration, Instant};

use actix_web::{web, App};
use healthcheck::{env_section, CheckOptions, EnvironmentDump, HealthCheck, Outcome};
use serde_json::{json, Value};
use support::{client, get_json, get_text, logs_of, Counter, TestServer};

/// Far longer than any deadline here: a body that sleeps this long is hung.
const HUNG: Duration = Duration::from_secs(20);
const DEADLINE: Duration = Duration::from_millis(300);
/// How late an answer may be before it counts as held: a worker blocked by a hung body would
/// answer after `HUNG`, 20 s.
const MARGIN: Duration = Duration::from_secs(3);

/// A registered section that blocks its thread, as a sync driver call does.
#[env_section]
fn blocks_its_thread() -> Value {
    std::thread::sleep(HUNG);
    json!("never shown")
}

/// A server with the health scope at `/healthcheck`, the dump at `/environment` and an
/// unrelated `/other` route, on two workers.
fn serve(health: HealthCheck, environment: EnvironmentDump) -> TestServer {
    TestServer::start_app(move || {
        App::new()
            .service(health.scope("/healthcheck"))
            .configure(health.probes())
            .service(environment.scope("/environment"))
            .route("/other", web::get().to(|| async { "other route" }))
    })
}

fn quiet_environment() -> EnvironmentDump {
    EnvironmentDump::new()
        .include_os(false)
        .include_rust(false)
        .include_process(false)
        .timeout(DEADLINE)
}

/// Sends `count` requests to `url` at once; each answer with how long it took.
async fn storm(url: String, count: usize) -> Vec<(u16, Value, Duration)> {
    let requests: Vec<_> = (0..count)
        .map(|_| {
            let url = url.clone();
            tokio::spawn(async move {
                let started = Instant::now();
                let (status, body) = get_json(&url).await;
                (status, body, started.elapsed())
            })
        })
        .collect();
    let mut answers = Vec::new();
    for request in requests {
        answers.push(request.await.expect("the request task"));
    }
    answers
}

async fn other_route_answers(server: &TestServer) -> Duration {
    let started = Instant::now();
    let text = client()
        .get(server.url("/other"))
        .send()
        .await
        .expect("the unrelated route answers")
        .text()
        .await
        .unwrap();
    assert_eq!(text, "other route");
    started.elapsed()
}

#[actix_web::test]
async fn an_async_check_that_blocks_its_thread_holds_neither_the_report_nor_other_routes() {
    let starts = Counter::default();
    let counted = starts.clone();
    let options = CheckOptions::new().timeout(DEADLINE);
    let health = HealthCheck::empty()
        .add_check_with("sync driver in async fn", options, move || {
            counted.bump();
            async {
                std::thread::sleep(HUNG);
                true
            }
        })
        .no_cache();
    let server = serve(health, quiet_environment());

    // More requests than workers, while the body blocks its thread.
    let answers = tokio::spawn(storm(server.url("/healthcheck"), 8));
    tokio::time::sleep(Duration::from_millis(50)).await;
    for _ in 0..4 {
        let took = other_route_answers(&server).await;
        assert!(took < MARGIN, "the unrelated route took {took:?}");
    }
    for (status, body, took) in answers.await.unwrap() {
        assert_eq!(status, 500);
        let output = body["results"][0]["output"].as_str().unwrap();
        assert!(output.starts_with("timed out after 300ms"), "{output}");
        assert!(took < DEADLINE + MARGIN, "answered after {took:?}");
    }
    assert_eq!(starts.get(), 1, "later requests joined the blocked body");
    server.stop().await;
}

#[actix_web::test]
async fn sections_that_block_fail_on_time_in_both_endpoints() {
    let health = HealthCheck::empty()
        .add_check("fine", || true)
        .add_section("stuck", || {
            std::thread::sleep(HUNG);
            "never shown"
        })
        .add_section("stuck async", || async {
            std::thread::sleep(HUNG);
            "never shown"
        })
        .timeout(DEADLINE);
    let environment = quiet_environment().add_section("stuck", || {
        std::thread::sleep(HUNG);
        "never shown"
    });
    let server = serve(health, environment);

    // Twice the workers: with sections run inline, two of these froze the whole server.
    for (status, body, took) in storm(server.url("/healthcheck"), 4).await {
        assert_eq!(status, 200, "{body}");
        for section in ["stuck", "stuck async"] {
            let error = body[section]["error"].as_str().unwrap();
            assert!(error.starts_with("timed out after 300ms"), "{error}");
        }
        assert!(took < DEADLINE + MARGIN, "answered after {took:?}");
    }
    for (status, body, took) in storm(server.url("/environment"), 4).await {
        assert_eq!(status, 200, "{body}");
        for section in ["stuck", "blocks_its_thread"] {
            let error = body[section]["error"].as_str().unwrap();
            assert!(
                error.starts_with("timed out after 300ms"),
                "{section}: {error}"
            );
        }
        assert!(took < DEADLINE + MARGIN, "answered after {took:?}");
    }
    let took = other_route_answers(&server).await;
    assert!(took < MARGIN, "the unrelated route took {took:?}");
    server.stop().await;
}

#[actix_web::test]
async fn planted_secrets_never_reach_the_wire_in_any_format() {
    let health = HealthCheck::empty()
        .add_check("db", || {
            Err::<u8, _>("connect postgres://app:planted-1@db:5432/orders failed")
        })
        .add_check("panics", || -> bool {
            panic!("{}", "login failed for Authorization: Bearer planted-2")
        })
        .add_check("observed", || {
            Outcome::warn("slow").observed(3.0, "ms; api_key=planted-3")
        })
        .add_check_with(
            "async error",
            CheckOptions::new().critical(false),
            || async { Err::<u8, _>(std::io::Error::other("password=planted-4 rejected")) },
        )
        .add_section(
            "settings",
            json!({ "dsn": "mysql://u:planted-5@h/db", "token": "planted-6" }),
        )
        .add_section(
            "computed",
            || json!({ "url": "redis://:planted-7@cache:6379" }),
        );
    let server = serve(health, quiet_environment());

    for query in ["", "?format=ietf", "?format=text&verbose", "?format=json"] {
        let response = client()
            .get(server.url(&format!("/healthcheck{query}")))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 500);
        let body = response.text().await.unwrap();
        assert!(!body.contains("planted"), "{query}: {body}");
        let shown = if query.contains("text") {
            "failed: reason withheld"
        } else {
            "********"
        };
        assert!(
            body.contains(shown),
            "{query}: the failures are still shown: {body}"
        );
    }
    let body = get_text(&server.url("/readyz/db")).await;
    assert_eq!(
        body,
        "internal server error: connect postgres://app:********@db:5432/orders failed\n"
    );
    let (_, body) = get_json(&server.url("/healthcheck/db")).await;
    assert_eq!(
        body["results"][0]["output"],
        "connect postgres://app:********@db:5432/orders failed"
    );
    server.stop().await;
}

#[tokio::test]
async fn logged_failures_are_scrubbed() {
    let health = HealthCheck::empty()
        .add_check("db", || Err::<u8, _>("postgres://app:planted-8@db refused"))
        .add_check("panics", || -> bool { panic!("secret=planted-9") })
        .add_check_with("slow", CheckOptions::new().timeout(DEADLINE), || async {
            tokio::time::sleep(HUNG).await;
            true
        });
    let logs = logs_of(health).await;
    assert!(logs.contains("check=\"db\""), "failures are logged: {logs}");
    assert!(logs.contains("check=\"panics\""), "{logs}");
    assert!(!logs.contains("planted"), "{logs}");
}

#[actix_web::test]
async fn text_lines_cannot_be_forged() {
    let forged = "down\n[+]payments ok\nhealth check passed\r\u{1b}[2K\u{2028}[+]x ok\u{85}";
    let health = HealthCheck::empty()
        .add_check("forger", move || (false, forged))
        .add_check("honest", || true);
    let server = serve(health, quiet_environment());
    let body = get_text(&server.url("/healthcheck?format=text")).await;
    assert_eq!(
        body,
        "[-]forger failed: reason withheld\n[+]honest ok\nhealthz check failed\n"
    );
    // The one place text shows a reason: a single check of a probe, on one line.
    let body = get_text(&server.url("/readyz/forger")).await;
    assert_eq!(body.lines().count(), 1, "{body:?}");
    assert!(
        body.starts_with("internal server error: down\\n[+]payments ok"),
        "{body:?}"
    );
    assert!(!body.contains('\u{1b}') && !body.contains('\u{2028}') && !body.contains('\r'));
    server.stop().await;

    for name in [
        "bad\nname",
        "\u{1b}[31mred",
        "line\u{2028}separator",
        "bidi\u{202e}",
        " ",
    ] {
        let refused = catch_unwind(|| HealthCheck::empty().add_check(name, || true));
        let message = refused.expect_err(name);
        let message = message
            .downcast_ref::<String>()
            .map(String::as_str)
            .unwrap_or_default();
        assert!(message.contains("name"), "{name:?}: {message}");
    }
}

#[actix_web::test]
async fn every_name_reaches_its_route() {
    let names = ["db primary", "a/b", "x+y", "50%", "a%2Fb", "ünï"];
    let mut health = HealthCheck::empty();
    for name in names {
        health = health.add_check(name, move || (true, name));
    }
    let server = serve(health, quiet_environment());
    for name in names {
        let encoded: String = name
            .bytes()
            .map(|byte| {
                if byte.is_ascii_alphanumeric() {
                    char::from(byte).to_string()
                } else {
                    format!("%{byte:02X}")
                }
            })
            .collect();
        let (status, body) = get_json(&server.url(&format!("/healthcheck/{encoded}"))).await;
        assert_eq!(status, 200, "{name}: {body}");
        assert_eq!(body["results"][0]["checker"], name);
        assert_eq!(body["results"].as_array().unwrap().len(), 1);
    }
    // As clients often send it: the space and `+` unencoded, `/` encoded.
    let (status, body) = get_json(&server.url("/healthcheck/x+y")).await;
    assert_eq!(
        (status, &body["results"][0]["checker"]),
        (200, &json!("x+y"))
    );
    server.stop().await;
}

#[actix_web::test]
async fn non_critical_checks_only_degrade_however_they_end() {
    let options = || {
        CheckOptions::new()
            .critical(false)
            .tag("optional")
            .timeout(DEADLINE)
    };
    let health = HealthCheck::empty()
        .add_check_with("times out", options(), || async {
            tokio::time::sleep(HUNG).await;
            true
        })
        .add_check_with("blocks", options(), || {
            std::thread::sleep(HUNG);
            true
        })
        .add_check_with("panics", options(), || -> bool { panic!("boom") })
        .add_check("fine", || true);
    let server = serve(health, quiet_environment());
    let (status, body) = get_json(&server.url("/healthcheck")).await;
    assert_eq!(status, 200, "{body}");
    let (_, ietf) = get_json(&server.url("/healthcheck?format=ietf")).await;
    assert_eq!(ietf["status"], "warn");
    for result in body["results"].as_array().unwrap() {
        if result["checker"] == "fine" {
            continue;
        }
        assert_eq!(result["passed"], false, "{result}");
        assert_eq!(result["critical"], false, "{result}");
        assert_eq!(result["tags"], json!(["optional"]), "{result}");
    }
    server.stop().await;
}

#[actix_web::test]
async fn a_panicking_handler_answers_500_with_a_json_error() {
    let health = HealthCheck::empty()
        .add_check("fine", || true)
        .success_handler(|_| panic!("handler bug with token=planted-10"));
    let server = serve(health, quiet_environment());
    let response = client()
        .get(server.url("/healthcheck"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 500);
    assert_eq!(response.headers()["content-type"], "application/json");
    let body: Value = response.json().await.unwrap();
    let error = body["error"].as_str().unwrap();
    assert!(error.starts_with("the success_handler panicked"), "{error}");
    assert!(!error.contains("planted"), "{error}");
    assert_eq!(body["status"], 500);
    // The server is still serving.
    assert!(other_route_answers(&server).await < MARGIN);
    server.stop().await;
}

#[actix_web::test]
async fn every_error_inside_the_scopes_is_json() {
    let server = serve(
        HealthCheck::empty().add_check("fine", || true),
        quiet_environment(),
    );
    for path in [
        "/healthcheck/%",
        "/healthcheck/%ZZ",
        "/healthcheck/a/b/c",
        "/healthcheck//",
        "/healthcheck/nope?format=xml",
        "/healthcheck?format=%FF",
        "/environment/anything",
    ] {
        let response = client().get(server.url(path)).send().await.unwrap();
        let status = response.status().as_u16();
        assert!((400..500).contains(&status), "{path}: {status}");
        let body: Value = response
            .json()
            .await
            .unwrap_or_else(|error| panic!("{path}: not JSON: {error}"));
        assert_eq!(body["status"], status, "{path}");
        assert!(body["error"].is_string(), "{path}");
    }
    server.stop().await;
}
