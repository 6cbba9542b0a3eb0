//! The environment dump: os, rust and process sections, custom ones, all scrubbed.

pub(crate) mod access;
mod dump;
mod os;
mod piece;
mod process;
pub(crate) mod rust;
mod snapshot;

pub use dump::EnvironmentDump;
pub use snapshot::Environment;
