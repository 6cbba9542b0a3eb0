//! Failures are logged through `tracing` at WARN/ERROR with check, output and duration;
//! passes at DEBUG; `log_on_failure(false)` silences failures.

use std::io::Write;
use std::sync::{Arc, Mutex};

use healthcheck::{CheckOptions, HealthCheck};

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Captured {
    fn text(&self) -> String {
        String::from_utf8(self.0.lock().unwrap().clone()).unwrap()
    }
}

/// Runs `health` once with a subscriber that captures everything at DEBUG and above.
async fn logs_of(health: HealthCheck) -> String {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::DEBUG)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    // Current-thread runtime: the checks' tasks run on this thread, under this subscriber.
    let _guard = tracing::subscriber::set_default(subscriber);
    health.run().await;
    captured.text()
}

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
