//! [`postgres()`]: a connection of its own per run, `SELECT 1`.

use std::pin::pin;
use std::time::Instant;

use tokio_postgres::config::Host;
use tokio_postgres::{Config, NoTls};

use super::reason::reason;
use super::secrets::Secrets;
use super::{millis_since, Check};
use crate::outcome::Outcome;

/// A check that connects to PostgreSQL and runs `SELECT 1`; see [`postgres()`].
#[derive(Clone)]
pub struct Postgres {
    config: Result<Config, String>,
    secrets: Secrets,
}

/// Connects to the PostgreSQL server of `url` on every run and passes when `SELECT 1`
/// answers: `PostgreSQL 15.8 answered SELECT 1 in 1.2 ms`, with the time to connect, log in
/// and answer as the observed value in `ms`.
///
/// `url` is a `postgres://` URL or a `host=… user=…` string, as `libpq` and
/// [`tokio-postgres`](https://docs.rs/tokio-postgres) read them; the connection shows as
/// `healthcheck` in `pg_stat_activity` unless it sets `application_name`. The connection
/// is driven inside the check's own future, never by a spawned task: it is closed when the
/// run ends, and when the run misses its deadline (its future is dropped). The check's
/// deadline is the only timeout. Failures name the server and the reason, never the
/// password (`PostgreSQL at db:5432: password authentication failed for user "app"`); a URL
/// that does not parse fails every run.
///
/// Feature `postgres`. Without TLS: a server that requires it refuses the connection
/// (`sslmode=require` fails rather than sending the password in clear).
///
/// ```
/// use healthcheck::{checks, HealthCheck};
///
/// let health = HealthCheck::empty()
///     .add_check("postgres", checks::postgres("postgres://app:password@127.0.0.1/app"));
/// ```
pub fn postgres(url: impl AsRef<str>) -> Postgres {
    let url = url.as_ref();
    let mut secrets = Secrets::of(url);
    let config = url.parse::<Config>().map_err(|error| {
        format!(
            "invalid PostgreSQL URL (not shown: it may hold a password): {}",
            secrets.mask(&error.to_string())
        )
    });
    let config = config.map(|mut config| {
        secrets.add(
            config
                .get_password()
                .and_then(|pw| std::str::from_utf8(pw).ok()),
        );
        if config.get_application_name().is_none() {
            config.application_name("healthcheck");
        }
        config
    });
    Postgres { config, secrets }
}

impl Check for Postgres {
    async fn run(&self) -> Outcome {
        let config = match &self.config {
            Ok(config) => config,
            Err(reason) => return Outcome::fail(reason.clone()),
        };
        let start = Instant::now();
        let answered = async {
            let (client, connection) = config.connect(NoTls).await.map_err(|e| reason(&e))?;
            let version = connection
                .parameter("server_version")
                .and_then(|version| version.split_whitespace().next())
                .map(str::to_owned);
            // Polled here rather than spawned, so that dropping this future closes it.
            let mut connection = pin!(connection);
            let answer = tokio::select! {
                answer = client.simple_query("SELECT 1") => answer.map(drop).map_err(|e| reason(&e)),
                closed = &mut connection => Err(closed.err().map_or_else(
                    || "the server closed the connection before answering".to_owned(),
                    |error| reason(&error),
                )),
            };
            let millis = millis_since(start);
            // Dropping the client makes the connection say goodbye (Terminate) and end.
            drop(client);
            let _ = connection.await;
            answer.map(|()| (version, millis))
        };
        match answered.await {
            Ok((version, millis)) => {
                let server = match version {
                    Some(version) => format!("PostgreSQL {version}"),
                    None => "PostgreSQL".to_owned(),
                };
                Outcome::pass(format!("{server} answered SELECT 1 in {millis:.1} ms"))
                    .observed(millis, "ms")
            }
            Err(error) => Outcome::fail(format!(
                "PostgreSQL at {}: {}",
                self.secrets.mask(&target(config)),
                self.secrets.mask(&error)
            ))
            .observed(millis_since(start), "ms"),
        }
    }
}

/// `host:port` of each server `config` names.
fn target(config: &Config) -> String {
    let ports = config.get_ports();
    let port = |index: usize| ports.get(index).or(ports.first()).copied().unwrap_or(5432);
    let hosts: Vec<String> = config
        .get_hosts()
        .iter()
        .enumerate()
        .map(|(index, host)| match host {
            Host::Tcp(name) => format!("{name}:{}", port(index)),
            Host::Unix(path) => path.display().to_string(),
        })
        .collect();
    if hosts.is_empty() {
        "the default server".to_owned()
    } else {
        hosts.join(",")
    }
}

impl std::fmt::Debug for Postgres {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut debug = f.debug_struct("Postgres");
        match &self.config {
            Ok(config) => debug.field("target", &self.secrets.mask(&target(config))),
            Err(reason) => debug.field("invalid", reason),
        };
        debug.finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_invalid_url_fails_without_showing_it() {
        let check = postgres("postgres://app:hunter2@db:notaport/app");
        let reason = check.config.as_ref().unwrap_err();
        assert!(reason.starts_with("invalid PostgreSQL URL"), "{reason}");
        assert!(!reason.contains("hunter2"), "{reason}");
    }

    #[test]
    fn the_target_never_shows_the_password() {
        let check = postgres("postgres://app:p4ss@w0rd@db:5433/app");
        let debug = format!("{check:?}");
        assert!(
            !debug.contains("p4ss") && !debug.contains("w0rd"),
            "{debug}"
        );
        let check = postgres("host=db port=5433 user=app password=hunter2");
        assert!(format!("{check:?}").contains("db:5433"), "{check:?}");
    }
}
