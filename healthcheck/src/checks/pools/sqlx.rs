//! [`sqlx_pool`]: a connection borrowed from a `sqlx::Pool` of any database, and pinged.

use sqlx::{ConnectOptions, Connection, Database, Pool};

use super::{probe_pool, Usage};
use crate::checks::reason::reason;
use crate::checks::secrets::Secrets;
use crate::checks::Check;
use crate::outcome::Outcome;

/// A check that borrows a connection from a `sqlx` pool and pings it; see [`sqlx_pool`].
pub struct SqlxPool<DB: Database> {
    pool: Pool<DB>,
    probe_when_saturated: bool,
}

/// Borrows a connection from `pool` (a clone of the pool your service uses, of any
/// database), pings it (`Connection::ping`, a round trip to the server) and gives it back:
/// `PostgreSQL pool: a connection borrowed and checked in 0.4 ms (3 of 10 connections open,
/// 2 idle)`, with the time taken as the observed value in `ms`.
///
/// A saturated pool (every connection open and none idle) is not borrowed from, so that the
/// check never takes a connection your service waits for: it warns
/// ([`Status::Warn`](crate::Status::Warn), which never fails the service), after opening a
/// connection of its own with the pool's options to see that the database still answers
/// (it fails if that fails); [`probe_when_saturated(false)`](SqlxPool::probe_when_saturated)
/// only warns.
///
/// When a run misses its deadline, the borrowed connection goes back to the pool: `sqlx`
/// pings a connection given back in the middle of a query before it is idle again, and
/// closes it if that fails.
///
/// Feature `sqlx`, with the `sqlx` crate without features; your own `sqlx` brings the
/// database drivers and the runtime (`runtime-tokio`).
///
/// ```
/// use healthcheck::{checks, HealthCheck};
///
/// // With a `sqlx::PgPool`, `MySqlPool` or `SqlitePool` made at start-up.
/// fn health<DB: sqlx::Database>(pool: &sqlx::Pool<DB>) -> HealthCheck {
///     HealthCheck::empty().add_check("database", checks::sqlx_pool(pool.clone()))
/// }
/// ```
#[must_use]
pub fn sqlx_pool<DB: Database>(pool: Pool<DB>) -> SqlxPool<DB> {
    SqlxPool {
        pool,
        probe_when_saturated: true,
    }
}

impl<DB: Database> SqlxPool<DB> {
    /// Whether a saturated pool is reported after a connection of the check's own answered
    /// (`true`, the default), or at once without asking the database (`false`).
    #[must_use]
    pub fn probe_when_saturated(mut self, probe: bool) -> Self {
        self.probe_when_saturated = probe;
        self
    }
}

impl<DB: Database> Check for SqlxPool<DB> {
    async fn run(&self) -> Outcome {
        let pool = &self.pool;
        let usage = || Usage {
            open: pool.size() as usize,
            idle: pool.num_idle(),
            max: pool.options().get_max_connections() as usize,
            waiting: None,
        };
        let options = pool.connect_options();
        let secrets = Secrets::of(options.to_url_lossy().as_str());
        let reason = |error: sqlx::Error| secrets.mask(&reason(&error));
        let borrow = async {
            let mut connection = pool.acquire().await.map_err(reason)?;
            connection.ping().await.map_err(reason)
        };
        let dedicated = async {
            let mut connection = options.connect().await.map_err(reason)?;
            connection.ping().await.map_err(reason)?;
            connection.close().await.map_err(reason)
        };
        let name = format!("{} pool", DB::NAME);
        probe_pool(&name, usage, self.probe_when_saturated, borrow, dedicated).await
    }
}

impl<DB: Database> std::fmt::Debug for SqlxPool<DB> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SqlxPool")
            .field("database", &DB::NAME)
            .field("probe_when_saturated", &self.probe_when_saturated)
            .finish_non_exhaustive()
    }
}
