use healthcheck::health_check;

#[health_check]
const fn database() -> bool {
    true
}

fn main() {}
