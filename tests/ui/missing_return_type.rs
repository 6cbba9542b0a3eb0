use healthcheck::health_check;

#[health_check]
fn database() {}

fn main() {}
