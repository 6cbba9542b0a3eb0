use healthcheck::health_check;

#[health_check]
fn database<T: Default>() -> bool {
    true
}

fn main() {}
