use healthcheck::health_check;

#[health_check(name = "db", name = "database")]
fn database() -> bool {
    true
}

fn main() {}
