//! The whole IETF `application/health+json` answer over real HTTP: service-level fields,
//! check-level fields from the attribute and from `CheckOptions`, `component:measurement`
//! keys, and `Cache-Control: max-age` following the cache.

mod support;

use std::time::Duration;

use healthcheck::{health_check, CheckOptions, HealthCheck, Outcome, ServiceInfo};
use serde_json::{json, Value};
use support::{client, Counter, TestServer};

#[health_check(
    name = "ietf-primary",
    component = "orders-db",
    measurement = "responseTime",
    component_id = "primary",
    component_type = "datastore",
    affected_endpoints("/orders", "/orders/{id}")
)]
fn primary() -> Outcome {
    Outcome::pass("ok").observed(1.5, "ms")
}

async fn get(server: &TestServer, path: &str) -> (u16, Option<String>, Value) {
    let response = client().get(server.url(path)).send().await.unwrap();
    let status = response.status().as_u16();
    let cache_control = response
        .headers()
        .get("cache-control")
        .map(|value| value.to_str().unwrap().to_owned());
    let body = response.json().await.unwrap();
    (status, cache_control, body)
}

fn max_age(header: Option<&str>) -> u64 {
    header
        .and_then(|value| value.strip_prefix("max-age="))
        .and_then(|seconds| seconds.parse().ok())
        .unwrap_or_else(|| panic!("no max-age in {header:?}"))
}

#[actix_web::test]
async fn every_field_of_the_draft_a_user_can_set_is_written() {
    let replica = CheckOptions::new()
        .component_name("orders-db")
        .measurement("responseTime")
        .component_id("replica")
        .component_type("datastore")
        .critical(false)
        .link("runbook", "https://example.com/runbooks/orders-db");
    let health = HealthCheck::new()
        .add_check_with("ietf-replica", replica, || {
            Outcome::fail("lagging").observed(json!({"seconds": 40}), "lag")
        })
        .add_check("cache", || true)
        .service_info(
            ServiceInfo::new()
                .version("1")
                .release_id("1.4.2")
                .service_id("orders")
                .description("the orders API")
                .note("read-only during the migration")
                .link("about", "https://example.com/orders/health"),
        );
    let server = TestServer::start(health);

    let (status, _, body) = get(&server, "/healthcheck?format=ietf").await;
    assert_eq!(status, 200, "{body}");
    let time = |key: &str, node: usize| body["checks"][key][node]["time"].clone();
    assert_eq!(
        body,
        json!({
            "status": "warn",
            "version": "1",
            "releaseId": "1.4.2",
            "notes": ["read-only during the migration"],
            "output": "not passing: ietf-replica",
            "serviceId": "orders",
            "description": "the orders API",
            "links": {"about": "https://example.com/orders/health"},
            "checks": {
                "orders-db:responseTime": [
                    {
                        "componentId": "primary",
                        "componentType": "datastore",
                        "observedValue": 1.5,
                        "observedUnit": "ms",
                        "status": "pass",
                        "affectedEndpoints": ["/orders", "/orders/{id}"],
                        "time": time("orders-db:responseTime", 0),
                    },
                    {
                        "componentId": "replica",
                        "componentType": "datastore",
                        "observedValue": {"seconds": 40},
                        "observedUnit": "lag",
                        "status": "fail",
                        "time": time("orders-db:responseTime", 1),
                        "output": "lagging",
                        "links": {"runbook": "https://example.com/runbooks/orders-db"},
                    },
                ],
                "cache": [{"status": "pass", "time": time("cache", 0)}],
            },
        })
    );
    server.stop().await;
}

#[actix_web::test]
async fn without_service_info_the_service_id_is_the_hostname() {
    let health = HealthCheck::empty().add_check("db", || true);
    let server = TestServer::start(health);
    let (_, _, body) = get(&server, "/healthcheck?format=ietf").await;
    assert_eq!(body["serviceId"], healthcheck_hostname(&server).await);
    for absent in ["version", "releaseId", "notes", "description", "links"] {
        assert!(body.get(absent).is_none(), "{absent} in {body}");
    }
    server.stop().await;
}

async fn healthcheck_hostname(server: &TestServer) -> Value {
    let (_, _, body) = get(server, "/healthcheck").await;
    body["hostname"].clone()
}

#[actix_web::test]
async fn max_age_counts_down_the_freshness_of_the_cached_results() {
    let runs = Counter::default();
    let counted = runs.clone();
    let health = HealthCheck::empty()
        .add_check("db", move || counted.bump() > 0)
        .success_ttl(Duration::from_secs(5));
    let server = TestServer::start(health);

    let (_, first, _) = get(&server, "/healthcheck?format=ietf").await;
    let first = max_age(first.as_deref());
    assert!((4..=5).contains(&first), "max-age={first}");
    tokio::time::sleep(Duration::from_millis(2100)).await;
    let (_, second, _) = get(&server, "/healthcheck?format=ietf").await;
    let second = max_age(second.as_deref());
    assert_eq!(runs.get(), 1, "the second answer came from the cache");
    assert!(
        second < first && second <= 3,
        "max-age {first} then {second}"
    );

    let (_, json_header, _) = get(&server, "/healthcheck?format=json").await;
    assert_eq!(
        json_header, None,
        "py-healthcheck's format keeps its headers"
    );
    server.stop().await;
}

#[actix_web::test]
async fn an_uncached_answer_has_max_age_zero_and_the_policy_can_set_its_own() {
    let uncached = TestServer::start(HealthCheck::empty().add_check("db", || true).no_cache());
    let (_, header, _) = get(&uncached, "/healthcheck?format=ietf").await;
    assert_eq!(header.as_deref(), Some("max-age=0"));
    uncached.stop().await;

    let own = HealthCheck::empty()
        .add_check("db", || true)
        .success_headers([("Cache-Control", "no-store")]);
    let server = TestServer::start(own);
    for _ in 0..2 {
        let (_, header, _) = get(&server, "/healthcheck?format=ietf").await;
        assert_eq!(header.as_deref(), Some("no-store"));
    }
    server.stop().await;
}
