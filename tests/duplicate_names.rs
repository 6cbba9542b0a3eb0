//! Two checks with one name are a startup error naming both places.

use healthcheck::{health_check, registry, HealthCheck};

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
