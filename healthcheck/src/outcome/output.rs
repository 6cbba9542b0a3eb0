//! What a check may give as its output: text, or any JSON value, as py-healthcheck allows.

use std::borrow::Cow;
use std::sync::Arc;

use serde_json::Value;

/// A check's output as given: a message, or a JSON value written as JSON by the JSON format.
#[doc(hidden)]
#[derive(Clone, Debug, PartialEq)]
pub enum Output {
    Text(String),
    Json(Value),
}

/// The outputs a check may give: strings, [`serde_json::Value`] (written as JSON by the JSON
/// format, as py-healthcheck writes any value), `()` (`"ok"`), numbers, `bool` and `char`
/// (their text). For any other `Serialize` type, use [`Outcome::serialized`]; for any other
/// `Display` type, `.to_string()`.
///
/// [`Outcome::serialized`]: crate::Outcome::serialized
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a health check output",
    note = "give a string, a `serde_json::Value`, `()` or a number; call `.to_string()` on a `Display` type, or use `Outcome::serialized` for any `Serialize` type"
)]
pub trait IntoOutput {
    /// Converts the output.
    #[doc(hidden)]
    fn into_output(self) -> Output;
}

impl IntoOutput for Output {
    fn into_output(self) -> Output {
        self
    }
}

impl IntoOutput for Value {
    fn into_output(self) -> Output {
        match self {
            Value::String(text) => Output::Text(text),
            other => Output::Json(other),
        }
    }
}

impl IntoOutput for () {
    fn into_output(self) -> Output {
        Output::Text("ok".to_owned())
    }
}

macro_rules! text_outputs {
    ($($ty:ty),* $(,)?) => {$(
        impl IntoOutput for $ty {
            fn into_output(self) -> Output {
                Output::Text(self.to_string())
            }
        }
    )*};
}

text_outputs!(
    String,
    &str,
    &String,
    Cow<'_, str>,
    Box<str>,
    Arc<str>,
    char,
    bool,
    u8,
    u16,
    u32,
    u64,
    u128,
    usize,
    i8,
    i16,
    i32,
    i64,
    i128,
    isize,
    f32,
    f64,
);
