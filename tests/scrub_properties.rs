//! A secret planted anywhere in random nested data, in any of the shapes users really hand
//! over, never appears in the scrubbed output; random data without secrets comes back as it
//! went in.

use std::sync::LazyLock;

use healthcheck::Scrubber;
use proptest::prelude::*;
use serde_json::{json, Map, Value};

static SCRUBBER: LazyLock<Scrubber> = LazyLock::new(Scrubber::default);

const FRAGMENTS: [&str; 11] = [
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

/// Short words that look secret only as whole words of a name.
const WORDS: [&str; 10] = [
    "pw", "pwd", "passwd", "creds", "hmac", "sig", "dsn", "otp", "jwt", "pat",
];

/// Values that must stay visible wherever they are.
const ORDINARY: [&str; 26] = [
    "/usr/local/bin/server",
    "eu-west-1",
    "1.2.3",
    "v1.24.3-rc.1+build.5",
    "https://example.com/path?q=1",
    "https://example.com/u/a@b.com",
    "http://localhost:8080/health",
    "ops@example.com",
    "git@github.com:org/repo.git",
    "nginx:1.25@sha256:0123456789abcdef",
    "sk-learn",
    "signal",
    "design",
    "Server=db;Database=orders",
    "12:30:45",
    "2024-05-01T12:30:45Z",
    "pk_live_abcdefghijklmnop",
    "text/plain; charset=utf-8",
    "x86_64-unknown-linux-gnu",
    "en_US.UTF-8",
    "C:\\Program Files\\App",
    "-v",
    "--port=8080",
    "-P",
    "3306",
    "cwd",
];

/// Whether random text might look like a secret's name or a credential scheme; such text is
/// left out of the data that must come back unchanged.
fn looks_secret(text: &str) -> bool {
    let lower = text.to_lowercase();
    SCRUBBER.is_secret_key(text)
        || ["basic", "digest", "bearer", "apikey", "eyj"]
            .iter()
            .any(|word| lower.contains(word))
}

/// Random data without secrets: keys and strings that look like no secret, and ordinary values.
fn clean() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        "[a-zA-Z0-9 ./_,]{0,16}"
            .prop_filter("looks secret", |text| !looks_secret(text))
            .prop_map(Value::from),
        prop::sample::select(ORDINARY.to_vec()).prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(
                "[a-z]{1,8}".prop_filter("looks secret", |key| !looks_secret(key)),
                inner,
                0..4
            )
            .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}

/// Random data, which may look secret and be masked: it surrounds planted secrets.
fn noise() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        "[a-zA-Z0-9 :/@.=-]{0,16}".prop_map(Value::from),
        prop::sample::select(ORDINARY.to_vec()).prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map("[a-z]{1,8}", inner, 0..4)
                .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}

/// `text` with each letter's case picked by the bits of `case`.
fn recase(text: &str, case: u32) -> String {
    text.chars()
        .enumerate()
        .map(|(i, c)| {
            if case >> (i % 32) & 1 == 1 {
                c.to_ascii_uppercase()
            } else {
                c
            }
        })
        .collect()
}

/// A key containing a secret fragment, in random case, with random text around it.
fn fragment_key() -> impl Strategy<Value = String> {
    (
        "[a-zA-Z_]{0,6}",
        prop::sample::select(FRAGMENTS.to_vec()),
        "[a-zA-Z_]{0,6}",
        any::<u32>(),
    )
        .prop_map(|(before, fragment, after, case)| {
            format!("{before}{}{after}", recase(fragment, case))
        })
}

/// A key having a short secret word as a word of its own: `MYSQL_PWD`, `dbPw`, `sig`.
fn word_key() -> impl Strategy<Value = String> {
    (
        prop::sample::select(vec!["", "db", "mysql", "app", "x", "hmac"]),
        prop::sample::select(WORDS.to_vec()),
        prop::sample::select(vec!["", "2", "_value", "-file", ".main"]),
        0..5u8,
    )
        .prop_map(|(before, word, after, style)| {
            let capitalized = |w: &str| {
                let mut chars = w.chars();
                chars.next().map_or_else(String::new, |first| {
                    first.to_ascii_uppercase().to_string() + chars.as_str()
                })
            };
            match (style, before.is_empty()) {
                (_, true) => format!("{word}{after}"),
                (0, false) => format!("{before}_{word}{after}").to_uppercase(),
                (1, false) => format!("{before}-{word}{after}"),
                (2, false) => format!("{before}.{word}{after}"),
                (3, false) => format!("{before}{}{after}", capitalized(word)),
                _ => format!("{}{}{after}", capitalized(before), capitalized(word)),
            }
        })
}

