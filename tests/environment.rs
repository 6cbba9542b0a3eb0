//! The environment endpoint over real HTTP, against a server process with planted secrets.

mod support;

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use healthcheck::{env_section, EnvironmentDump};
use serde_json::{json, Value};
use support::{client, get_json, TestServer};

/// Every secret planted in the child's environment, argv, configuration and sections.
const PLANTED: [&str; 13] = [
    "planted-env-secret-1",
    "planted-env-secret-2",
    "planted-env-secret-3",
    "planted-env-secret-4",
    "planted-argv-secret-1",
    "planted-argv-secret-2",
    "planted-config-secret-1",
    "planted-config-secret-2",
    "planted-config-secret-3",
    "planted-section-secret-1",
    "planted-section-secret-2",
    "planted-section-secret-3",
    "planted-bearer-token",
];

/// The server process, killed when the test ends however it ends.
struct Planted {
    child: Child,
    base: String,
}

impl Planted {
    fn start() -> Planted {
        let mut child = Command::new(env!("CARGO_BIN_EXE_planted-secrets"))
            .args([
                "--password=planted-argv-secret-1",
                "--token",
                "planted-argv-secret-2",
            ])
            .env("APP_DB_PASSWORD", "planted-env-secret-1")
            .env(
                "DATABASE_URL",
                "postgres://app:planted-env-secret-2@db:5432/orders",
            )
            .env(
                "SENTRY_DSN",
                "https://planted-env-secret-3@sentry.example.com/42",
            )
            .env("HTTP_HEADERS", "Authorization: Bearer planted-env-secret-4")
            .env("ENVIRONMENT_TOKEN", "planted-bearer-token")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start the planted-secrets server");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .expect("the server's address");
        let addr = line
            .trim()
            .strip_prefix("listening on ")
            .expect("an address line")
            .to_owned();
        Planted {
            child,
            base: format!("http://{addr}"),
        }
    }
}

