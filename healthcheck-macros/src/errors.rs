//! Reporting mistakes: every one at once, and never at the cost of the user's item.

use proc_macro2::TokenStream;

/// Folds several errors into one, so that every mistake is reported at once.
pub(crate) fn combine(errors: Vec<syn::Error>) -> syn::Result<()> {
    let mut errors = errors.into_iter();
    let Some(mut first) = errors.next() else {
        return Ok(());
    };
    for error in errors {
        first.combine(error);
    }
    Err(first)
}

/// The user's item unchanged plus the error, so that one mistake gives one message.
pub(crate) fn with_error(item: TokenStream, error: syn::Error) -> TokenStream {
    let mut tokens = item;
    tokens.extend(error.into_compile_error());
    tokens
}
