use healthcheck::env_section;

#[env_section(nmae = "application")]
fn application() -> &'static str {
    "shop"
}

fn main() {}
