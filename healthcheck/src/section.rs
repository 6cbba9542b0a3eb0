//! Custom sections: fixed values, or closures evaluated for every report.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Display;
use std::marker::PhantomData;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;

use serde::Serialize;
use serde_json::{json, Value};

use crate::runner::panic_message;

type Compute = Arc<dyn Fn() -> Result<Value, String> + Send + Sync>;

#[derive(Clone)]
pub(crate) struct Section {
    pub(crate) name: String,
    source: Source,
}

/// Not public API.
#[doc(hidden)]
#[derive(Clone)]
pub enum Source {
    Fixed(Value),
    Computed(Compute),
}

impl std::fmt::Debug for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Source::Fixed(value) => f.debug_tuple("Source::Fixed").field(value).finish(),
            Source::Computed(_) => f.write_str("Source::Computed"),
        }
    }
}

impl Section {
    pub(crate) fn new(name: String, source: Source) -> Self {
        Section { name, source }
    }

    /// The section's value, or `{"error": "…"}` when computing it failed or panicked.
    pub(crate) fn evaluate(&self) -> Value {
        match &self.source {
            Source::Fixed(value) => value.clone(),
            Source::Computed(compute) => guarded(|| compute()),
        }
    }
}

/// A section's value, or `{"error": "…"}` if computing it returned `Err` or panicked.
pub(crate) fn guarded(compute: impl FnOnce() -> Result<Value, String>) -> Value {
    match catch_unwind(AssertUnwindSafe(compute)) {
        Ok(Ok(value)) => value,
        Ok(Err(error)) => json!({ "error": error }),
        Err(payload) => json!({ "error": panic_message(payload.as_ref()) }),
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

/// What `add_section` accepts: a [`Serialize`] value, captured once, or a closure returning
/// an [`IntoSection`], called for every report. The `Marker` is inferred.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a section",
    note = "pass a Serialize value, or a `Fn() -> R + Send + Sync + 'static` closure where `R: IntoSection`"
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
        Source::Computed(Arc::new(move || self().into_section()))
    }
}
