//! [`Rendered`]: a report answered in one format, as any HTTP stack sends it.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::SystemTime;

use bytes::Bytes;

use super::{classic, ietf, text, Format, JsonStyle};
use crate::policy::{ResponsePolicy, When};
use crate::report::Report;
use crate::runner::panic_message;
use crate::scrub::Scrubber;

/// A rendered report: what to answer over any HTTP stack.
///
/// ```
/// use healthcheck::{Format, HealthCheck};
///
/// # #[tokio::main(flavor = "current_thread")] async fn main() {
/// let health = HealthCheck::empty().add_check("db", || true);
/// // In a handler of any framework: `?format=` and `Accept` choose the format.
/// let format = Format::negotiate("format=text", None).unwrap();
/// let rendered = health.render(format).await;
/// assert_eq!(rendered.status, 200);
/// assert_eq!(rendered.headers[0], ("Content-Type".to_owned(), "text/plain; charset=utf-8".to_owned()));
/// assert_eq!(&rendered.body[..], b"ok");
/// # }
/// ```
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

    /// The py-healthcheck JSON body, spaced as Python's `json.dumps`.
    #[must_use]
    pub fn to_json(&self) -> String {
        classic::render(self, JsonStyle::Python)
    }
}

/// The one place a report becomes bytes; `Err` is the answer when a handler panicked, which
/// is not to be kept.
pub(crate) fn render(
    report: &Report,
    format: Format,
    policy: &ResponsePolicy,
) -> Result<Rendered, Rendered> {
    let body = |format| match format {
        Format::Json => classic::render(report, policy.json_style()),
        Format::HealthJson => ietf::render(report),
        Format::Text { verbose } => text::render(report, verbose),
    };
    render_with(report, format, policy, When::of(report.passed()), body)
}

/// [`render`] answered as `when` says, with `body` for every format but a JSON one that a
/// handler of the policy renders.
pub(crate) fn render_with(
    report: &Report,
    format: Format,
    policy: &ResponsePolicy,
    when: When,
    body: impl FnOnce(Format) -> String,
) -> Result<Rendered, Rendered> {
    let answer = policy.answer(when);
    let body = match (format, &answer.handler) {
        (Format::Json, Some(handler)) => match catch_unwind(AssertUnwindSafe(|| handler(report))) {
            Ok(body) => body,
            Err(payload) => return Err(handler_panicked(when, &panic_message(payload))),
        },
        _ => body(format),
    };
    let mut headers = base_headers(format.content_type());
    if format == Format::HealthJson {
        headers.push((
            CACHE_CONTROL.to_owned(),
            ietf::cache_control(report.fresh_until()),
        ));
    }
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

/// `Content-Type`, and `X-Content-Type-Options: nosniff` so that no browser reads a check's
/// output as anything else.
fn base_headers(content_type: &str) -> Vec<(String, String)> {
    vec![
        ("Content-Type".to_owned(), content_type.to_owned()),
        ("X-Content-Type-Options".to_owned(), "nosniff".to_owned()),
    ]
}

const CACHE_CONTROL: &str = "Cache-Control";

impl Rendered {
    /// A kept IETF answer with its `Cache-Control: max-age` counted down to `fresh_until`,
    /// unless the policy set `Cache-Control` itself.
    pub(crate) fn counted_down(
        &self,
        fresh_until: SystemTime,
        policy: &ResponsePolicy,
        when: When,
    ) -> Option<Rendered> {
        let policy_sets_it = policy
            .headers(when)
            .iter()
            .any(|(name, _)| name.eq_ignore_ascii_case(CACHE_CONTROL));
        if policy_sets_it {
            return None;
        }
        let mut rendered = self.clone();
        let (_, value) = rendered
            .headers
            .iter_mut()
            .find(|(name, _)| name == CACHE_CONTROL)?;
        *value = ietf::cache_control(Some(fresh_until));
        Some(rendered)
    }

    /// A JSON error answer: `{"error": "…", "status": 404}`.
    pub(crate) fn error(status: u16, message: &str) -> Rendered {
        let body = serde_json::json!({ "error": message, "status": status });
        Rendered {
            status,
            headers: base_headers("application/json"),
            body: Bytes::from(body.to_string()),
        }
    }
}

/// A handler is user code: its panic is logged, scrubbed, and answered as a JSON error.
fn handler_panicked(when: When, message: &str) -> Rendered {
    let handler = match when {
        When::Passing => "success_handler",
        When::Failing => "failed_handler",
    };
    let message = Scrubber::default().scrub_str(message);
    tracing::error!(handler, message, "a report handler panicked");
    Rendered::error(500, &format!("the {handler} panicked: {message}"))
}
