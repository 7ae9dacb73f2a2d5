//! `cargo xtask`: the project's commands, so CI and a developer run exactly the same steps.

mod bench;
mod cli;
mod contract;
mod demo;
mod dev;
mod e2e;
mod results;
mod server;
mod setup;
mod shell;
mod step;
mod test;
mod ui;
mod workspace;

use std::process::ExitCode;

use anyhow::Result;
use cli::Command;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            // The chain says what failed; a backtrace of xtask itself would only bury it.
            eprintln!("error: {error}");
            for cause in error.chain().skip(1) {
                eprintln!("  caused by: {cause}");
            }
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let command = cli::parse(&args).inspect_err(|_| eprintln!("{}\n", cli::USAGE))?;
    match command {
        Command::Help => {
            println!("{}", cli::USAGE);
            Ok(())
        }
        Command::Test(options) => test::run(options),
        Command::Bench(request) => bench::run(&request),
        Command::Dev => dev::run(),
        Command::E2e { perf } => e2e::run(perf),
        Command::Contract => contract::run(),
    }
}
