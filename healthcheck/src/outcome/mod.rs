//! What a check says about itself: [`Outcome`], and the return types that convert into it.

mod error;
mod output;

pub use error::{CheckError, ErrorKind};
pub use output::{IntoOutput, Output};

use std::fmt::Display;

use serde::Serialize;
use serde_json::Value;

use crate::scrub::Scrubber;

/// How a check ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Status {
    /// Healthy.
    Pass,
    /// Working, but degraded: reported, and never fails the service.
    Warn,
    /// Not working.
    Fail,
}

impl Status {
    /// The IETF health-check wire name: `pass`, `warn` or `fail`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Warn => "warn",
            Status::Fail => "fail",
        }
    }
}

/// A measurement a check reports beside its status, e.g. `42.0` `"%"` of a disk used.
#[derive(Clone, Debug, PartialEq)]
pub struct Observed {
    /// The measured value: a number, or any JSON value (the IETF draft's `observedValue`).
    pub value: Value,
    /// Its unit, e.g. `"%"`, `"ms"`, `"connections"`.
    pub unit: String,
}

/// The result of one run of a check: a [`Status`], an output and an optional measurement.
///
/// The output is a message, or any JSON value, which the JSON format writes as JSON:
///
/// ```
/// use healthcheck::{Outcome, Status};
/// use serde_json::json;
///
/// let outcome = Outcome::pass("42% used").observed(42.0, "%");
/// assert_eq!(outcome.status(), Status::Pass);
/// assert_eq!(outcome.output(), "42% used");
///
/// let replicas = Outcome::warn(json!({"up": 2, "of": 3}));
/// assert_eq!(replicas.output(), r#"{"up":2,"of":3}"#);
/// assert_eq!(replicas.output_json(), Some(&json!({"up": 2, "of": 3})));
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    status: Status,
    /// The message, or the compact JSON of `json`.
    output: String,
    json: Option<Box<Value>>,
    observed: Option<Box<Observed>>,
    error: Option<ErrorKind>,
}

impl Outcome {
    /// A passing outcome.
    pub fn pass(output: impl IntoOutput) -> Self {
        Outcome::new(Status::Pass, output)
    }

    /// A degraded outcome: reported, but the service still counts as healthy.
    pub fn warn(output: impl IntoOutput) -> Self {
        Outcome::new(Status::Warn, output)
    }

    /// A failing outcome.
    pub fn fail(output: impl IntoOutput) -> Self {
        Outcome::new(Status::Fail, output)
    }

    /// An outcome with the given status.
    pub fn new(status: Status, output: impl IntoOutput) -> Self {
        let (output, json) = match output.into_output() {
            Output::Text(text) => (text, None),
            Output::Json(value) => (value.to_string(), Some(Box::new(value))),
        };
        Outcome {
            status,
            output,
            json,
            observed: None,
            error: None,
        }
    }

    /// An outcome whose output is any `Serialize` value, written as JSON; a value that cannot
    /// be written as JSON fails with the reason.
    ///
    /// ```
    /// use healthcheck::{Outcome, Status};
    ///
    /// #[derive(serde::Serialize)]
    /// struct Lag { seconds: u32 }
    ///
    /// let outcome = Outcome::serialized(Status::Pass, &Lag { seconds: 3 });
    /// assert_eq!(outcome.output(), r#"{"seconds":3}"#);
    /// ```
    pub fn serialized<T: Serialize + ?Sized>(status: Status, output: &T) -> Self {
        match serde_json::to_value(output) {
            Ok(value) => Outcome::new(status, value),
            Err(error) => Outcome::fail(format!("the output cannot be written as JSON: {error}")),
        }
    }

    /// Attaches a measured value and its unit. The value is a number or any JSON value.
    #[must_use]
    pub fn observed(mut self, value: impl Into<Value>, unit: impl Into<String>) -> Self {
        self.observed = Some(Box::new(Observed {
            value: value.into(),
            unit: unit.into(),
        }));
        self
    }

    /// How the check ended.
    #[must_use]
    pub fn status(&self) -> Status {
        self.status
    }

    /// The message the check gave; a JSON output as compact JSON.
    #[must_use]
    pub fn output(&self) -> &str {
        &self.output
    }

    /// The output, when the check gave a JSON value rather than a message.
    #[must_use]
    pub fn output_json(&self) -> Option<&Value> {
        self.json.as_deref()
    }

    /// The measurement, if the check gave one.
    #[must_use]
    pub fn observation(&self) -> Option<&Observed> {
        self.observed.as_deref()
    }

    /// Whether the check panicked or returned `Err`, and which.
    #[must_use]
    pub fn error(&self) -> Option<ErrorKind> {
        self.error
    }

    /// `true` unless the status is [`Status::Fail`].
    #[must_use]
    pub fn passed(&self) -> bool {
        self.status != Status::Fail
    }

