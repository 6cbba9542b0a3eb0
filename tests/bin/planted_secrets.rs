//! Serves `/environment` (open), `/protected` (bearer token from `ENVIRONMENT_TOKEN`) and
//! `/healthcheck` on 127.0.0.1 with secrets planted in its configuration, sections and check
//! failures; the test that starts it plants more in its environment and argv. Logs everything
//! to stderr, as a service would. Prints `listening on ADDR` once bound.

use actix_web::{App, HttpServer};
use healthcheck::{env_section, health_check, EnvironmentDump, HealthCheck};
use serde_json::{json, Value};

healthcheck::build_info!();

#[env_section]
fn payments() -> Value {
    json!({
        "provider": "stripe",
        "api_key": "planted-section-secret-1",
        "webhook": "https://hooks:planted-section-secret-2@payments.example.com/in",
        "headers": ["Authorization: Bearer planted-section-secret-3"],
    })
}

#[env_section]
fn exploding() -> Value {
    panic!("section exploded")
}

#[env_section]
async fn unreachable() -> Result<Value, String> {
    Err("vault unreachable".to_owned())
}

#[health_check]
fn database() -> Result<u8, String> {
    Err("connect postgres://app:planted-check-secret-1@db:5432/orders refused".to_owned())
}

#[health_check]
async fn vault() -> bool {
    panic!(
        "{}",
        "vault rejected X-Vault-Token: hvs.planted-check-secret-2 (token=planted-check-secret-2)"
    )
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    tracing_subscriber::fmt()
        .with_max_level(tracing_subscriber::filter::LevelFilter::DEBUG)
        .with_ansi(false)
        .with_writer(std::io::stderr)
        .init();
    let config = json!({
        "database_url": "postgres://app:planted-config-secret-1@db/orders",
        "nested": { "deeper": { "Client_Secret": "planted-config-secret-2" } },
        "tls": { "key": "-----BEGIN PRIVATE KEY-----\nplanted-config-secret-3\n-----END PRIVATE KEY-----" },
        "workers": 4,
    });
    let open = EnvironmentDump::new().config(&config);
    let token = std::env::var("ENVIRONMENT_TOKEN").unwrap_or_default();
    let protected = open.clone().bearer_token(token);
    let health = HealthCheck::new();
    let server = HttpServer::new(move || {
        App::new()
            .service(health.scope("/healthcheck"))
            .service(open.scope("/environment"))
            .service(protected.scope("/protected"))
    })
    .workers(1)
    .bind(("127.0.0.1", 0))?;
    println!("listening on {}", server.addrs()[0]);
    server.run().await
}
