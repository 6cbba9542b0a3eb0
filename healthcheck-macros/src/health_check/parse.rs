//! The arguments of `#[health_check(...)]`.

use syn::meta::ParseNestedMeta;
use syn::punctuated::Punctuated;
use syn::{LitBool, LitStr, Token};

use crate::args::{set, validate_name};
use crate::duration::DurationLit;

const KEYS: &str = "name, tags, timeout, critical, success_ttl, failed_ttl, crate";

#[derive(Default)]
pub(crate) struct CheckArgs {
    pub(crate) name: Option<LitStr>,
    pub(crate) tags: Option<Vec<LitStr>>,
    pub(crate) timeout: Option<DurationLit>,
    pub(crate) critical: Option<LitBool>,
    pub(crate) success_ttl: Option<DurationLit>,
    pub(crate) failed_ttl: Option<DurationLit>,
    pub(crate) krate: Option<syn::Path>,
}

impl CheckArgs {
    pub(crate) fn parse_one(&mut self, meta: &ParseNestedMeta) -> syn::Result<()> {
        let Some(key) = meta.path.get_ident().map(ToString::to_string) else {
            return Err(meta.error(format!("unknown argument, expected one of: {KEYS}")));
        };
        match key.as_str() {
            "name" => {
                let name: LitStr = meta.value()?.parse()?;
                validate_name(&name)?;
                set(meta, &mut self.name, name)
            }
            "tags" => {
                let content;
                syn::parenthesized!(content in meta.input);
                let tags = Punctuated::<LitStr, Token![,]>::parse_terminated(&content)?;
                if let Some(empty) = tags.iter().find(|tag| tag.value().is_empty()) {
                    return Err(syn::Error::new(empty.span(), "tag must not be empty"));
                }
                set(meta, &mut self.tags, tags.into_iter().collect())
            }
            "timeout" => {
                let literal: LitStr = meta.value()?.parse()?;
                let timeout = DurationLit::parse(&literal)?;
                if timeout.is_zero() {
                    return Err(syn::Error::new(
                        literal.span(),
                        "`timeout` must be longer than zero",
                    ));
                }
                set(meta, &mut self.timeout, timeout)
            }
            "critical" => {
                let critical = meta.value()?.parse()?;
                set(meta, &mut self.critical, critical)
            }
            "success_ttl" => {
                let ttl = DurationLit::parse(&meta.value()?.parse()?)?;
                set(meta, &mut self.success_ttl, ttl)
            }
            "failed_ttl" => {
                let ttl = DurationLit::parse(&meta.value()?.parse()?)?;
                set(meta, &mut self.failed_ttl, ttl)
            }
            "crate" => {
                let path = meta.value()?.call(syn::Path::parse_mod_style)?;
                set(meta, &mut self.krate, path)
            }
            _ => Err(meta.error(format!("unknown argument `{key}`, expected one of: {KEYS}"))),
        }
    }
}
