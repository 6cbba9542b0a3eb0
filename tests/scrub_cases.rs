//! One row per shape of secret users really hand over, and per ordinary value that must stay
//! visible: the scrubber masks the first and leaves the second alone.

use healthcheck::{Scrubber, MASK};
use serde_json::Value;

/// (input string, expected output of `scrub_str`)
const STRINGS: &[(&str, &str)] = &[
    // URL passwords, also holding `/ # ? %`, spaces or `@`.
    ("postgres://app:hunter2@db/orders", "postgres://app:********@db/orders"),
    ("postgres://app:p/ss#w?rd@db/x", "postgres://app:********@db/x"),
    ("postgres://app:p%40ss%2Fw@db:5432/x", "postgres://app:********@db:5432/x"),
    ("redis://:my pass@cache:6379", "redis://:********@cache:6379"),
    ("mysql://root:two words here@db/x", "mysql://root:********@db/x"),
    ("amqp://guest:p@ss@rabbit/vhost", "amqp://guest:********@rabbit/vhost"),
    ("mongodb://u:pa?ss@h1,h2/db?replicaSet=rs0", "mongodb://u:********@h1,h2/db?replicaSet=rs0"),
    ("//app:hunter2@db/orders", "//app:********@db/orders"),
    ("https://sentry_key_abcdef@o1.ingest.sentry.io/42", "https://********@o1.ingest.sentry.io/42"),
    // Ambiguous: a port, or a password starting with digits? Masked, failing closed.
    ("postgres://app:1234@db/x", "postgres://app:********@db/x"),
    // Scheme-less `user:password@host`.
    ("app:hunter2@db:5432/orders", "app:********@db:5432/orders"),
    ("DATABASE=app:hunter2@db/orders", "DATABASE=app:********@db/orders"),
    ("connect to app:s3cr3t!@10.0.0.5 now", "connect to app:********@10.0.0.5 now"),
    ("\"app:p/ss@db\"", "\"app:********@db\""),
    // `.pgpass` and `.netrc`.
    ("db.internal:5432:orders:app:hunter2", "db.internal:5432:orders:app:********"),
    ("*:*:*:replicator:s3cr3t pass", "*:*:*:replicator:********"),
    ("localhost:5432:*:postgres:pw\nother:5432:db:u:pw2", "localhost:5432:*:postgres:********\nother:5432:db:u:********"),
    ("machine api.example.com login ops password hunter2", "machine api.example.com login ops password ********"),
    ("machine h\n  login u\n  password hunter2\n", "machine h\n  login u\n  password ********\n"),
    ("default login anonymous password guest", "default login anonymous password ********"),
    // `;`-separated connection strings.
    ("Server=db;User Id=app;Password=hunter2;", "Server=db;User Id=app;Password=********;"),
    ("Server=db;Database=x;Uid=app;Pwd=hunter 2;Encrypt=true", "Server=db;Database=x;Uid=app;Pwd=********;Encrypt=true"),
    ("Data Source=db;PWD=hunter2", "Data Source=db;PWD=********"),
    ("Password=my secret;Server=db", "Password=********;Server=db"),
    ("Host=db; Password = \"a;b\"; Port=5432", "Host=db; Password = ********; Port=5432"),
    (
        "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=bXlrZXk+/abc==;EndpointSuffix=core.windows.net",
        "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=********;EndpointSuffix=core.windows.net",
    ),
    (
        "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=root;SharedAccessKey=abc+def=",
        "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=********;SharedAccessKey=********",
    ),
    // Short secret words as names, in `name=value` and flags.
    ("MYSQL_PWD=hunter2", "MYSQL_PWD=********"),
    ("pwd: hunter2", "pwd: ********"),
    ("db.pw = hunter2", "db.pw = ********"),
    ("--pw=hunter2 --port=5432", "--pw=******** --port=5432"),
    ("app --pwd hunter2 -v", "app --pwd ******** -v"),
    ("creds=abc hmac=def sig=ghi dsn=jkl", "creds=******** hmac=******** sig=******** dsn=********"),
    ("https://acct.blob.core.windows.net/c/b?sv=2022-11-02&sp=r&sig=abc%2Bdef%3D", "https://acct.blob.core.windows.net/c/b?sv=2022-11-02&sp=r&sig=********"),
    ("GH_PAT=abc123", "GH_PAT=********"),
    ("otp: 123456", "otp: ********"),
    // argv in one string: MySQL's `-pSECRET` and `-p SECRET`.
    ("mysql -u root -phunter2 orders", "mysql -u root -p******** orders"),
    ("mysql -u root -p hunter2 orders", "mysql -u root -p ******** orders"),
    ("mysql -u root -p'hunter 2' orders", "mysql -u root -p******** orders"),
    ("mysql -h db -P 3306 -p -D x", "mysql -h db -P 3306 -p -D x"),
    ("gcc -pthread -pipe main.c", "gcc -pthread -pipe main.c"),
    ("openssl rsa -passin pass:hunter2", "openssl rsa -passin ********"),
    // curl's `-u user:password`, but not docker's `-u uid:gid`.
    (
        "curl -u admin:hunter2 https://example.com",
        "curl -u admin:******** https://example.com",
    ),
    ("curl --user=admin:hunter2", "curl --user=admin:********"),
    ("docker run -u 1000:1000 app", "docker run -u 1000:1000 app"),
    // Other everyday shapes.
    (
        "jdbc:mysql://db:3306/x?user=app&password=hunter2",
        "jdbc:mysql://db:3306/x?user=app&password=********",
    ),
    (
        "jdbc:sqlserver://db;user=app;password=hunter 2;",
        "jdbc:sqlserver://db;user=app;password=********;",
    ),
    (
        "host=db user=app password='hunter 2' dbname=x",
        "host=db user=app password=******** dbname=x",
    ),
    (
        "PlainLoginModule required username=\"u\" password=\"hunter2\";",
        "PlainLoginModule required username=\"u\" password=********;",
    ),
    (
        "java -Dspring.datasource.password=hunter2 -jar app.jar",
        "java -Dspring.datasource.password=******** -jar app.jar",
    ),
    (
        "//registry.npmjs.org/:_authToken=abc123",
        "//registry.npmjs.org/:_authToken=********",
    ),
    // Secrets after escaped quotes.
    (r#"{\"password\": \"hunter2\", \"user\": \"app\"}"#, r#"{\"password\": ********, \"user\": \"app\"}"#),
    (r#"password=\"hunter2\""#, r#"password=********"#),
    (r#"{\\\"token\\\":\\\"abc\\\"}"#, r#"{\\\"token\\\":********}"#),
    (r#"env DB_PWD=\"p w\" run"#, r#"env DB_PWD=******** run"#),
    // JSON held in a string is scrubbed as JSON.
    (r#"{"password": "hunter2", "user": "app"}"#, r#"{"password":"********","user":"app"}"#),
    (r#"[{"name":"DB_PASSWORD","value":"hunter2"}]"#, r#"[{"name":"DB_PASSWORD","value":"********"}]"#),
    (r#"["mysql","-p","hunter2"]"#, r#"["mysql","-p","********"]"#),
    // Vendor tokens.
    ("OPENAI=sk-u8jzPde0IgxLd6GncfBAepfJBd0Kh8oOOL8dKLzdocJ2isAj", "OPENAI=********"),
    ("sk-proj-IhKtJ0RlgLKOmxgJTeKdNnFRIBXuDL7DxtpYlSXp_fKtHF4vUCsMehGAkWvj7", MASK),
    ("key sk-ant-api03-FAc9QeWJKY40uvSwMFLZDe1f8rESQedUStPKR0CsTy4Qwb8DwkNhFdnXsiVp-zz63FfkCzJAA", "key ********"),
    ("glpat-r4i0B3JrTAwR4y9ojflj", MASK),
    ("maps AIzaoQoaF1LlqsajAIxNKu8iS2G8NPRVdD53X83 ok", "maps ******** ok"),
    ("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", MASK),
    ("VAULT hvs.n88HxjSI6bWHtP3fS2qHx6kwXoIIXGvOoNZYW2mZp0zV", "VAULT ********"),
    ("//registry.npmjs.org/:_authToken npm_1Qh6yYTWmE4lBYOvfZ8UzDzV8fUkkibjL5DZ", "//registry.npmjs.org/:_authToken ********"),
    ("pypi-AgEIcHlwaS5vcmcPjN0MEQ7wjJJibaZUPgHV7iB3m03nbqnsGpWLuqIA1id6Vw5DQ", MASK),
    ("hf_L05HA064GiIjHGb3CXlMaXZjljENUhJduR", MASK),
    ("xoxb-1234567890-abcdefghij", MASK),
    ("xapp-1-A0HHJEYXg4J-0334018780175-68ef786e4d3cea27d26934b484e73cf5", MASK),
    ("https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXX", "https://hooks.slack.com/services/********"),
    ("https://discord.com/api/webhooks/1234567/abcDEF_ghi", "https://discord.com/api/webhooks/********"),
    ("sk_live_abcdefghijklmnop rk_test_abcdefghijklmnop", "******** ********"),
    ("whsec_abcdefghijklmnopqrstuvwxyz012345", MASK),
    ("dop_v1_c4fa2815d2802827283e0ad84173581569969e58b081006f7e3dfc967a64cb14", MASK),
    ("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", MASK),
    ("dapif86702824c1c099724caf4941d407201", MASK),
    ("twilio SK4b3ce107f80e222f828767efc2f91624", "twilio ********"),
    ("ghp_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", MASK),
    ("id AKIAIOSFODNN7EXAMPLE end", "id ******** end"),
    ("aws_secret_access_key = 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", "aws_secret_access_key = ********"),
    ("AGE-SECRET-KEY-1QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ", MASK),
    ("bot 123456789:AAstqVVPqzPptEJQzhkPkenG5ZFJoC6vWCB", "bot ********"),
    ("ya29.a0AfH6SMBabcdefghijklmnop", MASK),
    ("jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln", "jwt ********"),
    ("Authorization: Bearer abc.def", "Authorization: ******** ********"),
    // Ordinary values stay visible.
    ("/usr/local/bin/server", "/usr/local/bin/server"),
    ("eu-west-1", "eu-west-1"),
    ("1.2.3", "1.2.3"),
    ("v1.24.3-rc.1+build.5", "v1.24.3-rc.1+build.5"),
    ("https://example.com/path?q=1", "https://example.com/path?q=1"),
    ("https://example.com:8443/health?verbose=true", "https://example.com:8443/health?verbose=true"),
    ("https://example.com/u/a@b.com", "https://example.com/u/a@b.com"),
    ("https://example.com:8443/u/a@b.com", "https://example.com:8443/u/a@b.com"),
    ("http://localhost:8080 is up, ask ops@example.com", "http://localhost:8080 is up, ask ops@example.com"),
    ("ops@example.com", "ops@example.com"),
    ("mailto:ops@example.com", "mailto:ops@example.com"),
    ("Contact: ops@example.com", "Contact: ops@example.com"),
    ("git@github.com:org/repo.git", "git@github.com:org/repo.git"),
    ("nginx:1.25@sha256:0123456789abcdef", "nginx:1.25@sha256:0123456789abcdef"),
    ("pip install sk-learn scikit-learn", "pip install sk-learn scikit-learn"),
    ("signal=SIGTERM design=flat", "signal=SIGTERM design=flat"),
    ("PATH=/usr/bin:/bin", "PATH=/usr/bin:/bin"),
    ("cwd=/srv/app", "cwd=/srv/app"),
    ("12:30:45", "12:30:45"),
    ("fe80:0:0:0:1", "fe80:0:0:0:1"),
    ("00:1a:2b:3c:4d:5e", "00:1a:2b:3c:4d:5e"),
    ("Server=db;Database=orders;Timeout=30", "Server=db;Database=orders;Timeout=30"),
    ("pk_live_abcdefghijklmnop", "pk_live_abcdefghijklmnop"),
    ("ACa8940f1f836f99eee3692f09e2e8c662", "ACa8940f1f836f99eee3692f09e2e8c662"),
    ("-----BEGIN CERTIFICATE-----\nMIIC\n-----END CERTIFICATE-----", "-----BEGIN CERTIFICATE-----\nMIIC\n-----END CERTIFICATE-----"),
    ("plain text, nothing hidden: 42", "plain text, nothing hidden: 42"),
    // `secret: …` reads as a name and its value: masked, failing closed.
    ("plain text, nothing secret: 42", "plain text, nothing secret: ********"),
];

/// (input JSON, expected output of `scrub`)
const VALUES: &[(&str, &str)] = &[
    // Short secret words as keys: whole words only.
    (
        r#"{"pwd": "a", "MYSQL_PWD": "b", "dbPw": "c", "creds": {"u": 1}, "hmacSecret": "d", "sig": "e", "dsn": "f", "DB_PASSWD": "g"}"#,
        r#"{"pwd": "********", "MYSQL_PWD": "********", "dbPw": "********", "creds": "********", "hmacSecret": "********", "sig": "********", "dsn": "********", "DB_PASSWD": "********"}"#,
    ),
    (
        r#"{"signal": "SIGTERM", "design": "flat", "cwd": "/srv", "OLDPWD": "/home", "swap": 1, "paths": ["/a"], "region": "eu-west-1"}"#,
        r#"{"signal": "SIGTERM", "design": "flat", "cwd": "/srv", "OLDPWD": "/home", "swap": 1, "paths": ["/a"], "region": "eu-west-1"}"#,
    ),
    // `dsn` masks whole, even without a password in it.
    (
        r#"{"SENTRY_DSN": "https://abc@o1.ingest.sentry.io/1"}"#,
        r#"{"SENTRY_DSN": "********"}"#,
    ),
    // Kubernetes-style name/value pairs.
    (
        r#"[{"name": "DB_PASSWORD", "value": "hunter2"}, {"name": "REGION", "value": "eu-west-1"}]"#,
        r#"[{"name": "DB_PASSWORD", "value": "********"}, {"name": "REGION", "value": "eu-west-1"}]"#,
    ),
    (
        r#"{"env": [{"Name": "MYSQL_PWD", "Value": "hunter2"}, {"key": "api_key", "value": "x"}]}"#,
        r#"{"env": [{"Name": "MYSQL_PWD", "Value": "********"}, {"key": "********", "value": "********"}]}"#,
    ),
    (
        r#"{"ParameterKey": "DbPassword", "ParameterValue": "hunter2"}"#,
        r#"{"ParameterKey": "********", "ParameterValue": "********"}"#,
    ),
    (
        r#"{"headers": [{"name": "Authorization", "value": "Basic abc"}, {"name": "Accept", "value": "*/*"}]}"#,
        r#"{"headers": [{"name": "Authorization", "value": "********"}, {"name": "Accept", "value": "*/*"}]}"#,
    ),
    // Name/value lists and argv.
    (
        r#"["password", "hunter2", "region", "eu"]"#,
        r#"["password", "********", "region", "eu"]"#,
    ),
    (
        r#"["DB_PASSWORD", "hunter2"]"#,
        r#"["DB_PASSWORD", "********"]"#,
    ),
    (
        r#"["mysql", "-u", "root", "-p", "hunter2"]"#,
        r#"["mysql", "-u", "root", "-p", "********"]"#,
    ),
    (
        r#"["mysql", "-uroot", "-phunter2"]"#,
        r#"["mysql", "-uroot", "-p********"]"#,
    ),
    (
        r#"["app", "--pw", "hunter2", "--pw=x", "--pwd", "y"]"#,
        r#"["app", "--pw", "********", "--pw=********", "--pwd", "********"]"#,
    ),
    (
        r#"["-P", "3306", "-v", "-k", "s"]"#,
        r#"["-P", "3306", "-v", "-k", "s"]"#,
    ),
    (
        r#"["-p", "8080:80", "nginx"]"#,
        r#"["-p", "********", "nginx"]"#,
    ),
    (
        r#"["curl", "-u", "admin:hunter2", "--user", "1000:1000"]"#,
        r#"["curl", "-u", "admin:********", "--user", "1000:1000"]"#,
    ),
    (
        r#"{"bearer": "abc", "Bearer_Token": "def", "bearing": 90}"#,
        r#"{"bearer": "********", "Bearer_Token": "********", "bearing": 90}"#,
    ),
    // Embedded JSON strings.
    (
        r#"{"raw": "{\"password\": \"hunter2\", \"host\": \"db\"}"}"#,
        r#"{"raw": "{\"password\":\"********\",\"host\":\"db\"}"}"#,
    ),
];

fn assert_all_rows_pass(failures: &[String]) {
    assert!(
        failures.is_empty(),
        "{} rows failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn strings() {
    let scrubber = Scrubber::default();
    let mut failures = Vec::new();
    for (input, expected) in STRINGS {
        let scrubbed = scrubber.scrub_str(input);
        if scrubbed != *expected {
            failures.push(format!(
                "{input:?}\n    gave     {scrubbed:?}\n    expected {expected:?}"
            ));
        }
    }
    assert_all_rows_pass(&failures);
}

#[test]
fn values() {
    let scrubber = Scrubber::default();
    let mut failures = Vec::new();
    for (input, expected) in VALUES {
        let input: Value = serde_json::from_str(input).unwrap();
        let expected: Value = serde_json::from_str(expected).unwrap();
        let scrubbed = scrubber.scrub(&input);
        if scrubbed != expected {
            failures.push(format!(
                "{input}\n    gave     {scrubbed}\n    expected {expected}"
            ));
        }
    }
    assert_all_rows_pass(&failures);
}

#[test]
fn the_table_is_long_enough() {
    assert!(STRINGS.len() + VALUES.len() >= 90);
}
