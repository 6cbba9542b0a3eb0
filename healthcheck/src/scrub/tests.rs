//! The scrubber's own cases; `tests/scrub_cases.rs` and `tests/scrub_properties.rs` hold more.
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
