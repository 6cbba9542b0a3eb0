//! The `os` section: facts gathered once, and the cheap figures that change, per request.

use std::sync::{Mutex, OnceLock};

use serde_json::{json, Value};
use sysinfo::{CpuRefreshKind, System};

use crate::runner::lock;

struct OsProbe {
    facts: Value,
    system: Option<Mutex<System>>,
}

fn probe() -> &'static OsProbe {
    static PROBE: OnceLock<OsProbe> = OnceLock::new();
    PROBE.get_or_init(|| {
        let system = System::new().ok().map(|mut system| {
            system.refresh_cpu_list(CpuRefreshKind::nothing());
            system
        });
        let cpus = system.as_ref().map(System::cpus).unwrap_or_default();
        let facts = json!({
            "name": System::name().ok(),
            "version": System::os_version().ok(),
            "long_version": System::long_os_version().ok(),
            "kernel": System::kernel_version().ok(),
            "arch": System::cpu_arch(),
            "hostname": System::host_name().ok(),
            "cpu": {
                "model": cpus.first().map(|cpu| cpu.brand().trim().to_owned()),
                "logical": cpus.len(),
                "physical": System::physical_core_count().ok(),
            },
            "boot_time": System::boot_time().ok(),
        });
        OsProbe {
            facts,
            system: system.map(Mutex::new),
        }
    })
}

/// Refreshes memory only; everything else was read once or is a cheap system call.
pub(crate) fn section() -> Value {
    let probe = probe();
    let mut section = probe.facts.clone();
    if let Some(system) = &probe.system {
        let mut system = lock(system);
        system.refresh_memory();
        section["memory"] = json!({
            "total": system.total_memory(),
            "used": system.used_memory(),
            "available": system.available_memory(),
            "free": system.free_memory(),
        });
        section["swap"] = json!({
            "total": system.total_swap(),
            "used": system.used_swap(),
            "free": system.free_swap(),
        });
    }
    section["load_average"] = System::load_average().map_or(
        Value::Null,
        |load| json!({ "one": load.one, "five": load.five, "fifteen": load.fifteen }),
    );
    section["uptime"] = json!(System::uptime().ok());
    section
}
