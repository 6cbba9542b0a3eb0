//! [`EnvironmentDump`]: which sections, how they are gathered, and the scrubbed result.

use std::sync::Arc;
use std::time::Duration;

use serde::Serialize;
use serde_json::{json, Value};

use super::access::Access;
use super::piece::{Keep, Kept, REFRESH};
use super::snapshot::Environment;
use super::{os, process, rust};
use crate::body::Body;
use crate::registry::{self, DuplicateName, RegisteredSection};
use crate::scrub::Scrubber;
use crate::section::{Section, SectionSource, Source};

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
    config: Option<Kept>,
    /// `os`, `rust`, `process`, gathered on the library's threads like any section.
    built_in: [Kept; 3],
    registered: Vec<Kept>,
    added: Vec<Kept>,
    scrubber: Arc<Scrubber>,
    timeout: Duration,
    pub(crate) access: Access,
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
    #[track_caller]
    pub fn new() -> Self {
        match EnvironmentDump::try_new() {
            Ok(built) => built,
            Err(duplicate) => panic!("{duplicate}"),
        }
    }

    /// The built-in sections and every `#[env_section]`, or the first pair of registered
    /// sections that share a name.
    ///
    /// # Errors
    ///
    /// [`DuplicateName`] naming both places.
    pub fn try_new() -> Result<Self, DuplicateName> {
        registry::store::validate::<RegisteredSection>()?;
        let registered = registry::sections();
        Ok(EnvironmentDump {
            inner: Arc::new(Inner {
                os: true,
                rust: true,
                process: true,
                config: None,
                built_in: [
                    built_in_section("os", os::section, Keep::For(REFRESH)),
                    built_in_section("rust", rust::section, Keep::Always),
                    built_in_section("process", process::section, Keep::For(REFRESH)),
                ],
                registered: registered
                    .iter()
                    .map(|section| Kept::new(section.section(), Keep::Never))
                    .collect(),
                added: Vec::new(),
                scrubber: Arc::new(Scrubber::default()),
                timeout: crate::check_options::DEFAULT_TIMEOUT,
                access: Access::default(),
            }),
        })
    }

    /// Whether to show the `os` section (default `true`); the last call wins.
    #[must_use]
    #[track_caller]
    pub fn include_os(self, include: bool) -> Self {
        self.built_in("os", include, |inner| inner.os = include)
    }

    /// Whether to show the `rust` section (default `true`); the last call wins.
    #[must_use]
    #[track_caller]
    pub fn include_rust(self, include: bool) -> Self {
        self.built_in("rust", include, |inner| inner.rust = include)
    }

    /// Whether to show the `process` section (default `true`); the last call wins.
    #[must_use]
    #[track_caller]
    pub fn include_process(self, include: bool) -> Self {
        self.built_in("process", include, |inner| inner.process = include)
    }

    /// Shows the application's configuration as the `config` section, scrubbed like the rest;
    /// a second call replaces the first.
    ///
    /// # Panics
    ///
    /// If a custom section is named `config`.
    #[must_use]
    #[track_caller]
    pub fn config(mut self, config: &impl Serialize) -> Self {
        self.assert_no_custom("config");
        let value = serde_json::to_value(config)
            .unwrap_or_else(|error| json!({ "error": error.to_string() }));
        let config = Section::new("config".to_owned(), Source::Fixed(value));
        self.inner_mut().config = Some(Kept::new(config, Keep::Always));
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
        let section = Section::new(name, source.into_source());
        self.inner_mut().added.push(Kept::new(section, Keep::Never));
        self
    }

    /// Serves the dump only to requests with `Authorization: Bearer <token>` (compared in
    /// constant time); others get 401.
    #[must_use]
    pub fn bearer_token(mut self, token: impl Into<String>) -> Self {
        self.inner_mut().access.bearer_token = Some(token.into().into());
        self
    }

    /// Whether a request whose `Authorization` header is `authorization` may see the dump
    /// under its [`bearer_token`](Self::bearer_token), for routes you write yourself (the
    /// actix-web scope checks it for you).
    ///
    /// ```
    /// use healthcheck::EnvironmentDump;
    ///
    /// let env = EnvironmentDump::new().bearer_token("s3cret");
    /// assert!(env.authorizes(Some("Bearer s3cret")));
    /// assert!(!env.authorizes(None));
    /// assert!(!env.authorizes(Some("Basic s3cret")));
    /// assert!(EnvironmentDump::new().authorizes(None));
    /// ```
    #[must_use]
    pub fn authorizes(&self, authorization: Option<&str>) -> bool {
        self.inner.access.token_allows(authorization)
    }

    /// Replaces the [`Scrubber`]. Scrubbing cannot be switched off.
    #[must_use]
    pub fn scrubber(mut self, scrubber: Scrubber) -> Self {
        self.inner_mut().scrubber = Arc::new(scrubber);
        self
    }

    /// Also masks values under keys containing `fragment` (any case).
    #[must_use]
    pub fn secret_key(mut self, fragment: &str) -> Self {
        let inner = self.inner_mut();
        inner.scrubber = Arc::new(Scrubber::clone(&inner.scrubber).secret_key(fragment));
        self
    }

    /// Shows the value under exactly this key though its name looks secret.
    #[must_use]
    pub fn allow_key(mut self, key: &str) -> Self {
        let inner = self.inner_mut();
        inner.scrubber = Arc::new(Scrubber::clone(&inner.scrubber).allow_key(key));
        self
    }

    /// The deadline of each section (default 10 s); a late one shows an error entry.
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
            .chain(inner.registered.iter().map(|s| s.section.name.clone()))
            .chain(inner.added.iter().map(|s| s.section.name.clone()))
            .collect()
    }

    /// Gathers every section, all at once on the library's threads, each within the
    /// deadline, and scrubs it. The `rust` and `config` sections are made once, the figures
    /// of `os` and `process` at most once a second for all requests together (in the
    /// background: requests are served the last figures meanwhile).
    pub async fn run(&self) -> Environment {
        let inner = &self.inner;
        let included = [inner.os, inner.rust, inner.process];
        let built_in = inner
            .built_in
            .iter()
            .zip(included)
            .filter_map(|(section, on)| on.then_some(section));
        let started: Vec<_> = built_in
            .chain(&inner.config)
            .chain(&inner.registered)
            .chain(&inner.added)
            .map(|kept| {
                let pending = kept.begin(inner.timeout, &inner.scrubber);
                (kept.section.name.clone(), pending)
            })
            .collect();
        let mut sections = Vec::with_capacity(started.len());
        for (name, pending) in started {
            sections.push((name, pending.piece(&inner.scrubber).await));
        }
        Environment { sections }
    }

    fn inner_mut(&mut self) -> &mut Inner {
        let inner = Arc::make_mut(&mut self.inner);
        for kept in inner.built_in.iter().chain(&inner.config) {
            kept.forget();
        }
        inner
    }

    #[track_caller]
    fn built_in(mut self, name: &str, include: bool, set: impl FnOnce(&mut Inner)) -> Self {
        if include {
            self.assert_no_custom(name);
        }
        set(self.inner_mut());
        self
    }

    /// Built-in sections may be switched on again and `config` replaced; only a custom
    /// section may not take their name.
    #[track_caller]
    fn assert_no_custom(&self, name: &str) {
        let inner = &self.inner;
        let custom = inner.registered.iter().chain(&inner.added);
        assert!(
            custom.clone().all(|kept| kept.section.name != name),
            "a custom environment section is named `{name}`, the name of a built-in one"
        );
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

fn built_in_section(name: &str, gather: fn() -> Value, keep: Keep) -> Kept {
    let job = Body::Blocking(Arc::new(move || Ok(gather())));
    Kept::new(Section::new(name.to_owned(), Source::Computed(job)), keep)
}

impl std::fmt::Debug for EnvironmentDump {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EnvironmentDump")
            .field("sections", &self.section_names())
            .field("timeout", &self.inner.timeout)
            .finish_non_exhaustive()
    }
}
