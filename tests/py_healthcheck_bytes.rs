//! What monitors set up for py-healthcheck match: its JSON byte for byte apart from values
//! (and the keys we add after its own in each result), its header names' case, and Nagios'
//! `check_http` as its users configure it.

mod support;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::Command;

use healthcheck::HealthCheck;
use regex::Regex;
use support::{get_text, TestServer};

/// py-healthcheck 1.10.1's answer for the checks of [`service`], from Flask's test client
/// (`/tmp/pyhc/bin/python` with `health.add_check(database); health.add_check(queue)`).
const PY_HEALTHCHECK_BODY: &str = r#"{"hostname": "vm", "status": "failure", "timestamp": 1796236660.0681024, "results": [{"checker": "database", "output": "database ok", "passed": true, "timestamp": 1796236660.0678222, "expires": 1796236687.0678222, "response_time": 3e-06}, {"checker": "queue", "output": "queue down", "passed": false, "timestamp": 1796236660.06806, "expires": 1796236669.06806, "response_time": 1e-06}]}"#;

fn service() -> HealthCheck {
    HealthCheck::empty()
        .add_check("database", || (true, "database ok"))
        .add_check("queue", || (false, "queue down"))
}

/// The body with every scalar value replaced by `_`, and the keys this library adds after
/// py-healthcheck's own in each result left out.
fn shape(body: &str) -> String {
    let values = Regex::new(r#"": ("(?:[^"\\]|\\.)*"|-?[0-9][0-9.e+-]*|true|false|null)"#).unwrap();
    let masked = values.replace_all(body, "\": _");
    let ours = Regex::new(r#", "status": _, "critical": _, "cached": _"#).unwrap();
    ours.replace_all(&masked, "").into_owned()
}

#[actix_web::test]
async fn the_json_body_is_py_healthchecks_apart_from_values() {
    let server = TestServer::start(service());
    let body = get_text(&server.url("/healthcheck")).await;
    assert_eq!(shape(&body), shape(PY_HEALTHCHECK_BODY), "{body}");
    assert!(body.contains(r#""status": "failure""#), "{body}");
    server.stop().await;

    let compact = TestServer::start(service().compact_json());
    let body = get_text(&compact.url("/healthcheck")).await;
    assert!(
        body.starts_with(r#"{"hostname":""#),
        "one builder call away: {body}"
    );
    compact.stop().await;
}

/// The raw bytes of the response head, as a monitor reads them.
fn raw_head(addr: SocketAddr, path: &str) -> String {
    let mut stream = TcpStream::connect(addr).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    response.split("\r\n\r\n").next().unwrap().to_owned()
}

#[actix_web::test]
async fn header_names_go_out_as_py_healthchecks_servers_send_them() {
    let server = TestServer::start(service());
    let addr = server.addr;
    let head = tokio::task::spawn_blocking(move || raw_head(addr, "/healthcheck"))
        .await
        .unwrap();
    assert!(
        head.contains("\r\nContent-Type: application/json\r\n"),
        "{head}"
    );
    assert!(head.contains("\r\nContent-Length: "), "{head}");
    server.stop().await;
}

/// Runs Debian's `check_http` (monitoring-plugins-basic) against the server.
fn check_http(addr: SocketAddr, args: &[&str]) -> (i32, String) {
    let output = Command::new("/usr/lib/nagios/plugins/check_http")
        .args(["-H", "127.0.0.1", "-p", &addr.port().to_string()])
        .args(args)
        .output()
        .expect("check_http from monitoring-plugins-basic");
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    (output.status.code().unwrap_or(-1), text)
}

#[actix_web::test]
async fn nagios_check_http_set_up_as_for_py_healthcheck_passes_against_a_healthy_service() {
    let healthy = HealthCheck::empty().add_check("database", || (true, "database ok"));
    let server = TestServer::start(healthy);
    let addr = server.addr;
    let runs = tokio::task::spawn_blocking(move || {
        [
            check_http(
                addr,
                &["-u", "/healthcheck", "-s", r#""status": "success""#],
            ),
            check_http(
                addr,
                &["-u", "/healthcheck", "-d", "Content-Type: application/json"],
            ),
        ]
    })
    .await
    .unwrap();
    for (code, output) in runs {
        assert_eq!(code, 0, "{output}");
        assert!(output.starts_with("HTTP OK"), "{output}");
    }
    server.stop().await;

    let failing = TestServer::start(service());
    let addr = failing.addr;
    let (code, output) = tokio::task::spawn_blocking(move || {
        check_http(
            addr,
            &["-u", "/healthcheck", "-s", r#""status": "success""#],
        )
    })
    .await
    .unwrap();
    assert_eq!(code, 2, "a failing service is CRITICAL: {output}");
    failing.stop().await;
}

#[actix_web::test]
async fn results_keep_registration_order_and_sections_their_key_order() {
    let health = HealthCheck::empty()
        .add_check("zeta", || true)
        .add_check("alpha", || true)
        .add_section(
            "build",
            serde_json::json!({ "version": "1.2.0", "commit": "abc", "branch": "main" }),
        );
    let server = TestServer::start(health);
    let body = get_text(&server.url("/healthcheck")).await;
    let zeta = body.find(r#""checker": "zeta""#).unwrap();
    let alpha = body.find(r#""checker": "alpha""#).unwrap();
    assert!(zeta < alpha, "{body}");
    assert!(
        body.ends_with(r#""build": {"version": "1.2.0", "commit": "abc", "branch": "main"}}"#),
        "{body}"
    );
    server.stop().await;
}
