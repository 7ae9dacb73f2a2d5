//! `localspace-demo`: seeds the demo account on a running sync server and prints one line
//! saying what it did.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use localspace_demo::{DemoLogin, DemoSizes, seed};

const USAGE: &str = "\
Usage: localspace-demo --server URL --email E --password P [--company C] [--name N] [--small] [--outbox DIR] [--scratch DIR] [--seed N]

Signs up the demo account (or signs in when E is registered) and fills it with a Polish
B2B sales team's records; an account that already holds records is left alone.
  --outbox DIR   the server's mail.outbox_dir: invite three coworkers and accept for them
  --small        60 people instead of 2,000 (for tests)
  --scratch DIR  where the temporary replica lives (default: the system temp folder)";

/// The parsed command line.
#[derive(Debug)]
struct Args {
    server: String,
    login: DemoLogin,
    sizes: DemoSizes,
    scratch: PathBuf,
    seed: u64,
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
    Ok(Some(Args {
        server: server.context("`--server` is required")?,
        login,
        sizes,
        scratch: scratch.unwrap_or_else(|| std::env::temp_dir().join("localspace-demo")),
        seed,
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
    }
}
