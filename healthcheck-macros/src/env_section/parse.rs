//! The arguments of `#[env_section(...)]`.

use syn::ext::IdentExt;
use syn::meta::ParseNestedMeta;
use syn::{ItemFn, LitStr};

use crate::args::set;

const KEYS: &str = "name, crate";

/// The built-in sections' names, which a registered section may not take.
const BUILT_IN: [&str; 4] = ["os", "rust", "process", "config"];

#[derive(Default)]
pub(crate) struct SectionArgs {
    pub(crate) name: Option<LitStr>,
    pub(crate) krate: Option<syn::Path>,
}

impl SectionArgs {
    pub(crate) fn parse_one(&mut self, meta: &ParseNestedMeta) -> syn::Result<()> {
        let key = meta
            .path
            .get_ident()
            .map(ToString::to_string)
            .unwrap_or_default();
        match key.as_str() {
            "name" => {
                let name: LitStr = meta.value()?.parse()?;
                validate(&name.value(), name.span())?;
                set(meta, &mut self.name, name)
            }
            "crate" => {
                let path = meta.value()?.call(syn::Path::parse_mod_style)?;
                set(meta, &mut self.krate, path)
            }
            _ => Err(meta.error(format!("unknown argument `{key}`, expected one of: {KEYS}"))),
        }
    }

    pub(crate) fn name(&self, function: &ItemFn) -> String {
        self.name
            .as_ref()
            .map_or_else(|| function.sig.ident.unraw().to_string(), LitStr::value)
    }
}

/// A section named after its function must not take a built-in name either.
pub(crate) fn validate_default_name(function: &ItemFn, args: &SectionArgs) -> syn::Result<()> {
    if args.name.is_some() {
        return Ok(());
    }
    validate(&args.name(function), function.sig.ident.span())
}

fn validate(name: &str, span: proc_macro2::Span) -> syn::Result<()> {
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
