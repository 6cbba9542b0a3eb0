healthcheck::build_info!(krate = healthcheck);

fn main() {}
