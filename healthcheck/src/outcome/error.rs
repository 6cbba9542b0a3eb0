//! A check that panicked or returned `Err`, as the error handler sees it.

/// How a check ended without an answer of its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// It panicked.
    Panicked,
    /// It returned `Err`.
    Returned,
}

/// What the [error handler](crate::HealthCheck::error_handler) is given: the check, how it
/// ended and its message (already scrubbed of secrets).
#[derive(Clone, Copy, Debug)]
pub struct CheckError<'a> {
    /// The check's name.
    pub check: &'a str,
    /// Whether it panicked or returned `Err`.
    pub kind: ErrorKind,
    /// The panic's message or the error's `Display`.
    pub message: &'a str,
}