fn secret_name() -> impl Strategy<Value = String> {
    prop_oneof![fragment_key(), word_key()]
}

/// Wraps `text` in JSON, serialized into a string, then quotes escaped once more or not.
fn escaped(name: &str, secret: &str, style: u8) -> String {
    let object = json!({ name: secret, "host": "db" }).to_string();
    match style {
        0 => object,
        1 => object.replace('"', "\\\""),
        2 => format!("{name}=\\\"{secret}\\\""),
        _ => json!(object).to_string(),
    }
}

/// Vendor tokens with the secret as (part of) their random part.
fn vendor_token(secret: &str, which: usize) -> String {
    let pad = |len: usize| "x".repeat(len.saturating_sub(secret.len()));
    match which {
        0 => format!("sk-{secret}{}", pad(48)),
        1 => format!("sk-proj-{secret}_{}", pad(40)),
        2 => format!("sk-ant-api03-{secret}{}", pad(80)),
        3 => format!("glpat-{secret}{}", pad(20)),
        4 => format!("AIza{secret}{}", pad(35)),
        5 => format!("SG.{secret}{}.{secret}{}", pad(22), pad(43)),
        6 => format!("hvs.{secret}{}", pad(90)),
        7 => format!("npm_{secret}{}", pad(36)),
        8 => format!("pypi-AgEIcHlwaS5vcmc{secret}{}", pad(50)),
        9 => format!("hf_{secret}{}", pad(34)),
        10 => format!("xoxb-1234-{secret}"),
        11 => format!("xapp-1-A0{secret}-1234"),
        12 => format!("sk_live_{secret}"),
        13 => format!("rk_test_{secret}"),
        14 => format!("dop_v1_{secret}{}", pad(64)),
        15 => format!("shpat_{secret}{}", pad(32)),
        16 => format!("ghp_{secret}{}", pad(36)),
        17 => format!("github_pat_{secret}{}", pad(60)),
        18 => format!("whsec_{secret}{}", pad(32)),
        19 => format!("https://hooks.slack.com/services/T0/B0/{secret}"),
        _ => format!("eyJhbGciOiJIUzI1NiJ9.eyJ{secret}.sig"),
    }
}

