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
mod sections;

use std::fmt;

pub use crate::location::Location;

pub use checks::{check, checks, validate, CheckFn, CheckRegistration, RegisteredCheck};
pub use sections::{
    section, sections, RegisteredSection, SectionFn, SectionFuture, SectionRegistration,
};

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

/// `items` must be sorted by name.
pub(crate) fn first_duplicate<'a>(
    items: impl Iterator<Item = (&'a str, Location)>,
    kind: &'static str,
) -> Result<(), DuplicateName> {
    let mut previous: Option<(&str, Location)> = None;
    for (name, location) in items {
        if let Some((previous_name, first)) = previous {
            if previous_name == name {
                return Err(DuplicateName {
                    kind,
                    name: name.to_owned(),
                    first,
                    second: location,
                });
            }
        }
        previous = Some((name, location));
    }
    Ok(())
}
