//! Two checks, or two sections, with one name are a startup error naming both places.

use healthcheck::{health_check, registry, EnvironmentDump, HealthCheck};

mod billing {
    #[healthcheck::health_check(name = "database")]
    fn billing_database() -> bool {
        true
    }
}

mod orders {
    #[healthcheck::health_check(name = "database")]
    fn orders_database() -> bool {
        true
    }

    #[healthcheck::env_section(name = "team")]
    fn orders_team() -> &'static str {
        "orders"
    }
}

mod billing_sections {
    #[healthcheck::env_section(name = "team")]
    fn billing_team() -> &'static str {
        "billing"
    }
}

#[health_check]
fn unique() -> bool {
    true
}

#[test]
fn try_new_names_both_places() {
    let duplicate = HealthCheck::try_new().expect_err("a duplicate");
    assert_eq!(duplicate.name, "database");
    let message = duplicate.to_string();
    assert!(message.contains("tests/duplicate_names.rs:7"), "{message}");
    assert!(message.contains("tests/duplicate_names.rs:14"), "{message}");
    assert_eq!(registry::validate(), Err(duplicate));
}

#[test]
#[should_panic(expected = "two health checks are named `database`")]
fn new_panics_at_startup() {
    let _ = HealthCheck::new();
}

#[test]
#[should_panic(expected = "two health checks are named `db`")]
fn add_check_rejects_a_taken_name() {
    let _ = HealthCheck::empty()
        .add_check("db", || true)
        .add_check("db", || false);
}

#[test]
fn two_sections_with_one_name_are_named_with_both_places() {
    let duplicate = EnvironmentDump::try_new().expect_err("a duplicate");
    assert_eq!(duplicate.kind, "environment section");
    assert_eq!(duplicate.name, "team");
    let message = duplicate.to_string();
    assert!(
        message.starts_with("two environment sections are named `team`"),
        "{message}"
    );
    assert!(message.contains("tests/duplicate_names.rs:19"), "{message}");
    assert!(message.contains("tests/duplicate_names.rs:26"), "{message}");
    let teams = registry::sections()
        .iter()
        .filter(|section| section.name() == "team")
        .count();
    assert_eq!(teams, 2);
}
