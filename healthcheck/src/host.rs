//! The host name reports carry, looked up once.

use std::sync::{Arc, OnceLock};

pub(crate) fn hostname() -> Arc<str> {
    static HOSTNAME: OnceLock<Arc<str>> = OnceLock::new();
    Arc::clone(HOSTNAME.get_or_init(|| {
        sysinfo::System::host_name()
            .unwrap_or_else(|_| "unknown".to_owned())
            .into()
    }))
}
