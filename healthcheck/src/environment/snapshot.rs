//! [`Environment`]: one scrubbed dump, ready to serve.

use std::sync::Arc;

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;
use serde_json::Value;

use super::piece::Piece;

/// One scrubbed dump, sections in order: `os`, `rust`, `process`, `config`, registered
/// sections by name, then added ones.
#[derive(Clone, Debug)]
pub struct Environment {
    pub(super) sections: Vec<(String, Arc<Piece>)>,
}

impl Environment {
    /// Every section, scrubbed, in order.
    pub fn sections(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.sections
            .iter()
            .map(|(name, piece)| (name.as_str(), &piece.value))
    }

    /// One section by name.
    #[must_use]
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.sections()
            .find(|(n, _)| *n == name)
            .map(|(_, value)| value)
    }

    /// The dump as a JSON object, sections in order, from each section's JSON as it was
    /// serialized when the section was made.
    #[must_use]
    pub fn to_json(&self) -> String {
        let length: usize = self
            .sections
            .iter()
            .map(|(name, piece)| name.len() + piece.json.len() + 4)
            .sum();
        let mut json = String::with_capacity(length + 2);
        json.push('{');
        for (index, (name, piece)) in self.sections.iter().enumerate() {
            if index > 0 {
                json.push(',');
            }
            json.push_str(&Value::from(name.as_str()).to_string());
            json.push(':');
            json.push_str(&piece.json);
        }
        json.push('}');
        json
    }
}

impl Serialize for Environment {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.sections.len()))?;
        for (name, value) in self.sections() {
            map.serialize_entry(name, value)?;
        }
        map.end()
    }
}
