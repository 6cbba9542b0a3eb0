//! The HTTP surface: wire formats, status codes, headers, handlers, sections, errors.

mod support;

use actix_web::{web, App};
use std::time::Duration;

use healthcheck::{CheckOptions, Format, HealthCheck, Report, ResponsePolicy, When};
use serde_json::{json, Value};
use support::{client, get_json, Counter, TestServer};

/// Positions of `keys` in `text`, which must be increasing.
fn assert_in_order(text: &str, keys: &[&str]) {
    let positions: Vec<usize> = keys
        .iter()
        .map(|key| {
            text.find(&format!("\"{key}\":"))
                .unwrap_or_else(|| panic!("{key} missing in {text}"))
        })
        .collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "{keys:?} out of order in {text}"
    );
}

#[actix_web::test]
async fn the_classic_body_has_py_healthcheck_keys_in_order() {
    let health = HealthCheck::empty()
        .add_check("database", || (true, "database ok"))
        .add_section("version", "1.2.0");
    let server = TestServer::start(health);

    let response = client()
        .get(server.url("/healthcheck"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/json");
    let text = response.text().await.unwrap();

    assert!(text.starts_with("{\"hostname\": "), "{text}");
    assert_in_order(
        &text,
        &["hostname", "status", "timestamp", "results", "version"],
    );
    let first_result = &text[text.find("\"results\": [").unwrap()..];
    assert_in_order(
        first_result,
        &[
            "checker",
            "output",
            "passed",
            "timestamp",
            "expires",
            "response_time",
        ],
    );
    let body: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(body["status"], "success");
    assert_eq!(body["version"], "1.2.0");
    let result = &body["results"][0];
    assert_eq!(result["checker"], "database");
    assert_eq!(result["output"], "database ok");
    let ttl = result["expires"].as_f64().unwrap() - result["timestamp"].as_f64().unwrap();
    assert!(
        (ttl - 27.0).abs() < 1e-3,
        "default success TTL is 27 s, got {ttl}"
    );
    server.stop().await;
}

#[actix_web::test]
async fn status_codes_headers_and_handlers_are_configurable() {
    let flag = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true));
    let up = flag.clone();
    let health = HealthCheck::empty()
        .add_check("toggle", move || {
            up.load(std::sync::atomic::Ordering::SeqCst)
        })
        .no_cache()
        .success_status(203)
        .failed_status(503)
        .success_headers([("Cache-Control", "no-store"), ("X-Health", "up")])
        .failed_headers([("content-type", "application/problem+json")])
        .success_handler(|report: &Report| format!("{} checks fine", report.results().len()))
        .failed_handler(|report: &Report| {
            json!({ "down": report.results()[0].name() }).to_string()
        });
    let server = TestServer::start(health);
    let url = server.url("/healthcheck");

    let response = client().get(&url).send().await.unwrap();
    assert_eq!(response.status(), 203);
    assert_eq!(response.headers()["cache-control"], "no-store");
    assert_eq!(response.headers()["x-health"], "up");
    assert_eq!(response.headers()["content-type"], "application/json");
    assert_eq!(response.text().await.unwrap(), "1 checks fine");

    flag.store(false, std::sync::atomic::Ordering::SeqCst);
    let response = client().get(&url).send().await.unwrap();
    assert_eq!(response.status(), 503);
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json"
    );
    assert!(response.headers().get("x-health").is_none());
    assert_eq!(response.text().await.unwrap(), r#"{"down":"toggle"}"#);
    server.stop().await;
}

#[actix_web::test]
async fn formats_are_chosen_by_query_or_accept() {
    let health = HealthCheck::empty()
        .add_check("db", || (true, "db ok"))
        .add_check_with("cache", CheckOptions::new().critical(false), || {
            (false, "evicting\nfast")
        });
    let server = TestServer::start(health);
    let url = server.url("/healthcheck");

    let response = client()
        .get(&url)
        .header("Accept", "application/health+json")
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.status(),
        200,
        "a non-critical failure does not fail the service"
    );
    assert_eq!(
        response.headers()["content-type"],
        "application/health+json"
    );
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["status"], "warn");
    assert_eq!(body["checks"]["db"][0]["status"], "pass");
    assert!(body["checks"]["db"][0].get("output").is_none());
    assert_eq!(body["checks"]["cache"][0]["status"], "fail");
    assert_eq!(body["checks"]["cache"][0]["output"], "evicting\nfast");
    assert!(body["checks"]["db"][0]["time"]
        .as_str()
        .unwrap()
        .ends_with('Z'));

    let text = client()
        .get(format!("{url}?format=text"))
        .send()
        .await
        .unwrap();
    assert_eq!(text.headers()["content-type"], "text/plain; charset=utf-8");
    assert_eq!(text.text().await.unwrap(), "ok");
    let verbose = client()
        .get(format!("{url}?verbose"))
        .header("Accept", "text/plain")
        .send()
        .await;
    // As the apiserver's /healthz: reasons withheld (the JSON formats carry them), and a
    // non-critical failure listed as failed without failing the answer.
    let verbose = verbose.unwrap();
    assert_eq!(verbose.headers()["x-content-type-options"], "nosniff");
    assert_eq!(
        verbose.text().await.unwrap(),
        "[+]db ok\n[-]cache failed: reason withheld\nhealthz check passed\n"
    );

    let (status, body) = get_json(&format!("{url}?format=xml")).await;
    assert_eq!(status, 400);
    assert_eq!(
        body["error"],
        "unknown format `xml`, expected one of: json, ietf (or health+json), text"
    );
    server.stop().await;
}

