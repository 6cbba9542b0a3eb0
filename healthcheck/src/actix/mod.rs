//! Serving health reports and environment dumps with actix-web.

mod environment;
mod health;
#[cfg(feature = "metrics")]
mod metrics;
mod probes;

use std::borrow::Cow;

use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::http::StatusCode;
use actix_web::{guard, HttpRequest, HttpResponse};

use crate::format::Rendered;

fn get_or_head() -> impl guard::Guard {
    guard::Any(guard::Get()).or(guard::Head())
}

/// A JSON error body: `{"error": "…", "status": 404}`.
fn json_error(status: StatusCode, message: &str) -> HttpResponse {
    respond(&Rendered::error(status.as_u16(), message))
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

/// The `{check}` segment of the path. actix leaves `%2F`, `%2B` and `%25` encoded in a
/// segment; decoding once more gives the name exactly as the client encoded it (`a%2Fb` →
/// `a/b`, `50%25` → `50%`).
fn check_name(request: &HttpRequest) -> Cow<'_, str> {
    let segment = request.match_info().get("check").unwrap_or_default();
    percent_encoding::percent_decode_str(segment).decode_utf8_lossy()
}

async fn method_not_allowed(request: HttpRequest) -> HttpResponse {
    let message = format!(
        "method {} is not allowed here, use GET or HEAD",
        request.method()
    );
    let mut response = json_error(StatusCode::METHOD_NOT_ALLOWED, &message);
    response
        .headers_mut()
        .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
    response
}

async fn not_found(request: HttpRequest) -> HttpResponse {
    json_error(
        StatusCode::NOT_FOUND,
        &format!("no resource at `{}`", request.path()),
    )
}
