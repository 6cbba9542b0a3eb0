use healthcheck::env_section;

#[env_section]
fn application<T: Default + serde::Serialize>() -> T {
    T::default()
}

fn main() {}
