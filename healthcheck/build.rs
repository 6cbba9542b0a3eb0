//! Records the toolchain that builds this crate (and so the application) for the `rust` section.

use std::env;
use std::process::Command;

fn main() {
    let rustc = env::var("RUSTC").unwrap_or_else(|_| "rustc".to_owned());
    let version = Command::new(&rustc)
        .arg("--version")
        .output()
        .ok()
        .filter(|output| output.status.success())
        .map_or_else(
            || "unknown".to_owned(),
            |output| String::from_utf8_lossy(&output.stdout).trim().to_owned(),
        );
    println!("cargo:rustc-env=HEALTHCHECK_RUSTC_VERSION={version}");
    for (from, to) in [
        ("TARGET", "HEALTHCHECK_TARGET"),
        ("PROFILE", "HEALTHCHECK_PROFILE"),
    ] {
        let value = env::var(from).unwrap_or_else(|_| "unknown".to_owned());
        println!("cargo:rustc-env={to}={value}");
    }
    println!("cargo:rerun-if-env-changed=RUSTC");
    println!("cargo:rerun-if-changed=build.rs");
}
