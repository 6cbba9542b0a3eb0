//! `probe-tokio [--probe [URL]]`: probes and exits, or serves the probes and `/healthcheck`
//! with axum on 127.0.0.1 (`/readyz` failing) and prints `listening on ADDR`. Started by
//! tests/probe_command.rs.

use axum::Router;
use healthcheck::{CheckOptions, HealthCheck};

#[tokio::main]
async fn main() -> std::io::Result<()> {
    healthcheck::probe::run_if_requested();
    let health = HealthCheck::empty()
        .add_check_with("event-loop", CheckOptions::new().tag("live"), || true)
        .add_check("database", || (false, "connection refused"));
    let app = Router::new()
        .nest_service("/healthcheck", health.axum_router())
        .merge(health.axum_probes());
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0)).await?;
    println!("listening on {}", listener.local_addr()?);
    axum::serve(listener, app).await
}
