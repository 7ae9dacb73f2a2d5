//! Server configuration in layers: defaults, then a TOML file, then `LOCALSPACE_*`
//! environment variables. Secrets never appear in `Debug` output.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::backup::BackupConfig;
use crate::billing::BillingConfig;
use crate::files::FilesConfig;
use crate::mail::MailConfig;

/// Everything the server reads at start.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Address to listen on.
    pub listen: SocketAddr,
    /// The URL people reach the server at (links in e-mails).
    pub public_url: String,
    /// Folder for the database file and blobs.
    pub data_dir: PathBuf,
    /// TLS certificate and key (PEM); HTTPS when both are set.
    pub tls_cert: Option<PathBuf>,
    pub tls_key: Option<PathBuf>,
    /// Largest request body accepted, in bytes.
    pub max_body_bytes: usize,
    /// Longest time a request may take, in seconds.
    pub request_timeout_s: u64,
    /// Trial length in days.
    pub trial_days: i64,
    /// Seats an account has during its trial.
    pub trial_seats: u32,
    /// Sessions unused this long expire.
    pub session_idle_days: i64,
    /// Invitations expire after this many days.
    pub invitation_days: i64,
    /// Days between an admin's request to delete the account and the deletion.
    pub deletion_delay_days: i64,
    /// Hours an advanced export's archive is kept for download before it is removed.
    pub export_keep_hours: i64,
    /// Failed sign-ins allowed per e-mail, and requests per IP, per 15 minutes.
    pub sign_in_per_email: u32,
    pub requests_per_ip: u32,
    /// Cheap password hashing, for tests only.
    pub fast_hashing: bool,
    pub mail: MailConfig,
    /// Seller on invoices and the payment provider.
    pub billing: BillingConfig,
    /// Upload limits and the quota's unit.
    pub files: FilesConfig,
    /// Snapshots: where, how often, how long they are kept.
    pub backup: BackupConfig,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            listen: SocketAddr::from(([127, 0, 0, 1], 8787)),
            public_url: "http://127.0.0.1:8787".into(),
            data_dir: PathBuf::from("localspace-data"),
            tls_cert: None,
            tls_key: None,
            max_body_bytes: 1024 * 1024,
            request_timeout_s: 30,
            trial_days: 14,
            trial_seats: 5,
            session_idle_days: 90,
            invitation_days: 7,
            deletion_delay_days: 7,
            export_keep_hours: 24,
            sign_in_per_email: 10,
            requests_per_ip: 100,
            fast_hashing: false,
            mail: MailConfig {
                from: "Localspace <no-reply@localspace.local>".into(),
                outbox_dir: PathBuf::from("localspace-data/outbox"),
                smtp: None,
            },
            billing: BillingConfig::default(),
            files: FilesConfig::default(),
            backup: BackupConfig::default(),
        }
    }
}

/// Why the configuration cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: {message}")]
    Parse { path: PathBuf, message: String },
    #[error("environment variable {name}: {message}")]
    Env { name: String, message: String },
}

impl Config {
    /// Defaults, overlaid with `file` (when given) and then the environment.
    pub fn load(
        file: Option<&Path>,
        env: impl IntoIterator<Item = (String, String)>,
    ) -> Result<Config, ConfigError> {
        let mut table =
            toml::Table::try_from(Config::default()).map_err(|e| ConfigError::Parse {
                path: "defaults".into(),
                message: e.to_string(),
            })?;
        if let Some(path) = file {
            let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
                path: path.into(),
                source,
            })?;
            let overlay: toml::Table =
                text.parse()
                    .map_err(|e: toml::de::Error| ConfigError::Parse {
                        path: path.into(),
                        message: e.to_string(),
                    })?;
            merge(&mut table, overlay);
        }
        for (name, value) in env {
            let Some(key) = name.strip_prefix("LOCALSPACE_") else {
                continue;
            };
            if key == "CONFIG" || key == "LOG" || DESKTOP_VARIABLES.contains(&key) {
                continue;
            }
            // LOCALSPACE_MAIL__SMTP__HOST → mail.smtp.host
            let path: Vec<String> = key.to_lowercase().split("__").map(str::to_owned).collect();
            let parsed = parse_env_value(&value);
            set_path(&mut table, &path, parsed).map_err(|message| ConfigError::Env {
                name: name.clone(),
                message,
            })?;
        }
        let config: Config =
            toml::Value::Table(table)
                .try_into()
                .map_err(|e: toml::de::Error| ConfigError::Parse {
                    path: "configuration".into(),
                    message: e.to_string(),
                })?;
        Ok(config)
    }

    /// The SQLite file of the embedded store.
    pub fn database_path(&self) -> PathBuf {
        self.data_dir.join("localspace.sqlite")
    }

    /// The folder of blob bytes: `files.blob_dir`, relative to `data_dir`.
    pub fn blob_dir(&self) -> PathBuf {
        self.data_dir
            .join(self.files.blob_dir.as_deref().unwrap_or(Path::new("blobs")))
    }
}