    /// A failure whose output is `message`, recorded as `kind` for the error handler.
    pub(crate) fn errored(kind: ErrorKind, message: String) -> Self {
        Outcome {
            error: Some(kind),
            ..Outcome::fail(message)
        }
    }

    /// The outcome reported as `status` while a streak of runs is shorter than its threshold;
    /// a text output says `note` (flap damping, `status/track.rs`).
    pub(crate) fn held(mut self, status: Status, note: &str) -> Self {
        self.status = status;
        if status != Status::Fail {
            // A tolerated failure is no error for the error handler to word.
            self.error = None;
        }
        if self.json.is_none() {
            self.output = format!("{} ({note})", self.output);
        }
        self
    }

    /// The outcome with the secrets in its output and unit masked.
    pub(crate) fn scrubbed(mut self, scrubber: &Scrubber) -> Self {
        match &self.json {
            Some(json) => {
                let json = scrubber.scrub(json);
                self.output = json.to_string();
                self.json = Some(Box::new(json));
            }
            None => self.output = scrubber.scrub_str(&self.output),
        }
        if let Some(observed) = &mut self.observed {
            observed.value = scrubber.scrub(&observed.value);
            observed.unit = scrubber.scrub_str(&observed.unit);
        }
        self
    }

    /// Caps the output at `max_chars`; a JSON output that is longer becomes its text, cut.
    pub(crate) fn truncate_output(&mut self, max_chars: usize) {
        if let Some((cut, _)) = self.output.char_indices().nth(max_chars) {
            self.output.truncate(cut);
            self.output.push('…');
            self.json = None;
        }
    }
}

/// The return types a health check may have.
///
/// | type | passes when | output |
/// |---|---|---|
/// | `(bool, impl IntoOutput)` | the `bool` is `true` | the message or JSON value |
/// | `bool` | it is `true` | `"ok"` or `"failed"` |
/// | `Result<T: IntoOutput, E: Display>` | `Ok` | the `Ok` value (`()` gives `"ok"`), or the error's `Display` |
/// | [`Outcome`] | its status is not `Fail` | its output |
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a health check result",
    label = "a health check returns this",
    note = "return `bool`, `(bool, impl IntoOutput)`, `Result<T: IntoOutput, E: Display>` (e.g. `Result<(), E>`) or `healthcheck::Outcome`"
)]
pub trait IntoOutcome {
    /// Converts the check's return value.
    fn into_outcome(self) -> Outcome;
}

impl IntoOutcome for Outcome {
    fn into_outcome(self) -> Outcome {
        self
    }
}

impl IntoOutcome for bool {
    fn into_outcome(self) -> Outcome {
        if self {
            Outcome::pass("ok")
        } else {
            Outcome::fail("failed")
        }
    }
}

impl<S: IntoOutput> IntoOutcome for (bool, S) {
    fn into_outcome(self) -> Outcome {
        let status = if self.0 { Status::Pass } else { Status::Fail };
        Outcome::new(status, self.1)
    }
}

impl<T: IntoOutput, E: Display> IntoOutcome for Result<T, E> {
    fn into_outcome(self) -> Outcome {
        match self {
            Ok(value) => Outcome::pass(value),
            Err(error) => Outcome::errored(ErrorKind::Returned, error.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conversions() {
        assert_eq!((true, "up").into_outcome(), Outcome::pass("up"));
        assert_eq!(
            (false, String::from("down")).into_outcome(),
            Outcome::fail("down")
        );
        assert_eq!(false.into_outcome(), Outcome::fail("failed"));
        assert_eq!(Ok::<_, String>(3).into_outcome(), Outcome::pass("3"));
        let refused = Err::<u8, _>("refused").into_outcome();
        assert_eq!(
            (refused.output(), refused.error()),
            ("refused", Some(ErrorKind::Returned))
        );
        assert_eq!(Ok::<(), String>(()).into_outcome(), Outcome::pass("ok"));
        let json = (true, serde_json::json!({"lag": 3})).into_outcome();
        assert_eq!(json.output(), r#"{"lag":3}"#);
        assert_eq!(json.output_json(), Some(&serde_json::json!({"lag": 3})));
    }

    #[test]
    fn truncation_respects_char_boundaries() {
        let mut outcome = Outcome::fail("ééééé");
        outcome.truncate_output(3);
        assert_eq!(outcome.output(), "ééé…");
        let mut short = Outcome::fail("ok");
        short.truncate_output(3);
        assert_eq!(short.output(), "ok");
        let mut long_json = Outcome::fail(serde_json::json!([1, 2, 3]));
        long_json.truncate_output(3);
        assert_eq!(
            (long_json.output(), long_json.output_json()),
            ("[1,…", None)
        );
    }
}
