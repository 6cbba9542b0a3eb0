//! `#[health_check]` end to end: every accepted shape, the registry, a second crate; and the
//! sections `#[env_section]` registers.

mod support;

use std::sync::atomic::{AtomicUsize, Ordering};

use healthcheck::{env_section, health_check, registry, ErrorKind, HealthCheck, Outcome, Status};
// Checks in a library crate are collected once it is linked.
use remote_checks as _;
use support::{get_json, TestServer};

#[health_check]
fn tuple_check() -> (bool, String) {
    (true, "tuple ok".to_owned())
}

#[health_check(name = "plain-bool")]
fn plain_bool() -> bool {
    true
}

#[health_check(
    name = "result-err",
    tags("ready", "db"),
    critical = false,
    failed_ttl = "1m"
)]
async fn result_err() -> Result<u32, std::io::Error> {
    Err(std::io::Error::other("connection refused"))
}

static OUTCOME_RUNS: AtomicUsize = AtomicUsize::new(0);

#[health_check(name = "disk", success_ttl = "0s", timeout = "1s")]
fn disk() -> Outcome {
    OUTCOME_RUNS.fetch_add(1, Ordering::SeqCst);
    Outcome::warn("91% used").observed(91.0, "%")
}

#[health_check(name = "hangs", timeout = "300ms", tags("slow"))]
async fn hangs() -> bool {
    std::future::pending().await
}

#[health_check]
fn r#type() -> bool {
    true
}

macro_rules! declare_check {
    ($name:ident) => {
        #[health_check]
        fn $name() -> (bool, &'static str) {
            (true, stringify!($name))
        }
    };
}

declare_check!(from_macro_rules);

#[env_section(name = "registry-section")]
fn registry_section() -> &'static str {
    "listed"
}

fn line_of(needle: &str) -> u32 {
    let source = include_str!("registry.rs");
    let index = source
        .lines()
        .position(|line| line.contains(needle))
        .unwrap();
    u32::try_from(index).unwrap() + 1
}

#[test]
fn the_registry_lists_every_check_in_declaration_order_with_options_and_location() {
    let names: Vec<&str> = registry::checks()
        .iter()
        .map(healthcheck::registry::RegisteredCheck::name)
        .collect();
    assert_eq!(
        names,
        // By file (tests/crates/… sorts before tests/registry.rs), then line.
        [
            "remote_ping",
            "tuple_check",
            "plain-bool",
            "result-err",
            "disk",
            "hangs",
            "type",
            "from_macro_rules",
        ]
    );

    let check = registry::check("result-err").unwrap();
    let options = check.options();
    assert_eq!(options.tags(), ["ready", "db"]);
    assert!(!options.is_critical());
    assert_eq!(
        options.own_failed_ttl(),
        Some(std::time::Duration::from_secs(60))
    );
    assert_eq!(options.own_timeout(), None);
    assert_eq!(check.module_path(), "registry");
    assert_eq!(check.location().file(), "tests/registry.rs");
    assert_eq!(check.location().line(), line_of("async fn result_err"));

    let remote = registry::check("remote_ping").unwrap();
    assert_eq!(remote.module_path(), "remote_checks");
    assert!(registry::check("missing").is_none());
    assert!(registry::validate().is_ok());
}

#[test]
fn checks_stay_ordinary_functions() {
    assert_eq!(tuple_check(), (true, "tuple ok".to_owned()));
    assert!(plain_bool());
    assert_eq!(from_macro_rules(), (true, "from_macro_rules"));
}

#[tokio::test]
async fn a_registered_check_runs_by_name() {
    let outcome = registry::check("result-err").unwrap().run().await;
    assert_eq!(
        (outcome.status(), outcome.output(), outcome.error()),
        (
            Status::Fail,
            "connection refused",
            Some(ErrorKind::Returned)
        )
    );

    let outcome = registry::check("hangs").unwrap().run().await;
    assert_eq!(outcome.output(), "timed out after 300ms");

    let outcome = registry::check("disk").unwrap().run().await;
    assert_eq!(outcome.status(), Status::Warn);
    assert_eq!(outcome.observation().unwrap().unit, "%");

    let outcome = registry::check("remote_ping").unwrap().run().await;
    assert_eq!(outcome.output(), "pong from another crate");
}

#[actix_web::test]
async fn health_check_new_serves_every_registered_check_with_its_options() {
    let server = TestServer::start(HealthCheck::new());

    let (status, body) = get_json(&server.url("/healthcheck")).await;
    assert_eq!(status, 500, "`hangs` is critical and times out: {body}");
    assert_eq!(body["results"].as_array().unwrap().len(), 8);
    let (status, body) = get_json(&server.url("/healthcheck/remote_ping")).await;
    assert_eq!(status, 200);
    assert_eq!(body["results"][0]["tags"], serde_json::json!(["remote"]));
    let (status, body) = get_json(&server.url("/healthcheck/result-err")).await;
    assert_eq!(
        status, 200,
        "a non-critical failure does not fail the service"
    );
    let result = &body["results"][0];
    let ttl = result["expires"].as_f64().unwrap() - result["timestamp"].as_f64().unwrap();
    assert!(
        (ttl - 60.0).abs() < 1e-3,
        "failed_ttl = \"1m\" applies: {ttl}"
    );

    // `success_ttl = "0s"`: never cached, so every request runs it.
    let before = OUTCOME_RUNS.load(Ordering::SeqCst);
    for _ in 0..3 {
        get_json(&server.url("/healthcheck/disk")).await;
    }
    assert_eq!(OUTCOME_RUNS.load(Ordering::SeqCst) - before, 3);
    server.stop().await;
}

#[test]
fn the_registry_lists_sections_apart_from_checks() {
    let section = registry::section("registry-section").expect("registered");
    assert_eq!(section.name(), "registry-section");
    assert_eq!(section.module_path(), "registry");
    assert_eq!(section.location().file(), "tests/registry.rs");
    assert_eq!(section.location().line(), line_of("fn registry_section"));
    assert!(registry::sections()
        .iter()
        .any(|section| section.name() == "registry-section"));
    assert!(
        registry::section("disk").is_none(),
        "a check is not a section"
    );
    assert!(registry::check("registry-section").is_none());
}
