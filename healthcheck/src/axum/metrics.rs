//! [`HealthCheck::axum_metrics`]: the metrics alone, for Prometheus to scrape.

use std::sync::Arc;

use axum::extract::Request;
use axum::routing::any;
use axum::Router;
use prometheus_client::registry::Registry;

use super::{fallback, request_of};
use crate::health::HealthCheck;
use crate::metrics::scraped;

impl HealthCheck {
    /// An axum router answering `GET`/`HEAD` on `/` with this handle's
    /// [metrics](Self::register_metrics) alone, as `metrics_scope` answers with actix-web.
    ///
    /// ```no_run
    /// use axum::Router;
    /// use healthcheck::HealthCheck;
    ///
    /// # async fn serve() -> std::io::Result<()> {
    /// let health = HealthCheck::new();
    /// let app = Router::new().nest_service("/metrics", health.axum_metrics());
    /// let listener = tokio::net::TcpListener::bind(("127.0.0.1", 5000)).await?;
    /// axum::serve(listener, app).await
    /// # }
    /// ```
    pub fn axum_metrics(&self) -> Router {
        let mut registry = Registry::default();
        self.register_metrics(&mut registry);
        let registry = Arc::new(registry);
        Router::new()
            .route(
                "/",
                any(|request: Request| async move { scraped(&registry, &request_of(&request)) }),
            )
            .fallback(fallback)
    }
}
