//! Sections: fixed values, or user code run for every report by the executor.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Display;
use std::marker::PhantomData;
use std::sync::Arc;
use std::time::Duration;

use serde::Serialize;
use serde_json::{json, Value};

use crate::body::Body;
use crate::runner::{Run, Runner};

/// A section's value, or the error shown in its place.
pub(crate) type SectionResult = Result<Value, String>;

#[derive(Clone, Debug)]
pub(crate) struct Section {
    pub(crate) name: String,
    source: Source,
    runner: Arc<Runner<SectionResult>>,
}

/// Not public API.
#[doc(hidden)]
#[derive(Clone)]
pub enum Source {
    Fixed(Value),
    Computed(Body<SectionResult>),
}

impl std::fmt::Debug for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Source::Fixed(value) => f.debug_tuple("Source::Fixed").field(value).finish(),
            Source::Computed(_) => f.write_str("Source::Computed"),
        }
    }
}

/// A section being evaluated.
pub(crate) enum Evaluation {
    Ready(Value),
    Running(Run<SectionResult>),
}

impl Evaluation {
    /// The section's value, or `{"error": "…"}` when it returned `Err`, panicked or missed
    /// its deadline.
    pub(crate) async fn value(self) -> Value {
        match self {
            Evaluation::Ready(value) => value,
            Evaluation::Running(run) => match run.finish().await {
                Ok(Ok(value)) => value,
                Ok(Err(error)) => json!({ "error": error }),
                Err(failure) => json!({ "error": failure.to_string() }),
            },
        }
    }
}

impl Section {
    pub(crate) fn new(name: String, source: Source) -> Self {
        Section::with_runner(name, source, Arc::default())
    }

    /// A section whose body shares `runner` with other sections of the same body.
    pub(crate) fn with_runner(
        name: String,
        source: Source,
        runner: Arc<Runner<SectionResult>>,
    ) -> Self {
        Section {
            name,
            source,
            runner,
        }
    }

    /// Whether the section is a value rather than code run for every report.
    pub(crate) fn is_fixed(&self) -> bool {
        matches!(self.source, Source::Fixed(_))
    }

    /// Starts evaluating the section, with `deadline` for its body.
    pub(crate) fn start(&self, deadline: Duration) -> Evaluation {
        match &self.source {
            Source::Fixed(value) => Evaluation::Ready(value.clone()),
            Source::Computed(job) => Evaluation::Running(self.runner.run(job, deadline)),
        }
    }
}

/// What a section closure may return: a JSON-able value, or a `Result` whose `Err` is shown
/// as `{"error": "…"}` in the section's place.
///
/// Implemented for `serde_json::Value`, strings, numbers, `bool`, `Option`, `Vec` and string-keyed
/// maps of [`Serialize`] values, and `Result<T: Serialize, E: Display>`. For other types return
/// `serde_json::to_value(x)` or `Ok::<_, Infallible>(x)`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be the value of a section closure",
    note = "return a `serde_json::Value`, a string, number, bool, Option, Vec or map of Serialize values, or `Result<T: Serialize, E: Display>`"
)]
pub trait IntoSection {
    /// The section's JSON, or the error to show in its place.
    ///
    /// # Errors
    ///
    /// The message to show as the section's `error`.
    fn into_section(self) -> Result<Value, String>;
}

impl<T: Serialize, E: Display> IntoSection for Result<T, E> {
    fn into_section(self) -> Result<Value, String> {
        let value = self.map_err(|error| error.to_string())?;
        serde_json::to_value(value).map_err(|error| error.to_string())
    }
}

macro_rules! serialize_into_section {
    ($ty:ty) => {
        impl IntoSection for $ty {
            fn into_section(self) -> Result<Value, String> {
                serde_json::to_value(self).map_err(|error| error.to_string())
            }
        }
    };
    (generic $ty:ty) => {
        impl<T: Serialize> IntoSection for $ty {
            fn into_section(self) -> Result<Value, String> {
                serde_json::to_value(self).map_err(|error| error.to_string())
            }
        }
    };
}

serialize_into_section!(Value);
serialize_into_section!(String);
serialize_into_section!(&'static str);
serialize_into_section!(bool);
serialize_into_section!(i64);
serialize_into_section!(u64);
serialize_into_section!(i32);
serialize_into_section!(u32);
serialize_into_section!(usize);
serialize_into_section!(f64);
serialize_into_section!(generic Option<T>);
serialize_into_section!(generic Vec<T>);
serialize_into_section!(generic BTreeMap<String, T>);
serialize_into_section!(generic HashMap<String, T>);

/// What `add_section` accepts: a [`Serialize`] value, captured once, or a closure (sync, or
/// returning a future) whose output is an [`IntoSection`], run for every report on the
/// library's threads, within the owner's deadline. The `Marker` is inferred.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a section",
    note = "pass a Serialize value, or a `Fn() -> R` or `Fn() -> impl Future<Output = R>` closure that is `Send + Sync + 'static`, where `R: IntoSection`"
)]
pub trait SectionSource<Marker> {
    #[doc(hidden)]
    fn into_source(self) -> Source;
}

/// Marks a value section; see [`SectionSource`].
#[derive(Debug)]
pub struct Fixed;

/// Marks a closure section; see [`SectionSource`].
#[derive(Debug)]
pub struct Computed<R>(PhantomData<fn() -> R>);

impl<T: Serialize> SectionSource<Fixed> for T {
    fn into_source(self) -> Source {
        Source::Fixed(
            serde_json::to_value(self)
                .unwrap_or_else(|error| json!({ "error": error.to_string() })),
        )
    }
}

impl<F, R> SectionSource<Computed<R>> for F
where
    F: Fn() -> R + Send + Sync + 'static,
    R: IntoSection,
{
    fn into_source(self) -> Source {
        Source::Computed(Body::Blocking(Arc::new(move || self().into_section())))
    }
}

/// Marks an async closure section; see [`SectionSource`].
#[derive(Debug)]
pub struct ComputedAsync<Fut>(PhantomData<fn() -> Fut>);

impl<F, Fut> SectionSource<ComputedAsync<Fut>> for F
where
    F: Fn() -> Fut + Send + Sync + 'static,
    Fut: std::future::Future + Send + 'static,
    Fut::Output: IntoSection,
{
    fn into_source(self) -> Source {
        let this = Arc::new(self);
        Source::Computed(Body::Async(Arc::new(move || {
            let this = Arc::clone(&this);
            Box::pin(async move { this().await.into_section() })
        })))
    }
}
