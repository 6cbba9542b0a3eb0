//! The checks served with axum: `/healthcheck`, the Kubernetes probes and `/environment`, the
//! same answers as the actix-web glue gives, a drain on shutdown, and `--probe` for Docker's
//! `HEALTHCHECK` in a distroless image.
//!
//! ```sh
//! cargo run --example axum                          # HOST (127.0.0.1) and PORT (8080) to change
//! curl -i 'http://127.0.0.1:8080/readyz?verbose'    # [+]ping ok … readyz check passed
//! curl -i http://127.0.0.1:8080/healthcheck/disk
//! cargo run --example axum -- --probe               # exit 0: /livez answered 200 OK
//! ```
//!
//! `axum::serve` sends header names in lower case (hyper's default); serve with hyper's
//! `http1::Builder::title_case_headers(true)` where a monitor matches `Content-Type`
//! case-sensitively.

use std::time::Duration;

use axum::Router;
use healthcheck::{health_check, EnvironmentDump, HealthCheck};

/// Live: the process itself works.
#[health_check(tags("live"))]
fn event_loop() -> bool {
    true
}

/// Ready: a dependency, here the scratch directory.
#[health_check(name = "disk", timeout = "2s")]
async fn scratch_writable() -> Result<&'static str, std::io::Error> {
    let path = std::env::temp_dir().join("axum-example-probe");
    tokio::fs::write(&path, b"ok").await?;
    tokio::fs::remove_file(&path).await?;
    Ok("the scratch directory is writable")
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    // First thing: `app --probe` GETs /livez on PORT and exits 0 or 1.
    healthcheck::probe::run_if_requested();
    let host = std::env::var("HOST").unwrap_or_else(|_| "127.0.0.1".to_owned());
    let port: u16 = std::env::var("PORT")
        .ok()
        .and_then(|port| port.parse().ok())
        .unwrap_or(healthcheck::probe::DEFAULT_PORT);
    let health = HealthCheck::new().add_section("version", env!("CARGO_PKG_VERSION"));
    let environment = EnvironmentDump::new();
    let app = Router::new()
        .nest_service("/healthcheck", health.axum_router())
        .merge(health.axum_probes())
        .nest_service("/environment", environment.axum_router());
    let drain = health.shutdown_signal(Duration::from_secs(10));
    let listener = tokio::net::TcpListener::bind((host.as_str(), port)).await?;
    println!("serving http://{}/healthcheck", listener.local_addr()?);
    axum::serve(listener, app)
        .with_graceful_shutdown(drain)
        .await
}
