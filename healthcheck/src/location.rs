//! [`Location`]: where a check or section was declared.

use std::fmt;

/// Where a check or section was declared.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Location {
    file: &'static str,
    line: u32,
}

impl Location {
    #[doc(hidden)]
    #[must_use]
    pub const fn new(file: &'static str, line: u32) -> Self {
        Location { file, line }
    }

    pub(crate) fn caller(caller: &'static std::panic::Location<'static>) -> Self {
        Location::new(caller.file(), caller.line())
    }

    /// The source file.
    #[must_use]
    pub fn file(&self) -> &'static str {
        self.file
    }

    /// The line in it.
    #[must_use]
    pub fn line(&self) -> u32 {
        self.line
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}
