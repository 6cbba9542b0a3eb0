//! What a probe request asks for: a format, `verbose`, and checks to exclude.

use crate::format::{Format, UnknownFormat};

pub(super) struct ProbeQuery {
    pub(super) format: Format,
    pub(super) verbose: bool,
    /// In the order asked, without repeats.
    pub(super) exclude: Vec<String>,
}

impl ProbeQuery {
    /// `?exclude=a&exclude=b` and `?exclude=a,b` alike; `?verbose` whatever its value. Text
    /// unless `?format=` or `Accept` names another format.
    pub(super) fn parse(query: &str, accept: Option<&str>) -> Result<ProbeQuery, UnknownFormat> {
        let format = Format::negotiate_or(query, accept, Format::Text { verbose: false })?;
        let mut verbose = false;
        let mut exclude: Vec<String> = Vec::new();
        for (key, value) in form_urlencoded::parse(query.as_bytes()) {
            match &*key {
                "verbose" => verbose = true,
                "exclude" => {
                    for name in value.split(',').filter(|name| !name.is_empty()) {
                        if !exclude.iter().any(|known| known == name) {
                            exclude.push(name.to_owned());
                        }
                    }
                }
                _ => {}
            }
        }
        Ok(ProbeQuery {
            format,
            verbose,
            exclude,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::ProbeQuery;
    use crate::format::Format;

    #[test]
    fn excludes_repeated_and_comma_separated() {
        let query =
            ProbeQuery::parse("exclude=a&exclude=b,c&exclude=a&verbose=false", None).expect("text");
        assert_eq!(query.exclude, ["a", "b", "c"]);
        assert!(query.verbose);
        assert_eq!(query.format, Format::Text { verbose: true });
    }

    #[test]
    fn text_unless_asked_otherwise() {
        let format = |query, accept| ProbeQuery::parse(query, accept).expect("known").format;
        assert_eq!(format("", Some("*/*")), Format::Text { verbose: false });
        assert_eq!(format("", Some("application/json")), Format::Json);
        assert_eq!(format("format=ietf", None), Format::HealthJson);
        assert!(ProbeQuery::parse("format=yaml", None).is_err());
    }
}
