//! [`HealthCheck`]: which checks and sections, how they run, and how reports are answered.

use std::sync::Arc;
use std::time::Duration;

use crate::answers::Answers;
use crate::body::IntoCheck;
use crate::check_options::CheckOptions;
use crate::format::{Format, JsonStyle, Rendered};
use crate::location::Location;
use crate::names::assert_printable;
use crate::outcome::{CheckError, Outcome};
use crate::policy::{InvalidResponse, ResponsePolicy, When};
use crate::probes::{Lifecycle, Started};
use crate::registry::{self, DuplicateName};
use crate::report::Report;
use crate::runner::{compute, Pending, Slot};
use crate::schedule::Schedule;
use crate::scrub::Scrubber;
use crate::section::{Section, SectionSource};
use crate::service::ServiceInfo;
use crate::settings::Settings;

/// Names a section may not take: the classic format's own top-level keys.
const RESERVED_SECTION_NAMES: [&str; 4] = ["hostname", "status", "timestamp", "results"];

/// A set of checks and sections, with a cache shared by every clone.
///
/// ```
/// use std::time::Duration;
/// use healthcheck::HealthCheck;
///
/// # #[tokio::main(flavor = "current_thread")] async fn main() {
/// let health = HealthCheck::empty()
///     .add_check("addition", || (1 + 1 == 2, "addition works"))
///     .add_check("async", || async { Ok::<_, String>("reachable") })
///     .add_section("version", "1.2.0")
///     .success_ttl(Duration::from_secs(27))
///     .failed_ttl(Duration::from_secs(9));
///
/// let report = health.run().await;
/// assert!(report.passed());
/// assert_eq!(report.results().len(), 2);
/// # }
/// ```
#[derive(Clone)]
pub struct HealthCheck {
    inner: Arc<Inner>,
    pub(crate) settings: Arc<Settings>,
    tag: Option<Arc<str>>,
    /// Shared by clones that change nothing; replaced by any change.
    answers: Arc<Answers>,
    /// Shared by every handle, groups included.
    pub(crate) lifecycle: Arc<Lifecycle>,
    /// Shared by clones with the same checks; a group or a changed set starts unlatched.
    pub(crate) started: Started,
    /// The background checks' tasks: shared by clones and groups, new for a changed handle.
    schedule: Arc<Schedule>,
}

/// What every clone shares: the checks, with their last results, and the sections.
#[derive(Clone)]
struct Inner {
    slots: Vec<Arc<Slot>>,
    sections: Vec<Section>,
}

/// A check name that a [`HealthCheck`] does not have.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownCheck(pub String);

impl std::fmt::Display for UnknownCheck {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "no health check is named `{}`", self.0)
    }
}

impl std::error::Error for UnknownCheck {}

impl std::fmt::Debug for HealthCheck {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let settings = &self.settings;
        f.debug_struct("HealthCheck")
            .field("checks", &self.check_names().collect::<Vec<_>>())
            .field("tag", &self.tag)
            .field("timeout", &settings.timeout)
            .field("success_ttl", &settings.success_ttl)
            .field("failed_ttl", &settings.failed_ttl)
            .finish_non_exhaustive()
    }
}

impl Default for HealthCheck {
    fn default() -> Self {
        HealthCheck::new()
    }
}

/// Names and tags are shown as they are, unscrubbed: one that holds what looks like a secret
/// (a name built from a URL with its password, say) is refused.
#[track_caller]
fn assert_no_secret(what: &str, text: &str) {
    let scrubbed = Scrubber::default().scrub_str(text);
    assert!(
        scrubbed == text,
        "the {what} {scrubbed:?} holds what looks like a secret (masked here): names and tags are shown unscrubbed, so leave it out"
    );
}

impl HealthCheck {
    /// Every check registered with `#[health_check]`, and the default settings.
    ///
    /// # Panics
    ///
    /// If two registered checks share a name; [`try_new`](Self::try_new) returns the error.
    #[must_use]
    #[track_caller]
    pub fn new() -> Self {
        match HealthCheck::try_new() {
            Ok(built) => built,
            Err(duplicate) => panic!("{duplicate}"),
        }
    }

