//! [`HealthCheck::metrics_scope`]: the metrics alone, for Prometheus to scrape.

use std::sync::Arc;

use actix_web::{web, HttpRequest, HttpResponse, Scope};
use prometheus_client::registry::Registry;

use super::{not_found, request_of, respond};
use crate::health::HealthCheck;
use crate::metrics::scraped;

impl HealthCheck {
    /// An actix-web scope at `path` answering `GET`/`HEAD` with this handle's
    /// [metrics](Self::register_metrics) alone, in the `OpenMetrics` text format. A scrape reads
    /// the checks' latest state: it never runs a check, never waits for one, and answers 200.
    ///
    /// ```no_run
    /// use std::time::Duration;
    /// use actix_web::{App, HttpServer};
    /// use healthcheck::{CheckOptions, HealthCheck};
    ///
    /// # async fn serve() -> std::io::Result<()> {
    /// let health = HealthCheck::new()
    ///     .add_check_with("db", CheckOptions::new().interval(Duration::from_secs(10)), || true);
    /// HttpServer::new(move || {
    ///     App::new()
    ///         .service(health.scope("/healthcheck"))
    ///         .service(health.metrics_scope("/metrics"))
    /// })
    /// .bind(("127.0.0.1", 5000))?
    /// .run()
    /// .await
    /// # }
    /// ```
    #[must_use]
    pub fn metrics_scope(&self, path: &str) -> Scope {
        let mut registry = Registry::default();
        self.register_metrics(&mut registry);
        web::scope(path)
            .app_data(web::Data::new(Arc::new(registry)))
            .service(web::resource(["", "/"]).to(scrape))
            .default_service(web::to(not_found))
    }
}

async fn scrape(request: HttpRequest, registry: web::Data<Arc<Registry>>) -> HttpResponse {
    respond(&scraped(&registry, &request_of(&request)))
}
