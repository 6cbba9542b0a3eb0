//! Masking secrets in JSON before it leaves the process. Fails closed: when in doubt, mask.

use std::sync::OnceLock;

use regex::{Captures, Regex, RegexSet};
use serde_json::{Map, Value};

/// What a masked value becomes.
pub const MASK: &str = "********";

/// Key fragments that mark a secret, matched anywhere in a key, in any case.
const SECRET_KEY_FRAGMENTS: [&str; 11] = [
    "key",
    "token",
    "pass",
    "secret",
    "auth",
    "credential",
    "private",
    "cookie",
    "session",
    "signature",
    "salt",
];

/// Deeper than this, values are masked rather than walked.
const MAX_DEPTH: usize = 32;

/// Masks secrets in JSON values: every value under a secret-looking key (whole subtrees), and
/// secrets inside strings wherever they appear: URL passwords, `Bearer`/`Basic` credentials,
/// PEM private keys, `name=value` pairs and command-line flags with secret-looking names, and
/// well-known token shapes (JWTs, GitHub, AWS, Slack, Stripe).
///
/// ```
/// use healthcheck::Scrubber;
/// use serde_json::json;
///
/// let scrubbed = Scrubber::default().scrub(&json!({
///     "database_url": "postgres://app:hunter2@db/orders",
///     "api": { "Token": "abc123", "timeout": 3 },
///     "argv": ["server", "--password", "hunter2"],
/// }));
/// assert_eq!(scrubbed, json!({
///     "database_url": "postgres://app:********@db/orders",
///     "api": { "Token": "********", "timeout": 3 },
///     "argv": ["server", "--password", "********"],
/// }));
/// ```
#[derive(Clone, Debug)]
pub struct Scrubber {
    key_fragments: Vec<String>,
    allowed_keys: Vec<String>,
    extra_patterns: Vec<Regex>,
    /// `name=value`, `name: value`, `"name": "value"` where the name looks secret.
    named_value: Regex,
    /// `--name value` inside a command line held in one string.
    inline_flag: Regex,
    /// A command-line flag whose value follows as the next argument.
    secret_flag: Regex,
    /// Every pattern `scrub_str` applies, at once: a string none of them matches is unchanged.
    any_pattern: RegexSet,
}

impl Default for Scrubber {
    fn default() -> Self {
        static DEFAULT: OnceLock<Scrubber> = OnceLock::new();
        DEFAULT
            .get_or_init(|| {
                Scrubber::with_fragments(
                    SECRET_KEY_FRAGMENTS
                        .iter()
                        .map(|f| (*f).to_owned())
                        .collect(),
                )
            })
            .clone()
    }
}

impl Scrubber {
    fn with_fragments(key_fragments: Vec<String>) -> Self {
        let alternatives = key_fragments
            .iter()
            .map(|fragment| regex::escape(fragment))
            .collect::<Vec<_>>()
            .join("|");
        let name = format!(r"[A-Za-z0-9_.\-]*(?:{alternatives})[A-Za-z0-9_.\-]*");
        let named_value = Regex::new(&format!(
            r#"(?i)(?P<name>{name})(?P<sep>["']?\s*[=:]\s*)(?P<value>"[^"]*"|'[^']*'|[^\s&;,"']+)"#
        ))
        .expect("the named-value pattern is valid");
        let inline_flag = Regex::new(&format!(
            r"(?i)(?P<name>(?:^|\s)-{{1,2}}{name})(?P<sep>\s+)(?P<value>[^\s]+)"
        ))
        .expect("the inline-flag pattern is valid");
        let secret_flag =
            Regex::new(&format!(r"(?i)^-{{1,2}}{name}$")).expect("the flag pattern is valid");
        let built_in = patterns();
        let any_pattern = RegexSet::new(
            [
                &built_in.private_key,
                &built_in.url_userinfo,
                &built_in.auth_scheme,
                &named_value,
                &inline_flag,
            ]
            .into_iter()
            .chain(&built_in.token_shapes)
            .map(Regex::as_str),
        )
        .expect("the combined patterns are valid");
        Scrubber {
            key_fragments,
            allowed_keys: Vec::new(),
            extra_patterns: Vec::new(),
            named_value,
            inline_flag,
            secret_flag,
            any_pattern,
        }
    }