    /// Every registered check, or the first pair of them that share a name.
    ///
    /// # Errors
    ///
    /// [`DuplicateName`] naming both places.
    pub fn try_new() -> Result<Self, DuplicateName> {
        registry::validate()?;
        if registry::checks().is_empty() {
            tracing::warn!(
                "no #[health_check] is registered. If your checks live in a library crate, the \
                 linker dropped it because nothing refers to it: name it once in the binary with \
                 `use my_checks as _;`. Add checks by hand to `HealthCheck::empty()`."
            );
        }
        let mut health = HealthCheck::empty();
        let inner = health.inner_mut();
        inner.slots = registry::checks()
            .iter()
            .map(|check| {
                Arc::new(Slot::new(
                    check.name(),
                    check.options(),
                    check.location(),
                    check.job(),
                    check.runner(),
                ))
            })
            .collect();
        health.reschedule();
        Ok(health)
    }

    /// No checks and no sections.
    #[must_use]
    pub fn empty() -> Self {
        HealthCheck {
            inner: Arc::new(Inner {
                slots: Vec::new(),
                sections: Vec::new(),
            }),
            settings: Arc::new(Settings::default()),
            tag: None,
            answers: Arc::default(),
            lifecycle: Arc::default(),
            started: Started::default(),
            schedule: Arc::default(),
        }
    }

    /// Adds a check: a function or closure, sync or `async`, returning any
    /// [`IntoOutcome`](crate::IntoOutcome). Both run on the library's threads.
    ///
    /// A check that needs state (a pool, a client, a counter) captures it with `move`; an
    /// async one clones what it uses into each run's future, since every run is a new one:
    ///
    /// ```
    /// use std::sync::Arc;
    /// use std::sync::atomic::{AtomicUsize, Ordering};
    /// use healthcheck::HealthCheck;
    ///
    /// # #[tokio::main(flavor = "current_thread")] async fn main() {
    /// let queue = Arc::new(AtomicUsize::new(3)); // shared with the rest of the service
    /// let health = HealthCheck::empty()
    ///     .add_check("queue", {
    ///         let queue = Arc::clone(&queue);
    ///         move || {
    ///             let depth = queue.load(Ordering::Relaxed);
    ///             (depth < 100, format!("{depth} waiting"))
    ///         }
    ///     })
    ///     .add_check("queue-async", move || {
    ///         let queue = Arc::clone(&queue);
    ///         async move { Ok::<_, String>(format!("{} waiting", queue.load(Ordering::Relaxed))) }
    ///     });
    /// let report = health.run().await;
    /// assert_eq!(report.results()[0].outcome().output(), "3 waiting");
    /// assert!(report.passed());
    /// # }
    /// ```
    ///
    /// # Panics
    ///
    /// If a check of that name exists.
    #[must_use]
    #[track_caller]
    pub fn add_check<M>(self, name: impl Into<String>, check: impl IntoCheck<M>) -> Self {
        self.add_check_with(name, CheckOptions::new(), check)
    }

    /// [`add_check`](Self::add_check) with a deadline, tags, criticality or TTLs of its own.
    ///
    /// # Panics
    ///
    /// If a check of that name exists, or the name holds a control character, a line or
    /// paragraph separator or a bidirectional formatting character, or the name or a tag
    /// holds what looks like a secret (names and tags are shown unscrubbed).
    #[must_use]
    #[track_caller]
    pub fn add_check_with<M>(
        mut self,
        name: impl Into<String>,
        options: CheckOptions,
        check: impl IntoCheck<M>,
    ) -> Self {
        let name = name.into();
        assert_printable("health check", &name);
        assert_no_secret("health check name", &name);
        for tag in options.tags() {
            assert_no_secret("tag", tag);
        }
        let location = Location::caller(std::panic::Location::caller());
        let inner = self.inner_mut();
        if let Some(existing) = inner.slots.iter().find(|slot| *slot.name == name) {
            let duplicate = DuplicateName {
                kind: "health check",
                name,
                first: existing.location,
                second: location,
            };
            panic!("{duplicate}");
        }
        let job = check.into_job();
        let slot = Arc::new(Slot::new(&name, options, location, job, Arc::default()));
        inner.slots.push(slot);
        self.reschedule();
        self
    }

    /// Adds a custom section to every report: a [`Serialize`](serde::Serialize) value, or a
    /// closure (sync or async) run for each report on the library's threads within the
    /// [`timeout`](Self::timeout); one that returns `Err`, panics or is late shows
    /// `{"error": "…"}` in its place. Like check outputs, sections are scrubbed of secrets.
    ///
    /// # Panics
    ///
    /// If a section of that name exists, or the name is one of the report's own keys
    /// (`hostname`, `status`, `timestamp`, `results`).
    #[must_use]
    #[track_caller]
    pub fn add_section<M>(
        mut self,
        name: impl Into<String>,
        source: impl SectionSource<M>,
    ) -> Self {
        let name = name.into();
        assert!(
            !RESERVED_SECTION_NAMES.contains(&name.as_str()),
            "section name `{name}` is reserved: the report uses it for its own key"
        );
        let inner = self.inner_mut();
        assert!(
            inner.sections.iter().all(|section| section.name != name),
            "two sections are named `{name}`"
        );
        inner
            .sections
            .push(Section::new(name, source.into_source()));
        self
    }

