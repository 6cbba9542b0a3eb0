//! Serves the probes, `/healthcheck` and `/slow` on 127.0.0.1 with `health.shutdown_signal`
//! and a drain of `DRAIN_MS`, logging to stderr; prints `listening on ADDR` once bound. Started
//! by tests/shutdown.rs, which sends it real signals.

use std::time::Duration;

use actix_web::{web, App, HttpServer};
use healthcheck::{CheckOptions, HealthCheck};

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    tracing_subscriber::fmt()
        .with_ansi(false)
        .with_writer(std::io::stderr)
        .init();
    let drain_ms = std::env::var("DRAIN_MS")
        .ok()
        .and_then(|ms| ms.parse().ok())
        .unwrap_or(3_000);
    let health = HealthCheck::empty()
        .add_check_with("event-loop", CheckOptions::new().tag("live"), || true)
        .add_check("database", || (true, "SELECT 1 answered"));
    let drain = health.shutdown_signal(Duration::from_millis(drain_ms));
    let server = HttpServer::new(move || {
        App::new()
            .configure(health.probes())
            .service(health.scope("/healthcheck"))
            .route(
                "/slow",
                web::get().to(|| async {
                    actix_web::rt::time::sleep(Duration::from_millis(500)).await;
                    "slow answer"
                }),
            )
    })
    .workers(1)
    .shutdown_signal(drain)
    .shutdown_timeout(5)
    .bind(("127.0.0.1", 0))?;
    println!("listening on {}", server.addrs()[0]);
    server.run().await
}
