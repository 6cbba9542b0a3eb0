//! Implementation detail of the `healthcheck` crate. Depend on `healthcheck`, which re-exports
//! these attributes and the items their expansions refer to.

#![forbid(unsafe_code)]
#![warn(clippy::pedantic)]

mod build_info;
mod common_args;
mod duration;
mod env_section;
mod fn_attribute;
mod health_check;
mod registration;
mod signature;
mod spans;

use proc_macro::TokenStream;

/// Registers a function as a health check. Documented in the `healthcheck` crate.
#[proc_macro_attribute]
pub fn health_check(args: TokenStream, item: TokenStream) -> TokenStream {
    fn_attribute::expand(args.into(), item.into(), health_check::expand).into()
}

/// Registers a function as an environment section. Documented in the `healthcheck` crate.
#[proc_macro_attribute]
pub fn env_section(args: TokenStream, item: TokenStream) -> TokenStream {
    fn_attribute::expand(args.into(), item.into(), env_section::expand).into()
}

/// Captures the application's crate, version and dependencies. Documented in `healthcheck`.
#[proc_macro]
pub fn build_info(input: TokenStream) -> TokenStream {
    build_info::expand(input.into()).into()
}