#[actix_web::test]
async fn one_check_by_name_unknown_names_and_other_paths() {
    let health = HealthCheck::empty()
        .add_check("db", || (true, "db ok"))
        .add_check("queue", || (false, "queue down"));
    let server = TestServer::start(health);

    let (status, body) = get_json(&server.url("/healthcheck/db")).await;
    assert_eq!(status, 200, "only the named check decides: {body}");
    assert_eq!(body["results"].as_array().unwrap().len(), 1);
    let (status, _) = get_json(&server.url("/healthcheck/queue")).await;
    assert_eq!(status, 500);

    let (status, body) = get_json(&server.url("/healthcheck/nope")).await;
    assert_eq!(status, 404);
    assert_eq!(body["error"], "no health check is named `nope`");
    let (status, body) = get_json(&server.url("/healthcheck/db/extra")).await;
    assert_eq!(status, 404);
    assert_eq!(body["error"], "no resource at `/healthcheck/db/extra`");
    let (status, _) = get_json(&server.url("/healthcheck/")).await;
    assert_eq!(status, 500, "the trailing slash serves the whole report");
    server.stop().await;
}

#[actix_web::test]
async fn head_is_served_and_other_methods_get_405() {
    let server = TestServer::start(HealthCheck::empty().add_check("db", || true));
    for path in ["/healthcheck", "/healthcheck/db"] {
        let head = client().head(server.url(path)).send().await.unwrap();
        assert_eq!(head.status(), 200);
        assert_eq!(head.text().await.unwrap(), "", "HEAD has no body");

        for method in ["POST", "PUT", "DELETE", "PATCH"] {
            let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
            let response = client()
                .request(method.clone(), server.url(path))
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), 405, "{method} {path}");
            assert_eq!(response.headers()["allow"], "GET, HEAD");
            let body: Value = response.json().await.unwrap();
            assert_eq!(
                body["error"],
                format!("method {method} is not allowed here, use GET or HEAD")
            );
        }
    }
    server.stop().await;
}

#[actix_web::test]
async fn sections_are_evaluated_per_request_and_failures_stay_in_place() {
    let calls = Counter::default();
    let counted = calls.clone();
    let health = HealthCheck::empty()
        .add_check("db", || true)
        .add_section("fixed", json!({ "region": "eu-1" }))
        .add_section("requests", move || counted.bump())
        .add_section("broken", || Err::<String, _>("config file missing"))
        .add_section("panicky", || -> Value { panic!("section exploded") });
    let server = TestServer::start(health);
    let url = server.url("/healthcheck");

    get_json(&url).await;
    let (status, body) = get_json(&url).await;

    assert_eq!(status, 200);
    assert_eq!(calls.get(), 2);
    assert_eq!(body["requests"], 2);
    assert_eq!(body["fixed"]["region"], "eu-1");
    assert_eq!(body["broken"], json!({ "error": "config file missing" }));
    assert_eq!(
        body["panicky"],
        json!({ "error": "panicked: section exploded" })
    );
    server.stop().await;
}

#[actix_web::test]
async fn long_and_hostile_output_is_capped_and_stays_valid_json() {
    let hostile = format!("\"}}]\u{0}\n\u{1b}[31m{}", "é".repeat(5000));
    let health = HealthCheck::empty()
        .add_check("noisy", move || (false, hostile.clone()))
        .max_output_len(100);
    let server = TestServer::start(health);

    let (status, body) = get_json(&server.url("/healthcheck")).await;

    assert_eq!(status, 500);
    let output = body["results"][0]["output"].as_str().unwrap();
    assert_eq!(output.chars().count(), 101);
    assert!(output.starts_with("\"}]\u{0}\n"));
    assert!(output.ends_with('…'));
    server.stop().await;
}

