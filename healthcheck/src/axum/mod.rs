//! Serving health reports, probes and environment dumps with axum (or any tower stack): each
//! route extracts the request and asks [`crate::serve`] for the answer, as the actix-web glue
//! does, so both answer alike.

mod environment;
mod health;
#[cfg(feature = "metrics")]
mod metrics;
mod probes;

use axum::body::Body;
use axum::extract::{OriginalUri, Request as AxumRequest};
use axum::http::header::{self, HeaderName, HeaderValue};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use crate::format::Rendered;
use crate::serve::{not_found, Request};

/// What the core needs to know of `request`.
fn request_of(request: &AxumRequest) -> Request<'_> {
    let header = |name| {
        request
            .headers()
            .get(name)
            .and_then(|value: &HeaderValue| value.to_str().ok())
    };
    Request {
        method: request.method().as_str(),
        query: request.uri().query().unwrap_or_default(),
        accept: header(header::ACCEPT),
        authorization: header(header::AUTHORIZATION),
    }
}

/// The last segment of the path, still percent-encoded: the `{check}` of a route.
fn last_segment(request: &AxumRequest) -> &str {
    request.uri().path().rsplit('/').next().unwrap_or_default()
}

/// A 404 naming the path as the client sent it, before any `nest` stripped a prefix.
async fn fallback(request: AxumRequest) -> Rendered {
    let path = match request.extensions().get::<OriginalUri>() {
        Some(OriginalUri(original)) => original.path(),
        None => request.uri().path(),
    };
    not_found(path)
}

/// The policy checked every header when it was set; this only converts them. hyper writes
/// header names in lower case unless its HTTP/1 builder has `title_case_headers(true)`.
impl IntoResponse for Rendered {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut response = Response::new(Body::from(self.body));
        *response.status_mut() = status;
        let headers = response.headers_mut();
        for (name, value) in &self.headers {
            if let (Ok(name), Ok(value)) = (
                HeaderName::try_from(name.as_str()),
                HeaderValue::try_from(value.as_str()),
            ) {
                headers.insert(name, value);
            }
        }
        response
    }
}
