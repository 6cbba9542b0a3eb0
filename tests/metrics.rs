//! Prometheus metrics from a real server: a scrape runs nothing and never waits, the output
//! passes `promtool check metrics`, and a real Prometheus scrapes it and answers a query.
//! promtool and prometheus come from Debian's `prometheus` package.

mod support;

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::Duration;

use actix_web::App;
use healthcheck::{CheckOptions, HealthCheck, Outcome};
use serde_json::Value;
use support::axum_server::{exchange, AxumServer, HeaderCase};
use support::servers::Server;
use support::{client, eventually, get_text, Counter, Gate, TestServer};

fn serve(health: HealthCheck) -> TestServer {
    TestServer::start_app(move || {
        App::new()
            .service(health.scope("/healthcheck"))
            .service(health.metrics_scope("/metrics"))
    })
}

/// One check of each kind: passing, warning, failing (non-critical), a name that needs
/// escaping, and a background check whose every run after the first hangs behind `gate`.
fn mixed(runs: &Counter, gate: &Gate) -> HealthCheck {
    let (runs, gate) = (runs.clone(), gate.clone());
    HealthCheck::empty()
        .add_check("db", || (true, "SELECT 1"))
        .add_check("replica", || Outcome::warn("lagging 3 s"))
        .add_check_with("cache", CheckOptions::new().critical(false), || {
            (false, "refused")
        })
        .add_check(r#"quoted "name" \ here"#, || true)
        .add_check_with(
            "hung",
            CheckOptions::new()
                .interval(Duration::from_millis(100))
                .stale_after(Duration::from_secs(60))
                .timeout(Duration::from_secs(60)),
            move || {
                if runs.bump() > 1 {
                    gate.wait();
                }
                true
            },
        )
}

#[actix_web::test]
async fn a_scrape_runs_nothing_never_waits_and_answers_200() {
    let runs = Counter::default();
    let gate = Gate::default();
    let calls = Counter::default();
    let counting = calls.clone();
    let health = mixed(&runs, &gate).add_check("counted", move || {
        counting.bump();
        true
    });
    let server = serve(health);
    let scrape = server.url("/metrics");

    let before = get_text(&scrape).await;
    assert!(
        before.contains("healthcheck_check_up{check=\"db\"} 0\n"),
        "not run yet:\n{before}"
    );
    assert!(
        eventually(|| runs.get() == 2).await,
        "the second background run hangs"
    );
    get_text(&server.url("/healthcheck")).await;
    assert_eq!(calls.get(), 1);

    for _ in 0..50 {
        let response = client().get(&scrape).send().await.unwrap();
        assert_eq!(response.status(), 200);
        let content_type = response.headers()["content-type"]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(
            content_type.starts_with("application/openmetrics-text"),
            "{content_type}"
        );
        response.text().await.unwrap();
    }
    assert_eq!(calls.get(), 1, "no scrape ran a check");
    assert_eq!(runs.get(), 2, "nor started a background run");

    let text = get_text(&scrape).await;
    for line in [
        "healthcheck_check_up{check=\"db\"} 1",
        "healthcheck_check_up{check=\"replica\"} 1",
        "healthcheck_check_up{check=\"cache\"} 0",
        "healthcheck_check_up{check=\"hung\"} 1",
        r#"healthcheck_check_up{check="quoted \"name\" \\ here"} 1"#,
        "healthcheck_check_runs_total{check=\"replica\",outcome=\"warn\"} 1",
        "healthcheck_check_runs_total{check=\"cache\",outcome=\"fail\"} 1",
        "healthcheck_check_runs_total{check=\"hung\",outcome=\"pass\"} 1",
        "healthcheck_check_duration_seconds_count{check=\"db\"} 1",
        "healthcheck_check_duration_seconds_bucket{le=\"+Inf\",check=\"db\"} 1",
        "healthcheck_up 1",
    ] {
        assert!(text.lines().any(|l| l == line), "no `{line}` in:\n{text}");
    }
    assert!(text.contains("healthcheck_check_last_success_timestamp_seconds{check=\"db\"} 1"));
    assert!(
        !text.contains("last_success_timestamp_seconds{check=\"cache\"}"),
        "never passed"
    );
    gate.open();
    server.stop().await;
}

#[actix_web::test]
async fn a_critical_failure_puts_the_service_down() {
    let server = serve(HealthCheck::empty().add_check("db", || (false, "refused")));
    get_text(&server.url("/healthcheck")).await;
    let text = get_text(&server.url("/metrics")).await;
    assert!(text.lines().any(|l| l == "healthcheck_up 0"), "{text}");
    server.stop().await;
}

#[actix_web::test]
async fn promtool_finds_nothing_wrong_with_the_output() {
    let runs = Counter::default();
    let gate = Gate::default();
    let server = serve(mixed(&runs, &gate));
    get_text(&server.url("/healthcheck")).await;
    assert!(eventually(|| runs.get() >= 1).await);
    let text = get_text(&server.url("/metrics")).await;

    let mut promtool = Command::new("promtool")
        .args(["check", "metrics"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("promtool (Debian's prometheus package)");
    promtool
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let output = promtool.wait_with_output().unwrap();
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    // OpenMetrics puts HELP on the family (`healthcheck_check_runs`), and promtool looks for
    // it on the sample's name: the one complaint it makes of every OpenMetrics counter.
    let complaints: Vec<&str> = said
        .lines()
        .filter(|line| !line.trim().is_empty())
        .filter(|line| *line != "healthcheck_check_runs_total no help text")
        .collect();
    assert!(complaints.is_empty(), "promtool: {said}\non:\n{text}");
    gate.open();
    server.stop().await;
}

#[actix_web::test]
async fn a_real_prometheus_scrapes_the_server_and_answers_a_query() {
    let runs = Counter::default();
    let gate = Gate::default();
    let server = serve(mixed(&runs, &gate));
    get_text(&server.url("/healthcheck")).await;
    let prometheus = Server::prometheus(server.addr, "/metrics");
    let query = format!(
        "{}/api/v1/query?query=healthcheck_check_up",
        prometheus.url()
    );

    let mut values = Vec::new();
    for _ in 0..120 {
        let body: Value = client()
            .get(&query)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        values = body["data"]["result"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|series| {
                let check = series["metric"]["check"].as_str().unwrap().to_owned();
                (check, series["value"][1].as_str().unwrap().to_owned())
            })
            .collect();
        values.sort();
        if values.len() == 5 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    let expected: Vec<(String, String)> = [
        ("cache", "0"),
        ("db", "1"),
        ("hung", "1"),
        (r#"quoted "name" \ here"#, "1"),
        ("replica", "1"),
    ]
    .iter()
    .map(|(check, value)| ((*check).to_owned(), (*value).to_owned()))
    .collect();
    assert_eq!(values, expected, "Prometheus' log:\n{}", prometheus.log());
    let up = format!("{}/api/v1/query?query=healthcheck_up", prometheus.url());
    let body: Value = client()
        .get(&up)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(body["data"]["result"][0]["value"][1], "1", "{body}");
    drop(prometheus);
    gate.open();
    server.stop().await;
}

#[actix_web::test]
async fn both_glues_answer_a_scrape_alike() {
    let health = HealthCheck::empty().add_check("db", || (true, "SELECT 1"));
    health.run().await;
    let actix = serve(health.clone());
    let router = axum::Router::new().nest_service("/metrics", health.axum_metrics());
    let axum = AxumServer::start(router, HeaderCase::Lower).await;

    for addr in [actix.addr, axum.addr] {
        let scrape = exchange(addr, "GET", "/metrics", &[]).await;
        assert_eq!(scrape.status, 200);
        let body = String::from_utf8(scrape.body).unwrap();
        assert!(
            body.contains("healthcheck_check_up{check=\"db\"} 1\n"),
            "{body}"
        );
        let posted = exchange(addr, "POST", "/metrics", &[]).await;
        assert_eq!(
            (posted.status, posted.header("allow")),
            (405, Some("GET, HEAD"))
        );
    }
    actix.stop().await;
}

#[actix_web::test]
async fn check_up_is_what_requests_see_with_the_error_handler() {
    let health = HealthCheck::empty()
        .add_check("queue", || Err::<(), _>("broker unreachable"))
        .error_handler(|error| Outcome::warn(format!("degraded: {}", error.message)));
    let server = serve(health);
    let report = get_text(&server.url("/healthcheck")).await;
    assert!(report.contains("degraded: broker unreachable"), "{report}");
    let text = get_text(&server.url("/metrics")).await;
    assert!(
        text.lines()
            .any(|l| l == "healthcheck_check_up{check=\"queue\"} 1"),
        "{text}"
    );
    assert!(text.lines().any(|l| l == "healthcheck_up 1"), "{text}");
    let runs = r#"healthcheck_check_runs_total{check="queue",outcome="fail"} 1"#;
    assert!(
        text.lines().any(|l| l == runs),
        "runs are counted as they ended: {text}"
    );
    server.stop().await;
}
