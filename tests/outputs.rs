//! What checks may output, over real HTTP: `Result<(), E>`, any JSON value, any `Serialize`,
//! observed values of any JSON type, and the error handler for panics and `Err`s.

mod support;

use healthcheck::{ErrorKind, HealthCheck, Outcome, Status};
use serde_json::{json, Value};
use support::{get_json, get_text, TestServer};

fn result<'a>(body: &'a Value, name: &str) -> &'a Value {
    body["results"]
        .as_array()
        .and_then(|results| results.iter().find(|result| result["checker"] == name))
        .unwrap_or_else(|| panic!("no result for {name} in {body}"))
}

fn ietf<'a>(body: &'a Value, name: &str) -> &'a Value {
    &body["checks"][name][0]
}

#[derive(serde::Serialize)]
struct Replication {
    lag_seconds: u32,
    replicas: Vec<&'static str>,
}

#[actix_web::test]
async fn checks_output_unit_json_values_and_any_serialize() {
    let health = HealthCheck::empty()
        .add_check("unit", || Ok::<(), String>(()))
        .add_check("unit-err", || async { Err::<(), _>("queue is full") })
        .add_check("json", || (true, json!({"open": 3, "max": 10})))
        .add_check("json-list", || Outcome::warn(json!(["a", 1, null])))
        .add_check("serialized", || {
            let replication = Replication {
                lag_seconds: 2,
                replicas: vec!["r1", "r2"],
            };
            Outcome::serialized(Status::Pass, &replication)
        })
        .add_check("observed", || {
            Outcome::pass("ok").observed(json!({"p50": 1.5, "p99": 9}), "ms")
        });
    let server = TestServer::start(health);

    let (_, body) = get_json(&server.url("/healthcheck")).await;
    assert_eq!(result(&body, "unit")["output"], "ok");
    assert_eq!(result(&body, "unit")["passed"], true);
    assert_eq!(result(&body, "unit-err")["output"], "queue is full");
    assert_eq!(result(&body, "unit-err")["passed"], false);
    assert_eq!(
        result(&body, "json")["output"],
        json!({"open": 3, "max": 10})
    );
    assert_eq!(result(&body, "json-list")["output"], json!(["a", 1, null]));
    assert_eq!(
        result(&body, "serialized")["output"],
        json!({"lag_seconds": 2, "replicas": ["r1", "r2"]})
    );
    assert_eq!(
        result(&body, "observed")["observed_value"],
        json!({"p50": 1.5, "p99": 9})
    );

    // The draft's output is a string: a JSON output is written as its text there.
    let (_, body) = get_json(&server.url("/healthcheck?format=ietf")).await;
    assert_eq!(ietf(&body, "json-list")["output"], r#"["a",1,null]"#);
    assert_eq!(
        ietf(&body, "observed")["observedValue"],
        json!({"p50": 1.5, "p99": 9})
    );
    server.stop().await;
}

#[actix_web::test]
async fn secrets_in_json_outputs_are_masked_by_key_and_by_pattern() {
    let health = HealthCheck::empty()
        .add_check("by-key", || {
            (true, json!({"user": "app", "password": "hunter2"}))
        })
        .add_check("by-pattern", || {
            Outcome::fail(json!({"dsn": "postgres://app:s3cr3t-pw@db/app"}))
                .observed(json!({"token": "tok-123456"}), "n")
        });
    let server = TestServer::start(health);
    for format in ["json", "ietf", "text&verbose"] {
        let text = get_text(&server.url(&format!("/healthcheck?format={format}"))).await;
        for secret in ["hunter2", "s3cr3t-pw", "tok-123456"] {
            assert!(
                !text.contains(secret),
                "{secret} leaked in {format}: {text}"
            );
        }
    }
    let (_, body) = get_json(&server.url("/healthcheck")).await;
    assert_eq!(result(&body, "by-key")["output"]["user"], "app");
    assert_eq!(result(&body, "by-key")["output"]["password"], "********");
    server.stop().await;
}

#[actix_web::test]
async fn a_panic_or_an_err_reports_the_message_alone_by_default() {
    let health = HealthCheck::empty()
        .add_check("panics", || -> bool { panic!("disk gone") })
        .add_check("errs", || Err::<u8, _>("refused"));
    let report = health.run().await;
    let outcomes: Vec<_> = report
        .results()
        .iter()
        .map(|result| (result.outcome().output(), result.outcome().error()))
        .collect();
    assert_eq!(
        outcomes,
        [
            ("disk gone", Some(ErrorKind::Panicked)),
            ("refused", Some(ErrorKind::Returned))
        ]
    );
}

#[actix_web::test]
async fn the_error_handler_decides_what_panics_and_errs_report_and_is_scrubbed() {
    let health = HealthCheck::empty()
        .add_check("panics", || -> bool { panic!("disk gone") })
        .add_check("errs", || Err::<u8, _>("refused"))
        .add_check("fails", || (false, "plain failure"))
        .add_check("leaks", || Err::<u8, _>("down"))
        .error_handler(|error| match (error.check, error.kind) {
            ("leaks", _) => Outcome::fail("retry with password=hunter2"),
            (_, ErrorKind::Panicked) => Outcome::fail(format!("crashed: {}", error.message)),
            (check, ErrorKind::Returned) => Outcome::warn(json!({check: error.message})),
            _ => Outcome::fail(error.message),
        });
    let server = TestServer::start(health);
    let (status, body) = get_json(&server.url("/healthcheck")).await;
    assert_eq!(result(&body, "panics")["output"], "crashed: disk gone");
    assert_eq!(result(&body, "errs")["output"], json!({"errs": "refused"}));
    assert_eq!(result(&body, "errs")["status"], "warn");
    assert_eq!(
        result(&body, "fails")["output"],
        "plain failure",
        "a check that answered for itself is not the handler's"
    );
    assert_eq!(
        result(&body, "leaks")["output"],
        "retry with password=********"
    );
    assert_eq!(status, 500, "panics and fails still fail the service");
    server.stop().await;
}

#[actix_web::test]
async fn a_handler_that_panics_leaves_the_failure_as_it_was() {
    let health = HealthCheck::empty()
        .add_check("errs", || Err::<u8, _>("refused"))
        .error_handler(|_| panic!("the handler broke"));
    let server = TestServer::start(health);
    let (status, body) = get_json(&server.url("/healthcheck")).await;
    assert_eq!(
        (status, &result(&body, "errs")["output"]),
        (500, &json!("refused"))
    );
    let (status, _) = get_json(&server.url("/healthcheck")).await;
    assert_eq!(status, 500, "the server still answers");
    server.stop().await;
}
