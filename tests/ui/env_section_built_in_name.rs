use healthcheck::env_section;

#[env_section(name = "process")]
fn my_process() -> &'static str {
    "mine"
}

#[env_section]
fn os() -> &'static str {
    "mine"
}

fn main() {}
