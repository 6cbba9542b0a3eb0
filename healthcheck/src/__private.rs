//! Not public API. Used by generated code.

pub use inventory;

pub use crate::check::Outcome;
pub use crate::job::BoxFuture;
pub use crate::registry::{CheckFn, CheckRegistration, Location};

/// Not public API. Used by generated code.
pub fn into_outcome<T: crate::IntoOutcome>(value: T) -> Outcome {
    value.into_outcome()
}
