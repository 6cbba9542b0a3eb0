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

/// Names are written into text lines and, percent-encoded, URLs: nothing may start, end or
/// reorder a line. The runtime refuses the same characters in names given to `add_check`.
pub(crate) fn validate_name(lit: &LitStr) -> syn::Result<()> {
    let value = lit.value();
    if value.trim().is_empty() {
        return Err(syn::Error::new(
            lit.span(),
            "name must not be empty or blank",
        ));
    }
    let unprintable = |c: char| {
        c.is_control()
            || matches!(
                c,
                '\u{2028}' | '\u{2029}' | '\u{200e}' | '\u{200f}' | '\u{061c}'
            )
            || ('\u{202a}'..='\u{202e}').contains(&c)
            || ('\u{2066}'..='\u{2069}').contains(&c)
    };
    if let Some(bad) = value.chars().find(|&c| unprintable(c)) {
        return Err(syn::Error::new(
            lit.span(),
            format!("name must not contain {bad:?}: names are written into text lines and must be printable"),
        ));
    }
    Ok(())
}
