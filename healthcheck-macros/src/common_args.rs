//! The arguments both attributes take, `name = "…"` and `crate = path`, and the rules every
//! argument follows: a known key, given once.

use proc_macro2::TokenStream;
use quote::quote;
use syn::ext::IdentExt;
use syn::meta::ParseNestedMeta;
use syn::parse::{ParseStream, Parser};
use syn::{ItemFn, LitStr};

#[derive(Default)]
pub(crate) struct CommonArgs {
    name: Option<LitStr>,
    krate: Option<syn::Path>,
}

impl CommonArgs {
    /// Takes `name` (checked by `validate_name`) and `crate`; any other key is unknown, and
    /// `keys` lists the attribute's own.
    pub(crate) fn parse_one(
        &mut self,
        meta: &ParseNestedMeta,
        validate_name: impl FnOnce(&LitStr) -> syn::Result<()>,
        keys: &str,
    ) -> syn::Result<()> {
        if meta.path.is_ident("name") {
            let name: LitStr = meta.value()?.parse()?;
            validate_name(&name)?;
            set(meta, &mut self.name, name)
        } else if meta.path.is_ident("crate") {
            parse_crate(meta, &mut self.krate)
        } else {
            Err(match meta.path.get_ident() {
                Some(key) => {
                    meta.error(format!("unknown argument `{key}`, expected one of: {keys}"))
                }
                None => meta.error(format!("unknown argument, expected one of: {keys}")),
            })
        }
    }

    /// `name = "…"`, or else the function's own name.
    pub(crate) fn name(&self, function: &ItemFn) -> String {
        self.name
            .as_ref()
            .map_or_else(|| function.sig.ident.unraw().to_string(), LitStr::value)
    }

    pub(crate) fn has_name(&self) -> bool {
        self.name.is_some()
    }

    pub(crate) fn private_path(&self) -> TokenStream {
        private_path(self.krate.as_ref())
    }
}

/// Parses `input` as `key = value` and `key(…)` arguments, each with `parse_one`.
pub(crate) fn parse_each(
    input: ParseStream,
    parse_one: impl FnMut(ParseNestedMeta) -> syn::Result<()>,
) -> syn::Result<()> {
    syn::meta::parser(parse_one).parse2(input.parse()?)
}

/// `crate = path`, for code that reaches the runtime crate under another name.
pub(crate) fn parse_crate(meta: &ParseNestedMeta, slot: &mut Option<syn::Path>) -> syn::Result<()> {
    let path = meta.value()?.call(syn::Path::parse_mod_style)?;
    set(meta, slot, path)
}

/// The runtime's items for generated code: `::healthcheck::__private`, or under `crate = path`.
pub(crate) fn private_path(krate: Option<&syn::Path>) -> TokenStream {
    krate.map_or_else(
        || quote!(::healthcheck::__private),
        |path| quote!(#path::__private),
    )
}

/// Stores an argument's value, refusing a second occurrence on its key.
pub(crate) fn set<T>(meta: &ParseNestedMeta, slot: &mut Option<T>, value: T) -> syn::Result<()> {
    if slot.is_some() {
        let key = meta
            .path
            .get_ident()
            .map(ToString::to_string)
            .unwrap_or_default();
        return Err(meta.error(format!("duplicate argument `{key}`")));
    }
    *slot = Some(value);
    Ok(())
}
