//! Checks and sections registered with `#[health_check]` and `#[env_section]`, collected at
//! link time.
//!
//! ```
//! use healthcheck::{health_check, registry};
//!
//! #[health_check(name = "arithmetic")]
//! fn arithmetic() -> (bool, &'static str) {
//!     (1 + 1 == 2, "addition works")
//! }
//!
//! # #[tokio::main(flavor = "current_thread")] async fn main() {
//! let check = registry::check("arithmetic").expect("registered");
//! assert!(check.location().to_string().contains(".rs:"));
//! assert!(check.run().await.passed());
//! # }
//! ```

mod checks;
pub(crate) mod registration;
mod sections;
pub(crate) mod store;

use std::fmt;

pub use crate::location::Location;
pub use checks::RegisteredCheck;
pub use sections::RegisteredSection;

// Still called by `environment/dump.rs`; `store::validate::<RegisteredSection>()` says the same.

/// Every registered check, in declaration order (by file, then line).
#[must_use]
pub fn checks() -> &'static [RegisteredCheck] {
    store::all()
}

/// The registered check with this name.
#[must_use]
pub fn check(name: &str) -> Option<RegisteredCheck> {
    store::find(name)
}

/// Fails if two registered checks share a name, naming both places.
///
/// # Errors
///
/// The first pair of checks that share a name.
pub fn validate() -> Result<(), DuplicateName> {
    store::validate::<RegisteredCheck>()
}

/// Every registered environment section, in declaration order (by file, then line).
#[must_use]
pub fn sections() -> &'static [RegisteredSection] {
    store::all()
}

/// The registered section with this name.
#[must_use]
pub fn section(name: &str) -> Option<RegisteredSection> {
    store::find(name)
}

/// Two checks (or sections) share a name; names must be unique.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DuplicateName {
    /// `"health check"` or `"environment section"`.
    pub kind: &'static str,
    /// The shared name.
    pub name: String,
    /// Where the first was declared.
    pub first: Location,
    /// Where the second was declared.
    pub second: Location,
}

impl fmt::Display for DuplicateName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "two {kind}s are named `{name}`: one at {first}, one at {second}; give one a different `name`",
            kind = self.kind,
            name = self.name,
            first = self.first,
            second = self.second,
        )
    }
}

impl std::error::Error for DuplicateName {}
