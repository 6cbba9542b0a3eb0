//! [`bb8()`]: a connection borrowed from a `bb8::Pool`, validated by its manager, optionally
//! probed by a function of yours.

use std::future::Future;

use bb8::{ManageConnection, Pool, PooledConnection, RunError};

use super::user_probe::{user_probe, ProbeError, UserProbe};
use super::{probe_pool, Usage};
use crate::checks::reason::reason;
use crate::checks::Check;
use crate::outcome::Outcome;

/// A borrowed connection, as a probe of yours receives it.
type Borrowed<M> = PooledConnection<'static, M>;

/// A check that borrows a connection from a `bb8` pool; see [`bb8()`].
pub struct Bb8Pool<M: ManageConnection> {
    pool: Pool<M>,
    probe: Option<UserProbe<Borrowed<M>>>,
    probe_when_saturated: bool,
}

/// Borrows a connection from `pool` (a clone of the pool your service uses: `bb8-postgres`,
/// redis' own `bb8` support, …), which `bb8` validates as it hands it out
/// (`ManageConnection::is_valid`, unless the pool was built with `test_on_check_out(false)`),
/// and gives it back: `bb8 pool: a connection borrowed and checked in 0.3 ms (3 of 10
/// connections open, 2 idle)`, with the time taken as the observed value in `ms`. Give a
/// [`probe`](Bb8Pool::probe) to run a query of your own on it.
///
/// A saturated pool (every connection open and none idle) is not borrowed from, so that the
/// check never takes a connection your service waits for: it warns
/// ([`Status::Warn`](crate::Status::Warn)), after opening a connection of its own
/// (`Pool::dedicated_connection`) to see that the server still answers (it fails if that
/// fails); [`probe_when_saturated(false)`](Bb8Pool::probe_when_saturated) only warns. When a
/// run misses its deadline, the connection goes back to the pool.
///
/// `bb8` retries a connect that fails until the pool's `connection_timeout` (30 s by
/// default) and keeps the errors to its error sink: set a `connection_timeout` shorter than
/// the check's deadline, and the check fails with the reason (`no connection within the
/// pool's connection_timeout; connecting: WRONGPASS …`) rather than `timed out`.
///
/// Feature `bb8`, with `bb8` 0.9 without its default features.
///
/// ```
/// use healthcheck::{checks, HealthCheck};
///
/// // With the pool made at start-up, e.g. a `bb8::Pool<bb8_postgres::PostgresConnectionManager<_>>`.
/// fn health<M>(pool: &bb8::Pool<M>) -> HealthCheck
/// where
///     M: bb8::ManageConnection,
///     M::Error: std::error::Error,
/// {
///     HealthCheck::empty().add_check("database", checks::bb8(pool.clone()))
/// }
/// ```
#[must_use]
pub fn bb8<M: ManageConnection>(pool: Pool<M>) -> Bb8Pool<M> {
    Bb8Pool {
        pool,
        probe: None,
        probe_when_saturated: true,
    }
}

impl<M: ManageConnection> Bb8Pool<M> {
    /// Runs `probe` on each borrowed connection (e.g. a `SELECT 1`) after `bb8` validated it;
    /// the probe owns the connection and gives it back by dropping it. An `Err` (any error, a
    /// `String` or a `&str`) fails the check with its text and the errors it wraps.
    #[must_use]
    pub fn probe<F, Fut, T, E>(mut self, probe: F) -> Self
    where
        F: Fn(Borrowed<M>) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<T, E>> + Send + 'static,
        E: Into<ProbeError>,
    {
        self.probe = Some(user_probe(probe));
        self
    }

    /// Whether a saturated pool is reported after a connection of the check's own answered
    /// (`true`, the default), or at once without asking the server (`false`).
    #[must_use]
    pub fn probe_when_saturated(mut self, probe: bool) -> Self {
        self.probe_when_saturated = probe;
        self
    }
}

impl<M> Check for Bb8Pool<M>
where
    M: ManageConnection,
    M::Error: std::error::Error,
{
    async fn run(&self) -> Outcome {
        let pool = &self.pool;
        let max = pool.config().max_size as usize;
        let usage = || {
            let state = pool.state();
            Usage {
                open: state.connections as usize,
                idle: state.idle_connections as usize,
                max,
                waiting: None,
            }
        };
        let borrow = async {
            let connection = match pool.get_owned().await {
                Ok(connection) => connection,
                Err(RunError::User(error)) => return Err(reason(&error)),
                // bb8 retries failed connects until then and hands their errors to its error
                // sink: one connect of the check's own tells why.
                Err(RunError::TimedOut) => {
                    let why = match pool.dedicated_connection().await {
                        Ok(_) => "a connection of the check's own answered".to_owned(),
                        Err(error) => format!("connecting: {}", reason(&error)),
                    };
                    return Err(format!(
                        "no connection within the pool's connection_timeout; {why}"
                    ));
                }
            };
            match &self.probe {
                Some(probe) => probe(connection).await,
                None => Ok(()),
            }
        };
        let dedicated = async {
            pool.dedicated_connection()
                .await
                .map(drop)
                .map_err(|error| reason(&error))
        };
        probe_pool(
            "bb8 pool",
            usage,
            self.probe_when_saturated,
            borrow,
            dedicated,
        )
        .await
    }
}

impl<M: ManageConnection> std::fmt::Debug for Bb8Pool<M> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Bb8Pool")
            .field("state", &self.pool.state())
            .field("probe", &self.probe.is_some())
            .field("probe_when_saturated", &self.probe_when_saturated)
            .finish_non_exhaustive()
    }
}