    /// How long a passing result is cached (default 27 s). Zero disables it.
    #[must_use]
    pub fn success_ttl(self, ttl: Duration) -> Self {
        self.configure(|settings| settings.success_ttl = ttl)
    }

    /// How long a failing result is cached (default 9 s). Zero disables it.
    #[must_use]
    pub fn failed_ttl(self, ttl: Duration) -> Self {
        self.configure(|settings| settings.failed_ttl = ttl)
    }

    /// Runs every check for every report (concurrent requests still share one run).
    #[must_use]
    pub fn no_cache(self) -> Self {
        self.success_ttl(Duration::ZERO).failed_ttl(Duration::ZERO)
    }

    /// The deadline of checks that set none of their own (default 10 s).
    #[must_use]
    pub fn timeout(self, timeout: Duration) -> Self {
        self.configure(|settings| settings.timeout = timeout)
    }

    /// Replaces the [`Scrubber`] that masks secrets in check outputs, error messages, panic
    /// messages, observed units, sections and the events logged about them. Scrubbing cannot
    /// be switched off.
    ///
    /// ```
    /// use healthcheck::{HealthCheck, Scrubber};
    ///
    /// # #[tokio::main(flavor = "current_thread")] async fn main() {
    /// let health = HealthCheck::empty()
    ///     .scrubber(Scrubber::default().secret_key("ssn"))
    ///     .add_check("db", || Err::<u8, _>("connect postgres://app:hunter2@db failed"));
    /// let report = health.run().await;
    /// assert_eq!(report.results()[0].outcome().output(), "connect postgres://app:********@db failed");
    /// # }
    /// ```
    #[must_use]
    pub fn scrubber(self, scrubber: Scrubber) -> Self {
        self.configure(|settings| settings.scrubber = Arc::new(scrubber))
    }

