//! `#[health_check]`: validate the arguments and the function, then register it beside itself.

mod expand;
mod parse;

use proc_macro2::TokenStream;
use quote::ToTokens;
use syn::parse::Parser;
use syn::ItemFn;

pub(crate) fn expand(args: TokenStream, item: TokenStream) -> TokenStream {
    let function: ItemFn = match syn::parse2(item.clone()) {
        Ok(function) => function,
        Err(error) => return with_error(item, error),
    };
    let mut parsed = parse::CheckArgs::default();
    let parser = syn::meta::parser(|meta| parsed.parse_one(&meta));
    let validated = parser
        .parse2(args)
        .and_then(|()| crate::signature::validate(&function.sig, "health checks"));
    match validated {
        Ok(()) => expand::registration(&function, &parsed),
        Err(error) => with_error(function.into_token_stream(), error),
    }
}

/// The user's item unchanged plus the error, so that one mistake gives one message.
fn with_error(item: TokenStream, error: syn::Error) -> TokenStream {
    let mut tokens = item;
    tokens.extend(error.into_compile_error());
    tokens
}
