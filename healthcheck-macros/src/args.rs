//! Helpers shared by the attributes' argument parsers.

use syn::meta::ParseNestedMeta;
use syn::LitStr;

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

/// Names appear as URL path segments (`/healthcheck/{name}`) and in text output.
pub(crate) fn validate_name(lit: &LitStr) -> syn::Result<()> {
    let value = lit.value();
    if value.is_empty() {
        return Err(syn::Error::new(lit.span(), "name must not be empty"));
    }
    if let Some(bad) = value
        .chars()
        .find(|c| c.is_whitespace() || c.is_control() || *c == '/')
    {
        return Err(syn::Error::new(
            lit.span(),
            format!("name must not contain {bad:?}: it is used as a URL path segment"),
        ));
    }
    Ok(())
}
