//! The HTTP API against a real server on a loopback port, with real SQLite files and the
//! `.eml` outbox, on a manual clock.

mod accounts;
mod automation;
mod billing;
mod billing_changes;
mod billing_guards;
mod coworkers;
mod dev_clock;
mod exports;
mod files;
mod garbage;
mod isolation;
mod lifecycle;
mod passwords;
mod support;
