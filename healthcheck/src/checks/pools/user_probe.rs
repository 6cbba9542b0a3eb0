//! The probes of your own that [`deadpool()`](super::deadpool()) and [`bb8()`](super::bb8())
//! checks run on a borrowed connection.

use std::error::Error;
use std::future::Future;
use std::sync::Arc;

use crate::body::UserFuture;
use crate::checks::reason::reason;

/// A probe of your own run on a borrowed connection `C`, which it owns and drops.
pub(crate) type UserProbe<C> = Arc<dyn Fn(C) -> UserFuture<Result<(), String>> + Send + Sync>;

/// What a probe of yours may fail with: any error, a `String` or a `&str`.
pub(crate) type ProbeError = Box<dyn Error + Send + Sync>;

/// Erases `probe`, keeping the text of its error and of the errors it wraps.
pub(crate) fn user_probe<C, F, Fut, T, E>(probe: F) -> UserProbe<C>
where
    F: Fn(C) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<T, E>> + Send + 'static,
    E: Into<ProbeError>,
{
    Arc::new(move |connection| {
        let probed = probe(connection);
        Box::pin(async move {
            probed
                .await
                .map(drop)
                .map_err(|error| reason(&*error.into()))
        })
    })
}
