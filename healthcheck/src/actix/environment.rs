//! [`EnvironmentDump::scope`], its guard, and `impl Responder for Environment`.

use std::sync::Arc;

use actix_web::body::BoxBody;
use actix_web::guard::{Guard, GuardContext};
use actix_web::{web, HttpRequest, HttpResponse, Responder, Scope};

use super::{not_found, request_of, respond};
use crate::environment::access::Access;
use crate::environment::{Environment, EnvironmentDump};

/// The user's guard, if any; the core checks the bearer token and the method.
struct Allowed(Access);

impl Guard for Allowed {
    fn check(&self, ctx: &GuardContext<'_>) -> bool {
        self.0.guard.as_ref().is_none_or(|guard| guard.check(ctx))
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
                            .guard(Allowed(self.inner.access.clone()))
                            .to(guard_passed),
                    )
                    .default_service(web::to(guard_refused)),
            )
            .default_service(web::to(not_found))
    }
}

async fn guard_passed(request: HttpRequest, dump: web::Data<EnvironmentDump>) -> HttpResponse {
    let request = request_of(&request);
    respond(&dump.serve(&request, true).await)
}

async fn guard_refused(request: HttpRequest, dump: web::Data<EnvironmentDump>) -> HttpResponse {
    let request = request_of(&request);
    respond(&dump.serve(&request, false).await)
}

impl Responder for Environment {
    type Body = BoxBody;

    fn respond_to(self, _request: &HttpRequest) -> HttpResponse {
        respond(&self.rendered())
    }
}
