//! Masking secrets in JSON before it leaves the process. Fails closed: when in doubt, mask.

use std::sync::OnceLock;

use regex::{Regex, RegexSet};
use serde_json::{Map, Value};

/// What a masked value becomes.
pub const MASK: &str = "********";

mod names;
mod patterns;
#[cfg(test)]
mod tests;

use names::{is_pair_value, words, PAIR_NAME_FIELDS, SECRET_KEY_FRAGMENTS, SECRET_KEY_WORDS};
use patterns::{is_uid_gid, patterns, replace_checked, scrub_addresses, scrub_short_flags};

/// Deeper than this, values are masked rather than walked.
const MAX_DEPTH: usize = 32;

/// Masks secrets in JSON values. Fails closed: when in doubt, it masks.
///
/// Masked whole:
///
/// - every value under a secret-looking key, whole subtrees, at any depth: keys containing
///   `key`, `token`, `pass`, `secret`, `auth`, `credential`, `private`, `cookie`, `session`,
///   `signature` or `salt` anywhere (so `keyboard` is masked too, on purpose), or having
///   `pw`, `pwd`, `pswd`, `passwd`, `creds`, `cred`, `hmac`, `sig`, `dsn`, `otp`, `totp`,
///   `hotp`, `jwt`, `csrf`, `xsrf`, `pat`, `sas` or `bearer` as a *word* (`MYSQL_PWD`, `dbPw`, `dsn`,
///   but not `cwd` or `signal`). The process environment's `PWD` is therefore masked; the
///   working directory is shown as `cwd`;
/// - the `value` fields of a name/value pair whose name looks secret, such as Kubernetes'
///   `{"name": "DB_PASSWORD", "value": "…"}`;
/// - in arrays, the item after a secret-looking flag or name (`"--token"`, `"-pw"`,
///   `"password"`, `"DB_PASSWORD"`), and after `-p`. `-p` is a port in many tools but the
///   password in MySQL's: its value is masked;
/// - strings holding JSON are scrubbed as JSON.
///
/// Masked inside strings:
///
/// - URL passwords, also holding `/ # ? %`, spaces or `@`; a userinfo without a password
///   (often a token); `user:password@host` without a scheme (not emails, not
///   `git@host:repo`, not `image:tag@sha256:…`). A URL with a port and an `@` in its path
///   (`https://h:8443/u/a@b`) is left alone, but an ambiguous authority is masked;
/// - `name=value`, `name: value`, `"name": "value"`, also with escaped quotes
///   (`{\"password\": \"…\"}`), and `--name value`, `--name=value`, when the name looks
///   secret as above;
/// - `;`-separated connection strings (`Password=…;`, `Pwd=…`, `AccountKey=…`), to the `;`;
/// - MySQL-style `-pPASSWORD` and `-p PASSWORD`; curl-style `-u user:PASSWORD` and
///   `--user user:PASSWORD`, also as separate array items (not `-u 1000:1000`, a uid:gid);
/// - `.pgpass` lines (`host:port:db:user:password`) and `.netrc` `password` entries;
/// - `Bearer`, `Basic`, `Digest`, `Token` and `ApiKey` credentials, PEM private keys;
/// - well-known token shapes: JWTs, GitHub, GitLab, AWS access key ids, Slack (tokens and
///   webhook URLs), Discord webhook URLs, Stripe secret, restricted and webhook keys (not
///   publishable `pk_` keys, which are public), OpenAI and Anthropic `sk-…`, Google `AIza…`,
///   `ya29.` and `GOCSPX-`, SendGrid, Vault, npm, PyPI, Hugging Face, DigitalOcean, Shopify,
///   Databricks, Twilio API keys, age, Grafana, Sentry, Linear, Postman, New Relic,
///   Atlassian, Supabase, Groq, Telegram bots, Mailgun, Mailchimp, Square, Doppler,
///   Terraform Cloud, Pulumi, Replicate, Notion, Heroku and Fly.io. Each needs a long random
///   part, so words such as `sk-learn` stay visible.
///
/// Paths, regions, versions, emails and URLs without credentials stay visible.
///
/// ```
/// use healthcheck::Scrubber;
/// use serde_json::json;
///
/// let scrubbed = Scrubber::default().scrub(&json!({
///     "database_url": "postgres://app:hunter2@db/orders",
///     "api": { "Token": "abc123", "timeout": 3 },
///     "argv": ["server", "--password", "hunter2"],
///     "env": [{ "name": "MYSQL_PWD", "value": "hunter2" }],
/// }));
/// assert_eq!(scrubbed, json!({
///     "database_url": "postgres://app:********@db/orders",
///     "api": { "Token": "********", "timeout": 3 },
///     "argv": ["server", "--password", "********"],
///     "env": [{ "name": "MYSQL_PWD", "value": "********" }],
/// }));
/// ```
#[allow(clippy::doc_markdown)] // vendor names (OpenAI, SendGrid, …) are not code
#[derive(Clone, Debug)]
pub struct Scrubber {
    key_fragments: Vec<String>,
    allowed_keys: Vec<String>,
    extra_patterns: Vec<Regex>,
    /// `name=value`, `name: value`, `"name": "value"` where the name may look secret.
    named_value: Regex,
    /// `--name value` inside a command line held in one string.
    inline_flag: Regex,
    /// One field of a `;`-separated connection string.
    connection_field: Regex,
    /// A command-line flag, or a bare name, whose value follows as the next array item.
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
        // Words are matched as substrings here; `is_secret_name` then checks the whole name.
        let alternatives = key_fragments
            .iter()
            .map(String::as_str)
            .chain(SECRET_KEY_WORDS)
            .map(regex::escape)
            .collect::<Vec<_>>()
            .join("|");
        let name = format!(r"[A-Za-z0-9_.\-]*(?:{alternatives})[A-Za-z0-9_.\-]*");
        let compile = |pattern: &str| Regex::new(pattern).expect("the name patterns are valid");
        let named_value = compile(&format!(
            r#"(?i)(?P<name>{name})(?P<sep>\\*["']?\s*[=:]\s*)(?P<value>\\+"[^"]*?\\*"|\\+"[^"\s]*|"[^"]*"|'[^']*'|[^\s&;,"']+)"#
        ));
        let inline_flag = compile(&format!(
            r#"(?i)(?P<name>(?:^|\s)-{{1,2}}{name})(?P<sep>\s+)(?P<value>"[^"]*"|'[^']*'|[^\s-]\S*|-[^\s-]\S*)"#
        ));
        let connection_field = compile(&format!(
            r#"(?im)(?P<lead>^|;)(?P<name>\s*[A-Za-z0-9 _.\-]*(?:{alternatives})[A-Za-z0-9 _.\-]*?)(?P<sep>\s*=\s*)(?P<value>"[^"\r\n]*"|'[^'\r\n]*'|\{{[^}}\r\n]*\}}|[^;\r\n]*)"#
        ));
        let secret_flag = compile(&format!(r"(?i)^-{{0,2}}(?P<name>{name})[:=]?$"));
        // Quoted names trigger the JSON-in-a-string walk (`{"name": "pwd", "value": …}`).
        let quoted_name = format!(r#"(?i)["'](?:-p|{name})\\?["']"#);
        let built_in = patterns();
        let any_pattern = RegexSet::new(
            [
                built_in.private_key.as_str(),
                built_in.url_userinfo.as_str(),
                built_in.bare_userinfo.as_str(),
                built_in.pgpass.as_str(),
                built_in.netrc.as_str(),
                built_in.auth_scheme.as_str(),
                built_in.tokens.as_str(),
                built_in.mysql_password.as_str(),
                built_in.user_password.as_str(),
                named_value.as_str(),
                inline_flag.as_str(),
                connection_field.as_str(),
                quoted_name.as_str(),
            ]
            .into_iter()
            .chain(built_in.webhooks.iter().map(Regex::as_str)),
        )
        .expect("the combined patterns are valid");
        Scrubber {
            key_fragments,
            allowed_keys: Vec::new(),
            extra_patterns: Vec::new(),
            named_value,
            inline_flag,
            connection_field,
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
        self.is_secret_name(key) && !self.allowed_keys.contains(&key.to_lowercase())
    }

    /// Whether `name` looks secret: it contains a secret fragment, or has a secret word.
    /// Allowed keys are not consulted: they show a value, not the secrets inside strings.
    fn is_secret_name(&self, name: &str) -> bool {
        let lower = name.to_lowercase();
        self.key_fragments
            .iter()
            .any(|fragment| lower.contains(fragment.as_str()))
            || words(name).any(|word| {
                SECRET_KEY_WORDS
                    .iter()
                    .any(|secret| word.eq_ignore_ascii_case(secret))
            })
    }

    /// A copy of `value` with its secrets masked.
    #[must_use]
    pub fn scrub(&self, value: &Value) -> Value {
        self.walk(value, 0)
    }

    /// The value of a section named `name`, scrubbed as the value under that key would be: a
    /// section named like a secret (`api_token`) is masked whole.
    pub(crate) fn scrub_named(&self, name: &str, value: &Value) -> Value {
        if self.is_secret_key(name) {
            Value::from(MASK)
        } else {
            self.scrub(value)
        }
    }

    fn walk(&self, value: &Value, depth: usize) -> Value {
        if depth > MAX_DEPTH {
            return Value::from(MASK);
        }
        match value {
            Value::String(text) => Value::String(self.scrub_str(text)),
            Value::Array(items) => Value::Array(self.walk_array(items, depth)),
            Value::Object(map) => {
                let secret_pair = map.iter().any(|(key, value)| {
                    PAIR_NAME_FIELDS
                        .iter()
                        .any(|field| key.eq_ignore_ascii_case(field))
                        && value.as_str().is_some_and(|name| self.is_secret_key(name))
                });
                let mut scrubbed = Map::new();
                for (key, value) in map {
                    let value = if self.is_secret_key(key) || (secret_pair && is_pair_value(key)) {
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

    /// Arrays may be argument vectors or name/value lists: the item after a secret-looking
    /// flag or name, or after `-p`, is its value.
    fn walk_array(&self, items: &[Value], depth: usize) -> Vec<Value> {
        let mut previous_was_secret_flag = false;
        let mut previous_was_user_flag = false;
        items
            .iter()
            .map(|item| {
                let masked = previous_was_secret_flag;
                let user_password = previous_was_user_flag;
                let text = item.as_str();
                previous_was_secret_flag = text.is_some_and(|text| self.is_flag(text));
                previous_was_user_flag =
                    text.is_some_and(|text| ["-u", "--user", "--proxy-user"].contains(&text));
                if masked {
                    return Value::from(MASK);
                }
                match text.and_then(|text| text.split_once(':')) {
                    Some((user, pass)) if user_password && !is_uid_gid(user, pass) => {
                        Value::from(format!("{}:{MASK}", self.scrub_str(user)))
                    }
                    _ => self.walk(item, depth + 1),
                }
            })
            .collect()
    }

    /// Whether the array item after `text` is a secret.
    fn is_flag(&self, text: &str) -> bool {
        text == "-p"
            || self
                .secret_flag
                .captures(text)
                .is_some_and(|caps| self.is_secret_name(&caps["name"]))
    }

    /// Masks the secrets inside one string.
    #[must_use]
    pub fn scrub_str(&self, text: &str) -> String {
        if !self.any_pattern.is_match(text) && !self.extra_patterns.iter().any(|p| p.is_match(text))
        {
            return text.to_owned();
        }
        self.scrub_unfiltered(text)
    }

    /// `scrub_str` without the prefilter: every pass, on every string.
    fn scrub_unfiltered(&self, text: &str) -> String {
        if let Some(scrubbed) = self.scrub_embedded_json(text) {
            return scrubbed;
        }
        let patterns = patterns();
        let mut text = patterns.private_key.replace_all(text, MASK).into_owned();
        text = scrub_addresses(&text);
        text = patterns
            .netrc
            .replace_all(&text, format!("${{pre}}{MASK}"))
            .into_owned();
        text = replace_checked(&self.connection_field, &text, |caps| {
            let whole = caps.get(0).unwrap();
            let name = caps.name("name").unwrap();
            let separated = &caps["lead"] == ";" || text[whole.end()..].starts_with(';');
            if separated && self.is_secret_name(name.as_str()) {
                Ok(format!(
                    "{}{}{}{MASK}",
                    &caps["lead"],
                    name.as_str(),
                    &caps["sep"]
                ))
            } else {
                Err(name.end())
            }
        });
        text = patterns
            .auth_scheme
            .replace_all(&text, format!("${{scheme}}${{space}}{MASK}"))
            .into_owned();
        text = patterns.tokens.replace_all(&text, MASK).into_owned();
        for webhook in &patterns.webhooks {
            text = webhook
                .replace_all(&text, format!("${{keep}}{MASK}"))
                .into_owned();
        }
        for named in [&self.named_value, &self.inline_flag] {
            text = replace_checked(named, &text, |caps| {
                let name = caps.name("name").unwrap();
                if self.is_secret_name(name.as_str()) {
                    Ok(format!("{}{}{MASK}", name.as_str(), &caps["sep"]))
                } else {
                    Err(name.end())
                }
            });
        }
        text = scrub_short_flags(&text);
        for pattern in &self.extra_patterns {
            text = pattern.replace_all(&text, MASK).into_owned();
        }
        text
    }

    /// A string holding a JSON object or array is scrubbed as JSON, so that name/value pairs
    /// and nested secrets inside it are found. `None` if it is not JSON or nothing changed.
    fn scrub_embedded_json(&self, text: &str) -> Option<String> {
        let trimmed = text.trim_start();
        if !(trimmed.starts_with('{') || trimmed.starts_with('[')) {
            return None;
        }
        let value: Value = serde_json::from_str(text).ok()?;
        let scrubbed = self.scrub(&value);
        (scrubbed != value).then(|| scrubbed.to_string())
    }
}
