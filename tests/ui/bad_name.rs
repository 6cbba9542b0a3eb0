use healthcheck::health_check;

#[health_check(name = "data\nbase")]
fn database() -> bool {
    true
}

fn main() {}
