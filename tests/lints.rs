//! The expansion is lint-clean: this file denies every warning, pedantic clippy included.
#![deny(warnings, unused, clippy::all, clippy::pedantic, missing_docs)]

use healthcheck::{health_check, Outcome};

/// Sync, with every argument.
#[health_check(
    name = "everything",
    tags("ready", "live"),
    timeout = "1m30s",
    critical = false,
    success_ttl = "27s",
    failed_ttl = "9s"
)]
#[must_use]
pub fn everything() -> Outcome {
    Outcome::pass("ok")
}

#[health_check]
async fn private_async() -> Result<&'static str, std::fmt::Error> {
    std::future::ready(Ok("ok")).await
}

mod nested {
    #[healthcheck::health_check]
    pub(crate) fn in_a_module() -> bool {
        true
    }
}

#[test]
fn expansions_compile_without_warnings() {
    assert_eq!(healthcheck::registry::checks().len(), 3);
    assert!(nested::in_a_module());
}
