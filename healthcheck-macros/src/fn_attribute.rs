//! Running an attribute on a function, never at the cost of the user's item: on any mistake
//! the item is emitted unchanged beside the error, so that one mistake gives one message.

use proc_macro2::TokenStream;
use quote::ToTokens;
use syn::parse::Parse;
use syn::ItemFn;

/// Parses `item` as a function and `args` as `A`, then hands both to `expand`.
pub(crate) fn expand<A: Parse>(
    args: TokenStream,
    item: TokenStream,
    expand: fn(&A, &ItemFn) -> syn::Result<TokenStream>,
) -> TokenStream {
    let function: ItemFn = match syn::parse2(item.clone()) {
        Ok(function) => function,
        Err(error) => return with_error(item, error),
    };
    match syn::parse2(args).and_then(|args| expand(&args, &function)) {
        Ok(tokens) => tokens,
        Err(error) => with_error(function.into_token_stream(), error),
    }
}

fn with_error(mut item: TokenStream, error: syn::Error) -> TokenStream {
    item.extend(error.into_compile_error());
    item
}
