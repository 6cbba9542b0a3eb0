//! The arguments of `#[env_section(...)]`.

use proc_macro2::Span;
use syn::ext::IdentExt;
use syn::parse::{Parse, ParseStream};
use syn::ItemFn;

use crate::common_args::{parse_each, CommonArgs};

const KEYS: &str = "name, crate";

/// The built-in sections' names, which a registered section may not take.
const BUILT_IN: [&str; 4] = ["os", "rust", "process", "config"];

pub(crate) struct SectionArgs {
    pub(crate) common: CommonArgs,
}

impl Parse for SectionArgs {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let mut common = CommonArgs::default();
        parse_each(input, |meta| {
            common.parse_one(&meta, |name| validate(&name.value(), name.span()), KEYS)
        })?;
        Ok(SectionArgs { common })
    }
}

impl SectionArgs {
    /// A section named after its function must not take a built-in name either.
    pub(crate) fn validate_default_name(&self, function: &ItemFn) -> syn::Result<()> {
        if self.common.has_name() {
            return Ok(());
        }
        let ident = &function.sig.ident;
        validate(&ident.unraw().to_string(), ident.span())
    }
}

fn validate(name: &str, span: Span) -> syn::Result<()> {
    if name.is_empty() {
        return Err(syn::Error::new(span, "name must not be empty"));
    }
    if BUILT_IN.contains(&name) {
        return Err(syn::Error::new(
            span,
            format!(
                "`{name}` is the name of a built-in section: pass `name = \"…\"` with another name"
            ),
        ));
    }
    Ok(())
}
