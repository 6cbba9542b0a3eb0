//! `#[env_section]`: validate the arguments and the function, then register it beside itself.

mod expand;
mod parse;

use proc_macro2::TokenStream;
use quote::ToTokens;
use syn::parse::Parser;
use syn::ItemFn;

use crate::errors::with_error;

pub(crate) fn expand(args: TokenStream, item: TokenStream) -> TokenStream {
    let function: ItemFn = match syn::parse2(item.clone()) {
        Ok(function) => function,
        Err(error) => return with_error(item, error),
    };
    let mut parsed = parse::SectionArgs::default();
    let parser = syn::meta::parser(|meta| parsed.parse_one(&meta));
    let validated = parser
        .parse2(args)
        .and_then(|()| {
            crate::signature::validate(&function.sig, "environment sections", "add_section")
        })
        .and_then(|()| parse::validate_default_name(&function, &parsed));
    match validated {
        Ok(()) => expand::registration(&function, &parsed),
        Err(error) => with_error(function.into_token_stream(), error),
    }
}
