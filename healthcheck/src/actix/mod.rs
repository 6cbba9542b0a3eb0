//! Serving health reports and environment dumps with actix-web.

mod environment;
mod health;

use actix_web::http::header::{self, HeaderValue};
use actix_web::http::StatusCode;
use actix_web::{guard, HttpRequest, HttpResponse};

fn get_or_head() -> impl guard::Guard {
    guard::Any(guard::Get()).or(guard::Head())
}

/// A JSON error body: `{"error": "…", "status": 404}`.
fn json_error(status: StatusCode, message: &str) -> HttpResponse {
    HttpResponse::build(status).json(serde_json::json!({
        "error": message,
        "status": status.as_u16(),
    }))
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
