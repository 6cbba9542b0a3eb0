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

/// Short words that mark a secret only as a whole word of a key, in any case: words are split
/// at `_`, `-`, `.`, spaces, camelCase humps and letter/digit changes, so `MYSQL_PWD`, `dbPw`
/// and `sig` match, but `cwd`, `signal` and `design` do not.
const SECRET_KEY_WORDS: [&str; 18] = [
    "pw", "pwd", "pswd", "passwd", "creds", "cred", "hmac", "sig", "dsn", "otp", "totp", "hotp",
    "jwt", "csrf", "xsrf", "pat", "sas", "bearer",
];

/// In an object holding one of these fields (any case) with a secret-looking name as its value,
/// like Kubernetes' `{"name": "DB_PASSWORD", "value": "…"}`, the value fields are masked.
const PAIR_NAME_FIELDS: [&str; 6] = [
    "name",
    "key",
    "parametername",
    "parameterkey",
    "variable",
    "header",
];

/// `-p` followed by these is a flag of its own rather than a MySQL-style `-pPASSWORD`.
const NOT_ATTACHED_PASSWORDS: [&str; 26] = [
    "thread",
    "ipe",
    "ie",
    "edantic",
    "edantic-errors",
    "rint",
    "rint0",
    "rintf",
    "rune",
    "ath",
    "erm",
    "g",
    "ort",
    "rofile",
    "review",
    "id",
    "idfile",
    "assword",
    "asswd",
    "ass",
    "assphrase",
    "assin",
    "assout",
    "w",
    "wd",
    "swd",
];

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

/// Passwords in URLs, in `user:password@host` and in `.pgpass` lines.
fn scrub_addresses(text: &str) -> String {
    let patterns = patterns();
    let mut text = replace_checked(&patterns.url_userinfo, text, |caps| {
        let scheme = &caps["scheme"];
        match caps.name("pass") {
            Some(pass) if looks_like_port(pass.as_str()) => Err(pass.start()),
            Some(_) => Ok(format!("{scheme}{}:{MASK}@", &caps["user"])),
            None => Ok(format!("{scheme}{MASK}@")),
        }
    });
    text = replace_checked(&patterns.bare_userinfo, &text, |caps| {
        let (user, pass, host) = (&caps["user"], caps.name("pass").unwrap(), &caps["host"]);
        let not_a_password = looks_like_port(pass.as_str())
            || user.eq_ignore_ascii_case("mailto") && host.contains('.')
            || ["sha256", "sha384", "sha512"]
                .iter()
                .any(|digest| host.eq_ignore_ascii_case(digest));
        if not_a_password {
            Err(pass.start())
        } else {
            Ok(format!("{}{user}:{MASK}@{host}", &caps["lead"]))
        }
    });
    text = replace_checked(&patterns.pgpass, &text, |caps| {
        let hex = |field: &str| {
            (1..=4).contains(&field.len()) && field.chars().all(|c| c.is_ascii_hexdigit())
        };
        let pass = &caps["pass"];
        let address_tail = pass
            .split(char::is_whitespace)
            .next()
            .is_some_and(|tail| tail.split(':').all(hex));
        // `fe80:0:0:0:1`, `00:11:22:33:44:55`: addresses, not a .pgpass line.
        if hex(&caps["host"]) && hex(&caps["db"]) && hex(&caps["user"]) && address_tail {
            Err(caps.name("pass").unwrap().start())
        } else {
            Ok(format!("{}{MASK}", &caps["pre"]))
        }
    });
    text
}

/// `mysql -pPASSWORD`, `mysql -p PASSWORD` and `curl -u user:password`.
fn scrub_short_flags(text: &str) -> String {
    let patterns = patterns();
    let text = replace_checked(&patterns.mysql_password, text, |caps| {
        let lead = &caps["lead"];
        match (caps.name("attached"), caps.name("sep")) {
            (Some(attached), _) if NOT_ATTACHED_PASSWORDS.contains(&attached.as_str()) => {
                Err(attached.end())
            }
            (Some(_), _) => Ok(format!("{lead}-p{MASK}")),
            (None, Some(sep)) => Ok(format!("{lead}-p{}{MASK}", sep.as_str())),
            (None, None) => unreachable!("one of the alternatives matched"),
        }
    });
    replace_checked(&patterns.user_password, &text, |caps| {
        let pass = caps.name("pass").unwrap();
        if is_uid_gid(&caps["user"], pass.as_str()) {
            Err(pass.start())
        } else {
            Ok(format!("{}{MASK}", &caps["pre"]))
        }
    })
}

/// `1000:1000` after `-u` is a user and group id, not a user and password.
fn is_uid_gid(user: &str, pass: &str) -> bool {
    let id = |text: &str| !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit());
    id(user) && id(pass)
}

