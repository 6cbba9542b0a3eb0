//! The environment dump: os, rust and process sections, custom ones, all scrubbed.

pub(crate) mod scrub;
