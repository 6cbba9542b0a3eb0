//! Failures are logged through `tracing` at WARN/ERROR with check, output and duration;
//! passes at DEBUG; `log_on_failure(false)` silences failures.

mod support;

use healthcheck::{CheckOptions, HealthCheck};
use support::logs_of;

fn mixed() -> HealthCheck {
    HealthCheck::empty()
        .add_check("db", || (false, "db unreachable"))
        .add_check_with("cache", CheckOptions::new().critical(false), || {
            (false, "cache cold")
        })
        .add_check("api", || (true, "api ok"))
}

#[tokio::test(flavor = "current_thread")]
async fn failures_are_logged_with_check_output_and_duration() {
    let logs = logs_of(mixed()).await;
    let line = |needle: &str| {
        logs.lines()
            .find(|l| l.contains(needle))
            .unwrap_or_default()
            .to_owned()
    };

    let db = line("check=\"db\"");
    assert!(db.contains("ERROR"), "{logs}");
    assert!(
        db.contains("output=\"db unreachable\"") && db.contains("response_time="),
        "{db}"
    );
    assert!(line("check=\"cache\"").contains("WARN"), "{logs}");
    assert!(line("check=\"api\"").contains("DEBUG"), "{logs}");
}

#[tokio::test(flavor = "current_thread")]
async fn log_on_failure_false_silences_failures() {
    let logs = logs_of(mixed().log_on_failure(false)).await;
    assert!(!logs.contains("check=\"db\""), "{logs}");
    assert!(!logs.contains("check=\"cache\""), "{logs}");
    assert!(
        logs.contains("check=\"api\""),
        "passes are still logged at DEBUG: {logs}"
    );
}
