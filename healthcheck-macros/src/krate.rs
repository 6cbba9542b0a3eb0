//! The path generated code uses to reach the runtime crate (`crate = path` overrides it).

use proc_macro2::TokenStream;
use quote::quote;

pub(crate) fn runtime_path(custom: Option<&syn::Path>) -> TokenStream {
    custom.map_or_else(|| quote!(::healthcheck), |path| quote!(#path))
}
