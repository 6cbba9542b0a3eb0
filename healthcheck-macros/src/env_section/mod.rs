//! `#[env_section]`: validate the arguments and the function, then register it beside itself.

mod expand;
mod parse;

pub(crate) use expand::expand;
