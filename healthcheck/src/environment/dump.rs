//! [`EnvironmentDump`]: which sections, how they are gathered, and the scrubbed result.

use std::sync::Arc;
use std::time::Duration;

use serde::Serialize;
use serde_json::{json, Value};

use super::gather::Gathering;
use super::output::Environment;
use super::scrub::Scrubber;
use super::{os, process, rust};
use crate::registry::{self, DuplicateName, RegisteredSection};
use crate::section::{guarded, Section, SectionSource};

/// How a built-in section is gathered.
type Gather = fn() -> Value;

/// The built-in sections' names, which custom sections may not take while they are on.
const BUILT_IN: [&str; 4] = ["os", "rust", "process", "config"];

/// What the environment endpoint shows: the `os`, `rust` and `process` sections, the
/// application's `config`, every `#[env_section]` and sections added here, all scrubbed of
/// secrets. Cheap to clone; clones share everything.
///
/// ```
/// use healthcheck::EnvironmentDump;
/// use serde_json::json;
///
/// # #[tokio::main(flavor = "current_thread")] async fn main() {
/// let env = EnvironmentDump::new()
///     .include_process(false)
///     .config(&json!({ "database_url": "postgres://app:hunter2@db/orders", "workers": 4 }))
///     .add_section("application", json!({ "maintainer": "ops@example.com" }));
///
/// let dump = env.run().await;
/// assert_eq!(dump.get("config").unwrap()["database_url"], "postgres://app:********@db/orders");
/// assert!(dump.get("process").is_none());
/// assert!(dump.get("os").is_some());
/// # }
/// ```
#[derive(Clone)]
pub struct EnvironmentDump {
    pub(crate) inner: Arc<Inner>,
}

#[derive(Clone)]
pub(crate) struct Inner {
    os: bool,
    rust: bool,
    process: bool,
    config: Option<Value>,
    registered: Vec<RegisteredSection>,
    added: Vec<Section>,
    scrubber: Scrubber,
    timeout: Duration,
    #[cfg(feature = "actix")]
    pub(crate) access: crate::actix::Access,
}

impl Default for EnvironmentDump {
    fn default() -> Self {
        EnvironmentDump::new()
    }
}

impl EnvironmentDump {
    /// The built-in sections and every `#[env_section]`.
    ///
    /// # Panics
    ///
    /// If two registered sections share a name; [`try_new`](Self::try_new) returns the error.
    #[must_use]
    pub fn new() -> Self {
        EnvironmentDump::try_new().unwrap_or_else(|duplicate| panic!("{duplicate}"))
    }

    /// The built-in sections and every `#[env_section]`, or the first pair of registered
    /// sections that share a name.
    ///
    /// # Errors
    ///
    /// [`DuplicateName`] naming both places.
    pub fn try_new() -> Result<Self, DuplicateName> {
        let registered = registry::sections();
        registry::first_duplicate(
            registered.iter().map(|s| (s.name(), s.location())),
            "environment section",
        )?;
        Ok(EnvironmentDump {
            inner: Arc::new(Inner {
                os: true,
                rust: true,
                process: true,
                config: None,
                registered: registered.to_vec(),
                added: Vec::new(),
                scrubber: Scrubber::default(),
                timeout: crate::runner::DEFAULT_TIMEOUT,
                #[cfg(feature = "actix")]
                access: crate::actix::Access::default(),
            }),
        })
    }

    /// Whether to show the `os` section (default `true`).
    #[must_use]
    pub fn include_os(self, include: bool) -> Self {
        self.built_in("os", include, |inner| inner.os = include)
    }

    /// Whether to show the `rust` section (default `true`).
    #[must_use]
    pub fn include_rust(self, include: bool) -> Self {
        self.built_in("rust", include, |inner| inner.rust = include)
    }

    /// Whether to show the `process` section (default `true`).
    #[must_use]
    pub fn include_process(self, include: bool) -> Self {
        self.built_in("process", include, |inner| inner.process = include)
    }

    /// Shows the application's configuration as the `config` section, scrubbed like the rest.
    ///
    /// # Panics
    ///
    /// If a custom section is named `config`.
    #[must_use]
    #[track_caller]
    pub fn config(mut self, config: &impl Serialize) -> Self {
        self.assert_free("config");
        let value = serde_json::to_value(config)
            .unwrap_or_else(|error| json!({ "error": error.to_string() }));
        self.inner_mut().config = Some(value);
        self
    }

