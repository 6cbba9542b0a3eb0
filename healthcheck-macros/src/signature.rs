//! Checks shared by every attribute that registers a plain function for the registry to call.

use syn::{FnArg, ReturnType, Signature};

/// `what` names the kind of function in messages, e.g. "health checks"; `builder` the method
/// that takes closures instead, e.g. `add_check`.
pub(crate) fn validate(sig: &Signature, what: &str, builder: &str) -> syn::Result<()> {
    let mut errors = Vec::new();
    if let Some(constness) = &sig.constness {
        errors.push(syn::Error::new_spanned(
            constness,
            format!("{what} cannot be `const fn`: remove `const`"),
        ));
    }
    if let Some(unsafety) = &sig.unsafety {
        errors.push(syn::Error::new_spanned(
            unsafety,
            format!(
                "{what} cannot be `unsafe fn`: the registry calls them without an `unsafe` block"
            ),
        ));
    }
    if !sig.generics.params.is_empty() || sig.generics.where_clause.is_some() {
        let generics = &sig.generics;
        errors.push(syn::Error::new_spanned(
            generics,
            format!("{what} cannot be generic: the registry calls them without type arguments"),
        ));
    }
    match sig.inputs.first() {
        Some(FnArg::Receiver(receiver)) => errors.push(syn::Error::new_spanned(
            receiver,
            format!(
                "{what} cannot take `self`: register a free function, or pass a closure that \
                 captures the value to `{builder}`"
            ),
        )),
        Some(FnArg::Typed(first)) => errors.push(syn::Error::new_spanned(
            first,
            format!(
                "{what} take no arguments: pass a closure that captures what it needs to \
                 `{builder}` instead"
            ),
        )),
        None => {}
    }
    if let Some(variadic) = &sig.variadic {
        errors.push(syn::Error::new_spanned(
            variadic,
            format!("{what} take no arguments"),
        ));
    }
    if let ReturnType::Default = sig.output {
        errors.push(syn::Error::new(
            sig.paren_token.span.close(),
            format!("{what} must return a value: add a return type"),
        ));
    }
    combine(errors)
}

/// Folds several errors into one, so that every mistake is reported at once.
fn combine(errors: Vec<syn::Error>) -> syn::Result<()> {
    let mut errors = errors.into_iter();
    let Some(mut first) = errors.next() else {
        return Ok(());
    };
    for error in errors {
        first.combine(error);
    }
    Err(first)
}
