//! [`EnvironmentDump::scope`], access control, and `impl Responder for Environment`.

use std::sync::Arc;

use actix_web::body::BoxBody;
use actix_web::guard::{Guard, GuardContext};
use actix_web::http::header::{self, HeaderValue};
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse, Responder, Scope};

use super::{get_or_head, json_error, method_not_allowed, not_found};
use crate::environment::access::Access;
use crate::environment::{Environment, EnvironmentDump};

/// The dump's access rules as an actix-web guard.
struct Allowed(Access);

impl Guard for Allowed {
    fn check(&self, ctx: &GuardContext<'_>) -> bool {
        let access = &self.0;
        let authorization = ctx
            .head()
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(|value| value.to_str().ok());
        access.guard.as_ref().is_none_or(|guard| guard.check(ctx))
            && access.token_allows(authorization)
    }
}

impl EnvironmentDump {
    /// Serves the dump only to requests that pass `guard` (any actix-web guard, e.g. a header
    /// check or `guard::fn_guard`); others get 401. Combines with [`bearer_token`](Self::bearer_token).
    #[must_use]
    pub fn guard(mut self, guard: impl Guard + Send + Sync + 'static) -> Self {
        Arc::make_mut(&mut self.inner).access.guard = Some(Arc::new(guard));
        self
    }

    /// An actix-web scope at `path` serving the dump on `GET`/`HEAD` (405 otherwise), to the
    /// requests its access rules let through (401 with a JSON error and none of the data
    /// otherwise).
    ///
    /// The dump shows process details: serve it on an internal port, or protect it with
    /// [`bearer_token`](Self::bearer_token) or [`guard`](Self::guard).
    ///
    /// ```no_run
    /// use actix_web::{App, HttpServer};
    /// use healthcheck::EnvironmentDump;
    ///
    /// # async fn serve() -> std::io::Result<()> {
    /// let token = std::env::var("ENVIRONMENT_TOKEN").expect("a token");
    /// let env = EnvironmentDump::new().bearer_token(token);
    /// HttpServer::new(move || App::new().service(env.scope("/environment")))
    ///     .bind(("127.0.0.1", 5000))?
    ///     .run()
    ///     .await
    /// # }
    /// ```
    #[must_use]
    pub fn scope(&self, path: &str) -> Scope {
        web::scope(path)
            .app_data(web::Data::new(self.clone()))
            .service(
                web::resource(["", "/"])
                    .route(
                        web::route()
                            .guard(get_or_head())
                            .guard(Allowed(self.inner.access.clone()))
                            .to(dump),
                    )
                    .route(web::route().guard(get_or_head()).to(unauthorized))
                    .default_service(web::to(method_not_allowed)),
            )
            .default_service(web::to(not_found))
    }
}

async fn dump(environment: web::Data<EnvironmentDump>) -> Environment {
    environment.run().await
}

async fn unauthorized() -> HttpResponse {
    let mut response = json_error(
        StatusCode::UNAUTHORIZED,
        "this endpoint needs authorization: send the configured bearer token",
    );
    response
        .headers_mut()
        .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
    response
}

impl Responder for Environment {
    type Body = BoxBody;

    fn respond_to(self, _request: &HttpRequest) -> HttpResponse {
        let mut response = HttpResponse::Ok()
            .content_type("application/json")
            .insert_header((header::CACHE_CONTROL, "no-store"))
            .body(self.to_json());
        response.head_mut().set_camel_case_headers(true);
        response
    }
}
