//! The axum glue answers as the actix-web glue does: the same requests to an actix-web server
//! and to an axum server built from the same `HealthCheck` and `EnvironmentDump` get the same
//! status, headers (names as written on the wire) and body, for every route, format and error.

mod support;

use std::net::SocketAddr;
use std::time::Duration;

use actix_web::App;
use axum::Router;
use healthcheck::{CheckOptions, EnvironmentDump, HealthCheck};
use support::axum_server::{exchange, AxumServer, HeaderCase, RawResponse};
use support::TestServer;

const TOKEN: &str = "s3cret-token";

/// Results stay cached for the whole test, so that both servers serve the same ones.
fn checks() -> HealthCheck {
    HealthCheck::empty()
        .success_ttl(Duration::from_secs(600))
        .failed_ttl(Duration::from_secs(600))
        .add_check_with("event-loop", CheckOptions::new().tag("live"), || true)
        .add_check("db", || (true, "SELECT 1 answered"))
        .add_check("a/b", || (false, "connection refused"))
        .add_check_with("warm-up", CheckOptions::new().tag("startup"), || true)
        .add_section("version", "1.2.3")
}

fn dump() -> EnvironmentDump {
    EnvironmentDump::new()
        .include_os(false)
        .include_process(false)
        .add_section("application", "parity")
        .bearer_token(TOKEN)
}

fn actix_server(health: &HealthCheck, env: &EnvironmentDump) -> TestServer {
    let (health, env) = (health.clone(), env.clone());
    TestServer::start_app(move || {
        App::new()
            .service(health.scope("/healthcheck"))
            .configure(health.probes())
            .service(env.scope("/environment"))
    })
}

fn axum_app(health: &HealthCheck, env: &EnvironmentDump) -> Router {
    Router::new()
        .nest_service("/healthcheck", health.axum_router())
        .merge(health.axum_probes())
        .nest_service("/environment", env.axum_router())
}

/// Every route of the glue, with the paths around them that must be 404.
const PATHS: &[&str] = &[
    "/healthcheck",
    "/healthcheck/",
    "/healthcheck/db",
    "/healthcheck/a%2Fb",
    "/healthcheck/nope",
    "/healthcheck/db/more",
    "/livez",
    "/readyz",
    "/startupz",
    "/livez/event-loop",
    "/livez/db",
    "/readyz/a%2Fb",
    "/readyz/shutdown",
    "/startupz/warm-up",
    "/startupz/ping",
    "/environment",
    "/environment/",
    "/environment/more",
];

const QUERIES: &[&str] = &[
    "",
    "?format=json",
    "?format=ietf",
    "?format=text",
    "?format=text&verbose",
    "?verbose",
    "?exclude=db,a%2Fb",
    "?format=yaml",
];

/// What may differ between two servers: the clock, the times inside bodies (and so their
/// length), the second `Cache-Control: max-age` counts down from (see `max_age`), and the
/// order of headers (actix-web's is its map's).
fn comparable(response: &RawResponse) -> (u16, Vec<(String, String)>, String) {
    let body = String::from_utf8(response.body.clone()).expect("a UTF-8 body");
    let times = regex::Regex::new(r"\d{4}-\d\d-\d\dT[0-9:.]+(Z|[+-]\d\d:\d\d)?|\d{10}\.\d+")
        .expect("a regex");
    let timeless = times.replace_all(&body, "<time>").into_owned();
    // A HEAD answer's length is that of a body with times in it, or not.
    let length_varies = timeless != body || body.is_empty();
    let mut headers: Vec<_> = response
        .headers
        .iter()
        .filter(|(name, _)| !name.eq_ignore_ascii_case("date"))
        .map(
            |(name, value)| match name.eq_ignore_ascii_case("content-length") {
                true if length_varies => (name.clone(), "<length>".to_owned()),
                _ => (name.clone(), value.clone()),
            },
        )
        .collect();
    headers.sort_by_key(|(name, _)| name.to_lowercase());
    (response.status, headers, timeless)
}

/// `Cache-Control: max-age=N` of an IETF answer, counted down to the end of the results'
/// freshness: two answers a moment apart may straddle a second.
fn max_age(response: &RawResponse) -> Option<u64> {
    response
        .header("cache-control")?
        .strip_prefix("max-age=")?
        .parse()
        .ok()
}

