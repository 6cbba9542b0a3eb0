//! [`Rendered`]: a report answered in one format, as any HTTP stack sends it.

use std::panic::{catch_unwind, AssertUnwindSafe};

use bytes::Bytes;

use super::{classic, ietf, text, Format};
use crate::policy::{ResponsePolicy, When};
use crate::report::Report;
use crate::runner::panic_message;
use crate::scrub::Scrubber;

/// A rendered report: what to answer over any HTTP stack.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rendered {
    /// The HTTP status code.
    pub status: u16,
    /// `Content-Type` first, then the policy's headers.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Bytes,
}

impl Report {
    /// Status code, headers and body in `format`, answered as `policy` says.
    #[must_use]
    pub fn render(&self, format: Format, policy: &ResponsePolicy) -> Rendered {
        render(self, format, policy).unwrap_or_else(|panicked| panicked)
    }

    /// The py-healthcheck JSON body.
    #[must_use]
    pub fn to_json(&self) -> String {
        classic::render(self)
    }
}

/// The one place a report becomes bytes; `Err` is the answer when a handler panicked, which
/// is not to be kept.
pub(crate) fn render(
    report: &Report,
    format: Format,
    policy: &ResponsePolicy,
) -> Result<Rendered, Rendered> {
    let when = if report.passed() {
        When::Passing
    } else {
        When::Failing
    };
    let answer = policy.answer(when);
    let body = match (format, &answer.handler) {
        (Format::Json, Some(handler)) => match catch_unwind(AssertUnwindSafe(|| handler(report))) {
            Ok(body) => body,
            Err(payload) => return Err(handler_panicked(when, &panic_message(payload))),
        },
        (Format::Json, None) => classic::render(report),
        (Format::HealthJson, _) => ietf::render(report),
        (Format::Text { verbose }, _) => text::render(report, verbose),
    };
    let mut headers = vec![("Content-Type".to_owned(), format.content_type().to_owned())];
    for (name, value) in &answer.headers {
        match headers
            .iter_mut()
            .find(|(existing, _)| existing.eq_ignore_ascii_case(name))
        {
            Some(existing) => existing.1.clone_from(value),
            None => headers.push((name.clone(), value.clone())),
        }
    }
    Ok(Rendered {
        status: answer.status,
        headers,
        body: Bytes::from(body),
    })
}

/// A handler is user code: its panic is logged, scrubbed, and answered as a JSON error.
fn handler_panicked(when: When, message: &str) -> Rendered {
    let handler = match when {
        When::Passing => "success_handler",
        When::Failing => "failed_handler",
    };
    let message = Scrubber::default().scrub_str(message);
    tracing::error!(handler, message, "a report handler panicked");
    let status = 500;
    let body = serde_json::json!({
        "error": format!("the {handler} panicked: {message}"),
        "status": status,
    });
    Rendered {
        status,
        headers: vec![("Content-Type".to_owned(), "application/json".to_owned())],
        body: Bytes::from(body.to_string()),
    }
}