/// Variables of the desktop app and the demo seeder that share the prefix; a shell that set
/// them for the app still starts the server.
const DESKTOP_VARIABLES: &[&str] = &[
    "APP_DATA_DIR",
    "SERVER_URL",
    "DEMO_EMAIL",
    "DEMO_PASSWORD",
    "PICK_FILE",
    "SAVE_DIR",
];

fn parse_env_value(value: &str) -> toml::Value {
    // Numbers and booleans as TOML would read them; anything else is a string.
    format!("v = {value}")
        .parse::<toml::Table>()
        .ok()
        .and_then(|mut t| t.remove("v"))
        .filter(|v| !v.is_str())
        .unwrap_or_else(|| toml::Value::String(value.to_owned()))
}

fn merge(base: &mut toml::Table, overlay: toml::Table) {
    for (key, value) in overlay {
        match (base.get_mut(&key), value) {
            (Some(toml::Value::Table(b)), toml::Value::Table(o)) => merge(b, o),
            (_, value) => {
                base.insert(key, value);
            }
        }
    }
}

fn set_path(table: &mut toml::Table, path: &[String], value: toml::Value) -> Result<(), String> {
    match path {
        [] => Err("empty name".into()),
        [last] => {
            table.insert(last.clone(), value);
            Ok(())
        }
        [first, rest @ ..] => {
            let entry = table
                .entry(first.clone())
                .or_insert_with(|| toml::Value::Table(toml::Table::new()));
            match entry {
                toml::Value::Table(inner) => set_path(inner, rest, value),
                _ => Err(format!("`{first}` is not a section")),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layers_apply_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("server.toml");
        std::fs::write(&file, "trial_days = 30\npublic_url = \"https://crm.example.pl\"\n[mail]\nfrom = \"CRM <crm@example.pl>\"\n").unwrap();
        let env = [
            ("LOCALSPACE_TRIAL_DAYS".to_owned(), "21".to_owned()),
            (
                "LOCALSPACE_MAIL__SMTP__HOST".to_owned(),
                "smtp.example.pl".to_owned(),
            ),
            ("LOCALSPACE_MAIL__SMTP__PORT".to_owned(), "587".to_owned()),
            (
                "LOCALSPACE_MAIL__SMTP__SECURITY".to_owned(),
                "start_tls".to_owned(),
            ),
            (
                "LOCALSPACE_MAIL__SMTP__PASSWORD".to_owned(),
                "sekret-hasło".to_owned(),
            ),
            ("PATH".to_owned(), "/usr/bin".to_owned()),
        ];
        let config = Config::load(Some(&file), env).unwrap();
        assert_eq!(config.trial_days, 21);
        assert_eq!(config.public_url, "https://crm.example.pl");
        assert_eq!(config.mail.from, "CRM <crm@example.pl>");
        let smtp = config.mail.smtp.as_ref().unwrap();
        assert_eq!((smtp.host.as_str(), smtp.port), ("smtp.example.pl", 587));
        assert!(
            !format!("{config:?}").contains("sekret"),
            "secrets are redacted"
        );
        assert_eq!(config.max_body_bytes, Config::default().max_body_bytes);
    }

    #[test]
    fn unknown_keys_and_bad_values_are_clear_errors() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("server.toml");
        std::fs::write(&file, "trial_dayz = 30\n").unwrap();
        assert!(matches!(
            Config::load(Some(&file), []),
            Err(ConfigError::Parse { .. })
        ));
        let env = [("LOCALSPACE_TRIAL_DAYS".to_owned(), "many".to_owned())];
        assert!(Config::load(None, env).is_err());
        let env = [("LOCALSPACE_TRIAL_DAYZ".to_owned(), "30".to_owned())];
        assert!(
            Config::load(None, env).is_err(),
            "a misspelt setting is an error"
        );
    }

    #[test]
    fn the_desktop_apps_variables_are_not_server_settings() {
        let env = [
            ("LOCALSPACE_APP_DATA_DIR".to_owned(), "/tmp/app".to_owned()),
            (
                "LOCALSPACE_SERVER_URL".to_owned(),
                "http://127.0.0.1:1".to_owned(),
            ),
        ];
        assert!(Config::load(None, env).is_ok());
    }
}
