//! What a probe remembers between requests: whether the process is shutting down, and the
//! startup results once they passed.

use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use crate::health::HealthCheck;
use crate::report::CheckResult;

/// Shared by every handle of a `HealthCheck`, groups included: one process, one shutdown.
#[derive(Debug, Default)]
pub(crate) struct Lifecycle {
    draining: AtomicBool,
}

impl Lifecycle {
    pub(crate) fn draining(&self) -> bool {
        self.draining.load(Ordering::Acquire)
    }
}

/// The startup checks' results from the first time they all passed; one per selection of
/// checks (a group or a changed set of checks starts unlatched).
pub(crate) type Started = Arc<OnceLock<Vec<CheckResult>>>;

impl HealthCheck {
    /// A future for actix-web's [`HttpServer::shutdown_signal`] (or axum's
    /// `with_graceful_shutdown`) that drains before the server stops. Call it inside the
    /// runtime (in `main` under `#[actix_web::main]`), so that it listens from then on.
    ///
    /// On the first `SIGTERM` or `SIGINT` (Ctrl-C elsewhere than Unix), `/readyz` fails at once
    /// with `[-]shutdown failed: reason withheld` while `/livez` keeps passing and every route
    /// is served as before; after `drain`, the future completes and the server's graceful
    /// stop begins (actix-web's own waits up to its `shutdown_timeout`, 30 s by default, for
    /// requests in flight). A second signal ends the drain at once. Give the orchestrator time
    /// to see the failing `/readyz` and take the instance out of rotation: at least the
    /// readiness probe's period times its failure threshold.
    ///
    /// Without it, actix-web stops accepting connections on the first signal, and a rolling
    /// update sees refused connections instead of a readiness failure.
    ///
    #[cfg_attr(feature = "actix", doc = "```no_run")]
    #[cfg_attr(not(feature = "actix"), doc = "```ignore")]
    /// use std::time::Duration;
    /// use actix_web::{App, HttpServer};
    /// use healthcheck::HealthCheck;
    ///
    /// #[actix_web::main]
    /// async fn main() -> std::io::Result<()> {
    ///     let health = HealthCheck::new();
    ///     let drain = health.shutdown_signal(Duration::from_secs(10));
    ///     HttpServer::new(move || App::new().configure(health.probes()))
    ///         .shutdown_signal(drain)
    ///         .shutdown_timeout(20)
    ///         .bind(("127.0.0.1", 8080))?
    ///         .run()
    ///         .await
    /// }
    /// ```
    ///
    /// [`HttpServer::shutdown_signal`]: https://docs.rs/actix-web/4/actix_web/struct.HttpServer.html#method.shutdown_signal
    pub fn shutdown_signal(&self, drain: Duration) -> impl Future<Output = ()> + Send + 'static {
        let lifecycle = Arc::clone(&self.lifecycle);
        // Listening now, inside the caller's runtime, catches a signal that comes before the
        // server first polls the future; outside one, the future listens when first polled.
        let early = tokio::runtime::Handle::try_current().map(|runtime| {
            let _entered = runtime.enter();
            Signals::listen()
        });
        async move {
            let listening = match early {
                Ok(listening) => listening,
                Err(_) => Signals::listen(),
            };
            let mut signals = match listening {
                Ok(signals) => signals,
                Err(error) => {
                    tracing::error!(%error, "cannot listen for shutdown signals: no drain");
                    return std::future::pending().await;
                }
            };
            let signal = signals.next().await;
            lifecycle.draining.store(true, Ordering::Release);
            tracing::warn!(
                signal,
                drain_secs = drain.as_secs_f64(),
                "shutting down: /readyz fails while the server drains"
            );
            tokio::select! {
                () = tokio::time::sleep(drain) => {
                    tracing::info!("drain over: the server stops");
                }
                signal = signals.next() => {
                    tracing::warn!(signal, "second signal: the server stops without draining");
                }
            }
        }
    }

    /// Starts draining by hand, as [`shutdown_signal`](Self::shutdown_signal) does on a
    /// signal: `/readyz` fails from now on, for every handle of this `HealthCheck`.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() {
    /// use healthcheck::{HealthCheck, Probe};
    ///
    /// let health = HealthCheck::empty();
    /// health.begin_shutdown();
    /// let answer = health.probe(Probe::Ready, "", None).await;
    /// assert_eq!(answer.status, 500);
    /// assert_eq!(&answer.body[..], b"[+]ping ok\n[-]shutdown failed: reason withheld\nreadyz check failed\n");
    /// # }
    /// ```
    pub fn begin_shutdown(&self) {
        self.lifecycle.draining.store(true, Ordering::Release);
    }
}

/// `SIGTERM` and `SIGINT` on Unix, Ctrl-C elsewhere.
struct Signals {
    #[cfg(unix)]
    term: tokio::signal::unix::Signal,
    #[cfg(unix)]
    int: tokio::signal::unix::Signal,
}

impl Signals {
    #[cfg(unix)]
    fn listen() -> std::io::Result<Signals> {
        use tokio::signal::unix::{signal, SignalKind};
        Ok(Signals {
            term: signal(SignalKind::terminate())?,
            int: signal(SignalKind::interrupt())?,
        })
    }

    #[cfg(not(unix))]
    fn listen() -> std::io::Result<Signals> {
        Ok(Signals {})
    }

    /// The name of the next signal.
    #[cfg(unix)]
    async fn next(&mut self) -> &'static str {
        tokio::select! {
            _ = self.term.recv() => "SIGTERM",
            _ = self.int.recv() => "SIGINT",
        }
    }

    #[cfg(not(unix))]
    async fn next(&mut self) -> &'static str {
        let _ = tokio::signal::ctrl_c().await;
        "Ctrl-C"
    }
}
