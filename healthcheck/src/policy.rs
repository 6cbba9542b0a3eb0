//! [`ResponsePolicy`]: the status code, headers and body renderer a report gets, checked when
//! it is built, never per request.

use std::fmt;
use std::sync::Arc;

use crate::format::JsonStyle;
use crate::report::Report;

/// Renders a whole JSON body, as py-healthcheck's `success_handler` / `failed_handler`.
pub(crate) type Handler = Arc<dyn Fn(&Report) -> String + Send + Sync>;

/// Which reports an answer is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum When {
    /// No critical check failed (the report's status is pass or warn).
    Passing,
    /// A critical check failed.
    Failing,
}

/// How reports are answered: a status code, headers merged over the format's `Content-Type`,
/// and optionally a renderer for the JSON body, for passing and for failing reports. Every
/// value is checked when it is set.
///
/// ```
/// use healthcheck::{ResponsePolicy, When};
///
/// let policy = ResponsePolicy::new()
///     .try_status(When::Failing, 503)?
///     .try_header(When::Passing, "Cache-Control", "no-store")?;
/// assert_eq!(policy.status(When::Failing), 503);
/// assert!(ResponsePolicy::new().try_status(When::Passing, 999).is_err());
/// # Ok::<(), healthcheck::InvalidResponse>(())
/// ```
#[derive(Clone)]
pub struct ResponsePolicy {
    passing: Answer,
    failing: Answer,
    json_style: JsonStyle,
}

#[derive(Clone)]
pub(crate) struct Answer {
    pub(crate) status: u16,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) handler: Option<Handler>,
}

/// A status code or header that HTTP does not allow.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidResponse(String);

impl When {
    /// `Passing` when `passed`.
    pub(crate) fn of(passed: bool) -> When {
        if passed {
            When::Passing
        } else {
            When::Failing
        }
    }
}

impl fmt::Display for InvalidResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for InvalidResponse {}

impl Default for ResponsePolicy {
    fn default() -> Self {
        ResponsePolicy::new()
    }
}

impl fmt::Debug for ResponsePolicy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let answer = |answer: &Answer| (answer.status, answer.headers.clone());
        f.debug_struct("ResponsePolicy")
            .field("passing", &answer(&self.passing))
            .field("failing", &answer(&self.failing))
            .finish_non_exhaustive()
    }
}

impl ResponsePolicy {
    /// 200 for passing reports and 500 for failing ones, as py-healthcheck; no extra headers.
    #[must_use]
    pub fn new() -> Self {
        let answer = |status| Answer {
            status,
            headers: Vec::new(),
            handler: None,
        };
        ResponsePolicy {
            passing: answer(200),
            failing: answer(500),
            json_style: JsonStyle::Python,
        }
    }

    /// Sets the status code of `when` reports.
    ///
    /// # Errors
    ///
    /// When `status` is not between 200 and 599.
    pub fn try_status(mut self, when: When, status: u16) -> Result<Self, InvalidResponse> {
        if !(200..=599).contains(&status) {
            return Err(InvalidResponse(format!(
                "{status} is not a status code a report can answer with: use 200 to 599"
            )));
        }
        self.answer_mut(when).status = status;
        Ok(self)
    }

    /// Adds a header to `when` reports; one named like the format's `Content-Type` (in any
    /// case) replaces it.
    ///
    /// # Errors
    ///
    /// When `name` is not an HTTP header name or `value` not a header value (it holds a line
    /// break or another control character).
    pub fn try_header(
        mut self,
        when: When,
        name: impl Into<String>,
        value: impl Into<String>,
    ) -> Result<Self, InvalidResponse> {
        let (name, value) = (name.into(), value.into());
        if http::HeaderName::from_bytes(name.as_bytes()).is_err() {
            return Err(InvalidResponse(format!(
                "{name:?} is not an HTTP header name"
            )));
        }
        if http::HeaderValue::from_str(&value).is_err() {
            return Err(InvalidResponse(format!(
                "the value of header {name:?} is not a valid header value: {value:?}"
            )));
        }
        self.answer_mut(when).headers.push((name, value));
        Ok(self)
    }

    /// Renders the JSON body of `when` reports yourself (py-healthcheck's `success_handler`
    /// and `failed_handler`). The other formats keep their own bodies.
    #[must_use]
    pub fn handler(
        mut self,
        when: When,
        handler: impl Fn(&Report) -> String + Send + Sync + 'static,
    ) -> Self {
        self.answer_mut(when).handler = Some(Arc::new(handler));
        self
    }

    /// `when` reports without the headers added so far (py-healthcheck's `success_headers`
    /// replace the previous ones).
    #[must_use]
    pub(crate) fn without_headers(mut self, when: When) -> Self {
        self.answer_mut(when).headers.clear();
        self
    }

    /// Writes the JSON format in `style`: Python's `json.dumps` spacing by default, as
    /// py-healthcheck, or compact.
    #[must_use]
    pub fn with_json_style(mut self, style: JsonStyle) -> Self {
        self.json_style = style;
        self
    }

    /// How the JSON format is written.
    #[must_use]
    pub fn json_style(&self) -> JsonStyle {
        self.json_style
    }

    /// The status code of `when` reports.
    #[must_use]
    pub fn status(&self, when: When) -> u16 {
        self.answer(when).status
    }

    /// The headers added to `when` reports.
    #[must_use]
    pub fn headers(&self, when: When) -> &[(String, String)] {
        &self.answer(when).headers
    }

    pub(crate) fn answer(&self, when: When) -> &Answer {
        match when {
            When::Passing => &self.passing,
            When::Failing => &self.failing,
        }
    }

    fn answer_mut(&mut self, when: When) -> &mut Answer {
        match when {
            When::Passing => &mut self.passing,
            When::Failing => &mut self.failing,
        }
    }
}
