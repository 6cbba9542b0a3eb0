//! What `--probe` asks for: an `http://` URL, or the default one on `PORT`.

use std::fmt::Write as _;

/// The port of the default URL when `PORT` is unset.
pub const DEFAULT_PORT: u16 = 8080;

/// `http://127.0.0.1:$PORT/livez`.
pub(super) fn default_url(port: Option<&str>) -> Result<String, String> {
    let port = match port {
        None => DEFAULT_PORT,
        Some(port) => port
            .trim()
            .parse::<u16>()
            .map_err(|_| format!("PORT=`{port}` is not a port number"))?,
    };
    Ok(format!("http://127.0.0.1:{port}/livez"))
}

/// Where to connect and what to ask.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Target {
    /// As `ToSocketAddrs` takes it: `host:port`, IPv6 in brackets.
    pub(super) authority: String,
    /// The `Host` header's value.
    pub(super) host: String,
    /// Path and query, `/` at least.
    pub(super) path: String,
}

impl Target {
    pub(super) fn parse(url: &str) -> Result<Target, String> {
        let rest = url
            .strip_prefix("http://")
            .ok_or_else(|| format!("`{url}` is not an http:// URL"))?;
        let (host, path) = match rest.find(['/', '?']) {
            Some(at) => rest.split_at(at),
            None => (rest, "/"),
        };
        let host = host.rsplit_once('@').map_or(host, |(_, host)| host);
        if host.is_empty() {
            return Err(format!("`{url}` names no host"));
        }
        let has_port = match host.rfind(']') {
            Some(bracket) => host[bracket..].contains(':'),
            None => host.contains(':'),
        };
        let mut authority = host.to_owned();
        if !has_port {
            let _ = write!(authority, ":80");
        }
        let path = if path.starts_with('?') {
            format!("/{path}")
        } else {
            path.to_owned()
        };
        Ok(Target {
            authority,
            host: host.to_owned(),
            path,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::{default_url, Target};

    #[test]
    fn parses_what_a_probe_is_given() {
        let cases = [
            (
                "http://127.0.0.1:9000/readyz?verbose",
                "127.0.0.1:9000",
                "127.0.0.1:9000",
                "/readyz?verbose",
            ),
            ("http://localhost", "localhost:80", "localhost", "/"),
            ("http://[::1]:81?x", "[::1]:81", "[::1]:81", "/?x"),
            ("http://[::1]/livez", "[::1]:80", "[::1]", "/livez"),
        ];
        for (url, authority, host, path) in cases {
            let target = Target::parse(url).expect("a URL");
            assert_eq!(
                (&*target.authority, &*target.host, &*target.path),
                (authority, host, path)
            );
        }
        assert!(Target::parse("https://example.com/").is_err());
        assert!(Target::parse("http:///livez").is_err());
    }

    #[test]
    fn the_default_url_is_the_live_probe_on_port() {
        assert_eq!(
            default_url(None).as_deref(),
            Ok("http://127.0.0.1:8080/livez")
        );
        assert_eq!(
            default_url(Some("9000")).as_deref(),
            Ok("http://127.0.0.1:9000/livez")
        );
        assert!(default_url(Some("http")).is_err());
    }
}
