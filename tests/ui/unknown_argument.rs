use healthcheck::health_check;

#[health_check(tmeout = "2s")]
fn database() -> bool {
    true
}

fn main() {}
