//! `crate = path` for crates that re-export `healthcheck`, and the default path.

mod runtime {
    pub use healthcheck as reexported;
}

#[runtime::reexported::health_check(crate = runtime::reexported, name = "via-reexport")]
fn via_reexport() -> bool {
    true
}

#[healthcheck::health_check(name = "via-default-path")]
fn via_default_path() -> bool {
    true
}

#[tokio::test]
async fn both_paths_register_and_run() {
    for name in ["via-reexport", "via-default-path"] {
        let check = healthcheck::registry::check(name).unwrap_or_else(|| panic!("{name} missing"));
        assert!(check.run().await.passed(), "{name}");
    }
}
