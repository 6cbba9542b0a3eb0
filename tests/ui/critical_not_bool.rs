use healthcheck::health_check;

#[health_check(critical = "no")]
fn database() -> bool {
    true
}

fn main() {}
