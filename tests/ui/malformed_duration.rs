use healthcheck::health_check;

#[health_check(timeout = "2 parsecs")]
fn database() -> bool {
    true
}

fn main() {}
