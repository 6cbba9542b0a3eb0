//! The environment dump: os, rust and process sections, custom ones, all scrubbed.

pub(crate) mod access;
mod dump;
mod os;
mod snapshot;
mod piece;
mod process;
pub(crate) mod rust;

pub use dump::EnvironmentDump;
pub use snapshot::Environment;
