use healthcheck::env_section;

#[env_section(name = "app", name = "application")]
fn application() -> &'static str {
    "shop"
}

fn main() {}