    /// Also masks values under keys containing `fragment` (any case).
    #[must_use]
    pub fn secret_key(self, fragment: &str) -> Self {
        let mut fragments = self.key_fragments;
        fragments.push(fragment.to_lowercase());
        Scrubber {
            allowed_keys: self.allowed_keys,
            extra_patterns: self.extra_patterns,
            ..Scrubber::with_fragments(fragments)
        }
    }

    /// Also masks every match of `pattern` inside strings.
    ///
    /// # Errors
    ///
    /// If `pattern` is not a valid regular expression.
    pub fn secret_pattern(mut self, pattern: &str) -> Result<Self, regex::Error> {
        self.extra_patterns.push(Regex::new(pattern)?);
        Ok(self)
    }

    /// Shows the value under exactly this key (any case) on purpose, though its name looks
    /// secret. Secrets inside its strings are still masked.
    #[must_use]
    pub fn allow_key(mut self, key: &str) -> Self {
        self.allowed_keys.push(key.to_lowercase());
        self
    }

    /// Whether the value under `key` is masked whole.
    #[must_use]
    pub fn is_secret_key(&self, key: &str) -> bool {
        let key = key.to_lowercase();
        !self.allowed_keys.contains(&key)
            && self
                .key_fragments
                .iter()
                .any(|fragment| key.contains(fragment.as_str()))
    }

    /// A copy of `value` with its secrets masked.
    #[must_use]
    pub fn scrub(&self, value: &Value) -> Value {
        self.walk(value, 0)
    }

    fn walk(&self, value: &Value, depth: usize) -> Value {
        if depth > MAX_DEPTH {
            return Value::from(MASK);
        }
        match value {
            Value::String(text) => Value::String(self.scrub_str(text)),
            Value::Array(items) => Value::Array(self.walk_array(items, depth)),
            Value::Object(map) => {
                let mut scrubbed = Map::new();
                for (key, value) in map {
                    let value = if self.is_secret_key(key) {
                        Value::from(MASK)
                    } else {
                        self.walk(value, depth + 1)
                    };
                    scrubbed.insert(self.scrub_str(key), value);
                }
                Value::Object(scrubbed)
            }
            scalar => scalar.clone(),
        }
    }

    /// Arrays may be argument vectors: the item after a secret-looking flag is its value.
    fn walk_array(&self, items: &[Value], depth: usize) -> Vec<Value> {
        let mut previous_was_secret_flag = false;
        items
            .iter()
            .map(|item| {
                let masked = previous_was_secret_flag;
                previous_was_secret_flag = item
                    .as_str()
                    .is_some_and(|text| self.secret_flag.is_match(text));
                if masked {
                    Value::from(MASK)
                } else {
                    self.walk(item, depth + 1)
                }
            })
            .collect()
    }

    /// Masks the secrets inside one string.
    #[must_use]
    pub fn scrub_str(&self, text: &str) -> String {
        if !self.any_pattern.is_match(text) && !self.extra_patterns.iter().any(|p| p.is_match(text))
        {
            return text.to_owned();
        }
        let patterns = patterns();
        let mut text = patterns.private_key.replace_all(text, MASK).into_owned();
        text = patterns
            .url_userinfo
            .replace_all(&text, |caps: &Captures| {
                let userinfo = &caps["userinfo"];
                match userinfo.split_once(':') {
                    Some((user, _)) => format!("{}{user}:{MASK}@", &caps["scheme"]),
                    None => format!("{}{MASK}@", &caps["scheme"]),
                }
            })
            .into_owned();
        text = patterns
            .auth_scheme
            .replace_all(&text, format!("${{scheme}}${{space}}{MASK}"))
            .into_owned();
        for token in &patterns.token_shapes {
            text = token.replace_all(&text, MASK).into_owned();
        }
        for named in [&self.named_value, &self.inline_flag] {
            text = named
                .replace_all(&text, |caps: &Captures| {
                    format!("{}{}{MASK}", &caps["name"], &caps["sep"])
                })
                .into_owned();
        }
        for pattern in &self.extra_patterns {
            text = pattern.replace_all(&text, MASK).into_owned();
        }
        text
    }
}

