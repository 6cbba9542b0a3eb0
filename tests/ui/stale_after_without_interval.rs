use healthcheck::health_check;

#[health_check(stale_after = "30s")]
fn database() -> bool {
    true
}

fn main() {}
