//! Who may see the dump: everyone, or requests that carry a bearer token (and, served by
//! actix-web, pass a guard). Decided here, whatever serves it.

use std::sync::Arc;

#[derive(Clone, Default)]
pub(crate) struct Access {
    pub(crate) bearer_token: Option<Arc<str>>,
    #[cfg(feature = "actix")]
    pub(crate) guard: Option<Arc<dyn actix_web::guard::Guard + Send + Sync>>,
}

impl Access {
    /// Whether a request with this `Authorization` header value carries the token, if one is
    /// required.
    #[must_use]
    pub(crate) fn token_allows(&self, authorization: Option<&str>) -> bool {
        self.bearer_token.as_ref().is_none_or(|expected| {
            // The scheme is case-insensitive (RFC 7235); the token is not.
            authorization
                .filter(|value| {
                    value
                        .get(..7)
                        .is_some_and(|s| s.eq_ignore_ascii_case("bearer "))
                })
                .and_then(|value| value.get(7..))
                .is_some_and(|given| constant_time_eq(given.trim().as_bytes(), expected.as_bytes()))
        })
    }
}

/// Compares without an early exit, so response time does not reveal how much of a token matched.
fn constant_time_eq(given: &[u8], expected: &[u8]) -> bool {
    let mut difference = given.len() ^ expected.len();
    for (index, byte) in expected.iter().enumerate() {
        difference |= usize::from(given.get(index).copied().unwrap_or(!byte) ^ byte);
    }
    difference == 0
}

#[cfg(test)]
mod tests {
    use super::constant_time_eq;

    #[test]
    fn token_comparison() {
        assert!(constant_time_eq(b"s3cret", b"s3cret"));
        assert!(!constant_time_eq(b"s3cre", b"s3cret"));
        assert!(!constant_time_eq(b"s3cretX", b"s3cret"));
        assert!(!constant_time_eq(b"", b"s3cret"));
        assert!(!constant_time_eq(b"S3cret", b"s3cret"));
    }
}
