use healthcheck::env_section;

#[env_section]
fn application(name: &str) -> String {
    name.to_owned()
}

fn main() {}
