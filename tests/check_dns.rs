//! `checks::dns` through the system resolver: `localhost` from /etc/hosts, and a `.invalid`
//! name, which RFC 6761 guarantees never resolves.

use healthcheck::checks::{self, Check};
use healthcheck::Status;

#[tokio::test]
async fn localhost_resolves_with_its_addresses_and_latency() {
    let outcome = checks::dns("localhost").run().await;

    assert_eq!(outcome.status(), Status::Pass, "{outcome:?}");
    let output = outcome.output();
    assert!(output.starts_with("localhost resolved to "), "{output}");
    assert!(output.contains("127.0.0.1"), "{output}");
    let observed = outcome.observation().expect("a latency");
    assert_eq!(observed.unit, "ms");
    assert!(observed.value.as_f64().is_some_and(|ms| ms >= 0.0));
}

#[tokio::test]
async fn an_address_resolves_to_itself() {
    let outcome = checks::dns("127.0.0.1").run().await;
    assert_eq!(
        outcome.output(),
        "127.0.0.1 resolved to 1 address: 127.0.0.1"
    );
}

#[tokio::test]
async fn an_invalid_name_fails_with_the_resolver_s_reason() {
    let outcome = checks::dns("nothing-here.invalid").run().await;

    assert_eq!(outcome.status(), Status::Fail);
    let output = outcome.output();
    let prefix = "cannot resolve nothing-here.invalid: ";
    assert!(
        output.starts_with(prefix) && output.len() > prefix.len(),
        "{output}"
    );
    assert_eq!(outcome.observation().unwrap().unit, "ms");
}

#[test]
#[should_panic(expected = "checks::dns: \"db/primary\" is not a host name")]
fn a_name_that_is_no_host_name_panics_naming_it() {
    let _ = checks::dns("db/primary");
}
