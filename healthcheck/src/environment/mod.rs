//! The environment dump: os, rust and process sections, custom ones, all scrubbed.

mod dump;
mod os;
mod process;
pub(crate) mod rust;
pub(crate) mod scrub;

pub use dump::{Environment, EnvironmentDump};
