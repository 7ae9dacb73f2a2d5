//! End-to-end: the desktop's Rust API client against a real server on a loopback port.

mod accounts;
mod advanced_export;
mod apps;
mod archive_import;
mod automation;
mod automation_app;
mod backups;
mod billing;
mod compaction;
mod deletion;
mod desktop_app;
mod devices;
mod files;
mod https;
mod live;
mod permissions;
mod restore;
mod sync;
mod visibility;
