//! What a check says about itself: [`Outcome`], and the return types that convert into it.

use std::fmt::Display;

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
    /// The measured value.
    pub value: f64,
    /// Its unit, e.g. `"%"`, `"ms"`, `"connections"`.
    pub unit: String,
}

/// The result of one run of a check: a [`Status`], an output message and an optional measurement.
///
/// ```
/// use healthcheck::{Outcome, Status};
///
/// let outcome = Outcome::pass("42% used").observed(42.0, "%");
/// assert_eq!(outcome.status(), Status::Pass);
/// assert_eq!(outcome.output(), "42% used");
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    status: Status,
    output: String,
    observed: Option<Observed>,
}

impl Outcome {
    /// A passing outcome.
    pub fn pass(output: impl Into<String>) -> Self {
        Outcome::new(Status::Pass, output)
    }

    /// A degraded outcome: reported, but the service still counts as healthy.
    pub fn warn(output: impl Into<String>) -> Self {
        Outcome::new(Status::Warn, output)
    }

    /// A failing outcome.
    pub fn fail(output: impl Into<String>) -> Self {
        Outcome::new(Status::Fail, output)
    }

    /// An outcome with the given status.
    pub fn new(status: Status, output: impl Into<String>) -> Self {
        Outcome {
            status,
            output: output.into(),
            observed: None,
        }
    }

    /// Attaches a measured value and its unit.
    #[must_use]
    pub fn observed(mut self, value: f64, unit: impl Into<String>) -> Self {
        self.observed = Some(Observed {
            value,
            unit: unit.into(),
        });
        self
    }

    /// How the check ended.
    #[must_use]
    pub fn status(&self) -> Status {
        self.status
    }

    /// The message the check gave.
    #[must_use]
    pub fn output(&self) -> &str {
        &self.output
    }

    /// The measurement, if the check gave one.
    #[must_use]
    pub fn observation(&self) -> Option<&Observed> {
        self.observed.as_ref()
    }

    /// `true` unless the status is [`Status::Fail`].
    #[must_use]
    pub fn passed(&self) -> bool {
        self.status != Status::Fail
    }

    /// The outcome with the secrets in its output and unit masked.
    pub(crate) fn scrubbed(mut self, scrubber: &Scrubber) -> Self {
        self.output = scrubber.scrub_str(&self.output);
        if let Some(observed) = &mut self.observed {
            observed.unit = scrubber.scrub_str(&observed.unit);
        }
        self
    }

    pub(crate) fn truncate_output(&mut self, max_chars: usize) {
        if let Some((cut, _)) = self.output.char_indices().nth(max_chars) {
            self.output.truncate(cut);
            self.output.push('…');
        }
    }
}

/// The return types a health check may have.
///
/// | type | passes when | output |
/// |---|---|---|
/// | `(bool, impl Into<String>)` | the `bool` is `true` | the message |
/// | `bool` | it is `true` | `"ok"` or `"failed"` |
/// | `Result<T: Display, E: Display>` | `Ok` | the `Display` of either side |
/// | [`Outcome`] | its status is not `Fail` | its output |
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a health check result",
    label = "a health check returns this",
    note = "return `bool`, `(bool, impl Into<String>)`, `Result<T: Display, E: Display>` or `healthcheck::Outcome`"
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

impl<S: Into<String>> IntoOutcome for (bool, S) {
    fn into_outcome(self) -> Outcome {
        let status = if self.0 { Status::Pass } else { Status::Fail };
        Outcome::new(status, self.1)
    }
}

impl<T: Display, E: Display> IntoOutcome for Result<T, E> {
    fn into_outcome(self) -> Outcome {
        match self {
            Ok(value) => Outcome::pass(value.to_string()),
            Err(error) => Outcome::fail(error.to_string()),
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
        assert_eq!(
            Err::<u8, _>("refused").into_outcome(),
            Outcome::fail("refused")
        );
    }

    #[test]
    fn truncation_respects_char_boundaries() {
        let mut outcome = Outcome::fail("ééééé");
        outcome.truncate_output(3);
        assert_eq!(outcome.output(), "ééé…");
        let mut short = Outcome::fail("ok");
        short.truncate_output(3);
        assert_eq!(short.output(), "ok");
    }
}
