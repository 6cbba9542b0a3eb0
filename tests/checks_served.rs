//! The built-in checks served together by a real actix-web `HealthCheck` server: their
//! statuses, outputs and observed values in py-healthcheck's JSON and the IETF format.

mod support;

use std::net::TcpListener;

use actix_web::{web, App, HttpResponse};
use healthcheck::{checks, CheckOptions, HealthCheck};
use support::{get_json, TestServer};

#[actix_web::test]
async fn every_built_in_answers_over_http() {
    let dependency =
        TestServer::start_app(|| App::new().route("/ready", web::get().to(HttpResponse::Ok)));
    let port = TcpListener::bind("127.0.0.1:0").unwrap();
    let temp = std::env::temp_dir();
    let degraded = CheckOptions::new().critical(false);
    let health = HealthCheck::empty()
        .no_cache()
        .add_check("tcp", checks::tcp(port.local_addr().unwrap().to_string()))
        .add_check("http", checks::http(dependency.url("/ready")))
        .add_check("dns", checks::dns("localhost"))
        .add_check("disk", checks::disk_space(&temp, 1).warn_below(u64::MAX))
        .add_check("memory", checks::memory(1.0))
        .add_check_with("memory tight", degraded, checks::memory(0.0));
    let server = TestServer::start(health);

    let (status, body) = get_json(&server.url("/healthcheck?format=ietf")).await;

    assert_eq!(
        status, 200,
        "a warning and a non-critical failure pass: {body}"
    );
    assert_eq!(body["status"], "warn");
    let check = |name: &str| body["checks"][name][0].clone();
    for (name, status, unit) in [
        ("tcp", "pass", "ms"),
        ("http", "pass", "ms"),
        ("dns", "pass", "ms"),
        ("disk", "warn", "bytes"),
        ("memory", "pass", "ratio"),
        ("memory tight", "fail", "ratio"),
    ] {
        let check = check(name);
        assert_eq!(check["status"], status, "{name}: {check}");
        assert_eq!(check["observedUnit"], unit, "{name}: {check}");
        assert!(check["observedValue"].is_number(), "{name}: {check}");
    }
    let disk = check("disk");
    let output = disk["output"].as_str().unwrap();
    assert!(
        output.ends_with("below the warning threshold of 16 EiB"),
        "{output}"
    );

    let (status, body) = get_json(&server.url("/healthcheck/http")).await;
    assert_eq!(status, 200);
    let output = format!("GET {} answered 200 OK", dependency.url("/ready"));
    assert_eq!(body["results"][0]["output"], output.as_str());

    // A critical failure fails the service.
    drop(port);
    let (status, body) = get_json(&server.url("/healthcheck/tcp")).await;
    assert_eq!(status, 500, "{body}");
    let output = body["results"][0]["output"].as_str().unwrap();
    assert!(
        output.starts_with("cannot connect to 127.0.0.1:"),
        "{output}"
    );
    server.stop().await;
    dependency.stop().await;
}
