//! `/livez`, `/readyz`, `/startupz` over real HTTP, compared byte for byte with what the
//! Kubernetes apiserver's health handlers (k8s.io/apiserver/pkg/server/healthz) write for the
//! same cases.

mod support;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use actix_web::App;
use healthcheck::{CheckOptions, HealthCheck};
use support::{client, get_json, logs_while, Counter, TestServer};

/// Status, `Content-Type`, `X-Content-Type-Options` and body of a request.
async fn probe(server: &TestServer, method: &str, path: &str) -> (u16, String, String, String) {
    let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
    let response = client()
        .request(method, server.url(path))
        .header("Accept", "*/*") // as the kubelet sends
        .send()
        .await
        .unwrap();
    let header = |name| {
        response
            .headers()
            .get(name)
            .map(|value: &reqwest::header::HeaderValue| value.to_str().unwrap().to_owned())
            .unwrap_or_default()
    };
    let (content_type, nosniff) = (header("content-type"), header("x-content-type-options"));
    let status = response.status().as_u16();
    (
        status,
        content_type,
        nosniff,
        response.text().await.unwrap(),
    )
}

async fn body(server: &TestServer, path: &str) -> (u16, String) {
    let (status, _, _, body) = probe(server, "GET", path).await;
    (status, body)
}

fn serve(health: HealthCheck) -> TestServer {
    TestServer::start_app(move || App::new().configure(health.probes()))
}

/// A live check, a ready one, an untagged one that `up` turns off, a startup one and one
/// tagged only for grouping; `runs` counts runs of the untagged one.
fn service(up: &Arc<AtomicBool>, runs: &Counter) -> HealthCheck {
    let (up, runs) = (Arc::clone(up), runs.clone());
    HealthCheck::empty()
        .add_check_with("event-loop", CheckOptions::new().tag("live"), || true)
        .add_check_with("cache", CheckOptions::new().tag("ready"), || true)
        .add_check("database", move || {
            runs.bump();
            (up.load(Ordering::SeqCst), "connection refused")
        })
        .add_check_with("migrations", CheckOptions::new().tag("startup"), || true)
        .add_check_with("queue", CheckOptions::new().tag("billing"), || true)
        .no_cache()
}

#[actix_web::test]
async fn passing_probes_answer_ok_and_list_their_members_with_verbose() {
    let (up, runs) = (Arc::new(AtomicBool::new(true)), Counter::default());
    let server = serve(service(&up, &runs));

    for path in ["/livez", "/readyz", "/startupz"] {
        let answer = probe(&server, "GET", path).await;
        let expected = (200, "text/plain; charset=utf-8", "nosniff", "ok");
        let answer_ref = (answer.0, &*answer.1, &*answer.2, &*answer.3);
        assert_eq!(answer_ref, expected, "{path}");
    }
    // `verbose` counts when present, whatever its value, as in the apiserver.
    for query in ["?verbose", "?verbose=false", "?verbose=1"] {
        assert_eq!(
            body(&server, &format!("/livez{query}")).await,
            (
                200,
                "[+]ping ok\n[+]event-loop ok\nlivez check passed\n".to_owned()
            ),
        );
    }
    assert_eq!(
        body(&server, "/readyz?verbose").await.1,
        "[+]ping ok\n[+]event-loop ok\n[+]cache ok\n[+]database ok\n[+]queue ok\n[+]shutdown ok\nreadyz check passed\n",
        "live, ready and untagged checks, in registration order; never startup ones"
    );
    assert_eq!(
        body(&server, "/startupz?verbose").await.1,
        "[+]ping ok\n[+]migrations ok\nstartupz check passed\n"
    );
    server.stop().await;
}

#[actix_web::test]
async fn a_dependency_outage_fails_readyz_only_with_the_reason_withheld() {
    let (up, runs) = (Arc::new(AtomicBool::new(false)), Counter::default());
    let server = serve(service(&up, &runs));

    let expected = "[+]ping ok\n[+]event-loop ok\n[+]cache ok\n[-]database failed: reason withheld\n[+]queue ok\n[+]shutdown ok\nreadyz check failed\n";
    // Failures are always verbose.
    let answer = probe(&server, "GET", "/readyz").await;
    assert_eq!(
        (answer.0, &*answer.1, &*answer.2, &*answer.3),
        (500, "text/plain; charset=utf-8", "nosniff", expected)
    );
    assert_eq!(body(&server, "/livez").await, (200, "ok".to_owned()));

    // HEAD answers the same status, with no body.
    let head = probe(&server, "HEAD", "/readyz").await;
    assert_eq!((head.0, head.3.as_str()), (500, ""));
    let head = probe(&server, "HEAD", "/livez").await;
    assert_eq!((head.0, head.3.as_str()), (200, ""));
    server.stop().await;
}

