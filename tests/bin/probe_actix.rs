//! `probe-actix [--probe [URL]]`: probes and exits, or serves the probes and `/healthcheck`
//! with actix-web on 127.0.0.1 (`/readyz` failing) and prints `listening on ADDR`. Started by
//! tests/probe_command.rs.

use actix_web::{App, HttpServer};
use healthcheck::{CheckOptions, HealthCheck};

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    healthcheck::probe::run_if_requested();
    let health = HealthCheck::empty()
        .add_check_with("event-loop", CheckOptions::new().tag("live"), || true)
        .add_check("database", || (false, "connection refused"));
    let server = HttpServer::new(move || {
        App::new()
            .configure(health.probes())
            .service(health.scope("/healthcheck"))
    })
    .workers(1)
    .bind(("127.0.0.1", 0))?;
    println!("listening on {}", server.addrs()[0]);
    server.run().await
}
