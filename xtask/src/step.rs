//! Frames each stage of a long run with a header and its duration, so CI logs are easy to scan.

use std::time::Instant;

use anyhow::Result;

/// Runs `body` under a header naming the step, then reports how long it took.
pub fn run(name: &str, body: impl FnOnce() -> Result<()>) -> Result<()> {
    println!("\n==> {name}");
    let started = Instant::now();
    let outcome = body();
    let seconds = started.elapsed().as_secs_f64();
    match &outcome {
        Ok(()) => println!("<== {name}: ok in {seconds:.1} s"),
        Err(_) => println!("<== {name}: FAILED after {seconds:.1} s"),
    }
    outcome.map_err(|error| error.context(format!("step `{name}` failed")))
}
