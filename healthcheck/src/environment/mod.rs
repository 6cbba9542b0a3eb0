//! The environment dump: os, rust and process sections, custom ones, all scrubbed.

pub(crate) mod access;
mod dump;
mod os;
mod output;
mod piece;
mod process;
pub(crate) mod rust;

pub use dump::EnvironmentDump;
pub use output::Environment;
