//! Kubernetes' probes and a drain on shutdown.
//!
//! ```sh
//! cargo run --example kubernetes                    # HOST (127.0.0.1) and PORT (8080) to change
//! curl -i 'http://127.0.0.1:8080/readyz?verbose'    # [+]ping ok … readyz check passed
//! ```
//!
//! Press Ctrl-C (or send SIGTERM): for the drain (10 s), `/readyz` fails with
//! `[-]shutdown failed: reason withheld` while `/livez` and every other route keep answering;
//! then actix-web stops, waiting up to 20 s for requests in flight. A second Ctrl-C skips the
//! drain. The README's Deployment snippet uses these numbers.

use std::time::Duration;

use actix_web::{web, App, HttpServer};
use healthcheck::{health_check, HealthCheck};

/// Live: the process itself works. Only what a restart would fix belongs here.
#[health_check(tags("live"))]
fn event_loop() -> bool {
    true
}

/// Ready (untagged checks are too): a dependency. Its outage takes the pod out of rotation;
/// it never restarts it.
#[health_check(name = "database", timeout = "2s")]
async fn database() -> Result<&'static str, String> {
    Ok("SELECT 1 answered")
}

/// Startup: run until it passes once, then never again.
#[health_check(name = "migrations", tags("startup"))]
fn migrations() -> (bool, &'static str) {
    (true, "schema at version 42")
}

/// How long `/readyz` fails before the server stops: more than the readiness probe's
/// `periodSeconds × failureThreshold` (5 s × 1), so that the kubelet sees it.
const DRAIN: Duration = Duration::from_secs(10);
/// How long actix-web then waits for requests in flight. `DRAIN` plus this stays under the
/// pod's `terminationGracePeriodSeconds` (35).
const SHUTDOWN_TIMEOUT_SECS: u64 = 20;

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let host = std::env::var("HOST").unwrap_or_else(|_| "127.0.0.1".to_owned());
    let port: u16 = std::env::var("PORT")
        .ok()
        .and_then(|port| port.parse().ok())
        .unwrap_or(8080);

    // Below the probes' `timeoutSeconds` (3), so that a hung check fails the probe with a
    // reason instead of the kubelet giving up on the request.
    let health = HealthCheck::new().timeout(Duration::from_secs(2));
    let drain = health.shutdown_signal(DRAIN);
    println!("serving /livez, /readyz and /startupz on http://{host}:{port}");
    HttpServer::new(move || {
        App::new()
            .configure(health.probes())
            .service(health.scope("/healthcheck"))
            .route("/", web::get().to(|| async { "hello" }))
    })
    .shutdown_signal(drain)
    .shutdown_timeout(SHUTDOWN_TIMEOUT_SECS)
    .bind((host.as_str(), port))?
    .run()
    .await
}
