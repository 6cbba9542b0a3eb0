use healthcheck::health_check;

#[health_check(name = "data/base")]
fn database() -> bool {
    true
}

fn main() {}
