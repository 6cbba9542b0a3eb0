//! Checks built from the pools a service already holds: borrow a connection, validate it,
//! give it back, and report a saturated pool as a warning rather than a failure.

#[cfg(feature = "bb8")]
mod bb8;
#[cfg(feature = "deadpool")]
mod deadpool;
#[cfg(feature = "redis")]
mod redis_manager;
#[cfg(feature = "sqlx")]
mod sqlx;

#[cfg(feature = "bb8")]
pub use self::bb8::{bb8, Bb8Pool};
#[cfg(feature = "deadpool")]
pub use self::deadpool::{deadpool, Deadpool};
#[cfg(feature = "redis")]
pub use self::redis_manager::{redis_manager, RedisManager};
#[cfg(feature = "sqlx")]
pub use self::sqlx::{sqlx_pool, SqlxPool};

#[cfg(any(feature = "bb8", feature = "deadpool", feature = "sqlx"))]
pub(crate) use self::probe::{probe_pool, Usage};

#[cfg(any(feature = "bb8", feature = "deadpool", feature = "sqlx"))]
mod probe;
#[cfg(any(feature = "bb8", feature = "deadpool"))]
mod user_probe;