impl Drop for Planted {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[actix_web::test]
async fn no_planted_secret_leaves_the_process() {
    let server = Planted::start();

    let response = client()
        .get(format!("{}/environment", server.base))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/json");
    assert_eq!(response.headers()["cache-control"], "no-store");
    let text = response.text().await.unwrap();
    for secret in PLANTED {
        assert!(!text.contains(secret), "{secret} leaked");
    }
    for marker in [
        "planted-env",
        "planted-argv",
        "planted-config",
        "planted-section",
        "planted-bearer",
    ] {
        assert!(!text.contains(marker), "part of a secret leaked: {marker}");
    }

    let body: Value = serde_json::from_str(&text).unwrap();
    let names: Vec<&String> = body.as_object().unwrap().keys().collect();
    for section in [
        "os",
        "rust",
        "process",
        "config",
        "payments",
        "exploding",
        "unreachable",
    ] {
        assert!(
            body.get(section).is_some(),
            "{section} missing from {names:?}"
        );
    }
    let process = &body["process"];
    assert_eq!(process["pid"], server.child.id());
    assert_eq!(process["parent_pid"], std::process::id());
    assert_eq!(process["environment"]["APP_DB_PASSWORD"], "********");
    assert_eq!(
        process["environment"]["DATABASE_URL"],
        "postgres://app:********@db:5432/orders"
    );
    let argv: Vec<&str> = process["argv"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap())
        .collect();
    assert_eq!(argv[1..], ["--password=********", "--token", "********"]);
    assert!(process["threads"].as_u64().unwrap() >= 1);
    assert!(process["memory"]["resident"].as_u64().unwrap() > 0);

    assert_eq!(
        body["config"]["database_url"],
        "postgres://app:********@db/orders"
    );
    assert_eq!(body["config"]["workers"], 4);
    assert_eq!(body["config"]["tls"]["key"], "********");
    assert_eq!(body["payments"]["provider"], "stripe");
    assert_eq!(
        body["exploding"],
        json!({ "error": "panicked: section exploded" })
    );
    assert_eq!(body["unreachable"], json!({ "error": "vault unreachable" }));

    let rust = &body["rust"];
    assert!(rust["rustc"].as_str().unwrap().starts_with("rustc "));
    assert_eq!(rust["application"]["name"], "healthcheck-workspace");
    let dependencies = rust["application"]["dependencies"].as_array().unwrap();
    assert!(
        dependencies.iter().any(|d| d["name"] == "actix-web"),
        "{dependencies:?}"
    );
    assert!(body["os"]["cpu"]["logical"].as_u64().unwrap() >= 1);
    assert!(body["os"]["memory"]["total"].as_u64().unwrap() > 0);
}

#[actix_web::test]
async fn nothing_planted_reaches_the_health_endpoint_or_the_logs() {
    let mut server = Planted::start();
    let mut bodies = String::new();
    for path in [
        "/healthcheck",
        "/healthcheck?format=ietf",
        "/healthcheck?format=text&verbose",
        "/environment",
    ] {
        let response = client()
            .get(format!("{}{path}", server.base))
            .send()
            .await
            .unwrap();
        bodies.push_str(&response.text().await.unwrap());
    }
    // Every planted secret is `planted-<where>-secret-<n>`.
    assert!(!bodies.contains("-secret-"), "{bodies}");
    assert!(
        bodies.contains("postgres://app:********@db:5432/orders refused"),
        "{bodies}"
    );

    server.child.kill().unwrap();
    server.child.wait().unwrap();
    let mut logs = String::new();
    std::io::Read::read_to_string(&mut server.child.stderr.take().unwrap(), &mut logs).unwrap();
    assert!(
        logs.contains("check=\"database\"") && logs.contains("check=\"vault\""),
        "the failures are logged: {logs}"
    );
    assert!(!logs.contains("-secret-"), "{logs}");
    assert!(
        !logs.contains("panicked at"),
        "panics in checks and sections are reported, not printed by the panic hook: {logs}"
    );
}

#[actix_web::test]
async fn a_protected_dump_refuses_without_the_token() {
    let server = Planted::start();
    let url = format!("{}/protected", server.base);

    for authorization in [None, Some("Bearer wrong"), Some("Basic cGxhbnRlZA==")] {
        let mut request = client().get(&url);
        if let Some(value) = authorization {
            request = request.header("Authorization", value);
        }
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), 401, "{authorization:?}");
        assert_eq!(response.headers()["www-authenticate"], "Bearer");
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["status"], 401);
        assert!(
            body.get("process").is_none() && body.get("os").is_none(),
            "{body}"
        );
    }

    let response = client()
        .get(&url)
        .bearer_auth("planted-bearer-token")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["process"]["pid"], server.child.id());

    let response = client()
        .post(&url)
        .bearer_auth("planted-bearer-token")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 405);
    let head = client()
        .head(format!("{}/environment", server.base))
        .send()
        .await
        .unwrap();
    assert_eq!(head.status(), 200);
    assert_eq!(head.text().await.unwrap(), "");
}

#[env_section(name = "local")]
fn local_section() -> Vec<u8> {
    vec![1, 2, 3]
}

#[actix_web::test]
async fn each_switch_removes_its_section() {
    type SwitchOff = fn(EnvironmentDump) -> EnvironmentDump;
    let cases: [(&str, SwitchOff); 3] = [
        ("os", |env| env.include_os(false)),
        ("rust", |env| env.include_rust(false)),
        ("process", |env| env.include_process(false)),
    ];
    for (name, switch_off) in cases {
        let server = TestServer::start_app(move || {
            actix_web::App::new().service(switch_off(EnvironmentDump::new()).scope("/environment"))
        });
        let (status, body) = get_json(&server.url("/environment")).await;
        assert_eq!(status, 200);
        assert!(body.get(name).is_none(), "{name} still shown");
        let shown: Vec<&String> = body.as_object().unwrap().keys().collect();
        assert_eq!(shown.len(), 3, "only {name} is gone: {shown:?}");
        assert_eq!(body["local"], json!([1, 2, 3]));
        server.stop().await;
    }
}

