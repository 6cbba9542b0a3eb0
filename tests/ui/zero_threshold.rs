use healthcheck::health_check;

#[health_check(interval = "10s", failure_threshold = 0)]
fn database() -> bool {
    true
}

fn main() {}
