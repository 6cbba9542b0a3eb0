use healthcheck::env_section;

struct Opaque;

#[env_section]
fn application() -> Opaque {
    Opaque
}

fn main() {}
