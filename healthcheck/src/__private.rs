//! Not public API. Used by generated code.

pub use inventory;

pub use crate::body::BoxFuture;
pub use crate::outcome::Outcome;
pub use serde_json::Value;

pub use crate::environment::rust::BuildInfo;
pub use crate::location::Location;
pub use crate::registry::registration::{
    CheckFn, CheckRegistration, ComponentRegistration, SectionFn, SectionFuture,
    SectionRegistration,
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

/// Not public API. Used by generated code. The bound sits on the method rather than the impl
/// so that a type that is not `Serialize` is reported with [`SectionData`]'s message.
pub trait SectionValue {
    type Data;
    fn __healthcheck_section(&self) -> Result<Value, String>
    where
        Self::Data: SectionData;
}

impl<T> SectionValue for SectionWrap<T> {
    type Data = T;
    fn __healthcheck_section(&self) -> Result<Value, String>
    where
        T: SectionData,
    {
        serde_json::to_value(&self.0).map_err(|error| error.to_string())
    }
}

/// Not public API. What an `#[env_section]` function may return.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be an environment section",
    label = "an environment section returns this",
    note = "return a type that implements `serde::Serialize`, or `Result<T: Serialize, E: Display>`"
)]
pub trait SectionData: serde::Serialize {}

impl<T: serde::Serialize> SectionData for T {}

/// Not public API. Used by generated code.
pub fn into_outcome<T: crate::IntoOutcome>(value: T) -> Outcome {
    value.into_outcome()
}
