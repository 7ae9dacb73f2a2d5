//! Turns the command line into a [`Command`], kept apart from running so parsing is testable.

use anyhow::{Context, Result, bail};

pub const USAGE: &str = "\
Usage: cargo xtask <command>

Commands:
  test [--no-bench] [--no-e2e]       fmt check, UI build and tests, clippy, Rust tests,
                                     desktop E2E, then a smoke bench
  e2e                                the desktop E2E alone (real window, real server)
  e2e --perf [--people N]            desktop performance run on N people (100,000): cold
                                     start and search as you type, into bench/results.json
  dev                                sync server with a demo account + the desktop app
  contract                           regenerate ui/src/platform/contract.ts from the Rust types
  bench <scenario> [--records N]     run a release benchmark and record it in bench/results.json
  help                               print this message";

#[derive(Debug, PartialEq, Eq)]
pub enum Command {
    Help,
    Test(TestOptions),
    Bench(BenchRequest),
    Dev,
    /// `perf`: the performance run with this many people instead of the scenario.
    E2e {
        perf: Option<u64>,
    },
    Contract,
}

#[derive(Debug, PartialEq, Eq)]
pub struct TestOptions {
    /// Whether to finish with the smoke bench (`--no-bench` turns it off).
    pub bench: bool,
    /// Whether to run the desktop E2E (`--no-e2e` turns it off).
    pub e2e: bool,
}

#[derive(Debug, PartialEq, Eq)]
pub struct BenchRequest {
    /// Passed through to the bench binary, which owns the list of scenarios.
    pub scenario: String,
    /// `None` leaves the bench binary's own default in force.
    pub records: Option<u64>,
}

pub fn parse(args: &[String]) -> Result<Command> {
    let Some((command, rest)) = args.split_first() else {
        return Ok(Command::Help);
    };
    match command.as_str() {
        "help" | "-h" | "--help" => Ok(Command::Help),
        "test" => parse_test(rest),
        "bench" => parse_bench(rest),
        "dev" => {
            reject_extra("dev", rest)?;
            Ok(Command::Dev)
        }
        "e2e" => parse_e2e(rest),
        "contract" => {
            reject_extra("contract", rest)?;
            Ok(Command::Contract)
        }
        other => bail!("unknown command `{other}`"),
    }
}

fn parse_test(args: &[String]) -> Result<Command> {
    let mut options = TestOptions {
        bench: true,
        e2e: true,
    };
    for arg in args {
        match arg.as_str() {
            "--no-bench" => options.bench = false,
            "--no-e2e" => options.e2e = false,
            other => bail!("unexpected argument `{other}` for `test`"),
        }
    }
    Ok(Command::Test(options))
}

fn parse_e2e(args: &[String]) -> Result<Command> {
    let mut perf = false;
    let mut people = None;
    let mut rest = args;
    while let Some((arg, tail)) = rest.split_first() {
        rest = tail;
        match arg.as_str() {
            "--perf" => perf = true,
            "--people" => {
                let (value, tail) = rest.split_first().context("`--people` needs a number")?;
                people = Some(
                    value
                        .parse()
                        .with_context(|| format!("`--people {value}` is not a whole number"))?,
                );
                rest = tail;
            }
            other => bail!("unexpected argument `{other}` for `e2e`"),
        }
    }
    if people.is_some() && !perf {
        bail!("`--people` goes with `--perf`");
    }
    Ok(Command::E2e {
        perf: perf.then(|| people.unwrap_or(100_000)),
    })
}

fn parse_bench(args: &[String]) -> Result<Command> {
    let Some((scenario, mut rest)) = args.split_first() else {
        bail!("`bench` needs a scenario, for example `cargo xtask bench local`");
    };
    if scenario.starts_with('-') {
        bail!("`bench` needs a scenario before its options, got `{scenario}`");
    }
    let mut records = None;
    while let Some((arg, tail)) = rest.split_first() {
        match arg.as_str() {
            "--records" => {
                let value = tail.first().context("`--records` needs a number")?;
                records = Some(
                    value
                        .parse()
                        .with_context(|| format!("`--records {value}` is not a whole number"))?,
                );
                rest = &tail[1..];
            }
            other => bail!("unexpected argument `{other}` for `bench`"),
        }
    }
    Ok(Command::Bench(BenchRequest {
        scenario: scenario.clone(),
        records,
    }))
}

fn reject_extra(command: &str, args: &[String]) -> Result<()> {
    match args.first() {
        Some(arg) => bail!("unexpected argument `{arg}` for `{command}`"),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(line: &str) -> Result<Command> {
        let args: Vec<String> = line.split_whitespace().map(String::from).collect();
        parse(&args)
    }

    #[test]
    fn accepted_command_lines() {
        let cases = [
            ("", Command::Help),
            ("help", Command::Help),
            ("--help", Command::Help),
            (
                "test",
                Command::Test(TestOptions {
                    bench: true,
                    e2e: true,
                }),
            ),
            (
                "test --no-bench --no-e2e",
                Command::Test(TestOptions {
                    bench: false,
                    e2e: false,
                }),
            ),
            ("dev", Command::Dev),
            ("e2e", Command::E2e { perf: None }),
            (
                "e2e --perf",
                Command::E2e {
                    perf: Some(100_000),
                },
            ),
            (
                "e2e --perf --people 5000",
                Command::E2e { perf: Some(5000) },
            ),
            ("contract", Command::Contract),
            (
                "bench local",
                Command::Bench(BenchRequest {
                    scenario: "local".into(),
                    records: None,
                }),
            ),
            (
                "bench sync --records 2000",
                Command::Bench(BenchRequest {
                    scenario: "sync".into(),
                    records: Some(2000),
                }),
            ),
        ];
        for (line, expected) in cases {
            assert_eq!(parse_str(line).unwrap(), expected, "command line `{line}`");
        }
    }

    #[test]
    fn rejected_command_lines() {
        let cases = [
            ("deploy", "unknown command `deploy`"),
            ("test --fast", "unexpected argument `--fast` for `test`"),
            ("bench", "`bench` needs a scenario"),
            ("bench --records 5", "needs a scenario before its options"),
            ("bench local --records", "`--records` needs a number"),
            (
                "bench local --records many",
                "`--records many` is not a whole number",
            ),
            (
                "bench local extra",
                "unexpected argument `extra` for `bench`",
            ),
            ("dev now", "unexpected argument `now` for `dev`"),
            ("e2e --people 5", "`--people` goes with `--perf`"),
            ("e2e --perf --people", "`--people` needs a number"),
            ("e2e --fast", "unexpected argument `--fast` for `e2e`"),
        ];
        for (line, expected) in cases {
            let error = parse_str(line).expect_err(line).to_string();
            assert!(error.contains(expected), "`{line}` gave `{error}`");
        }
    }
}
