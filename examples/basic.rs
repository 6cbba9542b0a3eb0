//! py-healthcheck's Flask example, in Rust.
//!
//! ```sh
//! cargo run --example basic          # then: curl localhost:5000/healthcheck
//!                                    #       curl localhost:5000/environment
//! REDIS_URL=redis://127.0.0.1:6379 PORT=8080 cargo run --example basic
//! ENVIRONMENT_TOKEN=s3cret cargo run --example basic   # /environment needs the bearer token
//! ```

use actix_web::{App, HttpServer};
use healthcheck::{env_section, health_check, EnvironmentDump, HealthCheck};
use serde_json::{json, Value};

// The application's crate, version and dependencies, for the `rust` section.
healthcheck::build_info!();

/// A check that passes, as in the seed.
#[health_check]
#[allow(clippy::eq_op)] // the seed's example, kept as written
fn addition_works() -> (bool, &'static str) {
    (1 + 1 == 2, "addition works")
}

/// A real dependency: a PING to Redis at `REDIS_URL`.
#[health_check(name = "redis", tags("ready"), timeout = "2s")]
async fn redis_available() -> Result<String, String> {
    let url = std::env::var("REDIS_URL").unwrap_or_else(|_| "redis://127.0.0.1:6379".to_owned());
    let client = redis::Client::open(url.as_str()).map_err(|error| error.to_string())?;
    // The address only: the URL may hold a password.
    let address = client.get_connection_info().addr().to_string();
    let mut connection = client
        .get_multiplexed_async_connection()
        .await
        .map_err(|error| format!("redis at {address}: {error}"))?;
    let pong: String = redis::cmd("PING")
        .query_async(&mut connection)
        .await
        .map_err(|error| format!("redis at {address}: {error}"))?;
    Ok(format!("redis at {address} answered {pong}"))
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

    let health = HealthCheck::new().add_section("application", application);
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
