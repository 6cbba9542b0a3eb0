//! `probe-plain [--probe [URL]]`: probes and exits from a plain `main`, or says it went on.
//! Started by tests/probe_command.rs.

fn main() {
    healthcheck::probe::run_if_requested();
    println!("no probe requested: main goes on");
}
