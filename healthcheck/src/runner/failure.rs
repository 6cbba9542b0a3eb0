//! Why a run of user code gave no value, and the one place that words it.

use std::any::Any;
use std::fmt;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::Duration;

use crate::outcome::{ErrorKind, Outcome};

/// How a run of a check's or section's body ended without a value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Failure {
    /// The body panicked with this message.
    Panicked(String),
    /// The deadline passed; `joined` when this caller waited for a run another one started.
    TimedOut { after: Duration, joined: bool },
    /// The deadline passed before a thread for user code was free.
    Overloaded { after: Duration },
    /// The run was dropped before it finished (its runtime shut down).
    Cancelled,
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Panicked(message) => write!(f, "panicked: {message}"),
            Failure::TimedOut {
                after,
                joined: false,
            } => write!(f, "timed out after {after:?}"),
            Failure::TimedOut {
                after,
                joined: true,
            } => write!(
                f,
                "timed out after {after:?}; an earlier run is still in progress, so no new one was started"
            ),
            Failure::Overloaded { after } => write!(
                f,
                "timed out after {after:?} before it could start: all {} threads for checks and sections were busy",
                super::executor::USER_THREADS
            ),
            Failure::Cancelled => f.write_str("cancelled before it finished"),
        }
    }
}

impl Failure {
    /// What a check that ended so reports: a panic's message alone (as py-healthcheck reports
    /// `str(exc)`), marked for the error handler; the other failures in words.
    pub(crate) fn into_outcome(self) -> Outcome {
        match self {
            Failure::Panicked(message) => Outcome::errored(ErrorKind::Panicked, message),
            other => Outcome::fail(other.to_string()),
        }
    }
}

/// The message of a caught panic. The payload is dropped here, and a payload whose `Drop`
/// panics in turn is leaked rather than allowed to unwind further.
pub(crate) fn panic_message(payload: Box<dyn Any + Send>) -> String {
    let message = payload
        .downcast_ref::<&str>()
        .map(|message| (*message).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a non-string payload".to_owned());
    if let Err(second) = catch_unwind(AssertUnwindSafe(move || drop(payload))) {
        std::mem::forget(second);
    }
    message
}

#[cfg(test)]
mod tests {
    use super::*;

    struct PanicsOnDrop;

    impl Drop for PanicsOnDrop {
        fn drop(&mut self) {
            panic!("dropping the payload");
        }
    }

    #[test]
    fn a_payload_whose_drop_panics_is_contained() {
        let payload = catch_unwind(|| std::panic::panic_any(PanicsOnDrop)).unwrap_err();
        assert_eq!(panic_message(payload), "a non-string payload");
    }

    #[test]
    fn wording() {
        let after = Duration::from_millis(300);
        assert_eq!(
            Failure::TimedOut {
                after,
                joined: false
            }
            .to_string(),
            "timed out after 300ms"
        );
        assert!(Failure::TimedOut {
            after,
            joined: true
        }
        .to_string()
        .contains("still in progress"));
        assert_eq!(
            Failure::Panicked("boom".into()).to_string(),
            "panicked: boom"
        );
    }
}