/// Whether an object's field `key` holds the value of a name/value pair.
fn is_pair_value(key: &str) -> bool {
    key.eq_ignore_ascii_case("val") || key.to_lowercase().contains("value")
}

/// A password part that is rather a port followed by a path: `8443/u/a` in
/// `https://h:8443/u/a@b.com`.
fn looks_like_port(text: &str) -> bool {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    (1..=5).contains(&digits) && matches!(text.as_bytes().get(digits), Some(b'/' | b'?' | b'#'))
}

/// The words of a name: split at every character that is not a letter or digit, at camelCase
/// humps (`dbPwd`, `DBPwd`) and where letters and digits meet (`pw2`).
fn words(name: &str) -> impl Iterator<Item = &str> {
    let chars: Vec<(usize, char)> = name.char_indices().collect();
    let mut start: Option<usize> = None;
    let mut found = Vec::new();
    for (i, &(at, c)) in chars.iter().enumerate() {
        if !c.is_alphanumeric() {
            if let Some(from) = start.take() {
                found.push(&name[from..at]);
            }
            continue;
        }
        let Some(from) = start else {
            start = Some(at);
            continue;
        };
        let previous = chars[i - 1].1;
        let next = chars.get(i + 1).map(|&(_, c)| c);
        let hump = previous.is_lowercase() && c.is_uppercase()
            || previous.is_uppercase() && c.is_uppercase() && next.is_some_and(char::is_lowercase)
            || previous.is_numeric() != c.is_numeric();
        if hump {
            found.push(&name[from..at]);
            start = Some(at);
        }
    }
    if let Some(from) = start {
        found.push(&name[from..]);
    }
    found.into_iter()
}

/// Like `Regex::replace_all`, but `replace` may reject a match by returning where to search
/// again (past the match's start), so a rejected match hides nothing after that point.
fn replace_checked(
    regex: &Regex,
    text: &str,
    mut replace: impl FnMut(&Captures) -> Result<String, usize>,
) -> String {
    let mut out = String::new();
    let mut copied = 0;
    let mut replaced = false;
    let mut at = 0;
    while at <= text.len() {
        let Some(caps) = regex.captures_at(text, at) else {
            break;
        };
        let whole = caps.get(0).expect("group 0 always matches");
        let step = whole.start()
            + text[whole.start()..]
                .chars()
                .next()
                .map_or(1, char::len_utf8);
        match replace(&caps) {
            Ok(replacement) => {
                out.push_str(&text[copied..whole.start()]);
                out.push_str(&replacement);
                copied = whole.end();
                replaced = true;
                at = whole.end().max(step);
            }
            Err(resume) => at = resume.max(step),
        }
    }
    if !replaced {
        return text.to_owned();
    }
    out.push_str(&text[copied..]);
    out
}

struct Patterns {
    private_key: Regex,
    url_userinfo: Regex,
    bare_userinfo: Regex,
    pgpass: Regex,
    netrc: Regex,
    auth_scheme: Regex,
    mysql_password: Regex,
    user_password: Regex,
    /// Every token shape, masked whole.
    tokens: Regex,
    /// Webhook URLs whose path is the secret: `keep` is shown.
    webhooks: Vec<Regex>,
}

