//! The path generated code uses to reach the runtime crate (`crate = path` overrides it).

use proc_macro2::TokenStream;
use quote::quote;

pub(crate) fn runtime_path(custom: Option<&syn::Path>) -> TokenStream {
    custom.map_or_else(|| quote!(::healthcheck), |path| quote!(#path))
}

/// `tokens` with every span set to `span`, so that errors in generated code land on the
/// user's token (for instance the return type) rather than on the attribute.
pub(crate) fn respan(tokens: TokenStream, span: proc_macro2::Span) -> TokenStream {
    tokens
        .into_iter()
        .map(|mut token| {
            if let proc_macro2::TokenTree::Group(group) = &token {
                let mut respanned =
                    proc_macro2::Group::new(group.delimiter(), respan(group.stream(), span));
                respanned.set_span(span);
                token = respanned.into();
            }
            token.set_span(span);
            token
        })
        .collect()
}
