//! Durations written as strings in attribute arguments (`timeout = "2s"`), checked at compile time.

use proc_macro2::TokenStream;
use quote::quote;
use syn::LitStr;

const UNITS: &[(&str, u128)] = &[
    ("ms", 1_000_000),
    ("s", 1_000_000_000),
    ("m", 60_000_000_000),
    ("h", 3_600_000_000_000),
];

/// A duration parsed from a literal like `"2s"`, `"500ms"` or `"1m30s"`.
pub(crate) struct DurationLit {
    nanos: u64,
}

impl DurationLit {
    pub(crate) fn parse(lit: &LitStr) -> syn::Result<Self> {
        let text = lit.value();
        let nanos = parse_nanos(text.trim()).ok_or_else(|| {
            syn::Error::new(
                lit.span(),
                format!(
                    "invalid duration `{text}`, expected a whole number and a unit \
                     (ms, s, m, h), like \"2s\", \"500ms\" or \"1m30s\""
                ),
            )
        })?;
        Ok(DurationLit { nanos })
    }

    pub(crate) fn is_zero(&self) -> bool {
        self.nanos == 0
    }

    /// A const expression of type `core::time::Duration`.
    pub(crate) fn to_tokens(&self) -> TokenStream {
        let nanos = self.nanos;
        quote!(::core::time::Duration::from_nanos(#nanos))
    }
}

fn parse_nanos(text: &str) -> Option<u64> {
    let mut rest = text;
    let mut total: u128 = 0;
    if rest.is_empty() {
        return None;
    }
    while !rest.is_empty() {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        let number: u128 = rest[..digits].parse().ok()?;
        rest = &rest[digits..];
        let unit_len = rest.bytes().take_while(u8::is_ascii_alphabetic).count();
        let scale = UNITS
            .iter()
            .find(|(unit, _)| *unit == &rest[..unit_len])
            .map(|(_, scale)| *scale)?;
        rest = &rest[unit_len..];
        total = total.checked_add(number.checked_mul(scale)?)?;
    }
    u64::try_from(total).ok()
}

#[cfg(test)]
mod tests {
    use super::parse_nanos;

    #[test]
    fn accepts_units_and_compounds() {
        assert_eq!(parse_nanos("2s"), Some(2_000_000_000));
        assert_eq!(parse_nanos("500ms"), Some(500_000_000));
        assert_eq!(parse_nanos("1m30s"), Some(90_000_000_000));
        assert_eq!(parse_nanos("1h"), Some(3_600_000_000_000));
        assert_eq!(parse_nanos("0s"), Some(0));
    }

    #[test]
    fn rejects_malformed() {
        for bad in [
            "",
            "2",
            "s",
            "2 parsecs",
            "2parsecs",
            "-1s",
            "1.5s",
            "2s ",
            "99999999999h",
        ] {
            assert_eq!(parse_nanos(bad), None, "{bad:?}");
        }
    }
}