#[actix_web::test]
async fn excluded_checks_are_listed_without_running() {
    let (up, runs) = (Arc::new(AtomicBool::new(false)), Counter::default());
    let server = serve(service(&up, &runs));

    let excluded = "[+]ping ok\n[+]event-loop ok\n[+]cache ok\n[+]database excluded: ok\n[+]queue ok\n[+]shutdown ok\nreadyz check passed\n";
    assert_eq!(
        body(&server, "/readyz?exclude=database").await,
        (200, "ok".to_owned())
    );
    assert_eq!(
        body(&server, "/readyz?exclude=database&verbose").await,
        (200, excluded.to_owned())
    );
    let both = "[+]ping ok\n[+]event-loop ok\n[+]cache excluded: ok\n[+]database excluded: ok\n[+]queue ok\n[+]shutdown ok\nreadyz check passed\n";
    for query in [
        "exclude=database&exclude=cache&verbose",
        "exclude=cache,database&verbose",
        "exclude=cache%2Cdatabase&exclude=database&verbose",
    ] {
        assert_eq!(
            body(&server, &format!("/readyz?{query}")).await,
            (200, both.to_owned()),
            "{query}"
        );
    }
    assert_eq!(runs.get(), 0, "an excluded check never runs");

    // Names that match nothing are named, sorted and quoted as Go's %q, joined by commas.
    assert_eq!(
        body(&server, "/readyz?exclude=nope&exclude=database&exclude=also-nope&verbose").await,
        (
            200,
            "[+]ping ok\n[+]event-loop ok\n[+]cache ok\n[+]database excluded: ok\n[+]queue ok\n[+]shutdown ok\nwarn: some health checks cannot be excluded: no matches for \"also-nope\",\"nope\"\nreadyz check passed\n".to_owned()
        )
    );
    // A check of another probe is no match either; without `verbose`, a pass is `ok`.
    assert_eq!(
        body(&server, "/livez?exclude=database").await,
        (200, "ok".to_owned())
    );
    assert_eq!(
        body(&server, "/livez?exclude=database&verbose").await,
        (
            200,
            "[+]ping ok\n[+]event-loop ok\nwarn: some health checks cannot be excluded: no matches for \"database\"\nlivez check passed\n".to_owned()
        )
    );
    // An attacker's name cannot forge lines: it is quoted and escaped.
    let (_, forged) = body(
        &server,
        "/livez?exclude=%0A%5B%2B%5Dx%20ok%1B%5B2K%22&verbose",
    )
    .await;
    assert_eq!(forged.lines().count(), 4, "{forged:?}");
    assert!(
        forged.contains(r#"no matches for "\n[+]x ok\u{1b}[2K\"""#),
        "{forged:?}"
    );
    server.stop().await;
}

#[actix_web::test]
async fn a_single_check_answers_ok_or_its_reason() {
    let (up, runs) = (Arc::new(AtomicBool::new(false)), Counter::default());
    let server = serve(service(&up, &runs));

    let answer = probe(&server, "GET", "/readyz/database").await;
    assert_eq!(
        (answer.0, &*answer.1, &*answer.2, &*answer.3),
        (
            500,
            "text/plain; charset=utf-8",
            "nosniff",
            "internal server error: connection refused\n"
        )
    );
    for path in [
        "/readyz/cache",
        "/readyz/ping",
        "/readyz/shutdown",
        "/livez/ping",
        "/livez/event-loop",
        "/startupz/migrations",
    ] {
        assert_eq!(body(&server, path).await, (200, "ok".to_owned()), "{path}");
    }
    let head = probe(&server, "HEAD", "/readyz/database").await;
    assert_eq!((head.0, head.3.as_str()), (500, ""));

    for (path, message) in [
        ("/livez/database", "/livez has no check named `database`"),
        (
            "/startupz/shutdown",
            "/startupz has no check named `shutdown`",
        ),
        ("/readyz/nope", "/readyz has no check named `nope`"),
    ] {
        let (status, body) = get_json(&server.url(path)).await;
        assert_eq!((status, body["error"].as_str()), (404, Some(message)));
    }
    server.stop().await;
}

#[actix_web::test]
async fn other_formats_by_query_or_accept() {
    let (up, runs) = (Arc::new(AtomicBool::new(false)), Counter::default());
    let server = serve(service(&up, &runs));

    let (status, json) = get_json(&server.url("/readyz?format=json")).await;
    assert_eq!(status, 500);
    let names: Vec<&str> = json["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|result| result["checker"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "ping",
            "event-loop",
            "cache",
            "database",
            "queue",
            "shutdown"
        ]
    );
    assert_eq!(json["results"][3]["output"], "connection refused");

    let response = client()
        .get(server.url("/livez"))
        .header("Accept", "application/health+json")
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.headers()["content-type"],
        "application/health+json"
    );
    assert_eq!(response.headers()["x-content-type-options"], "nosniff");
    let ietf: serde_json::Value = response.json().await.unwrap();
    assert_eq!(ietf["status"], "pass");

    let (status, json) = get_json(&server.url("/readyz/database?format=json")).await;
    assert_eq!(
        (status, json["results"][0]["checker"].as_str()),
        (500, Some("database"))
    );

    let (status, json) = get_json(&server.url("/readyz?format=yaml")).await;
    assert_eq!(status, 400);
    assert!(json["error"]
        .as_str()
        .unwrap()
        .contains("unknown format `yaml`"));
    server.stop().await;
}

