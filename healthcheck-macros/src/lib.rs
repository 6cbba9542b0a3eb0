//! Implementation detail of the `healthcheck` crate. Depend on `healthcheck`, which re-exports
//! these attributes and the items their expansions refer to.

#![forbid(unsafe_code)]
#![warn(clippy::pedantic)]

mod duration;
mod health_check;
mod krate;
mod signature;

use proc_macro::TokenStream;

/// Registers a function as a health check. Documented in the `healthcheck` crate.
#[proc_macro_attribute]
pub fn health_check(args: TokenStream, item: TokenStream) -> TokenStream {
    health_check::expand(args.into(), item.into()).into()
}