#[tokio::test]
async fn custom_sections_are_scrubbed_and_names_are_unique() {
    let env = EnvironmentDump::new()
        .include_os(false)
        .include_process(false)
        .add_section("static", json!({ "password": "x", "region": "eu" }))
        .add_section("computed", || json!({ "url": "redis://:pw@cache" }))
        .add_section("failing", || Err::<Value, _>("no data"))
        .secret_key("region")
        .allow_key("password");
    let dump = env.run().await;
    assert_eq!(
        dump.get("static").unwrap(),
        &json!({ "password": "x", "region": "********" })
    );
    assert_eq!(
        dump.get("computed").unwrap()["url"],
        "redis://:********@cache"
    );
    assert_eq!(dump.get("failing").unwrap(), &json!({ "error": "no data" }));
    assert_eq!(
        env.section_names(),
        ["rust", "local", "static", "computed", "failing"]
    );

    let clash = std::panic::catch_unwind(|| EnvironmentDump::new().add_section("os", 1));
    let message = *clash.unwrap_err().downcast::<String>().unwrap();
    assert!(
        message.contains("two environment sections are named `os`"),
        "{message}"
    );
    let clash = std::panic::catch_unwind(|| EnvironmentDump::new().add_section("local", 1));
    assert!(clash.is_err());
}

#[tokio::test]
async fn facts_are_kept_figures_refreshed_at_most_each_second_and_custom_sections_per_request() {
    let calls = support::Counter::default();
    let counted = calls.clone();
    let env = EnvironmentDump::new()
        .config(&json!({ "region": "eu-west-1" }))
        .add_section("counted", move || counted.bump() as u64);
    let first = env.run().await;
    let dumps = [env.run().await, env.clone().run().await, env.run().await];
    for dump in &dumps {
        for section in ["os", "rust", "process", "config"] {
            assert!(
                std::ptr::eq(first.get(section).unwrap(), dump.get(section).unwrap()),
                "{section} was made again within the second"
            );
        }
    }
    assert_eq!(calls.get(), 4, "a custom section runs for every dump");
    assert_eq!(dumps[2].get("counted").unwrap(), 4);

    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    // Past the second, requests are still served the last figures while one run in the
    // background reads new ones: none of them waits for it.
    let stale = env.run().await;
    assert!(std::ptr::eq(
        first.get("process").unwrap(),
        stale.get("process").unwrap()
    ));
    let mut later = env.run().await;
    for _ in 0..500 {
        if !std::ptr::eq(first.get("process").unwrap(), later.get("process").unwrap()) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        later = env.run().await;
    }
    assert!(
        !std::ptr::eq(first.get("process").unwrap(), later.get("process").unwrap()),
        "the figures were read again"
    );
    assert!(std::ptr::eq(
        first.get("rust").unwrap(),
        later.get("rust").unwrap()
    ));

    // A changed dump scrubs anew.
    let stricter = env.clone().secret_key("region");
    assert_eq!(
        stricter.run().await.get("config").unwrap()["region"],
        "********"
    );
    assert_eq!(
        env.run().await.get("config").unwrap()["region"],
        "eu-west-1"
    );
}

#[test]
fn builders_are_idempotent_where_users_repeat_them() {
    let env = EnvironmentDump::new()
        .include_process(true)
        .include_process(false)
        .include_process(true)
        .config(&json!({ "first": 1 }))
        .config(&json!({ "second": 2 }));
    let names = env.section_names();
    assert_eq!(names.iter().filter(|name| *name == "process").count(), 1);
    assert_eq!(names.iter().filter(|name| *name == "config").count(), 1);
    let clash = std::panic::catch_unwind(|| {
        EnvironmentDump::new()
            .include_os(false)
            .add_section("os", 1)
            .include_os(true)
    });
    assert!(clash.is_err(), "a custom `os` keeps the built-in off");
}