    /// Decides what a check that panicked or returned `Err` reports, as py-healthcheck's
    /// `exception_handler` does. Without one, it fails with the message alone. The handler is
    /// given the message already scrubbed, and what it returns is scrubbed again; it runs
    /// each time such a result is served, so it should only word the outcome. A handler that
    /// panics leaves the failure as it was.
    ///
    /// ```
    /// use healthcheck::{ErrorKind, HealthCheck, Outcome};
    ///
    /// # #[tokio::main(flavor = "current_thread")] async fn main() {
    /// let health = HealthCheck::empty()
    ///     .add_check("queue", || Err::<(), _>("broker unreachable"))
    ///     .error_handler(|error| match error.kind {
    ///         ErrorKind::Returned => Outcome::warn(format!("{} is degraded: {}", error.check, error.message)),
    ///         _ => Outcome::fail(error.message),
    ///     });
    /// let report = health.run().await;
    /// assert_eq!(report.results()[0].outcome().output(), "queue is degraded: broker unreachable");
    /// assert!(report.passed());
    /// # }
    /// ```
    #[must_use]
    pub fn error_handler(
        self,
        handler: impl Fn(CheckError<'_>) -> Outcome + Send + Sync + 'static,
    ) -> Self {
        self.configure(|settings| settings.error_handler = Some(Arc::new(handler)))
    }

    /// What the IETF format says of the service: version, release, id, description, notes
    /// and links (see [`ServiceInfo`]). Set again, it replaces the last.
    #[must_use]
    pub fn service_info(self, info: ServiceInfo) -> Self {
        self.configure(|settings| settings.service = Arc::new(info))
    }

    /// The [`ServiceInfo`] reports carry.
    #[must_use]
    pub fn service(&self) -> &ServiceInfo {
        &self.settings.service
    }

    /// Whether failures are logged at WARN/ERROR through `tracing` (default `true`).
    #[must_use]
    pub fn log_on_failure(self, log: bool) -> Self {
        self.configure(|settings| settings.log_on_failure = log)
    }

    /// The longest output a result keeps, in characters (default 1024); longer ones end in `…`.
    #[must_use]
    pub fn max_output_len(self, chars: usize) -> Self {
        self.configure(|settings| settings.max_output_chars = chars)
    }

    /// How reports are answered: status codes, headers and JSON body renderers.
    #[must_use]
    pub fn respond_with(self, policy: ResponsePolicy) -> Self {
        self.configure(|settings| settings.policy = policy)
    }

    /// The [`ResponsePolicy`] reports are answered with, for hand-written routes.
    #[must_use]
    pub fn policy(&self) -> &ResponsePolicy {
        &self.settings.policy
    }

    /// The status code of a passing report (default 200); py-healthcheck's `success_status`.
    ///
    /// # Panics
    ///
    /// If `status` is not between 200 and 599; [`ResponsePolicy::try_status`] returns the error.
    #[must_use]
    #[track_caller]
    pub fn success_status(self, status: u16) -> Self {
        self.with_policy(|policy| policy.try_status(When::Passing, status))
    }

    /// The status code of a failing report (default 500); py-healthcheck's `failed_status`.
    ///
    /// # Panics
    ///
    /// If `status` is not between 200 and 599.
    #[must_use]
    #[track_caller]
    pub fn failed_status(self, status: u16) -> Self {
        self.with_policy(|policy| policy.try_status(When::Failing, status))
    }

    /// Headers of a passing report, merged over the format's `Content-Type`.
    ///
    /// # Panics
    ///
    /// If a name or value is not valid HTTP; [`ResponsePolicy::try_header`] returns the error.
    #[must_use]
    #[track_caller]
    pub fn success_headers<K: Into<String>, V: Into<String>>(
        self,
        headers: impl IntoIterator<Item = (K, V)>,
    ) -> Self {
        self.with_headers(When::Passing, headers)
    }

    /// Headers of a failing report, merged over the format's `Content-Type`.
    ///
    /// # Panics
    ///
    /// If a name or value is not valid HTTP.
    #[must_use]
    #[track_caller]
    pub fn failed_headers<K: Into<String>, V: Into<String>>(
        self,
        headers: impl IntoIterator<Item = (K, V)>,
    ) -> Self {
        self.with_headers(When::Failing, headers)
    }

    /// Renders the JSON body of passing reports (py-healthcheck's `success_handler`).
    #[must_use]
    pub fn success_handler(
        self,
        handler: impl Fn(&Report) -> String + Send + Sync + 'static,
    ) -> Self {
        self.with_policy(|policy| Ok(policy.handler(When::Passing, handler)))
    }

    /// Renders the JSON body of failing reports (py-healthcheck's `failed_handler`).
    #[must_use]
    pub fn failed_handler(
        self,
        handler: impl Fn(&Report) -> String + Send + Sync + 'static,
    ) -> Self {
        self.with_policy(|policy| Ok(policy.handler(When::Failing, handler)))
    }

    /// Writes the JSON format without spaces and with UTF-8 as it is, rather than as Python's
    /// `json.dumps` (py-healthcheck's bytes, which monitors set up for it match).
    #[must_use]
    pub fn compact_json(self) -> Self {
        let policy = self
            .settings
            .policy
            .clone()
            .with_json_style(JsonStyle::Compact);
        self.respond_with(policy)
    }

    /// The checks tagged `tag`, sharing this one's results and settings.
    #[must_use]
    pub fn group(&self, tag: &str) -> HealthCheck {
        HealthCheck {
            inner: Arc::clone(&self.inner),
            settings: Arc::clone(&self.settings),
            tag: Some(tag.into()),
            answers: Arc::default(),
            lifecycle: Arc::clone(&self.lifecycle),
            started: Started::default(),
            schedule: Arc::clone(&self.schedule),
        }
    }

    /// The names of the selected checks: registered ones in declaration order, then added
    /// ones in the order they were added.
    pub fn check_names(&self) -> impl Iterator<Item = &str> {
        self.selected().map(|slot| &*slot.name)
    }

    /// Runs every selected check concurrently (or serves it from the cache) and the sections,
    /// on the library's threads, each within its deadline.
    ///
    /// ```
    /// use healthcheck::{HealthCheck, Status};
    ///
    /// # #[tokio::main(flavor = "current_thread")] async fn main() {
    /// let health = HealthCheck::empty().add_check("db", || true).add_check("cache", || false);
    /// let report = health.run().await;
    /// assert_eq!(report.status(), Status::Fail);
    /// assert!(!report.results()[0].cached());
    /// assert!(health.run().await.results()[0].cached(), "served from the cache");
    /// # }
    /// ```
    pub async fn run(&self) -> Report {
        let pending: Vec<Pending> = self
            .selected()
            .map(|slot| slot.begin(&self.settings))
            .collect();
        self.report(pending).await
    }

    /// Runs one check by name, with the sections.
    ///
    /// ```
    /// use healthcheck::HealthCheck;
    ///
    /// # #[tokio::main(flavor = "current_thread")] async fn main() {
    /// let health = HealthCheck::empty().add_check("db", || true).add_check("cache", || false);
    /// let report = health.run_one("db").await.unwrap();
    /// assert!(report.passed());
    /// assert!(health.run_one("nope").await.is_err());
    /// # }
    /// ```
    ///
    /// # Errors
    ///
    /// [`UnknownCheck`] if no selected check has that name.
    pub async fn run_one(&self, name: &str) -> Result<Report, UnknownCheck> {
        let slot = self
            .selected()
            .find(|slot| &*slot.name == name)
            .ok_or_else(|| UnknownCheck(name.to_owned()))?;
        let pending = slot.begin(&self.settings);
        Ok(self.report(vec![pending]).await)
    }

    /// The answer to a request for every selected check in `format`: while the results of
    /// the last report are all fresh, its bytes as rendered then (a cached answer costs what
    /// its bytes cost); otherwise a new report. Reports with computed sections are made anew
    /// for every request. A group that selects no check answers 500 with a JSON error.
    pub async fn render(&self, format: Format) -> Rendered {
        Rendered::clone(&*self.answer(format).await)
    }

    /// [`render`](Self::render), shared rather than copied.
    pub(crate) async fn answer(&self, format: Format) -> Arc<Rendered> {
        if let Some(tag) = &self.tag {
            if self.selected().next().is_none() {
                let message = format!("no health check is tagged `{tag}`: the group is empty");
                return Arc::new(Rendered::error(500, &message));
            }
        }
        let policy = &self.settings.policy;
        let generation = self.background_results();
        if let Some(rendered) = self.answers.fresh(format, policy, generation) {
            return rendered;
        }
        let report = self.run().await;
        if self.inner.sections.iter().all(Section::is_fixed) {
            self.answers.keep(&report, generation);
        }
        Arc::new(report.render(format, policy))
    }

    async fn report(&self, pending: Vec<Pending>) -> Report {
        let settings = &self.settings;
        let sections: Vec<_> = self
            .inner
            .sections
            .iter()
            .map(|section| (section.name.clone(), section.start(settings.timeout)))
            .collect();
        // Every run is already under way; awaiting them in turn takes as long as the slowest.
        let mut results = Vec::with_capacity(pending.len());
        for pending in pending {
            results.push(pending.result(settings).await);
        }
        let mut values = Vec::with_capacity(sections.len());
        for (name, evaluation) in sections {
            let value = evaluation.value().await;
            let scrubber = Arc::clone(&settings.scrubber);
            values.push(compute(move || (scrubber.scrub_named(&name, &value), name)).await);
        }
        let values = values
            .into_iter()
            .map(|(value, name)| (name, value))
            .collect();
        Report::made_now(results, values, &settings.service)
    }

    pub(crate) fn selected(&self) -> impl Iterator<Item = &Arc<Slot>> {
        self.schedule.start(&self.inner.slots, &self.settings);
        self.inner.slots.iter().filter(move |slot| match &self.tag {
            Some(tag) => slot.options.tags.iter().any(|t| **t == **tag),
            None => true,
        })
    }

    pub(crate) fn configure(mut self, change: impl FnOnce(&mut Settings)) -> Self {
        change(Arc::make_mut(&mut self.settings));
        self.answers = Arc::default();
        self.reschedule();
        self
    }

    /// A schedule for the checks as they are now configured; the last one's tasks stop.
    fn reschedule(&mut self) {
        self.schedule = Schedule::new(&self.inner.slots, &self.settings);
    }

    /// Every check, whatever the group, without starting the schedule.
    pub(crate) fn all_slots(&self) -> &[Arc<Slot>] {
        &self.inner.slots
    }

    #[track_caller]
    fn with_policy(
        self,
        change: impl FnOnce(ResponsePolicy) -> Result<ResponsePolicy, InvalidResponse>,
    ) -> Self {
        match change(self.settings.policy.clone()) {
            Ok(policy) => self.respond_with(policy),
            Err(invalid) => panic!("{invalid}"),
        }
    }

    #[track_caller]
    fn with_headers<K: Into<String>, V: Into<String>>(
        self,
        when: When,
        headers: impl IntoIterator<Item = (K, V)>,
    ) -> Self {
        self.with_policy(|policy| {
            let cleared = policy.without_headers(when);
            headers
                .into_iter()
                .try_fold(cleared, |policy, (name, value)| {
                    policy.try_header(when, name, value)
                })
        })
    }

    fn inner_mut(&mut self) -> &mut Inner {
        self.answers = Arc::default();
        self.started = Started::default();
        Arc::make_mut(&mut self.inner)
    }
}