#[actix_web::test]
async fn the_failure_status_follows_the_policy_and_non_critical_failures_do_not_fail() {
    let health = HealthCheck::empty()
        .add_check("database", || (false, "down"))
        .add_check_with("cache", CheckOptions::new().critical(false), || {
            (false, "cold")
        })
        .failed_status(503);
    let server = serve(health);
    assert_eq!(
        body(&server, "/readyz").await,
        (
            503,
            "[+]ping ok\n[-]database failed: reason withheld\n[-]cache failed: reason withheld\n[+]shutdown ok\nreadyz check failed\n".to_owned()
        )
    );
    assert_eq!(
        body(&server, "/readyz?exclude=database").await,
        (200, "ok".to_owned()),
        "a non-critical failure alone does not fail the probe"
    );
    assert_eq!(
        body(&server, "/readyz/cache").await,
        (503, "internal server error: cold\n".to_owned()),
        "but its own check does"
    );
    server.stop().await;
}

#[actix_web::test]
async fn startup_latches_once_passed_and_never_runs_its_checks_again() {
    let ready = Arc::new(AtomicBool::new(false));
    let runs = Counter::default();
    let (flag, counted) = (Arc::clone(&ready), runs.clone());
    let health = HealthCheck::empty()
        .add_check_with(
            "migrations",
            CheckOptions::new().tag("startup"),
            move || {
                counted.bump();
                (flag.load(Ordering::SeqCst), "pending")
            },
        )
        .no_cache();
    let server = serve(health);

    assert_eq!(body(&server, "/startupz").await.0, 500);
    assert_eq!(body(&server, "/startupz?exclude=migrations").await.0, 200);
    assert_eq!(runs.get(), 1);
    assert_eq!(
        body(&server, "/startupz").await.0,
        500,
        "a pass with exclusions does not latch"
    );
    assert_eq!(runs.get(), 2);

    ready.store(true, Ordering::SeqCst);
    assert_eq!(body(&server, "/startupz").await, (200, "ok".to_owned()));
    assert_eq!(runs.get(), 3);
    ready.store(false, Ordering::SeqCst);
    for _ in 0..5 {
        assert_eq!(body(&server, "/startupz").await, (200, "ok".to_owned()));
    }
    assert_eq!(
        body(&server, "/startupz?verbose").await.1,
        "[+]ping ok\n[+]migrations ok\nstartupz check passed\n"
    );
    assert_eq!(
        body(&server, "/startupz/migrations").await,
        (200, "ok".to_owned())
    );
    assert_eq!(runs.get(), 3, "latched: never run again");
    server.stop().await;
}

#[actix_web::test]
async fn other_methods_get_405_and_empty_groups_are_loud() {
    let health = HealthCheck::empty().add_check_with("db", CheckOptions::new().tag("db"), || true);
    let empty_group = health.group("nope");
    let server = TestServer::start_app(move || {
        App::new()
            .configure(health.probes())
            .service(empty_group.scope("/group"))
    });
    let (status, _, _, _) = probe(&server, "POST", "/readyz").await;
    assert_eq!(status, 405);
    let (status, _, _, _) = probe(&server, "DELETE", "/livez/ping").await;
    assert_eq!(status, 405);

    let (status, body) = get_json(&server.url("/group")).await;
    assert_eq!(status, 500, "{body}");
    assert_eq!(
        body["error"],
        "no health check is tagged `nope`: the group is empty"
    );
    server.stop().await;
}

/// This test binary registers no `#[health_check]` (and links no crate that does).
#[test]
fn new_warns_when_nothing_is_registered_and_names_the_fix() {
    let logs = logs_while(|| {
        let health = HealthCheck::new();
        assert_eq!(health.check_names().count(), 0);
    });
    assert!(logs.contains("WARN"), "{logs}");
    assert!(logs.contains("no #[health_check] is registered"), "{logs}");
    assert!(logs.contains("use my_checks as _;"), "{logs}");
    let quiet = logs_while(|| drop(HealthCheck::empty()));
    assert!(quiet.is_empty(), "empty() is on purpose: {quiet}");
}
