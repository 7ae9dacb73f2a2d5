//! Runs child processes with their command line echoed, turning a failure into an error.

use std::process::{Command, Stdio};

use anyhow::{Context, Result, bail};

/// Runs `command` with inherited output and fails unless it exits successfully.
pub fn run(command: &mut Command) -> Result<()> {
    let line = display(command);
    println!("$ {line}");
    let status = command
        .status()
        .with_context(|| format!("could not start `{line}`"))?;
    if !status.success() {
        bail!("`{line}` failed ({status})");
    }
    Ok(())
}

/// Whether `command` runs and exits successfully, with its output discarded.
pub fn succeeds(command: &mut Command) -> bool {
    command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}

fn display(command: &Command) -> String {
    // Show `cargo` rather than the toolchain's absolute path that `$CARGO` holds.
    let program = std::path::Path::new(command.get_program())
        .file_name()
        .unwrap_or(command.get_program())
        .to_string_lossy()
        .into_owned();
    let args = command.get_args().map(|arg| arg.to_string_lossy());
    std::iter::once(program.into())
        .chain(args)
        .collect::<Vec<_>>()
        .join(" ")
}
