//! `checks::redis`, `checks::redis_manager` and `checks::bb8` against a real redis-server on
//! 127.0.0.1: passing, stopped, refused credentials, saturated, and over HTTP. Frozen
//! servers are in `checks_frozen.rs`.

#[path = "support/clients.rs"]
mod clients;
mod support;

use std::sync::OnceLock;
use std::time::Duration;

use clients::{bb8_pool, redis_manager};
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
    SHARED.get_or_init(Server::redis)
}

#[tokio::test]
async fn redis_passes_with_pong_and_the_server_version() {
    let outcome = outcome_of(&health_of(checks::redis(shared().url()), DEADLINE)).await;
    let output = assert_passed(&outcome);
    assert!(output.starts_with("PONG from redis 7."), "{output}");
    assert!(output.ends_with(" ms"), "{output}");
}

#[tokio::test]
async fn redis_fails_when_the_server_is_stopped() {
    let server = Server::redis();
    let check = checks::redis(server.url());
    assert_fails_when_stopped(server, check, "redis", DEADLINE).await;
}

#[actix_web::test]
async fn refused_credentials_fail_without_showing_the_password() {
    let server = shared();
    let wrong = format!("Wrong{}", server.password);
    let url = server.url_with(&wrong);
    let health = HealthCheck::empty()
        .no_cache()
        .timeout(DEADLINE)
        .add_check("redis", checks::redis(&url))
        .add_check("bb8", checks::bb8(bb8_pool(&url, 1)));
    let logs = logs_of(health.clone()).await;
    let report = health.run().await;
    for result in report.results() {
        let output = result.outcome().output();
        assert_eq!(result.outcome().status(), Status::Fail, "{output}");
        assert!(
            output.contains("Password authentication failed"),
            "{output}"
        );
        assert_secret_free(&wrong, &[output]);
    }
    assert!(logs.contains("Password authentication failed"), "{logs}");
    assert_secret_free(&wrong, &[&logs]);
    let http = TestServer::start(health);
    let (status, body) = get_json(&http.url("/healthcheck?format=ietf")).await;
    http.stop().await;
    assert_eq!(status, 500, "{body}");
    assert_secret_free(&wrong, &[&body.to_string()]);
}

#[tokio::test]
async fn the_manager_pings_over_the_service_connection() {
    let manager = redis_manager(shared()).await;
    let outcome = outcome_of(&health_of(checks::redis_manager(manager), DEADLINE)).await;
    let output = assert_passed(&outcome);
    assert!(output.starts_with("PONG from redis 7."), "{output}");
    assert!(
        output.ends_with("over the service's connection"),
        "{output}"
    );
}

#[tokio::test]
async fn a_bb8_pool_passes_and_warns_when_saturated() {
    let pool = bb8_pool(&shared().url(), 1);
    let health = health_of(checks::bb8(pool.clone()), DEADLINE);
    let outcome = outcome_of(&health).await;
    let output = assert_passed(&outcome);
    let expected = "bb8 pool: a connection borrowed and checked in ";
    assert!(output.starts_with(expected), "{output}");

    let held = pool.get().await.unwrap();
    let outcome = outcome_of(&health).await;
    assert_eq!(outcome.status(), Status::Warn, "{outcome:?}");
    let expected = "bb8 pool saturated: 1 of 1 connections open, none idle; \
                    a connection of the check's own answered in ";
    assert!(outcome.output().starts_with(expected), "{outcome:?}");
    let not_probed = checks::bb8(pool.clone()).probe_when_saturated(false);
    let outcome = outcome_of(&health_of(not_probed, DEADLINE)).await;
    assert_eq!(outcome.status(), Status::Warn, "{outcome:?}");
    assert!(outcome.output().ends_with("not probed"), "{outcome:?}");

    drop(held);
    assert_passed(&outcome_of(&health).await);
}

#[tokio::test]
async fn a_bb8_probe_of_yours_runs_on_the_borrowed_connection() {
    let pool = bb8_pool(&shared().url(), 2);
    let check = checks::bb8(pool.clone()).probe(|mut connection| async move {
        redis::cmd("SET")
            .arg("healthcheck-probe")
            .arg("1")
            .query_async::<()>(&mut *connection)
            .await
    });
    assert_passed(&outcome_of(&health_of(check, DEADLINE)).await);
    let failing = checks::bb8(pool).probe(|mut connection| async move {
        redis::cmd("NO-SUCH-COMMAND")
            .query_async::<()>(&mut *connection)
            .await
    });
    let outcome = outcome_of(&health_of(failing, DEADLINE)).await;
    assert_eq!(outcome.status(), Status::Fail, "{outcome:?}");
    assert!(outcome.output().contains("unknown command"), "{outcome:?}");
}

#[actix_web::test]
async fn a_health_endpoint_serves_the_redis_checks_over_http() {
    let server = shared();
    let health = HealthCheck::empty()
        .add_check("redis", checks::redis(server.url()))
        .add_check(
            "manager",
            checks::redis_manager(redis_manager(server).await),
        )
        .add_check("pool", checks::bb8(bb8_pool(&server.url(), 2)));
    let http = TestServer::start(health);
    let (status, body) = get_json(&http.url("/healthcheck?format=ietf")).await;
    http.stop().await;
    assert_eq!(status, 200, "{body}");
    for name in ["redis", "manager", "pool"] {
        let entry = &body["checks"][name][0];
        assert_eq!(entry["status"], "pass", "{body}");
        assert_eq!(entry["observedUnit"], "ms", "{body}");
        assert!(entry["observedValue"].as_f64().unwrap() > 0.0, "{body}");
    }
    assert_secret_free(&server.password, &[&body.to_string()]);
}
