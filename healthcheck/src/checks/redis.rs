//! [`redis()`]: a connection of its own per run, `PING`.

use std::time::Instant;

use redis::aio::ConnectionLike;
use redis::{AsyncConnectionConfig, Client, RedisError};

use super::reason::reason;
use super::secrets::Secrets;
use super::{millis_since, Check};
use crate::outcome::Outcome;

/// A check that opens a connection to Redis (or Valkey), sends `PING` and passes on `PONG`;
/// see [`redis()`].
#[derive(Clone)]
pub struct Redis {
    client: Result<Client, String>,
    secrets: Secrets,
}

/// Opens a connection to the Redis (or Valkey) server at `url` on every run, sends `PING`,
/// and passes when it answers `PONG`: `PONG from redis 7.0.15 in 0.3 ms`, with the time to
/// connect and answer as the observed value in `ms`. The server's version comes from
/// `INFO server` when the user may run it.
///
/// The connection is closed when the run ends, and when the run misses its deadline (its
/// future is dropped): nothing is left behind. The check's deadline is the only timeout.
/// Failures name the server and the reason, never the password (`redis at 10.0.0.5:6379:
/// WRONGPASS: invalid username-password pair …`); a URL that does not parse fails every run.
///
/// Feature `redis`. TCP only (`redis://`, `redis+unix://`); to probe the connection your
/// service already holds, use [`redis_manager`](super::redis_manager).
///
/// ```
/// use healthcheck::{checks, CheckOptions, HealthCheck};
/// use std::time::Duration;
///
/// let health = HealthCheck::empty().add_check_with(
///     "redis",
///     CheckOptions::new().timeout(Duration::from_secs(2)),
///     checks::redis("redis://:password@127.0.0.1:6379/0"),
/// );
/// ```
pub fn redis(url: impl AsRef<str>) -> Redis {
    let url = url.as_ref();
    let mut secrets = Secrets::of(url);
    let client = Client::open(url).map_err(|error| {
        format!(
            "invalid redis URL (not shown: it may hold a password): {}",
            secrets.mask(&error.to_string())
        )
    });
    if let Ok(client) = &client {
        secrets.add(client.get_connection_info().redis_settings().password());
    }
    Redis { client, secrets }
}

impl Check for Redis {
    async fn run(&self) -> Outcome {
        let client = match &self.client {
            Ok(client) => client,
            Err(reason) => return Outcome::fail(reason.clone()),
        };
        let start = Instant::now();
        // The check's deadline bounds the run; the client's own timeouts would only fail it
        // earlier with a vaguer message.
        let config = AsyncConnectionConfig::new()
            .set_connection_timeout(None)
            .set_response_timeout(None);
        let probe = async {
            let mut connection = client
                .get_multiplexed_async_connection_with_config(&config)
                .await?;
            ping(&mut connection, start).await
        };
        match probe.await {
            Ok(pong) => pong.outcome(""),
            Err(error) => Outcome::fail(format!(
                "redis at {}: {}",
                self.secrets
                    .mask(&client.get_connection_info().addr().to_string()),
                self.secrets.mask(&reason(&error))
            ))
            .observed(millis_since(start), "ms"),
        }
    }
}

impl std::fmt::Debug for Redis {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut debug = f.debug_struct("Redis");
        match &self.client {
            Ok(client) => debug.field(
                "addr",
                &self
                    .secrets
                    .mask(&client.get_connection_info().addr().to_string()),
            ),
            Err(reason) => debug.field("invalid", reason),
        };
        debug.finish_non_exhaustive()
    }
}

/// A server's answer to [`ping`].
pub(crate) struct Pong {
    millis: f64,
    server: Option<String>,
}

impl Pong {
    /// A passing outcome: `PONG from redis 7.0.15 in 0.3 ms{suffix}`.
    pub(crate) fn outcome(&self, suffix: &str) -> Outcome {
        let from = match &self.server {
            Some(server) => format!(" from {server}"),
            None => String::new(),
        };
        Outcome::pass(format!("PONG{from} in {:.1} ms{suffix}", self.millis))
            .observed(self.millis, "ms")
    }
}

/// Sends `PING` and expects `PONG`, timed from `start`; then asks `INFO server` for the
/// server's name and version, which a user without the right to run it does without.
pub(crate) async fn ping(
    connection: &mut (impl ConnectionLike + Send),
    start: Instant,
) -> Result<Pong, RedisError> {
    let answer: String = redis::cmd("PING").query_async(connection).await?;
    let millis = millis_since(start);
    if answer != "PONG" {
        return Err(RedisError::from((
            redis::ErrorKind::UnexpectedReturnType,
            "PING was not answered PONG",
        )));
    }
    let info: Option<String> = redis::cmd("INFO")
        .arg("server")
        .query_async(connection)
        .await
        .ok();
    Ok(Pong {
        millis,
        server: info.as_deref().and_then(server_of),
    })
}

/// `redis 7.0.15` (or `valkey 8.0.1`) from the answer to `INFO server`.
fn server_of(info: &str) -> Option<String> {
    let field = |name: &str| {
        info.lines().find_map(|line| {
            let value = line.strip_prefix(name)?.strip_prefix(':')?.trim();
            let printable = !value.is_empty()
                && value.len() <= 32
                && value
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || ".-_+".contains(c));
            printable.then_some(value)
        })
    };
    let name = field("server_name").unwrap_or("redis");
    let version = field(&format!("{name}_version")).or_else(|| field("redis_version"))?;
    Some(format!("{name} {version}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_server_is_read_from_info() {
        let redis = "# Server\r\nredis_version:7.0.15\r\nredis_mode:standalone\r\n";
        assert_eq!(server_of(redis).as_deref(), Some("redis 7.0.15"));
        let valkey =
            "# Server\r\nredis_version:7.2.4\r\nserver_name:valkey\r\nvalkey_version:8.0.1\r\n";
        assert_eq!(server_of(valkey).as_deref(), Some("valkey 8.0.1"));
        assert_eq!(server_of("# Server\r\n"), None);
        assert_eq!(server_of("redis_version:<script>\r\n"), None);
    }

    #[test]
    fn an_invalid_url_fails_without_showing_it() {
        let check = redis("http://user:hunter2@host");
        let reason = check.client.as_ref().unwrap_err();
        assert!(reason.starts_with("invalid redis URL"), "{reason}");
        assert!(!reason.contains("hunter2"), "{reason}");
        assert!(!format!("{check:?}").contains("hunter2"));
    }

    #[test]
    fn the_debug_form_shows_the_address_only() {
        let debug = format!("{:?}", redis("redis://:hunter2@127.0.0.1:6390/0"));
        assert!(debug.contains("127.0.0.1:6390"), "{debug}");
        assert!(!debug.contains("hunter2"), "{debug}");
    }
}