#[actix_web::test]
async fn groups_select_by_tag_and_share_the_cache() {
    let runs = Counter::default();
    let counted = runs.clone();
    let health = HealthCheck::empty()
        .add_check_with("db", CheckOptions::new().tag("ready"), move || {
            counted.bump() > 0
        })
        .add_check("liveness", || true);
    let ready = health.group("ready");
    let server = TestServer::start_app(move || {
        App::new()
            .service(health.scope("/healthcheck"))
            .service(ready.scope("/ready"))
    });

    let (status, body) = get_json(&server.url("/ready")).await;
    assert_eq!(status, 200);
    assert_eq!(body["results"].as_array().unwrap().len(), 1);
    assert_eq!(body["results"][0]["checker"], "db");
    let (_, body) = get_json(&server.url("/healthcheck")).await;
    assert_eq!(body["results"].as_array().unwrap().len(), 2);
    assert_eq!(runs.get(), 1, "the group and the whole share one cache");
    let (status, _) = get_json(&server.url("/ready/liveness")).await;
    assert_eq!(status, 404, "a group serves only its own checks");
    server.stop().await;
}

#[actix_web::test]
async fn a_report_is_a_responder_for_hand_written_routes() {
    let health = HealthCheck::empty().add_check("db", || (false, "down"));
    let server = TestServer::start_app(move || {
        App::new()
            .app_data(web::Data::new(health.clone()))
            .route(
                "/status",
                web::get().to(|health: web::Data<HealthCheck>| async move { health.run().await }),
            )
            .route(
                "/status.txt",
                web::get().to(|health: web::Data<HealthCheck>| async move {
                    let report = health.run().await;
                    report.render(healthcheck::Format::Text { verbose: true }, health.policy())
                }),
            )
    });

    let (status, body) = get_json(&server.url("/status")).await;
    assert_eq!(status, 500);
    assert_eq!(body["results"][0]["output"], "down");
    let text = client()
        .get(server.url("/status.txt"))
        .send()
        .await
        .unwrap();
    assert_eq!(text.status(), 500);
    assert_eq!(
        text.text().await.unwrap(),
        "[-]db failed: reason withheld\nhealthz check failed\n"
    );
    let (status, _) = get_json(&server.url("/status?format=yaml")).await;
    assert_eq!(status, 400);
    server.stop().await;
}

#[test]
fn invalid_answers_are_refused_when_configured() {
    let refused = std::panic::catch_unwind(|| HealthCheck::empty().success_status(999));
    let message = *refused.unwrap_err().downcast::<String>().unwrap();
    assert!(message.contains("999"), "{message}");
    let refused =
        std::panic::catch_unwind(|| HealthCheck::empty().failed_headers([("X-Bad", "a\r\nb")]));
    assert!(refused.is_err());
    assert!(ResponsePolicy::new()
        .try_header(When::Passing, "bad name", "x")
        .is_err());
    assert!(ResponsePolicy::new()
        .try_status(When::Failing, 100)
        .is_err());
}

#[tokio::test]
async fn a_fresh_answer_is_served_from_its_kept_bytes() {
    let runs = Counter::default();
    let counted = runs.clone();
    let health = HealthCheck::empty()
        .add_check("counted", move || (true, format!("run {}", counted.bump())))
        .add_section("version", "1.2.0");
    let first = health.render(Format::Json).await;
    let second = health.render(Format::Json).await;
    let third = health.clone().render(Format::Json).await;
    assert_eq!(runs.get(), 1);
    assert_eq!(second.body.as_ptr(), third.body.as_ptr(), "the same bytes");
    let second: Value = serde_json::from_slice(&second.body).unwrap();
    let first: Value = serde_json::from_slice(&first.body).unwrap();
    assert_eq!(first["results"][0]["cached"], false);
    assert_eq!(second["results"][0]["cached"], true);
    assert_eq!(second["results"][0]["output"], "run 1");

    // A changed clone keeps its own answers; an expired result is run again.
    let short = health.clone().success_ttl(Duration::from_millis(50));
    assert_ne!(
        short.render(Format::Json).await.body.as_ptr(),
        third.body.as_ptr()
    );
    tokio::time::sleep(Duration::from_millis(60)).await;
    let rerun: Value = serde_json::from_slice(&short.render(Format::Json).await.body).unwrap();
    assert_eq!(rerun["results"][0]["output"], "run 2");

    // A computed section is computed for every answer.
    let sections = Counter::default();
    let counted = sections.clone();
    let computed = health
        .clone()
        .add_section("now", move || counted.bump() as u64);
    computed.render(Format::Json).await;
    computed.render(Format::Json).await;
    assert_eq!(sections.get(), 2);
}