async fn assert_same(
    actix: SocketAddr,
    axum: SocketAddr,
    method: &str,
    target: &str,
    headers: &[(&str, &str)],
    case: HeaderCase,
) -> u16 {
    let (from_actix, from_axum) = (
        exchange(actix, method, target, headers).await,
        exchange(axum, method, target, headers).await,
    );
    if let (Some(actix_age), Some(axum_age)) = (max_age(&from_actix), max_age(&from_axum)) {
        assert!(actix_age.abs_diff(axum_age) <= 1, "{method} {target}");
    }
    let expected = comparable(&from_actix);
    let mut got = comparable(&from_axum);
    if let HeaderCase::Lower = case {
        assert!(
            got.1.iter().all(|(name, _)| *name == name.to_lowercase()),
            "{method} {target}: {:?}",
            got.1
        );
        for ((name, _), (expected, _)) in got.1.iter_mut().zip(&expected.1) {
            if name.eq_ignore_ascii_case(expected) {
                name.clone_from(expected);
            }
        }
    }
    assert_eq!(got, expected, "{method} {target} {headers:?}");
    expected.0
}

async fn assert_parity(case: HeaderCase) {
    let (health, env) = (checks(), dump());
    let actix = actix_server(&health, &env);
    let axum = AxumServer::start(axum_app(&health, &env), case).await;
    let warm = exchange(actix.addr, "GET", "/healthcheck", &[]).await;
    assert_eq!(warm.status, 500);
    let bearer = format!("Bearer {TOKEN}");
    let mut statuses = std::collections::BTreeSet::new();
    for path in PATHS {
        for query in QUERIES {
            let target = format!("{path}{query}");
            let get = assert_same(actix.addr, axum.addr, "GET", &target, &[], case).await;
            statuses.insert(get);
        }
        for method in ["HEAD", "POST", "DELETE"] {
            statuses.insert(assert_same(actix.addr, axum.addr, method, path, &[], case).await);
        }
        for accept in [
            "application/health+json",
            "text/plain",
            "application/json",
            "*/*",
        ] {
            let headers = [("Accept", accept)];
            assert_same(actix.addr, axum.addr, "GET", path, &headers, case).await;
        }
        for authorization in [bearer.as_str(), "Bearer wrong"] {
            let headers = [("Authorization", authorization)];
            for method in ["GET", "HEAD", "PUT"] {
                assert_same(actix.addr, axum.addr, method, path, &headers, case).await;
            }
        }
    }
    // Every answer the glue gives was compared, errors included.
    assert_eq!(
        statuses.into_iter().collect::<Vec<_>>(),
        [200, 400, 401, 404, 405, 500]
    );
    actix.stop().await;
}

#[actix_web::test]
async fn axum_answers_as_actix_with_title_case_header_names() {
    assert_parity(HeaderCase::Title).await;
}

#[actix_web::test]
async fn axum_serve_differs_only_in_lower_case_header_names() {
    assert_parity(HeaderCase::Lower).await;
}

#[actix_web::test]
async fn errors_name_the_path_and_the_allowed_methods() {
    let (health, env) = (checks(), dump());
    let axum = AxumServer::start(axum_app(&health, &env), HeaderCase::Title).await;
    let refused = exchange(axum.addr, "POST", "/readyz", &[]).await;
    assert_eq!(refused.status, 405);
    assert_eq!(refused.header("Allow"), Some("GET, HEAD"));
    assert!(refused
        .headers
        .iter()
        .any(|(name, value)| name == "Content-Type" && value == "application/json"));
    let missing = exchange(axum.addr, "GET", "/healthcheck/db/more", &[]).await;
    let body: serde_json::Value = serde_json::from_slice(&missing.body).expect("JSON");
    assert_eq!(
        body,
        serde_json::json!({ "error": "no resource at `/healthcheck/db/more`", "status": 404 })
    );
    let unauthorized = exchange(axum.addr, "GET", "/environment", &[]).await;
    assert_eq!(unauthorized.status, 401);
    assert_eq!(unauthorized.header("WWW-Authenticate"), Some("Bearer"));
    assert!(!String::from_utf8_lossy(&unauthorized.body).contains("parity"));
    let bearer = format!("Bearer {TOKEN}");
    let dump = exchange(
        axum.addr,
        "GET",
        "/environment",
        &[("Authorization", &bearer)],
    )
    .await;
    assert_eq!(dump.status, 200);
    assert!(String::from_utf8_lossy(&dump.body).contains("\"application\""));
}
