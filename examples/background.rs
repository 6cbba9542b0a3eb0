//! Background checks, flap damping, change events and Prometheus metrics.
//!
//! ```sh
//! cargo run --example background     # then: curl localhost:5000/healthcheck
//!                                    #       curl 'localhost:5000/healthcheck?history'
//!                                    #       curl localhost:5000/metrics
//! ```
//!
//! `upstream` is run every 2 s in the background, whatever the requests, and fails one run in
//! three: with `failure_threshold = 3` it stays reported passing (its output says which
//! failures were tolerated), so its status never flaps. `clock` fails every other minute: each
//! change is logged once, and announced by the `on_change` hook.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use actix_web::{App, HttpServer};
use healthcheck::{health_check, HealthCheck};

static UPSTREAM_RUNS: AtomicUsize = AtomicUsize::new(0);

#[health_check(
    interval = "2s",
    timeout = "1s",
    failure_threshold = 3,
    success_threshold = 2
)]
async fn upstream() -> Result<&'static str, &'static str> {
    if UPSTREAM_RUNS.fetch_add(1, Ordering::Relaxed) % 3 == 2 {
        Err("connection reset")
    } else {
        Ok("answered")
    }
}

#[health_check(interval = "5s", critical = false)]
fn clock() -> (bool, String) {
    let minute = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| since.as_secs() / 60);
    (minute.is_multiple_of(2), format!("minute {minute}"))
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
        )
        .init();
    let port: u16 = std::env::var("PORT")
        .ok()
        .and_then(|port| port.parse().ok())
        .unwrap_or(5000);

    let health = HealthCheck::new().history_len(5).on_change(|change| {
        // Page someone, post to a chat… here, a line on stdout.
        println!(
            "{} is now {:?}: {}",
            change.check(),
            change.to(),
            change.output()
        );
    });

    println!("serving http://127.0.0.1:{port}/healthcheck and /metrics");
    HttpServer::new(move || {
        App::new()
            .service(health.scope("/healthcheck"))
            .service(health.metrics_scope("/metrics"))
    })
    .bind(("127.0.0.1", port))?
    .run()
    .await
}
