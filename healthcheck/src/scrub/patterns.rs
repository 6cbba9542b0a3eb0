//! The patterns that find secrets inside strings, and the passes that mask what they find.

use std::sync::OnceLock;

use regex::{Captures, Regex};

use super::MASK;

/// `-p` followed by these is a flag of its own rather than a MySQL-style `-pPASSWORD`.
pub(super) const NOT_ATTACHED_PASSWORDS: [&str; 26] = [
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

/// Passwords in URLs, in `user:password@host` and in `.pgpass` lines.
pub(super) fn scrub_addresses(text: &str) -> String {
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
pub(super) fn scrub_short_flags(text: &str) -> String {
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
pub(super) fn is_uid_gid(user: &str, pass: &str) -> bool {
    let id = |text: &str| !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit());
    id(user) && id(pass)
}

/// A password part that is rather a port followed by a path: `8443/u/a` in
/// `https://h:8443/u/a@b.com`.
pub(super) fn looks_like_port(text: &str) -> bool {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    (1..=5).contains(&digits) && matches!(text.as_bytes().get(digits), Some(b'/' | b'?' | b'#'))
}

/// Like `Regex::replace_all`, but `replace` may reject a match by returning where to search
/// again (past the match's start), so a rejected match hides nothing after that point.
pub(super) fn replace_checked(
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

pub(super) struct Patterns {
    pub(super) private_key: Regex,
    pub(super) url_userinfo: Regex,
    pub(super) bare_userinfo: Regex,
    pub(super) pgpass: Regex,
    pub(super) netrc: Regex,
    pub(super) auth_scheme: Regex,
    pub(super) mysql_password: Regex,
    pub(super) user_password: Regex,
    /// Every token shape, masked whole.
    pub(super) tokens: Regex,
    /// Webhook URLs whose path is the secret: `keep` is shown.
    pub(super) webhooks: Vec<Regex>,
}

/// Token shapes with a recognisable prefix and a long random part.
pub(super) const TOKEN_SHAPES: &[&str] = &[
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

pub(super) fn patterns() -> &'static Patterns {
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
            // `host:port:database:user:password`, the password to the end of the line (at most
            // 256 characters: a bound keeps each try short on long lines of addresses).
            pgpass: compile(concat!(
                r#"(?m)(?P<pre>(?:^|[\s"'=])(?P<host>(?:[^:\s"'=\\]|\\.)+):(?:[0-9]{1,5}|\*):"#,
                r"(?P<db>(?:[^:\s\\]|\\.)+):(?P<user>(?:[^:\s\\]|\\.)+):)(?P<pass>[^\r\n]{1,256})",
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
