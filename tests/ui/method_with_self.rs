use healthcheck::health_check;

struct Database;

impl Database {
    #[health_check]
    fn ping(&self) -> bool {
        true
    }
}

fn main() {}
