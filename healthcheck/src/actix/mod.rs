//! Serving health reports and environment dumps with actix-web: each route extracts the
//! request and asks [`crate::serve`] for the answer.

mod environment;
mod health;
#[cfg(feature = "metrics")]
mod metrics;
mod probes;

use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse};

use crate::format::Rendered;
use crate::serve::{Request, Route};

/// What the core needs to know of `request`.
fn request_of(request: &HttpRequest) -> Request<'_> {
    let header = |name| {
        request
            .headers()
            .get(name)
            .and_then(|value| value.to_str().ok())
    };
    Request {
        method: request.method().as_str(),
        query: request.query_string(),
        accept: header(header::ACCEPT),
        authorization: header(header::AUTHORIZATION),
    }
}

/// The `{check}` segment of the path, still percent-encoded where actix left it so
/// (`%2F`, `%2B`, `%25`); the core decodes it once more, as the client encoded it.
fn check_segment(request: &HttpRequest) -> Route<'_> {
    Route::Check(request.match_info().get("check").unwrap_or_default())
}

async fn not_found(request: HttpRequest) -> HttpResponse {
    respond(&crate::serve::not_found(request.path()))
}

/// The policy checked every header when it was set; this only converts them. Header names go
/// out as py-healthcheck's servers send them (`Content-Type`), which monitors match
/// case-sensitively.
fn respond(rendered: &Rendered) -> HttpResponse {
    let status = StatusCode::from_u16(rendered.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = HttpResponse::build(status);
    for (name, value) in &rendered.headers {
        if let (Ok(name), Ok(value)) = (
            HeaderName::try_from(name.as_str()),
            HeaderValue::try_from(value.as_str()),
        ) {
            response.insert_header((name, value));
        }
    }
    let mut response = response.body(rendered.body.clone());
    response.head_mut().set_camel_case_headers(true);
    response
}
