//! [`EnvironmentDump::axum_router`].

use axum::extract::Request;
use axum::routing::any;
use axum::Router;

use super::{fallback, request_of};
use crate::environment::EnvironmentDump;

impl EnvironmentDump {
    /// An axum router serving the dump on `/` to `GET`/`HEAD` (405 otherwise), to the
    /// requests that carry the [`bearer_token`](Self::bearer_token) if one is set (401 with a
    /// JSON error and none of the data otherwise), as `scope` does with
    /// actix-web. Guard it further with any tower layer; mount it with `nest_service`.
    ///
    /// ```no_run
    /// use axum::Router;
    /// use healthcheck::EnvironmentDump;
    ///
    /// # async fn serve() -> std::io::Result<()> {
    /// let token = std::env::var("ENVIRONMENT_TOKEN").expect("a token");
    /// let env = EnvironmentDump::new().bearer_token(token);
    /// let app = Router::new().nest_service("/environment", env.axum_router());
    /// let listener = tokio::net::TcpListener::bind(("127.0.0.1", 5000)).await?;
    /// axum::serve(listener, app).await
    /// # }
    /// ```
    pub fn axum_router(&self) -> Router {
        let dump = self.clone();
        Router::new()
            .route(
                "/",
                any(
                    |request: Request| async move { dump.serve(&request_of(&request), true).await },
                ),
            )
            .fallback(fallback)
    }
}