/// Token shapes with a recognisable prefix and a long random part.
const TOKEN_SHAPES: &[&str] = &[
    // JWT
    r"eyJ[A-Za-z0-9_\-]{4,}\.[A-Za-z0-9_\-]{4,}\.[A-Za-z0-9_\-]*",
    // GitHub
    r"gh[pousr]_[A-Za-z0-9]{20,}",
    r"github_pat_[A-Za-z0-9_]{20,}",
    // AWS access key ids
    r"(?:AKIA|ASIA)[0-9A-Z]{16}(?-u:\b)",
    // Slack
    r"(?:xox[abposre]|xoxe\.xox[bp])-[A-Za-z0-9\-]{10,}",
    r"xapp-[0-9]-[A-Za-z0-9\-]{10,}",
    // Stripe secret, restricted and webhook keys
    r"[sr]k_(?:live|test)_[A-Za-z0-9]{10,}",
    r"whsec_[A-Za-z0-9+/=]{20,}",
    // OpenAI (sk-, sk-proj-, sk-svcacct-) and Anthropic (sk-ant-)
    r"sk-[A-Za-z0-9_\-]{20,}",
    // GitLab
    r"gl(?:pat|dt|ptt|rt|cbt|ft|imt|oas|soat|ffct|agent|wt)-[A-Za-z0-9_\-]{20,}",
    // Google API keys, OAuth access tokens and client secrets
    r"AIza[0-9A-Za-z_\-]{30,}",
    r"ya29\.[0-9A-Za-z_\-]{20,}",
    r"GOCSPX-[0-9A-Za-z_\-]{20,}",
    // SendGrid
    r"SG\.[A-Za-z0-9_\-]{16,}\.[A-Za-z0-9_\-]{16,}",
    // Vault service, batch and recovery tokens, and legacy service tokens
    r"hv[sbr]\.[A-Za-z0-9_\-]{20,}",
    r"s\.[A-Za-z0-9]{24}(?-u:\b)",
    // npm, PyPI, Hugging Face
    r"npm_[A-Za-z0-9]{30,}",
    r"pypi-AgE[A-Za-z0-9_\-]{20,}",
    r"hf_[A-Za-z0-9]{30,}",
    // DigitalOcean, Shopify, Databricks, Twilio API keys, age
    r"do[por]_v1_[A-Za-z0-9]{20,}",
    r"shp(?:at|ca|pa|ss)_[A-Za-z0-9]{20,}",
    r"dapi[a-f0-9]{32}(?:-[0-9]+)?",
    r"SK[0-9a-fA-F]{32}(?-u:\b)",
    r"AGE-SECRET-KEY-1[0-9A-Z]{20,}",
    // Grafana, Sentry, Linear, Postman, New Relic, Atlassian
    r"gl(?:sa|c)_[A-Za-z0-9_=+/\-]{20,}",
    r"sntr[ysu]_[A-Za-z0-9_=+/\-]{20,}",
    r"lin_(?:api|oauth)_[A-Za-z0-9]{20,}",
    r"PMAK-[A-Za-z0-9\-]{20,}",
    r"NRAK-[A-Z0-9]{20,}",
    r"ATATT[A-Za-z0-9_=\-]{20,}",
    // Supabase, Groq, Replicate, Notion, Heroku, Fly.io, Pulumi, Doppler, Square
    r"sbp_[a-f0-9]{20,}",
    r"gsk_[A-Za-z0-9]{20,}",
    r"r8_[A-Za-z0-9]{20,}",
    r"(?:ntn|secret)_[A-Za-z0-9]{40,}",
    r"HRKU-[A-Za-z0-9_\-]{20,}",
    r"fo1_[A-Za-z0-9_\-]{20,}",
    r"pul-[a-f0-9]{40}",
    r"dp\.(?:pt|st|sa|ct|scim|audit)\.[A-Za-z0-9]{20,}",
    r"sq0(?:atp|csp)-[A-Za-z0-9_\-]{20,}",
    // Terraform Cloud
    r"[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_\-]{20,}",
    // Telegram bots, Mailgun, Mailchimp
    r"[0-9]{8,10}:AA[A-Za-z0-9_\-]{30,}",
    r"key-[a-f0-9]{32}(?-u:\b)",
    r"[0-9a-f]{32}-us[0-9]{1,2}(?-u:\b)",
];

