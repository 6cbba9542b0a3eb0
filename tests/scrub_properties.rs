//! A secret planted anywhere in random nested data, under a secret key, inside a URL or after
//! a secret flag, never appears in the scrubbed output.

use healthcheck::Scrubber;
use proptest::prelude::*;
use serde_json::{json, Map, Value};

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

fn noise() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        "[a-zA-Z0-9 :/@.=-]{0,16}".prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map("[a-z]{1,8}", inner, 0..4)
                .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}

/// A key containing a secret fragment, in random case, with random text around it.
fn secret_key() -> impl Strategy<Value = String> {
    (
        "[a-zA-Z_]{0,6}",
        prop::sample::select(FRAGMENTS.to_vec()),
        "[a-zA-Z_]{0,6}",
        any::<u32>(),
    )
        .prop_map(|(before, fragment, after, case)| {
            let fragment: String = fragment
                .chars()
                .enumerate()
                .map(|(i, c)| {
                    if case >> (i % 32) & 1 == 1 {
                        c.to_ascii_uppercase()
                    } else {
                        c
                    }
                })
                .collect();
            format!("{before}{fragment}{after}")
        })
}

/// Where and how the secret is planted.
fn planted(secret: String) -> impl Strategy<Value = Value> {
    let under_key = (secret_key(), noise(), any::<bool>()).prop_map({
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
        "[a-zA-Z0-9./ ?=&]{0,12}",
    )
        .prop_map({
            let secret = secret.clone();
            move |(scheme, user, before, after)| {
                json!(format!(
                    "{before}{scheme}://{user}:{secret}@db.internal:5432/{after}"
                ))
            }
        });
    let after_flag = (secret_key(), prop::collection::vec("[a-z]{1,8}", 0..3)).prop_map({
        let secret = secret.clone();
        move |(name, mut argv)| {
            argv.push(format!("--{name}"));
            argv.push(secret.clone());
            json!(argv)
        }
    });
    let flag_equals = secret_key().prop_map(move |name| json!(format!("--{name}={secret}")));
    prop_oneof![under_key, in_url, after_flag, flag_equals]
}

/// Wraps `inner` in `levels` random arrays and objects with noise around it.
fn buried() -> impl Strategy<Value = (String, Value)> {
    "[A-Za-z0-9]{12}".prop_flat_map(|random| {
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
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn a_planted_secret_never_appears((secret, value) in buried()) {
        let scrubbed = Scrubber::default().scrub(&value).to_string();
        prop_assert!(!scrubbed.contains(&secret), "leaked in {}", scrubbed);
        prop_assert!(!scrubbed.contains(&secret[7..]), "partly leaked in {}", scrubbed);
    }
}
