//! [`HealthCheck::scope`] and `impl Responder for Report`.

use actix_web::body::BoxBody;
use actix_web::{web, HttpRequest, HttpResponse, Responder, Scope};

use super::{check_segment, not_found, request_of, respond};
use crate::format::{Format, Rendered};
use crate::health::HealthCheck;
use crate::policy::ResponsePolicy;
use crate::report::Report;
use crate::serve::Route;

impl HealthCheck {
    /// An actix-web scope at `path` serving `GET`/`HEAD` on the scope itself (every selected
    /// check) and on `path/{check}` (one check). Any other method gets 405, an unknown check 404
    /// and an unknown `?format=` 400, each with a JSON body saying what was wrong.
    ///
    /// ```no_run
    /// use actix_web::{App, HttpServer};
    /// use healthcheck::HealthCheck;
    ///
    /// # async fn serve() -> std::io::Result<()> {
    /// let health = HealthCheck::new();
    /// HttpServer::new(move || App::new().service(health.scope("/healthcheck")))
    ///     .bind(("127.0.0.1", 5000))?
    ///     .run()
    ///     .await
    /// # }
    /// ```
    #[must_use]
    pub fn scope(&self, path: &str) -> Scope {
        web::scope(path)
            .app_data(web::Data::new(self.clone()))
            .service(web::resource(["", "/"]).to(all_checks))
            .service(web::resource("/{check}").to(one_check))
            .default_service(web::to(not_found))
    }
}

async fn all_checks(request: HttpRequest, health: web::Data<HealthCheck>) -> HttpResponse {
    respond(&*health.serve(Route::Report, &request_of(&request)).await)
}

async fn one_check(request: HttpRequest, health: web::Data<HealthCheck>) -> HttpResponse {
    respond(
        &*health
            .serve(check_segment(&request), &request_of(&request))
            .await,
    )
}

impl Responder for Report {
    type Body = BoxBody;

    /// Renders in the format the request negotiates, answered as [`ResponsePolicy::new`] says
    /// (200 or 500); render it yourself for another policy or a fixed format.
    fn respond_to(self, request: &HttpRequest) -> HttpResponse {
        let request = request_of(request);
        match Format::negotiate(request.query, request.accept) {
            Ok(format) => respond(&self.render(format, &ResponsePolicy::new())),
            Err(unknown) => respond(&Rendered::error(400, &unknown.to_string())),
        }
    }
}

impl Responder for Rendered {
    type Body = BoxBody;

    fn respond_to(self, _request: &HttpRequest) -> HttpResponse {
        respond(&self)
    }
}