fn patterns() -> &'static Patterns {
    static PATTERNS: OnceLock<Patterns> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        let compile = |pattern: &str| Regex::new(pattern).expect("built-in patterns are valid");
        Patterns {
            // An unterminated block is masked to the end: fail closed.
            private_key: compile(
                r"(?s)-----BEGIN[A-Z0-9 ]*PRIVATE KEY[A-Z0-9 ]*-----.*?(?:-----END[A-Z0-9 ]*PRIVATE KEY[A-Z0-9 ]*-----|\z)",
            ),
            // `user:password@`: up to the last `@` of the authority (a password may hold an
            // unescaped `@`); else up to the first `@` past `/ ? #` (a password may hold them);
            // else, with spaces, up to the next `@` within 64 characters, unless it starts as a
            // port does (`:8080 is up, ask ops@…`). A userinfo without a password is masked
            // whole.
            url_userinfo: compile(concat!(
                r"(?i)(?P<scheme>(?:[a-z][a-z0-9+.\-]*:)?//)(?:",
                r"(?P<user>[^/?#\s:@]*):",
                r"(?P<pass>[^\s/?#]*|\S*?|[ \t]*(?:[^\s0-9@:]|[0-9]+[^\s0-9/@:])[^\n@]{0,63}?)",
                r"@|(?P<userinfo>[^/?#\s]*)@)",
            )),
            // `user:password@host` without a scheme, after a start, space, quote or separator.
            bare_userinfo: compile(concat!(
                r#"(?P<lead>^|[\s"'=,;(\[{<>|])(?P<user>[A-Za-z0-9._~%+\-!$&*]*):"#,
                r#"(?P<pass>[^\s"'/@:](?:[^\s"'/?#]*|[^\s"']*?))"#,
                r#"@(?P<host>[A-Za-z0-9\[][A-Za-z0-9.\-\]]*)"#,
            )),
            // `host:port:database:user:password`, the password to the end of the line.
            pgpass: compile(concat!(
                r#"(?m)(?P<pre>(?:^|[\s"'=])(?P<host>(?:[^:\s"'=\\]|\\.)+):(?:[0-9]{1,5}|\*):"#,
                r"(?P<db>(?:[^:\s\\]|\\.)+):(?P<user>(?:[^:\s\\]|\\.)+):)(?P<pass>[^\r\n]+)",
            )),
            netrc: compile(concat!(
                r"(?i)(?P<pre>(?-u:\b)(?:(?:machine|login|account)\s+\S+|default)\s+",
                r"(?:(?:login|account|port|macdef)\s+\S+\s+)*password\s+)\S+",
            )),
            auth_scheme: compile(
                r"(?i)(?P<scheme>\b(?:bearer|basic|digest|token|apikey))(?P<space>\s+)[^\s,;]+",
            ),
            // MySQL's `-pPASSWORD` and `-p PASSWORD` (case matters: `-P` is its port).
            mysql_password: compile(concat!(
                r#"(?P<lead>^|\s)-p(?:(?P<attached>"[^"]*"|'[^']*'|[^\s"']\S*)"#,
                r#"|(?P<sep>\s+)(?:"[^"]*"|'[^']*'|[^\s-]\S*))"#,
            )),
            // curl's `-u user:password`.
            user_password: compile(concat!(
                r#"(?P<pre>(?:^|\s)(?:-u|--user|--proxy-user)(?:\s+|=)["']?(?P<user>[^\s:"']*):)"#,
                r#"(?P<pass>"[^"]*"|'[^']*'|[^\s"']+)"#,
            )),
            tokens: compile(&format!(
                r"(?-u:\b)(?:{})",
                TOKEN_SHAPES.join("|")
            )),
            webhooks: [
                r"(?P<keep>hooks\.slack\.com/(?:services|workflows|triggers)/)[A-Za-z0-9_/\-]+",
                r"(?P<keep>discord(?:app)?\.com/api/webhooks/)[0-9]+/[A-Za-z0-9_\-]+",
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
            r#"{"client_secret":"********","id":7}"#,
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

    /// Pieces of secrets and of ordinary text, glued at random below.
    const PIECES: &[&str] = &[
        "password",
        "pwd",
        "Pwd",
        "MYSQL_PWD",
        "sig",
        "signal",
        "design",
        "dsn",
        "key",
        "token",
        "=",
        ":",
        ": ",
        "@",
        "//",
        "://",
        ";",
        "-p",
        " -p ",
        "-pthread",
        " -u ",
        "--user=",
        "1000",
        "bearer",
        "--",
        " ",
        "\n",
        "\"",
        "\\\"",
        "'",
        "{",
        "}",
        "[",
        "]",
        ",",
        "/",
        "?",
        "#",
        "%",
        "8080",
        "5432",
        "db",
        "example.com",
        "app",
        "hunter2",
        "machine",
        "login",
        "password ",
        "Server=db",
        "sk-",
        "glpat-",
        "AIza",
        "SG.",
        "hvs.",
        "npm_",
        "hf_",
        "xoxb-",
        "sk_live_",
        "ghp_",
        "eyJ",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "0123456789abcdef0123456789abcdef",
        "AKIA",
        "QWERTYUIOPASDFGH",
        "Bearer ",
        "basic ",
        "-----BEGIN PRIVATE KEY-----",
        "mailto",
        "sha256",
        "hooks.slack.com/services/",
        "name",
        "value",
        "\n",
        "*",
        "\t",
    ];

    /// The prefilter is only a shortcut: whatever the passes would change, it lets through.
    #[test]
    fn the_prefilter_misses_nothing_the_passes_change() {
        let scrubber = Scrubber::default();
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = |bound: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            usize::try_from(state % bound as u64).unwrap()
        };
        let inputs = STRINGS.iter().map(|(input, _)| (*input).to_owned());
        let random = (0..10_000).map(|_| {
            let pieces = 1 + next(8);
            (0..pieces)
                .map(|_| PIECES[next(PIECES.len())])
                .collect::<String>()
        });
        let mut changed = 0;
        for input in inputs.chain(random) {
            let output = scrubber.scrub_str(&input);
            assert_eq!(
                output,
                scrubber.scrub_unfiltered(&input),
                "input: {input:?}"
            );
            changed += usize::from(output != input);
        }
        assert!(changed > 2_000, "only {changed} inputs held a secret");
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
        // `pw` is a secret word of this key, so its value is masked too.
        assert_eq!(scrubbed, json!({ "postgres://a:********@h": MASK }));
        let scrubbed = Scrubber::default().scrub(&json!({ "postgres://a:hunter2@h": 1 }));
        assert_eq!(scrubbed, json!({ "postgres://a:********@h": 1 }));
    }

    #[test]
    fn non_string_values_pass_through() {
        let value = json!({ "n": 1, "f": 2.5, "b": true, "z": null, "a": [1, 2] });
        assert_eq!(Scrubber::default().scrub(&value), value);
    }
}
