//! The `rust` section (py-healthcheck's `python`): toolchain, target, profile, and the
//! application's crate and dependencies as `build_info!()` captured them.

use std::sync::OnceLock;

use serde_json::{json, Value};

/// Not public API. Used by generated code.
#[doc(hidden)]
#[derive(Debug)]
pub struct BuildInfo {
    pub name: &'static str,
    pub version: &'static str,
    pub dependencies: &'static [(&'static str, &'static str)],
}

inventory::collect!(BuildInfo);

pub(crate) fn section() -> Value {
    static SECTION: OnceLock<Value> = OnceLock::new();
    SECTION
        .get_or_init(|| {
            let application = inventory::iter::<BuildInfo>.into_iter().next().map_or_else(
                || json!({ "note": "add `healthcheck::build_info!();` to the application to list its crate and dependencies" }),
                |info| {
                    let dependencies: Vec<Value> = info
                        .dependencies
                        .iter()
                        .map(|(name, version)| json!({ "name": name, "version": version }))
                        .collect();
                    json!({ "name": info.name, "version": info.version, "dependencies": dependencies })
                },
            );
            json!({
                "rustc": env!("HEALTHCHECK_RUSTC_VERSION"),
                "target": env!("HEALTHCHECK_TARGET"),
                "profile": env!("HEALTHCHECK_PROFILE"),
                "healthcheck": env!("CARGO_PKG_VERSION"),
                "application": application,
            })
        })
        .clone()
}
