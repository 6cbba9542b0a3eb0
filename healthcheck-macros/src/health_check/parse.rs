//! The arguments of `#[health_check(...)]`.

use syn::meta::ParseNestedMeta;
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{LitBool, LitStr, Token};

use crate::common_args::{parse_each, set, CommonArgs};
use crate::duration::DurationLit;

const KEYS: &str = "name, tags, timeout, critical, success_ttl, failed_ttl, component, measurement, component_id, component_type, affected_endpoints, crate";

#[derive(Default)]
pub(crate) struct CheckArgs {
    pub(crate) common: CommonArgs,
    pub(crate) tags: Option<Vec<LitStr>>,
    pub(crate) timeout: Option<DurationLit>,
    pub(crate) critical: Option<LitBool>,
    pub(crate) success_ttl: Option<DurationLit>,
    pub(crate) failed_ttl: Option<DurationLit>,
    pub(crate) component: Option<LitStr>,
    pub(crate) measurement: Option<LitStr>,
    pub(crate) component_id: Option<LitStr>,
    pub(crate) component_type: Option<LitStr>,
    pub(crate) affected_endpoints: Option<Vec<LitStr>>,
}

impl Parse for CheckArgs {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let mut args = CheckArgs::default();
        parse_each(input, |meta| {
            if meta.path.is_ident("tags") {
                set(&meta, &mut args.tags, non_empty_list(&meta, "tag")?)
            } else if meta.path.is_ident("affected_endpoints") {
                let endpoints = non_empty_list(&meta, "endpoint")?;
                set(&meta, &mut args.affected_endpoints, endpoints)
            } else if meta.path.is_ident("component") {
                set(&meta, &mut args.component, key_part(&meta)?)
            } else if meta.path.is_ident("measurement") {
                set(&meta, &mut args.measurement, key_part(&meta)?)
            } else if meta.path.is_ident("component_id") {
                set(&meta, &mut args.component_id, meta.value()?.parse()?)
            } else if meta.path.is_ident("component_type") {
                set(&meta, &mut args.component_type, meta.value()?.parse()?)
            } else if meta.path.is_ident("timeout") {
                let literal: LitStr = meta.value()?.parse()?;
                let timeout = DurationLit::parse(&literal)?;
                if timeout.is_zero() {
                    return Err(syn::Error::new(
                        literal.span(),
                        "`timeout` must be longer than zero",
                    ));
                }
                set(&meta, &mut args.timeout, timeout)
            } else if meta.path.is_ident("critical") {
                set(&meta, &mut args.critical, meta.value()?.parse()?)
            } else if meta.path.is_ident("success_ttl") {
                let ttl = DurationLit::parse(&meta.value()?.parse()?)?;
                set(&meta, &mut args.success_ttl, ttl)
            } else if meta.path.is_ident("failed_ttl") {
                let ttl = DurationLit::parse(&meta.value()?.parse()?)?;
                set(&meta, &mut args.failed_ttl, ttl)
            } else {
                args.common.parse_one(&meta, validate_name, KEYS)
            }
        })?;
        Ok(args)
    }
}

/// `key("a", "b")`: string literals, none empty.
fn non_empty_list(meta: &ParseNestedMeta, what: &str) -> syn::Result<Vec<LitStr>> {
    let content;
    syn::parenthesized!(content in meta.input);
    let items = Punctuated::<LitStr, Token![,]>::parse_terminated(&content)?;
    if let Some(empty) = items.iter().find(|item| item.value().is_empty()) {
        return Err(syn::Error::new(
            empty.span(),
            format!("{what} must not be empty"),
        ));
    }
    Ok(items.into_iter().collect())
}

/// A part of the IETF key `component:measurement`, which cannot hold the `:` between them.
fn key_part(meta: &ParseNestedMeta) -> syn::Result<LitStr> {
    let part: LitStr = meta.value()?.parse()?;
    if part.value().is_empty() || part.value().contains(':') {
        return Err(syn::Error::new(
            part.span(),
            "must be non-empty and without `:`, which separates the component from the measurement in the IETF format's keys",
        ));
    }
    Ok(part)
}

/// Check names are written into text lines and, percent-encoded, URLs: nothing may start, end
/// or reorder a line. The runtime refuses the same characters in names given to `add_check`.
fn validate_name(lit: &LitStr) -> syn::Result<()> {
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