    /// Adds a section: a [`Serialize`] value, or a closure called for each dump (one that
    /// returns `Err` or panics shows `{"error": "…"}` in its place).
    ///
    /// # Panics
    ///
    /// If a section of that name exists, built-in ones included while they are on.
    #[must_use]
    #[track_caller]
    pub fn add_section<M>(
        mut self,
        name: impl Into<String>,
        source: impl SectionSource<M>,
    ) -> Self {
        let name = name.into();
        self.assert_free(&name);
        self.inner_mut()
            .added
            .push(Section::new(name, source.into_source()));
        self
    }

    /// Replaces the [`Scrubber`]. Scrubbing cannot be switched off.
    #[must_use]
    pub fn scrubber(mut self, scrubber: Scrubber) -> Self {
        self.inner_mut().scrubber = scrubber;
        self
    }

    /// Also masks values under keys containing `fragment` (any case).
    #[must_use]
    pub fn secret_key(mut self, fragment: &str) -> Self {
        let inner = self.inner_mut();
        inner.scrubber = inner.scrubber.clone().secret_key(fragment);
        self
    }

    /// Shows the value under exactly this key though its name looks secret.
    #[must_use]
    pub fn allow_key(mut self, key: &str) -> Self {
        let inner = self.inner_mut();
        inner.scrubber = inner.scrubber.clone().allow_key(key);
        self
    }

    /// The deadline of async sections (default 10 s); a late one shows an error entry.
    #[must_use]
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.inner_mut().timeout = timeout;
        self
    }

    /// The names of the sections a dump shows, in order.
    #[must_use]
    pub fn section_names(&self) -> Vec<String> {
        let inner = &self.inner;
        let built_in = [inner.os, inner.rust, inner.process, inner.config.is_some()];
        BUILT_IN
            .iter()
            .zip(built_in)
            .filter(|(_, on)| *on)
            .map(|(name, _)| (*name).to_owned())
            .chain(inner.registered.iter().map(|s| s.name().to_owned()))
            .chain(inner.added.iter().map(|s| s.name.clone()))
            .collect()
    }

    /// Gathers every section and scrubs it. Must be called within a Tokio runtime.
    pub async fn run(&self) -> Environment {
        let inner = &self.inner;
        // Async sections start first, so that they run while the rest is gathered.
        let registered: Vec<_> = inner
            .registered
            .iter()
            .map(|section| (section.name(), Gathering::start(section.function())))
            .collect();
        let mut sections = Vec::new();
        let built_ins: [(&str, bool, Gather); 3] = [
            ("os", inner.os, os::section),
            ("rust", inner.rust, rust::section),
            ("process", inner.process, process::section),
        ];
        for (name, included, gather) in built_ins {
            if included {
                sections.push((name.to_owned(), guarded(|| Ok(gather()))));
            }
        }
        if let Some(config) = &inner.config {
            sections.push(("config".to_owned(), config.clone()));
        }
        for (name, gathering) in registered {
            sections.push((name.to_owned(), gathering.finish(inner.timeout).await));
        }
        for section in &inner.added {
            sections.push((section.name.clone(), section.evaluate()));
        }
        for (_, value) in &mut sections {
            *value = inner.scrubber.scrub(value);
        }
        Environment { sections }
    }

    fn inner_mut(&mut self) -> &mut Inner {
        Arc::make_mut(&mut self.inner)
    }

    fn built_in(mut self, name: &str, include: bool, set: impl FnOnce(&mut Inner)) -> Self {
        if include {
            self.assert_free(name);
        }
        set(self.inner_mut());
        self
    }

    #[track_caller]
    fn assert_free(&self, name: &str) {
        assert!(
            !self.section_names().iter().any(|taken| taken == name),
            "two environment sections are named `{name}`{}",
            if BUILT_IN.contains(&name) {
                "; a built-in one can be switched off with `include_<name>(false)`"
            } else {
                ""
            }
        );
    }
}

impl std::fmt::Debug for EnvironmentDump {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EnvironmentDump")
            .field("sections", &self.section_names())
            .field("timeout", &self.inner.timeout)
            .finish_non_exhaustive()
    }
}
