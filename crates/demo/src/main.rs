//! `localspace-demo`: seeds the demo account on a running sync server and prints one line
//! saying what it did.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use localspace_demo::{DemoLogin, DemoSizes, dump, perf_replica, perf_sizes, seed};

const USAGE: &str = "\
Usage: localspace-demo --server URL --email E --password P [--company C] [--name N] [--small] [--outbox DIR] [--scratch DIR] [--seed N]

Signs up the demo account (or signs in when E is registered) and fills it with a Polish
B2B sales team's records; an account that already holds records is left alone.
  --outbox DIR   the server's mail.outbox_dir: invite three coworkers and accept for them
  --small        60 people instead of 2,000 (for tests)
  --scratch DIR  where the temporary replica lives (default: the system temp folder)

Other modes (for the desktop E2E):
  --dump DIR           a second device: sign in as E with a fresh replica in DIR, pull the
                       account and print its records, one line each (kind, then key=value
                       pairs, tab-separated); nothing is seeded
  --perf-replica DIR   sign E up as the desktop app would with DIR as its data directory
                       and write N people (--people N, default 100000) with a company per
                       ten into its replica; the token is not kept, so the app resumes
                       offline and pushes nothing";

/// The parsed command line.
#[derive(Debug)]
struct Args {
    server: String,
    login: DemoLogin,
    sizes: DemoSizes,
    scratch: PathBuf,
    seed: u64,
    mode: Mode,
}

/// What the run does.
#[derive(Debug, PartialEq)]
enum Mode {
    Seed,
    Dump(PathBuf),
    PerfReplica { dir: PathBuf, people: usize },
}

fn parse(args: &[String]) -> Result<Option<Args>> {
    let mut server = None;
    let mut email = None;
    let mut password = None;
    let mut company = None;
    let mut name = None;
    let mut outbox = None;
    let mut scratch = None;
    let mut seed = 42;
    let mut sizes = DemoSizes::FULL;
    let mut dump_dir = None;
    let mut perf_dir = None;
    let mut people = 100_000;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        let mut value = || {
            rest.next()
                .cloned()
                .with_context(|| format!("`{arg}` needs a value"))
        };
        match arg.as_str() {
            "-h" | "--help" => return Ok(None),
            "--server" => server = Some(value()?),
            "--email" => email = Some(value()?),
            "--password" => password = Some(value()?),
            "--company" => company = Some(value()?),
            "--name" => name = Some(value()?),
            "--outbox" => outbox = Some(PathBuf::from(value()?)),
            "--scratch" => scratch = Some(PathBuf::from(value()?)),
            "--seed" => {
                let text = value()?;
                seed = text
                    .parse()
                    .with_context(|| format!("`--seed {text}` is not a whole number"))?;
            }
            "--small" => sizes = DemoSizes::SMALL,
            "--dump" => dump_dir = Some(PathBuf::from(value()?)),
            "--perf-replica" => perf_dir = Some(PathBuf::from(value()?)),
            "--people" => {
                let text = value()?;
                people = text
                    .parse()
                    .with_context(|| format!("`--people {text}` is not a whole number"))?;
            }
            other => bail!("unexpected argument `{other}`"),
        }
    }
    let mut login = DemoLogin::new(
        email.context("`--email` is required")?,
        password.context("`--password` is required")?,
    );
    if let Some(company) = company {
        login.company = company;
    }
    if let Some(name) = name {
        login.name = name;
    }
    login.outbox = outbox;
    let mode = match (dump_dir, perf_dir) {
        (Some(_), Some(_)) => bail!("`--dump` and `--perf-replica` do not go together"),
        (Some(dir), None) => Mode::Dump(dir),
        (None, Some(dir)) => Mode::PerfReplica { dir, people },
        (None, None) => Mode::Seed,
    };
    Ok(Some(Args {
        server: server.context("`--server` is required")?,
        login,
        sizes,
        scratch: scratch.unwrap_or_else(|| std::env::temp_dir().join("localspace-demo")),
        seed,
        mode,
    }))
}

