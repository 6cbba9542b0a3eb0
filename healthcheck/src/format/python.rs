//! JSON as Python's `json.dumps` writes it by default, which monitors set up for
//! py-healthcheck match byte for byte: `", "` and `": "` between items, non-ASCII characters
//! as `\uXXXX` escapes, and floats as Python's `repr` (`1e-05`, `1795471659.07`).

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::{Formatter, Serializer};

/// How the JSON format is written; see [`HealthCheck::compact_json`](crate::HealthCheck::compact_json).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum JsonStyle {
    /// Python's `json.dumps`, as py-healthcheck answers.
    #[default]
    Python,
    /// No spaces, UTF-8 as it is.
    Compact,
}

/// `value` as JSON in `style`.
pub(crate) fn to_string(value: &impl Serialize, style: JsonStyle) -> serde_json::Result<String> {
    match style {
        JsonStyle::Compact => serde_json::to_string(value),
        JsonStyle::Python => {
            let mut bytes = Vec::with_capacity(256);
            value.serialize(&mut Serializer::with_formatter(&mut bytes, Python))?;
            // Every byte written is ASCII.
            Ok(String::from_utf8(bytes).expect("ASCII"))
        }
    }
}

struct Python;

impl Formatter for Python {
    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        if first {
            Ok(())
        } else {
            writer.write_all(b", ")
        }
    }

    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.begin_array_value(writer, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        writer.write_all(b": ")
    }

    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut start = 0;
        for (at, c) in fragment.char_indices() {
            if c.is_ascii() {
                continue;
            }
            writer.write_all(&fragment.as_bytes()[start..at])?;
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                write!(writer, "\\u{unit:04x}")?;
            }
            start = at + c.len_utf8();
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }

    fn write_f64<W: ?Sized + Write>(&mut self, writer: &mut W, value: f64) -> io::Result<()> {
        writer.write_all(python_repr(value).as_bytes())
    }

    fn write_f32<W: ?Sized + Write>(&mut self, writer: &mut W, value: f32) -> io::Result<()> {
        self.write_f64(writer, f64::from(value))
    }
}

/// Python's `repr` of a finite float: the shortest digits that read back the same, in fixed
/// notation for exponents from -4 to 15 (`0.0001`, `12.0`), scientific otherwise (`1e-05`,
/// `1.5e+16`).
fn python_repr(value: f64) -> String {
    let scientific = format!("{value:e}");
    let (mantissa, exponent) = scientific.split_once('e').expect("`{:e}` has an exponent");
    let exponent: i32 = exponent.parse().expect("an integer exponent");
    let (sign, mantissa) = match mantissa.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", mantissa),
    };
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    if (-4..16).contains(&exponent) {
        let point = exponent + 1;
        let body = if point <= 0 {
            let zeros = "0".repeat(usize::try_from(-point).unwrap_or(0));
            format!("0.{zeros}{digits}")
        } else {
            let point = usize::try_from(point).unwrap_or(0);
            if digits.len() <= point {
                format!("{digits:0<point$}.0")
            } else {
                format!("{}.{}", &digits[..point], &digits[point..])
            }
        };
        format!("{sign}{body}")
    } else {
        let exponent_sign = if exponent < 0 { '-' } else { '+' };
        format!("{sign}{mantissa}e{exponent_sign}{:02}", exponent.abs())
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::{python_repr, to_string, JsonStyle};

    #[test]
    fn floats_as_python_writes_them() {
        // Each expected string is what CPython 3's `repr(float(x))` prints.
        for (value, python) in [
            (0.0, "0.0"),
            (1.0, "1.0"),
            (-2.5, "-2.5"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (0.000_012, "1.2e-05"),
            (123_456_789_012_345.0, "123456789012345.0"),
            (1e16, "1e+16"),
            (1.5e16, "1.5e+16"),
            (1_795_471_659.07, "1795471659.07"),
            (1e-300, "1e-300"),
            (f64::MAX, "1.7976931348623157e+308"),
        ] {
            assert_eq!(python_repr(value), python, "{value}");
        }
    }

    #[test]
    fn spacing_and_escapes_as_json_dumps() {
        let value = json!({ "a": [1, 2.5, "é😀"], "b": { "c": null, "d": true } });
        assert_eq!(
            to_string(&value, JsonStyle::Python).unwrap(),
            r#"{"a": [1, 2.5, "\u00e9\ud83d\ude00"], "b": {"c": null, "d": true}}"#
        );
        assert_eq!(
            to_string(&value, JsonStyle::Compact).unwrap(),
            r#"{"a":[1,2.5,"é😀"],"b":{"c":null,"d":true}}"#
        );
    }
}
