//! A check's reported status over time: flap damping, change events and hooks, history, and
//! the counts metrics read.

mod change;
mod handle;
mod streak;
mod track;

pub use change::Change;
pub(crate) use change::Hooks;
#[cfg(any(feature = "actix", feature = "axum"))]
pub(crate) use handle::wants_history;
#[cfg(feature = "metrics")]
pub(crate) use track::{outcome_index, BUCKETS};
pub(crate) use track::{Counts, Track};
