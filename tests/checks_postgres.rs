//! `checks::postgres`, `checks::sqlx_pool` and `checks::deadpool` against a real PostgreSQL
//! on 127.0.0.1: passing, stopped, refused credentials, saturated, and over HTTP. Frozen
//! servers are in `checks_frozen.rs`.

#[path = "support/clients.rs"]
mod clients;
mod support;

use std::sync::OnceLock;
use std::time::Duration;

use clients::{deadpool, sqlx_pool};
use healthcheck::{checks, HealthCheck, Status};
use support::probes::{
    assert_fails_when_stopped, assert_passed, assert_secret_free, eventually, health_of, outcome_of,
};
use support::servers::Server;
use support::{get_json, logs_of, TestServer};

const DEADLINE: Duration = Duration::from_secs(10);

/// The server of the tests that neither stop nor freeze it.
fn shared() -> &'static Server {
    static SHARED: OnceLock<Server> = OnceLock::new();
    SHARED.get_or_init(Server::postgres)
}

#[tokio::test]
async fn postgres_passes_with_the_server_version() {
    let outcome = outcome_of(&health_of(checks::postgres(shared().url()), DEADLINE)).await;
    let output = assert_passed(&outcome);
    assert!(output.starts_with("PostgreSQL 1"), "{output}");
    assert!(output.contains(" answered SELECT 1 in "), "{output}");
}

#[tokio::test]
async fn postgres_fails_when_the_server_is_stopped() {
    let server = Server::postgres();
    let check = checks::postgres(server.url());
    assert_fails_when_stopped(server, check, "PostgreSQL", DEADLINE).await;
}

#[actix_web::test]
async fn refused_credentials_fail_without_showing_the_password() {
    let server = shared();
    let wrong = format!("Wrong{}", server.password);
    let url = server.url_with(&wrong);
    let health = HealthCheck::empty()
        .no_cache()
        .timeout(DEADLINE)
        .add_check("postgres", checks::postgres(&url))
        .add_check("sqlx", checks::sqlx_pool(sqlx_pool(&url, 1)))
        .add_check("deadpool", checks::deadpool(deadpool(&url, 1)));
    let logs = logs_of(health.clone()).await;
    let report = health.run().await;
    for result in report.results() {
        let output = result.outcome().output();
        assert_eq!(result.outcome().status(), Status::Fail, "{output}");
        assert!(
            output.contains("password authentication failed"),
            "{output}"
        );
        assert_secret_free(&wrong, &[output]);
    }
    assert!(logs.contains("password authentication failed"), "{logs}");
    assert_secret_free(&wrong, &[&logs]);
    let http = TestServer::start(health);
    let (status, body) = get_json(&http.url("/healthcheck?format=ietf")).await;
    http.stop().await;
    assert_eq!(status, 500, "{body}");
    assert_secret_free(&wrong, &[&body.to_string()]);
}

#[tokio::test]
async fn a_sqlx_pool_passes_and_warns_when_saturated() {
    let pool = sqlx_pool(&shared().url(), 1);
    let health = health_of(checks::sqlx_pool(pool.clone()), DEADLINE);
    let outcome = outcome_of(&health).await;
    let output = assert_passed(&outcome);
    let expected = "PostgreSQL pool: a connection borrowed and checked in ";
    assert!(output.starts_with(expected), "{output}");

    let held = pool.acquire().await.unwrap();
    assert_eq!(pool.num_idle(), 0);
    let outcome = outcome_of(&health).await;
    assert_eq!(outcome.status(), Status::Warn, "{outcome:?}");
    let expected = "PostgreSQL pool saturated: 1 of 1 connections open, none idle; \
                    a connection of the check's own answered in ";
    assert!(outcome.output().starts_with(expected), "{outcome:?}");

    drop(held);
    // sqlx pings a connection given back before it is idle again.
    assert!(eventually(Duration::from_secs(5), || pool.num_idle() == 1).await);
    assert_passed(&outcome_of(&health).await);
}

#[tokio::test]
async fn a_deadpool_passes_runs_your_probe_and_warns_when_saturated() {
    let pool = deadpool(&shared().url(), 1);
    let check = checks::deadpool(pool.clone())
        .probe(|client| async move { client.simple_query("SELECT 1").await });
    let health = health_of(check, DEADLINE);
    let outcome = outcome_of(&health).await;
    let output = assert_passed(&outcome);
    let expected = "deadpool: a connection borrowed and checked in ";
    assert!(output.starts_with(expected), "{output}");

    let held = pool.get().await.unwrap();
    let outcome = outcome_of(&health).await;
    assert_eq!(outcome.status(), Status::Warn, "{outcome:?}");
    let expected = "deadpool saturated: 1 of 1 connections open, none idle; \
                    a connection of the check's own answered in ";
    assert!(outcome.output().starts_with(expected), "{outcome:?}");
    drop(held);
    assert_passed(&outcome_of(&health).await);

    let failing = checks::deadpool(pool)
        .probe(|client| async move { client.simple_query("SELECT no_such_column").await });
    let outcome = outcome_of(&health_of(failing, DEADLINE)).await;
    assert_eq!(outcome.status(), Status::Fail, "{outcome:?}");
    assert!(outcome.output().contains("no_such_column"), "{outcome:?}");
}

#[actix_web::test]
async fn a_health_endpoint_serves_the_postgres_checks_over_http() {
    let server = shared();
    let health = HealthCheck::empty()
        .add_check("postgres", checks::postgres(server.url()))
        .add_check("sqlx", checks::sqlx_pool(sqlx_pool(&server.url(), 2)))
        .add_check("deadpool", checks::deadpool(deadpool(&server.url(), 2)));
    let http = TestServer::start(health);
    let (status, body) = get_json(&http.url("/healthcheck?format=ietf")).await;
    http.stop().await;
    assert_eq!(status, 200, "{body}");
    for name in ["postgres", "sqlx", "deadpool"] {
        let entry = &body["checks"][name][0];
        assert_eq!(entry["status"], "pass", "{body}");
        assert_eq!(entry["observedUnit"], "ms", "{body}");
        assert!(entry["observedValue"].as_f64().unwrap() > 0.0, "{body}");
    }
    assert_secret_free(&server.password, &[&body.to_string()]);
}
