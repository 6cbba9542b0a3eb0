//! Environment sections registered with `#[env_section]`.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, OnceLock};

use serde_json::Value;

use super::Location;
use crate::job::Job;
use crate::runner::Runner;
use crate::section::{Section, SectionResult, Source};

/// A section's value, or the error shown in its place.
pub type SectionFuture = Pin<Box<dyn Future<Output = Result<Value, String>> + Send + 'static>>;

/// Not public API. Used by generated code.
#[doc(hidden)]
#[derive(Debug)]
pub struct SectionRegistration {
    pub name: &'static str,
    pub module_path: &'static str,
    pub location: Location,
    pub run: SectionFn,
}

/// Not public API. Used by generated code.
#[doc(hidden)]
#[derive(Clone, Copy, Debug)]
pub enum SectionFn {
    Blocking(fn() -> Result<Value, String>),
    Async(fn() -> SectionFuture),
}

inventory::collect!(SectionRegistration);

/// A section registered with `#[env_section]`.
#[derive(Clone)]
pub struct RegisteredSection {
    registration: &'static SectionRegistration,
    /// Shared by every dump that shows this section.
    runner: Arc<Runner<SectionResult>>,
}

impl fmt::Debug for RegisteredSection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RegisteredSection")
            .field("name", &self.name())
            .field("module_path", &self.module_path())
            .field("location", &self.location())
            .finish()
    }
}

impl RegisteredSection {
    /// The section's name (the function's, unless `name = "…"` was given).
    #[must_use]
    pub fn name(&self) -> &'static str {
        self.registration.name
    }

    /// The module that declared it.
    #[must_use]
    pub fn module_path(&self) -> &'static str {
        self.registration.module_path
    }

    /// The file and line that declared it.
    #[must_use]
    pub fn location(&self) -> Location {
        self.registration.location
    }

    pub(crate) fn section(&self) -> Section {
        let job = match self.registration.run {
            SectionFn::Blocking(run) => Job::Blocking(Arc::new(run)),
            SectionFn::Async(run) => Job::Async(Arc::new(run)),
        };
        Section::with_runner(
            self.name().to_owned(),
            Source::Computed(job),
            Arc::clone(&self.runner),
        )
    }
}

/// Every registered environment section, sorted by name.
pub fn sections() -> &'static [RegisteredSection] {
    static SECTIONS: OnceLock<Vec<RegisteredSection>> = OnceLock::new();
    SECTIONS.get_or_init(|| {
        let mut sections: Vec<_> = inventory::iter::<SectionRegistration>
            .into_iter()
            .map(|registration| RegisteredSection {
                registration,
                runner: Arc::default(),
            })
            .collect();
        sections.sort_by_key(|s| (s.name(), s.location().file(), s.location().line()));
        sections
    })
}

/// The registered section with this name.
#[must_use]
pub fn section(name: &str) -> Option<RegisteredSection> {
    sections()
        .iter()
        .find(|section| section.name() == name)
        .cloned()
}
