use healthcheck::health_check;

#[health_check]
fn database(url: &str) -> bool {
    !url.is_empty()
}

fn main() {}
