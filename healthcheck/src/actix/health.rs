//! [`HealthCheck::scope`] and `impl Responder for Report`.

use actix_web::body::BoxBody;
use actix_web::http::header;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse, Responder, Scope};

use super::{check_name, get_or_head, json_error, method_not_allowed, not_found, respond};

use crate::format::{Format, Rendered, UnknownFormat};
use crate::health::HealthCheck;
use crate::policy::ResponsePolicy;
use crate::report::Report;
use crate::status::wants_history;

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
            .service(
                web::resource(["", "/"])
                    .route(web::route().guard(get_or_head()).to(all_checks))
                    .default_service(web::to(method_not_allowed)),
            )
            .service(
                web::resource("/{check}")
                    .route(web::route().guard(get_or_head()).to(one_check))
                    .default_service(web::to(method_not_allowed)),
            )
            .default_service(web::to(not_found))
    }
}

async fn all_checks(request: HttpRequest, health: web::Data<HealthCheck>) -> HttpResponse {
    if wants_history(request.query_string()) {
        return with_history(&request, &health, None).await;
    }
    match negotiate(&request) {
        Ok(format) => respond(&*health.answer(format).await),
        Err(unknown) => json_error(StatusCode::BAD_REQUEST, &unknown.to_string()),
    }
}

async fn one_check(request: HttpRequest, health: web::Data<HealthCheck>) -> HttpResponse {
    if wants_history(request.query_string()) {
        return with_history(&request, &health, Some(&check_name(&request))).await;
    }
    let format = match negotiate(&request) {
        Ok(format) => format,
        Err(unknown) => return json_error(StatusCode::BAD_REQUEST, &unknown.to_string()),
    };
    match health.run_one(&check_name(&request)).await {
        Ok(report) => respond(&report.render(format, health.policy())),
        Err(unknown) => json_error(StatusCode::NOT_FOUND, &unknown.to_string()),
    }
}

/// `?history`: a new report, each result with its check's last results.
async fn with_history(
    request: &HttpRequest,
    health: &HealthCheck,
    name: Option<&str>,
) -> HttpResponse {
    match negotiate(request) {
        Ok(format) => {
            let report = match name {
                Some(name) => health.run_one(name).await,
                None => Ok(health.run().await),
            };
            match report {
                Ok(report) => respond(&health.with_history(report).render(format, health.policy())),
                Err(unknown) => json_error(StatusCode::NOT_FOUND, &unknown.to_string()),
            }
        }
        Err(unknown) => json_error(StatusCode::BAD_REQUEST, &unknown.to_string()),
    }
}

fn negotiate(request: &HttpRequest) -> Result<Format, UnknownFormat> {
    let accept = request
        .headers()
        .get(header::ACCEPT)
        .and_then(|value| value.to_str().ok());
    Format::negotiate(request.query_string(), accept)
}

impl Responder for Report {
    type Body = BoxBody;

    /// Renders in the format the request negotiates, answered as [`ResponsePolicy::new`] says
    /// (200 or 500); render it yourself for another policy or a fixed format.
    fn respond_to(self, request: &HttpRequest) -> HttpResponse {
        match negotiate(request) {
            Ok(format) => respond(&self.render(format, &ResponsePolicy::new())),
            Err(unknown) => json_error(StatusCode::BAD_REQUEST, &unknown.to_string()),
        }
    }
}

impl Responder for Rendered {
    type Body = BoxBody;

    fn respond_to(self, _request: &HttpRequest) -> HttpResponse {
        respond(&self)
    }
}
