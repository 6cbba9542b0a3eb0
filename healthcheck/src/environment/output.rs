//! [`Environment`]: one scrubbed dump, ready to serve.

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;
use serde_json::{json, Value};

/// One scrubbed dump, sections in order: `os`, `rust`, `process`, `config`, registered
/// sections by name, then added ones.
#[derive(Clone, Debug)]
pub struct Environment {
    pub(super) sections: Vec<(String, Value)>,
}

impl Environment {
    /// Every section, scrubbed, in order.
    #[must_use]
    pub fn sections(&self) -> &[(String, Value)] {
        &self.sections
    }

    /// One section by name.
    #[must_use]
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.sections
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, value)| value)
    }

    /// The dump as a JSON object, sections in order.
    #[must_use]
    pub fn to_json(&self) -> String {
        serde_json::to_string(self)
            .unwrap_or_else(|error| json!({ "error": error.to_string() }).to_string())
    }
}

impl Serialize for Environment {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.sections.len()))?;
        for (name, value) in &self.sections {
            map.serialize_entry(name, value)?;
        }
        map.end()
    }
}
