//! The body of a check or section as the executor runs it, and how closures become one.

use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::sync::Arc;

use crate::checks::Check;
use crate::outcome::{IntoOutcome, Outcome};

/// A boxed future of user code.
pub type UserFuture<T> = Pin<Box<dyn Future<Output = T> + Send + 'static>>;

/// A boxed check future.
pub type BoxFuture = UserFuture<Outcome>;

/// The body of a check or section, as the executor runs it: sync or async user code.
#[doc(hidden)]
pub enum Body<T> {
    Blocking(Arc<dyn Fn() -> T + Send + Sync>),
    Async(Arc<dyn Fn() -> UserFuture<T> + Send + Sync>),
}

impl<T> Clone for Body<T> {
    fn clone(&self) -> Self {
        match self {
            Body::Blocking(body) => Body::Blocking(Arc::clone(body)),
            Body::Async(body) => Body::Async(Arc::clone(body)),
        }
    }
}

impl<T> std::fmt::Debug for Body<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Body::Blocking(_) => "Body::Blocking",
            Body::Async(_) => "Body::Async",
        })
    }
}

/// What [`HealthCheck::add_check`](crate::HealthCheck::add_check) accepts: functions and
/// closures, `Fn() -> R` and `Fn() -> impl Future<Output = R>` where `R` is any
/// [`IntoOutcome`], and values implementing [`Check`] (the [built-ins](crate::checks)).
///
/// The `Marker` parameter only tells the two shapes apart; it is inferred.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be used as a health check",
    note = "a check is a `Fn() -> R` or `Fn() -> impl Future<Output = R>` that is `Send + Sync + 'static`, where `R` is `bool`, `(bool, impl IntoOutput)`, `Result<T: IntoOutput, E: Display>` or `healthcheck::Outcome`, or a value implementing `healthcheck::checks::Check`"
)]
pub trait IntoCheck<Marker>: Send + Sync + 'static {
    #[doc(hidden)]
    fn into_job(self) -> Body<Outcome>;
}

/// Marks a check that blocks; see [`IntoCheck`].
#[derive(Debug)]
pub struct Blocking<R>(PhantomData<fn() -> R>);

/// Marks an async check; see [`IntoCheck`].
#[derive(Debug)]
pub struct Async<Fut>(PhantomData<fn() -> Fut>);

/// Marks a check given as a value implementing [`Check`]; see [`IntoCheck`].
#[derive(Debug)]
pub struct Value;

impl<F, R> IntoCheck<Blocking<R>> for F
where
    F: Fn() -> R + Send + Sync + 'static,
    R: IntoOutcome,
{
    fn into_job(self) -> Body<Outcome> {
        Body::Blocking(Arc::new(move || self().into_outcome()))
    }
}

impl<F, Fut> IntoCheck<Async<Fut>> for F
where
    F: Fn() -> Fut + Send + Sync + 'static,
    Fut: Future + Send + 'static,
    Fut::Output: IntoOutcome,
{
    fn into_job(self) -> Body<Outcome> {
        let this = Arc::new(self);
        Body::Async(Arc::new(move || {
            let this = Arc::clone(&this);
            Box::pin(async move { this().await.into_outcome() })
        }))
    }
}

impl<C: Check> IntoCheck<Value> for C {
    fn into_job(self) -> Body<Outcome> {
        let this = Arc::new(self);
        Body::Async(Arc::new(move || {
            let this = Arc::clone(&this);
            Box::pin(async move { this.run().await })
        }))
    }
}
