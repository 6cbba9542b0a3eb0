//! Environment sections registered with `#[env_section]`.

use std::fmt;
use std::sync::{Arc, OnceLock};

use super::registration::SectionRegistration;
use super::store::Registered;
use super::Location;
use crate::runner::Runner;
use crate::section::{Section, SectionResult, Source};

/// A section registered with `#[env_section]`.
#[derive(Clone)]
pub struct RegisteredSection {
    registration: &'static SectionRegistration,
    /// Shared by every dump that shows this section.
    runner: Arc<Runner<SectionResult>>,
}

impl Registered for RegisteredSection {
    type Registration = SectionRegistration;
    const KIND: &'static str = "environment section";

    fn cell() -> &'static OnceLock<Vec<Self>> {
        static SECTIONS: OnceLock<Vec<RegisteredSection>> = OnceLock::new();
        &SECTIONS
    }

    fn new(registration: &'static SectionRegistration) -> Self {
        RegisteredSection {
            registration,
            runner: Arc::default(),
        }
    }

    fn declared(&self) -> (&'static str, Location) {
        (self.name(), self.location())
    }
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

    /// The section as a dump shows it, run by the runner every dump shares.
    pub(crate) fn section(&self) -> Section {
        Section::with_runner(
            self.name().to_owned(),
            Source::Computed(self.registration.run.job()),
            Arc::clone(&self.runner),
        )
    }
}
