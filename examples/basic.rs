//! py-healthcheck's Flask example, in Rust.
//!
//! ```sh
//! cargo run --example basic          # healthy on its own; then: curl localhost:5000/healthcheck
//!                                    #                           curl localhost:5000/environment
//! REDIS_URL=redis://127.0.0.1:6379 PORT=8080 cargo run --example basic   # adds a Redis PING
//! ENVIRONMENT_TOKEN=s3cret cargo run --example basic   # /environment needs the bearer token
//! ```

use std::time::Duration;

use actix_web::{App, HttpServer};
use healthcheck::{checks, env_section, health_check, CheckOptions, EnvironmentDump, HealthCheck};
use serde_json::{json, Value};

// The application's crate, version and dependencies, for the `rust` section.
healthcheck::build_info!();

/// A check that passes, as in the seed.
#[health_check]
#[allow(clippy::eq_op)] // the seed's example, kept as written
fn addition_works() -> (bool, &'static str) {
    (1 + 1 == 2, "addition works")
}

/// The seed's custom section, in the health report and the environment dump alike.
#[env_section(name = "application")]
fn application() -> Value {
    json!({
        "maintainer": "Luis Fernando Gomes",
        "git_repo": "https://github.com/ateliedocodigo/py-healthcheck",
    })
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

    let mut health = HealthCheck::new().add_section("application", application);
    // A real dependency, when there is one: the built-in PING (feature `redis`).
    match std::env::var("REDIS_URL") {
        Ok(url) => {
            let options = CheckOptions::new()
                .tag("ready")
                .timeout(Duration::from_secs(2));
            health = health.add_check_with("redis", options, checks::redis(url));
        }
        Err(_) => {
            println!("no REDIS_URL: set REDIS_URL=redis://127.0.0.1:6379 to check a Redis too")
        }
    }
    let mut environment = EnvironmentDump::new().config(&json!({
        "port": port,
        "redis_url": std::env::var("REDIS_URL").ok(),
    }));
    // The dump shows process details: outside a demo, protect it or serve it internally.
    if let Ok(token) = std::env::var("ENVIRONMENT_TOKEN") {
        environment = environment.bearer_token(token);
    }

    println!("serving http://127.0.0.1:{port}/healthcheck and /environment");
    HttpServer::new(move || {
        App::new()
            .service(health.scope("/healthcheck"))
            .service(environment.scope("/environment"))
    })
    .bind(("127.0.0.1", port))?
    .run()
    .await
}
