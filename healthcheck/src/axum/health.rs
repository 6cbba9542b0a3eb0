//! [`HealthCheck::axum_router`].

use axum::extract::Request;
use axum::routing::any;
use axum::Router;

use super::{fallback, last_segment, request_of};
use crate::format::Rendered;
use crate::health::HealthCheck;
use crate::serve::Route;

impl HealthCheck {
    /// An axum router serving `GET`/`HEAD` on `/` (every selected check) and on `/{check}`
    /// (one check), answered as `scope` answers with actix-web: any other
    /// method gets 405 with `Allow`, an unknown check or path 404 and an unknown `?format=`
    /// 400, each with a JSON body saying what was wrong.
    ///
    /// Mount it with `nest_service`, which also routes the path with a trailing slash
    /// (`/healthcheck/`), as actix-web's scope does; `nest` leaves that one to the outer
    /// router.
    ///
    /// ```no_run
    /// use axum::Router;
    /// use healthcheck::HealthCheck;
    ///
    /// # async fn serve() -> std::io::Result<()> {
    /// let health = HealthCheck::new();
    /// let app = Router::new()
    ///     .nest_service("/healthcheck", health.axum_router())
    ///     .merge(health.axum_probes());
    /// let listener = tokio::net::TcpListener::bind(("127.0.0.1", 5000)).await?;
    /// axum::serve(listener, app).await
    /// # }
    /// ```
    pub fn axum_router(&self) -> Router {
        let (all, one) = (self.clone(), self.clone());
        Router::new()
            .route(
                "/",
                any(|request: Request| async move {
                    Rendered::clone(&*all.serve(Route::Report, &request_of(&request)).await)
                }),
            )
            .route(
                "/{check}",
                any(|request: Request| async move {
                    let route = Route::Check(last_segment(&request));
                    Rendered::clone(&*one.serve(route, &request_of(&request)).await)
                }),
            )
            .fallback(fallback)
    }
}
