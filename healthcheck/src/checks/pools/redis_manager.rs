//! [`redis_manager`]: `PING` over the connection redis' `ConnectionManager` keeps.

use std::time::Instant;

use redis::aio::ConnectionManager;

use crate::checks::reason::reason;
use crate::checks::redis::ping;
use crate::checks::{millis_since, Check};
use crate::outcome::Outcome;

/// A check that sends `PING` through redis' `ConnectionManager`; see [`redis_manager`].
#[derive(Clone)]
pub struct RedisManager {
    manager: ConnectionManager,
}

/// Sends `PING` over the connection `manager` (a clone of the `ConnectionManager` your
/// service uses) multiplexes, and passes on `PONG`: `PONG from redis 7.0.15 in 0.2 ms over
/// the service's connection`, with the round trip as the observed value in `ms`.
///
/// The check shares the service's connection, so it opens none and holds none: a `PING`
/// still waiting at the deadline is dropped with the run, and the manager's own response
/// timeout and reconnection apply as they do to your commands. A manager has no pool to
/// saturate.
///
/// Feature `redis`.
///
/// ```no_run
/// # async fn example() -> redis::RedisResult<()> {
/// use healthcheck::{checks, HealthCheck};
///
/// let client = redis::Client::open("redis://127.0.0.1:6379/0")?;
/// let manager = client.get_connection_manager().await?;
/// let health = HealthCheck::empty().add_check("redis", checks::redis_manager(manager.clone()));
/// # Ok(())
/// # }
/// ```
#[must_use]
pub fn redis_manager(manager: ConnectionManager) -> RedisManager {
    RedisManager { manager }
}

impl Check for RedisManager {
    async fn run(&self) -> Outcome {
        let start = Instant::now();
        let mut manager = self.manager.clone();
        match ping(&mut manager, start).await {
            Ok(pong) => pong.outcome(" over the service's connection"),
            Err(error) => Outcome::fail(format!("redis: {}", reason(&error)))
                .observed(millis_since(start), "ms"),
        }
    }
}

impl std::fmt::Debug for RedisManager {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RedisManager").finish_non_exhaustive()
    }
}
