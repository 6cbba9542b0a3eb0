//! `checks::mysql` against a real MariaDB on 127.0.0.1: passing, stopped, refused
//! credentials, and over HTTP. Frozen servers are in `checks_frozen.rs`.

mod support;

use std::sync::OnceLock;
use std::time::Duration;

use healthcheck::{checks, HealthCheck, Status};
use support::probes::{
    assert_fails_when_stopped, assert_passed, assert_secret_free, health_of, outcome_of,
};
use support::servers::Server;
use support::{get_json, logs_of, TestServer};

const DEADLINE: Duration = Duration::from_secs(10);

/// The server of the tests that neither stop nor freeze it.
fn shared() -> &'static Server {
    static SHARED: OnceLock<Server> = OnceLock::new();
    SHARED.get_or_init(Server::mariadb)
}

#[tokio::test]
async fn mysql_passes_on_mariadb_with_the_server_version() {
    let outcome = outcome_of(&health_of(checks::mysql(shared().url()), DEADLINE)).await;
    let output = assert_passed(&outcome);
    assert!(output.starts_with("MariaDB 1"), "{output}");
    assert!(output.contains(" answered SELECT 1 in "), "{output}");
}

#[tokio::test]
async fn mysql_fails_when_the_server_is_stopped() {
    let server = Server::mariadb();
    let check = checks::mysql(server.url());
    assert_fails_when_stopped(server, check, "MySQL", DEADLINE).await;
}

#[actix_web::test]
async fn refused_credentials_fail_without_showing_the_password() {
    let server = shared();
    let wrong = format!("Wrong{}", server.password);
    let health = health_of(checks::mysql(server.url_with(&wrong)), DEADLINE);
    let logs = logs_of(health.clone()).await;
    let outcome = outcome_of(&health).await;
    assert_eq!(outcome.status(), Status::Fail, "{outcome:?}");
    assert!(outcome.output().contains("Access denied"), "{outcome:?}");
    assert!(logs.contains("Access denied"), "{logs}");
    assert_secret_free(&wrong, &[outcome.output(), &logs]);
    let http = TestServer::start(health);
    let (status, body) = get_json(&http.url("/healthcheck?format=ietf")).await;
    http.stop().await;
    assert_eq!(status, 500, "{body}");
    assert_secret_free(&wrong, &[&body.to_string()]);
}

#[actix_web::test]
async fn a_health_endpoint_serves_the_mysql_check_over_http() {
    let server = shared();
    let health = HealthCheck::empty().add_check("mysql", checks::mysql(server.url()));
    let http = TestServer::start(health);
    let (status, body) = get_json(&http.url("/healthcheck?format=ietf")).await;
    http.stop().await;
    assert_eq!(status, 200, "{body}");
    let entry = &body["checks"]["mysql"][0];
    assert_eq!(entry["status"], "pass", "{body}");
    assert_eq!(entry["observedUnit"], "ms", "{body}");
    assert_secret_free(&server.password, &[&body.to_string()]);
}
