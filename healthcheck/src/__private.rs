//! Not public API. Used by generated code.

pub use inventory;

pub use crate::check::Outcome;
pub use crate::job::BoxFuture;
pub use serde_json::Value;

pub use crate::environment::rust::BuildInfo;
pub use crate::registry::{
    CheckFn, CheckRegistration, Location, SectionFn, SectionFuture, SectionRegistration,
};

/// Not public API. Used by generated code: `(&&SectionWrap(value)).__healthcheck_section()`
/// picks [`SectionResult`] for a `Result` and [`SectionValue`] for any other `Serialize`.
#[derive(Debug)]
pub struct SectionWrap<T>(pub T);

/// Not public API. Used by generated code.
pub trait SectionResult {
    fn __healthcheck_section(&self) -> Result<Value, String>;
}

impl<T: serde::Serialize, E: std::fmt::Display> SectionResult for &SectionWrap<Result<T, E>> {
    fn __healthcheck_section(&self) -> Result<Value, String> {
        match &self.0 {
            Ok(value) => serde_json::to_value(value).map_err(|error| error.to_string()),
            Err(error) => Err(error.to_string()),
        }
    }
}

/// Not public API. Used by generated code.
pub trait SectionValue {
    fn __healthcheck_section(&self) -> Result<Value, String>;
}

impl<T: serde::Serialize> SectionValue for SectionWrap<T> {
    fn __healthcheck_section(&self) -> Result<Value, String> {
        serde_json::to_value(&self.0).map_err(|error| error.to_string())
    }
}

/// Not public API. Used by generated code.
pub fn into_outcome<T: crate::IntoOutcome>(value: T) -> Outcome {
    value.into_outcome()
}