/// Where and how the secret is planted.
#[allow(clippy::too_many_lines)]
fn planted(secret: String) -> impl Strategy<Value = Value> {
    let under_key = (secret_name(), noise(), any::<bool>()).prop_map({
        let secret = secret.clone();
        move |(key, noise, nested)| {
            let value = if nested {
                json!({ "inner": [noise, secret.clone()] })
            } else {
                json!(secret.clone())
            };
            json!({ key: value })
        }
    });
    let in_url = (
        "[a-z][a-z0-9+.-]{0,8}",
        "[a-zA-Z0-9._~-]{0,8}",
        "[a-zA-Z0-9 ,;]{0,12}",
        "[a-zA-Z/#?%]{0,3} ?",
        " ?[a-zA-Z0-9/#?%]{0,3}",
        "[a-zA-Z0-9./ ?=&]{0,12}",
    )
        .prop_map({
            let secret = secret.clone();
            move |(scheme, user, before, odd_before, odd_after, after)| {
                json!(format!(
                    "{before}{scheme}://{user}:{odd_before}{secret}{odd_after}@db.internal:5432/{after}"
                ))
            }
        });
    let bare_userinfo = ("[a-z]{1,8}", "[a-zA-Z0-9!.]{0,4}", "[a-z ]{0,10}").prop_map({
        let secret = secret.clone();
        move |(user, odd, before)| json!(format!("{before} {user}:{odd}{secret}@db:5432/orders"))
    });
    let after_flag = (
        secret_name(),
        prop::collection::vec("[a-z]{1,8}", 0..3),
        0..3u8,
    )
        .prop_map({
            let secret = secret.clone();
            move |(name, mut argv, dashes)| {
                argv.push(format!("{}{name}", "-".repeat(usize::from(dashes))));
                argv.push(secret.clone());
                json!(argv)
            }
        });
    let flag_equals = secret_name().prop_map({
        let secret = secret.clone();
        move |name| json!(format!("--{name}={secret}"))
    });
    let flag_in_line = (secret_name(), "[a-z ]{0,10}").prop_map({
        let secret = secret.clone();
        move |(name, tail)| json!(format!("app --{name} {secret} {tail}"))
    });
    let mysql = (0..4u8, prop::collection::vec("[a-z]{1,8}", 0..3)).prop_map({
        let secret = secret.clone();
        move |(style, mut argv)| match style {
            0 => {
                argv.extend(["-p".to_owned(), secret.clone()]);
                json!(argv)
            }
            1 => {
                argv.push(format!("-p{secret}"));
                json!(argv)
            }
            2 => json!(format!("mysql -u root -p{secret} {}", argv.join(" "))),
            _ => json!(format!("mysql -u root -p {secret} {}", argv.join(" "))),
        }
    });
    let pair = (
        secret_name(),
        prop::sample::select(vec!["name", "Name", "key", "KEY", "ParameterKey"]),
        prop::sample::select(vec!["value", "Value", "ParameterValue", "val"]),
        noise(),
    )
        .prop_map({
            let secret = secret.clone();
            move |(name, name_field, value_field, noise)| {
                json!([{ "name": "REGION", "value": "eu" }, { name_field: name, value_field: secret.clone(), "extra": noise }])
            }
        });
    let name_list = (secret_name(), prop::collection::vec("[a-z]{1,8}", 0..3)).prop_map({
        let secret = secret.clone();
        move |(name, mut items)| {
            items.extend([name, secret.clone()]);
            json!(items)
        }
    });
    let connection = (
        prop::sample::select(vec![
            "Password",
            "Pwd",
            "PWD",
            "pwd",
            "AccountKey",
            "SharedAccessKey",
        ]),
        any::<bool>(),
        " ?[a-z]{0,4}",
    )
        .prop_map({
            let secret = secret.clone();
            move |(name, first, tail)| {
                if first {
                    json!(format!("{name}={secret}{tail};Server=db;Database=orders"))
                } else {
                    json!(format!(
                        "Server=db;User Id=app; {name} = {secret}{tail};Encrypt=true"
                    ))
                }
            }
        });
    let dotfiles = (
        "[a-z][a-z0-9.-]{0,10}",
        "[a-z*]{1,8}",
        "[a-z*]{1,8}",
        prop::sample::select(vec![" ", "\n  ", "\t"]),
        any::<bool>(),
    )
        .prop_map({
            let secret = secret.clone();
            move |(host, db, user, space, pgpass)| {
                if pgpass {
                    json!(format!("{host}:5432:{db}:{user}:{secret}\n*:*:*:other:x"))
                } else {
                    json!(format!(
                        "machine {host}{space}login {user}{space}password {secret}{space}"
                    ))
                }
            }
        });
    let escaped_quotes = (secret_name(), 0..4u8).prop_map({
        let secret = secret.clone();
        move |(name, style)| json!(escaped(&name, &secret, style))
    });
    let vendor = (0..21usize, "[a-z ]{0,8}").prop_map(move |(which, before)| {
        json!(format!("{before} {}", vendor_token(&secret, which)))
    });
    prop_oneof![
        under_key,
        in_url,
        bare_userinfo,
        after_flag,
        flag_equals,
        flag_in_line,
        mysql,
        pair,
        name_list,
        connection,
        dotfiles,
        escaped_quotes,
        vendor,
    ]
}

/// Wraps `inner` in `levels` random arrays and objects with noise around it.
fn buried() -> impl Strategy<Value = (String, Value)> {
    "[A-Za-z0-9]{12,24}".prop_flat_map(|random| {
        let secret = format!("PLANTED{random}");
        let wrappers =
            prop::collection::vec((any::<bool>(), noise(), "[a-z]{1,8}", 0..3usize), 0..6);
        (Just(secret.clone()), planted(secret), wrappers).prop_map(|(secret, inner, wrappers)| {
            let value = wrappers
                .into_iter()
                .fold(inner, |inner, (as_array, noise, key, at)| {
                    if as_array {
                        let mut items = vec![noise.clone(), noise];
                        items.insert(at.min(2), inner);
                        Value::Array(items)
                    } else {
                        let mut map = Map::new();
                        map.insert(format!("{key}_noise"), noise);
                        map.insert(format!("{key}_planted"), inner);
                        Value::Object(map)
                    }
                });
            (secret, value)
        })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn a_planted_secret_never_appears((secret, value) in buried()) {
        let scrubbed = SCRUBBER.scrub(&value).to_string();
        prop_assert!(!scrubbed.contains(&secret), "leaked in {}", scrubbed);
        prop_assert!(!scrubbed.contains(&secret[7..]), "partly leaked in {}", scrubbed);
    }

    #[test]
    fn data_without_secrets_is_unchanged(value in clean()) {
        prop_assert_eq!(SCRUBBER.scrub(&value), value);
    }
}
