//! [`HealthCheck::axum_probes`].

use axum::extract::Request;
use axum::routing::any;
use axum::Router;

use super::{last_segment, request_of};
use crate::format::Rendered;
use crate::health::HealthCheck;
use crate::probes::Probe;
use crate::serve::Route;

impl HealthCheck {
    /// Kubernetes' probes as an axum router to `merge`: `GET`/`HEAD` on `/livez`, `/readyz`,
    /// `/startupz` and `/{probe}/{check}`, answered as `probes` answers with
    /// actix-web. See [`Probe`] for which checks each runs, and
    /// [`shutdown_signal`](Self::shutdown_signal) for the drain (axum's
    /// `with_graceful_shutdown`).
    ///
    /// ```no_run
    /// use std::time::Duration;
    /// use healthcheck::HealthCheck;
    ///
    /// # async fn serve() -> std::io::Result<()> {
    /// let health = HealthCheck::new();
    /// let drain = health.shutdown_signal(Duration::from_secs(10));
    /// let listener = tokio::net::TcpListener::bind(("127.0.0.1", 8080)).await?;
    /// axum::serve(listener, health.axum_probes())
    ///     .with_graceful_shutdown(drain)
    ///     .await
    /// # }
    /// ```
    pub fn axum_probes(&self) -> Router {
        let mut router = Router::new();
        for probe in Probe::ALL {
            let (all, one) = (self.clone(), self.clone());
            router = router
                .route(
                    probe.path(),
                    any(move |request: Request| async move {
                        let route = Route::Probe(probe);
                        Rendered::clone(&*all.serve(route, &request_of(&request)).await)
                    }),
                )
                .route(
                    &format!("{}/{{check}}", probe.path()),
                    any(move |request: Request| async move {
                        let route = Route::ProbeCheck(probe, last_segment(&request));
                        Rendered::clone(&*one.serve(route, &request_of(&request)).await)
                    }),
                );
        }
        router
    }
}