struct Patterns {
    private_key: Regex,
    url_userinfo: Regex,
    auth_scheme: Regex,
    token_shapes: Vec<Regex>,
}

fn patterns() -> &'static Patterns {
    static PATTERNS: OnceLock<Patterns> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        let compile = |pattern: &str| Regex::new(pattern).expect("built-in patterns are valid");
        Patterns {
            // An unterminated block is masked to the end: fail closed.
            private_key: compile(
                r"(?s)-----BEGIN[A-Z0-9 ]*PRIVATE KEY[A-Z0-9 ]*-----.*?(?:-----END[A-Z0-9 ]*PRIVATE KEY[A-Z0-9 ]*-----|\z)",
            ),
            // Greedy up to the last `@` of the authority: a password may hold an unescaped `@`.
            url_userinfo: compile(r"(?i)(?P<scheme>[a-z][a-z0-9+.\-]*://)(?P<userinfo>[^/?#\s]*)@"),
            auth_scheme: compile(
                r"(?i)(?P<scheme>\b(?:bearer|basic|digest|token|apikey))(?P<space>\s+)[^\s,;]+",
            ),
            token_shapes: [
                r"\beyJ[A-Za-z0-9_\-]{4,}\.[A-Za-z0-9_\-]{4,}\.[A-Za-z0-9_\-]*",
                r"\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})",
                r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b",
                r"\bxox[abposr]-[A-Za-z0-9\-]{10,}",
                r"\b[sr]k_(?:live|test)_[A-Za-z0-9]{10,}",
            ]
            .into_iter()
            .map(compile)
            .collect(),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::{Scrubber, MASK};
    use serde_json::json;

    /// (input string, expected output)
    const STRINGS: &[(&str, &str)] = &[
        (
            "postgres://app:hunter2@db/orders",
            "postgres://app:********@db/orders",
        ),
        (
            "redis://:s3cret@cache:6379/0",
            "redis://:********@cache:6379/0",
        ),
        (
            "amqp://guest:p@ss@rabbit/vhost",
            "amqp://guest:********@rabbit/vhost",
        ),
        (
            "https://ghs_token1234567890abcdefghij@github.com/o/r.git",
            "https://********@github.com/o/r.git",
        ),
        (
            "mongodb+srv://u:pw@cluster0.example.net/db?retryWrites=true",
            "mongodb+srv://u:********@cluster0.example.net/db?retryWrites=true",
        ),
        (
            "see HTTP://Admin:Admin@10.0.0.1 and ftp://x:y@h",
            "see HTTP://Admin:********@10.0.0.1 and ftp://x:********@h",
        ),
        ("x_postgres://u:pw@h", "x_postgres://u:********@h"),
        (
            "https://example.com/path?q=1",
            "https://example.com/path?q=1",
        ),
        (
            "https://example.com/u/a@b.com",
            "https://example.com/u/a@b.com",
        ),
        ("Bearer eyJabc.def", "Bearer ********"),
        (
            "Authorization: Basic dXNlcjpwYXNz",
            "Authorization: ******** ********",
        ),
        (
            "authorization=bearer abc",
            "authorization=******** ********",
        ),
        ("token ghp_abc", "token ********"),
        ("--password=hunter2", "--password=********"),
        (
            "--db-pass=hunter2 --port=5432",
            "--db-pass=******** --port=5432",
        ),
        (
            "app --token abc123 --verbose",
            "app --token ******** --verbose",
        ),
        ("-k s3cr3t", "-k s3cr3t"),
        ("API_KEY=abc DEBUG=1", "API_KEY=******** DEBUG=1"),
        (
            "https://api.example.com/v1?access_token=abc&page=2",
            "https://api.example.com/v1?access_token=********&page=2",
        ),
        (
            r#"{"client_secret": "xyz", "id": 7}"#,
            r#"{"client_secret": ********, "id": 7}"#,
        ),
        ("session_id: 9f8e7d", "session_id: ********"),
        ("SALT='pepper'", "SALT=********"),
        (
            "-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----",
            MASK,
        ),
        (
            "cert -----BEGIN PRIVATE KEY-----\nMIIE truncated",
            "cert ********",
        ),
        (
            "-----BEGIN OPENSSH PRIVATE KEY-----\nb3Bl\n-----END OPENSSH PRIVATE KEY----- tail",
            "******** tail",
        ),
        (
            "-----BEGIN CERTIFICATE-----\nMIIC\n-----END CERTIFICATE-----",
            "-----BEGIN CERTIFICATE-----\nMIIC\n-----END CERTIFICATE-----",
        ),
        (
            "jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig_nature-x",
            "jwt ********",
        ),
        ("ghp_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", MASK),
        ("id AKIAIOSFODNN7EXAMPLE end", "id ******** end"),
        ("xoxb-1234567890-abcdef", MASK),
        ("sk_live_abcdefghijklmnop", MASK),
        (
            "plain text with nothing secret",
            "plain text with nothing secret",
        ),
        ("/usr/local/bin/server", "/usr/local/bin/server"),
    ];

    #[test]
    fn strings() {
        let scrubber = Scrubber::default();
        for (input, expected) in STRINGS {
            assert_eq!(scrubber.scrub_str(input), *expected, "input: {input:?}");
        }
    }

    #[test]
    fn keys_any_case_any_depth_whole_subtrees() {
        let scrubbed = Scrubber::default().scrub(&json!({
            "PASSWORD": "a",
            "db": { "Auth": { "user": "u", "pw": "b" }, "host": "h" },
            "list": [{ "x-api-key": 1 }, { "cookie": ["c"] }, { "privateThing": null }],
            "Set-Cookie": "d",
            "keyboard": "over-masked on purpose",
            "name": "visible",
        }));
        assert_eq!(
            scrubbed,
            json!({
                "PASSWORD": MASK,
                "db": { "Auth": MASK, "host": "h" },
                "list": [{ "x-api-key": MASK }, { "cookie": MASK }, { "privateThing": MASK }],
                "Set-Cookie": MASK,
                "keyboard": MASK,
                "name": "visible",
            })
        );
    }

    #[test]
    fn argv_flags_mask_the_next_argument() {
        let scrubbed = Scrubber::default().scrub(&json!([
            "server",
            "--token",
            "t0k",
            "--port",
            "80",
            "--password=p",
            "-secret",
            "s",
            "--auth-file",
            "/f"
        ]));
        assert_eq!(
            scrubbed,
            json!([
                "server",
                "--token",
                MASK,
                "--port",
                "80",
                "--password=********",
                "-secret",
                MASK,
                "--auth-file",
                MASK
            ])
        );
    }

    #[test]
    fn too_deep_is_masked_not_shown() {
        let mut deep = json!("bottom");
        for _ in 0..40 {
            deep = json!({ "level": deep });
        }
        let text = Scrubber::default().scrub(&deep).to_string();
        assert!(!text.contains("bottom"));
        assert!(text.contains(MASK));
    }

    #[test]
    fn extensible_and_allow_listed() {
        let extended = Scrubber::default()
            .secret_key("ssn")
            .allow_key("public_key")
            .secret_pattern(r"\bINT-[0-9]{6}\b")
            .unwrap();
        let scrubbed = extended.scrub(&json!({
            "SSN": "123-45-6789",
            "public_key": "ssh-ed25519 AAAA postgres://u:pw@h",
            "private_key": "x",
            "ticket": "see INT-123456",
        }));
        assert_eq!(scrubbed["SSN"], MASK);
        assert_eq!(
            scrubbed["public_key"],
            "ssh-ed25519 AAAA postgres://u:********@h"
        );
        assert_eq!(scrubbed["private_key"], MASK);
        assert_eq!(scrubbed["ticket"], "see ********");
        assert!(Scrubber::default().secret_pattern("(").is_err());
    }

    #[test]
    fn keys_holding_secrets_are_scrubbed_too() {
        let scrubbed = Scrubber::default().scrub(&json!({ "postgres://a:pw@h": 1 }));
        assert_eq!(scrubbed, json!({ "postgres://a:********@h": 1 }));
    }

    #[test]
    fn non_string_values_pass_through() {
        let value = json!({ "n": 1, "f": 2.5, "b": true, "z": null, "a": [1, 2] });
        assert_eq!(Scrubber::default().scrub(&value), value);
    }
}
