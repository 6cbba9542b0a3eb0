use healthcheck::health_check;

#[health_check(component = "db", measurement = "response:time")]
fn database() -> bool {
    true
}

fn main() {}
