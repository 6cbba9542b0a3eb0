use healthcheck::health_check;

#[health_check]
fn database() -> u32 {
    42
}

fn main() {}