#[tokio::main]
async fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args = match parse(&args) {
        Ok(Some(args)) => args,
        Ok(None) => {
            println!("{USAGE}");
            return Ok(());
        }
        Err(e) => {
            eprintln!("{USAGE}\n");
            return Err(e);
        }
    };
    let started = Instant::now();
    match &args.mode {
        Mode::Seed => {}
        Mode::Dump(dir) => {
            let lines = dump(&args.server, &args.login.email, &args.login.password, dir)
                .await
                .with_context(|| format!("reading the account at {}", args.server))?;
            for line in lines {
                println!("{line}");
            }
            return Ok(());
        }
        Mode::PerfReplica { dir, people } => {
            let written = perf_replica(
                &args.server,
                dir,
                &args.login,
                perf_sizes(*people),
                args.seed,
            )
            .await
            .with_context(|| format!("writing a big replica into {}", dir.display()))?;
            println!(
                "wrote {written} records ({people} people) for {} into {} ({:.1} s)",
                args.login.email,
                dir.display(),
                started.elapsed().as_secs_f64()
            );
            return Ok(());
        }
    }
    let report = seed(
        &args.server,
        &args.login,
        args.sizes,
        args.seed,
        &args.scratch,
    )
    .await
    .with_context(|| format!("seeding the demo account at {}", args.server))?;
    let took = started.elapsed().as_secs_f64();
    if report.created {
        let team = if report.coworkers.is_empty() {
            "no coworkers".to_owned()
        } else {
            format!("coworkers {}", report.coworkers.join(", "))
        };
        println!(
            "seeded demo account {} at {}: {} records for {} and {team}, dated against {} ({took:.1} s)",
            report.account_id, args.server, report.records, args.login.email, report.today
        );
    } else {
        println!(
            "demo account {} at {} already holds records; nothing added ({took:.1} s)",
            report.account_id, args.server
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(args: &[&str]) -> Vec<String> {
        args.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn reads_every_option() {
        let args = parse(&strings(&[
            "--server",
            "http://127.0.0.1:8787",
            "--email",
            "anna@drewpol.pl",
            "--password",
            "Kiełbasa-Krakowska-7",
            "--company",
            "Stalpol S.A.",
            "--name",
            "Anna Nowak",
            "--small",
            "--outbox",
            "/tmp/outbox",
            "--scratch",
            "/tmp/scratch",
            "--seed",
            "7",
        ]))
        .unwrap()
        .unwrap();
        assert_eq!(args.server, "http://127.0.0.1:8787");
        assert_eq!(args.login.company, "Stalpol S.A.");
        assert_eq!(args.login.name, "Anna Nowak");
        assert_eq!(args.login.outbox, Some(PathBuf::from("/tmp/outbox")));
        assert_eq!(args.sizes, DemoSizes::SMALL);
        assert_eq!(args.scratch, PathBuf::from("/tmp/scratch"));
        assert_eq!(args.seed, 7);
    }

    #[test]
    fn defaults_and_mistakes() {
        let args = parse(&strings(&[
            "--server",
            "http://x",
            "--email",
            "a@b.pl",
            "--password",
            "p",
        ]))
        .unwrap()
        .unwrap();
        assert_eq!(args.sizes, DemoSizes::FULL);
        assert_eq!(args.login.outbox, None);
        assert!(parse(&strings(&["--help"])).unwrap().is_none());
        assert!(parse(&strings(&["--server", "http://x"])).is_err());
        assert!(parse(&strings(&["--email"])).is_err());
        assert!(parse(&strings(&["--bogus"])).is_err());
        assert_eq!(args.mode, Mode::Seed);
    }

    #[test]
    fn other_modes() {
        let base = [
            "--server",
            "http://x",
            "--email",
            "a@b.pl",
            "--password",
            "p",
        ];
        let dump = parse(&strings(&[&base[..], &["--dump", "/tmp/d"]].concat()))
            .unwrap()
            .unwrap();
        assert_eq!(dump.mode, Mode::Dump(PathBuf::from("/tmp/d")));
        let perf = parse(&strings(
            &[&base[..], &["--perf-replica", "/tmp/p", "--people", "500"]].concat(),
        ))
        .unwrap()
        .unwrap();
        assert_eq!(
            perf.mode,
            Mode::PerfReplica {
                dir: PathBuf::from("/tmp/p"),
                people: 500
            }
        );
        assert!(
            parse(&strings(
                &[&base[..], &["--dump", "a", "--perf-replica", "b"]].concat()
            ))
            .is_err()
        );
    }
}
