//! The `process` section: this process only, never a scan of every process on the machine.

use std::collections::BTreeMap;
use std::sync::{Mutex, OnceLock};

use serde_json::{json, Value};
use sysinfo::{Pid, ProcessRefreshKind, ProcessesToUpdate, System, UpdateKind, Users};

use crate::runner::lock;

struct ProcessProbe {
    pid: Pid,
    user: Value,
    system: Option<Mutex<System>>,
}

fn refresh_kind() -> ProcessRefreshKind {
    ProcessRefreshKind::nothing()
        .with_cpu()
        .with_memory()
        .with_user(UpdateKind::OnlyIfNotSet)
        .without_tasks()
}

fn probe() -> &'static ProcessProbe {
    static PROBE: OnceLock<ProcessProbe> = OnceLock::new();
    PROBE.get_or_init(|| {
        let pid = Pid::from_u32(std::process::id());
        let system = System::new().ok().map(|mut system| {
            system.refresh_processes_specifics(
                ProcessesToUpdate::Some(&[pid]),
                false,
                refresh_kind(),
            );
            system
        });
        let uid = system
            .as_ref()
            .and_then(|system| system.process(pid))
            .and_then(|process| process.user_id().cloned());
        let name = uid.as_ref().and_then(|uid| {
            let users = Users::new_with_refreshed_list().ok()?;
            users.get_user_by_id(uid).map(|user| user.name().to_owned())
        });
        let user = json!({ "id": uid.map(|uid| uid.to_string()), "name": name });
        ProcessProbe {
            pid,
            user,
            system: system.map(Mutex::new),
        }
    })
}

pub(crate) fn section() -> Value {
    let probe = probe();
    let lossy = |text: std::ffi::OsString| text.to_string_lossy().into_owned();
    let environment: BTreeMap<String, String> = std::env::vars_os()
        .map(|(key, value)| (lossy(key), lossy(value)))
        .collect();
    let mut section = json!({
        "pid": probe.pid.as_u32(),
        "argv": std::env::args_os().map(lossy).collect::<Vec<_>>(),
        "cwd": std::env::current_dir().ok(),
        "exe": std::env::current_exe().ok(),
        "user": probe.user,
        "threads": thread_count(),
        "environment": environment,
    });
    if let Some(system) = &probe.system {
        let mut system = lock(system);
        system.refresh_processes_specifics(
            ProcessesToUpdate::Some(&[probe.pid]),
            false,
            refresh_kind(),
        );
        if let Some(process) = system.process(probe.pid) {
            section["parent_pid"] = json!(process.parent().map(Pid::as_u32));
            section["start_time"] = json!(process.start_time());
            section["uptime"] = json!(process.run_time());
            section["memory"] = json!({
                "resident": process.memory(),
                "virtual": process.virtual_memory(),
            });
            section["cpu_usage"] = json!(process.cpu_usage());
        }
    }
    section
}

/// Counted from /proc where there is one; sysinfo would list every thread as a process.
fn thread_count() -> Option<usize> {
    std::fs::read_dir("/proc/self/task")
        .ok()
        .map(Iterator::count)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sample_refreshes_this_process_only() {
        let section = section();
        assert_eq!(section["pid"], std::process::id());
        let system = lock(probe().system.as_ref().unwrap());
        assert_eq!(
            system.processes().len(),
            1,
            "only this process is known to the probe"
        );
    }
}
