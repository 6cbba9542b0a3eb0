//! The one way a request is answered, whatever server carries it: the glue (`actix/`,
//! `axum/`) matches a route and extracts the method, query, `Accept` and `Authorization`;
//! everything else, 4xx included (and the 404 of a path no route matches, [`not_found`]), is
//! decided here and comes back as a [`Rendered`].

use std::sync::Arc;

use bytes::Bytes;

use crate::environment::{Environment, EnvironmentDump};
use crate::format::{Format, Rendered};
use crate::health::HealthCheck;
use crate::probes::Probe;
use crate::status::wants_history;

/// What the glue extracted from a request.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Request<'a> {
    pub(crate) method: &'a str,
    pub(crate) query: &'a str,
    pub(crate) accept: Option<&'a str>,
    pub(crate) authorization: Option<&'a str>,
}

/// Which of a glue's routes matched; a `&str` is the `{check}` segment, still percent-encoded.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Route<'a> {
    Report,
    Check(&'a str),
    Probe(Probe),
    ProbeCheck(Probe, &'a str),
}

impl HealthCheck {
    /// The answer to `request` on `route`.
    pub(crate) async fn serve(&self, route: Route<'_>, request: &Request<'_>) -> Arc<Rendered> {
        if let Some(refused) = refuse(request) {
            return Arc::new(refused);
        }
        let format = || Format::negotiate(request.query, request.accept);
        Arc::new(match route {
            Route::Report => match format() {
                Ok(format) if wants_history(request.query) => {
                    let report = self.with_history(self.run().await);
                    report.render(format, self.policy())
                }
                Ok(format) => return self.answer(format).await,
                Err(unknown) => Rendered::error(400, &unknown.to_string()),
            },
            Route::Check(segment) => match format() {
                Ok(format) => match self.run_one(&decoded(segment)).await {
                    Ok(report) if wants_history(request.query) => {
                        self.with_history(report).render(format, self.policy())
                    }
                    Ok(report) => report.render(format, self.policy()),
                    Err(unknown) => Rendered::error(404, &unknown.to_string()),
                },
                Err(unknown) => Rendered::error(400, &unknown.to_string()),
            },
            Route::Probe(probe) => self.probe(probe, request.query, request.accept).await,
            Route::ProbeCheck(probe, segment) => {
                let name = decoded(segment);
                let (query, accept) = (request.query, request.accept);
                self.probe_check(probe, &name, query, accept).await
            }
        })
    }
}

impl EnvironmentDump {
    /// The answer to `request` for the dump; `guard_passed` is the verdict of the glue's own
    /// guard, if it has one.
    pub(crate) async fn serve(&self, request: &Request<'_>, guard_passed: bool) -> Rendered {
        if let Some(refused) = refuse(request) {
            return refused;
        }
        if guard_passed && self.authorizes(request.authorization) {
            self.run().await.rendered()
        } else {
            unauthorized()
        }
    }
}

impl Environment {
    /// The dump as served: JSON, never cached by anyone on the way.
    pub(crate) fn rendered(&self) -> Rendered {
        Rendered {
            status: 200,
            headers: vec![
                ("Content-Type".to_owned(), "application/json".to_owned()),
                ("Cache-Control".to_owned(), "no-store".to_owned()),
            ],
            body: Bytes::from(self.to_json()),
        }
    }
}

/// A 405 for a method other than `GET` and `HEAD`.
pub(crate) fn refuse(request: &Request<'_>) -> Option<Rendered> {
    if matches!(request.method, "GET" | "HEAD") {
        return None;
    }
    let message = format!(
        "method {} is not allowed here, use GET or HEAD",
        request.method
    );
    let mut refused = Rendered::error(405, &message);
    refused
        .headers
        .push(("Allow".to_owned(), "GET, HEAD".to_owned()));
    Some(refused)
}

pub(crate) fn not_found(path: &str) -> Rendered {
    Rendered::error(404, &format!("no resource at `{path}`"))
}

fn unauthorized() -> Rendered {
    let mut refused = Rendered::error(
        401,
        "this endpoint needs authorization: send the configured bearer token",
    );
    refused
        .headers
        .push(("WWW-Authenticate".to_owned(), "Bearer".to_owned()));
    refused
}

/// The check's name as the client encoded it (`a%2Fb` → `a/b`, `50%25` → `50%`).
fn decoded(segment: &str) -> std::borrow::Cow<'_, str> {
    percent_encoding::percent_decode_str(segment).decode_utf8_lossy()
}

#[cfg(test)]
mod tests {
    use super::{Request, Route};
    use crate::HealthCheck;

    fn request(method: &'static str) -> Request<'static> {
        Request {
            method,
            query: "",
            accept: None,
            authorization: None,
        }
    }

    #[tokio::test]
    async fn the_core_decides_every_error() {
        let health = HealthCheck::empty().add_check("a/b", || true);
        let served = health.serve(Route::Check("a%2Fb"), &request("GET")).await;
        assert_eq!(served.status, 200);
        let refused = health.serve(Route::Check("a%2Fb"), &request("POST")).await;
        assert_eq!(refused.status, 405);
        assert!(refused
            .headers
            .contains(&("Allow".into(), "GET, HEAD".into())));
        let unknown = health.serve(Route::Check("c"), &request("GET")).await;
        assert_eq!(unknown.status, 404);
    }
}
