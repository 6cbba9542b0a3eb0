//! What makes a name secret-looking: fragments anywhere, short words as whole words.

/// Key fragments that mark a secret, matched anywhere in a key, in any case.
pub(super) const SECRET_KEY_FRAGMENTS: [&str; 11] = [
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
pub(super) const SECRET_KEY_WORDS: [&str; 18] = [
    "pw", "pwd", "pswd", "passwd", "creds", "cred", "hmac", "sig", "dsn", "otp", "totp", "hotp",
    "jwt", "csrf", "xsrf", "pat", "sas", "bearer",
];

/// In an object holding one of these fields (any case) with a secret-looking name as its value,
/// like Kubernetes' `{"name": "DB_PASSWORD", "value": "…"}`, the value fields are masked.
pub(super) const PAIR_NAME_FIELDS: [&str; 6] = [
    "name",
    "key",
    "parametername",
    "parameterkey",
    "variable",
    "header",
];

/// Whether an object's field `key` holds the value of a name/value pair.
pub(super) fn is_pair_value(key: &str) -> bool {
    key.eq_ignore_ascii_case("val") || key.to_lowercase().contains("value")
}

/// The words of a name: split at every character that is not a letter or digit, at camelCase
/// humps (`dbPwd`, `DBPwd`) and where letters and digits meet (`pw2`).
pub(super) fn words(name: &str) -> impl Iterator<Item = &str> {
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
