//! How the server is told where mail goes: an outbox folder by default, SMTP when configured.

use std::fmt;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

/// The `[mail]` section of the server configuration.
///
/// Without `smtp`, messages are written as `.eml` files into `outbox_dir`, so a development
/// server needs no mail server.
///
/// ```
/// # use localspace_server::mail::{MailConfig, SmtpSecurity};
/// let config: MailConfig = toml::from_str(r#"
///     from = "Localspace <no-reply@example.com>"
///     [smtp]
///     host = "smtp.example.com"
///     port = 587
///     username = "no-reply@example.com"
///     password = "secret"
/// "#).unwrap();
/// assert_eq!(config.smtp.unwrap().security, SmtpSecurity::StartTls);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MailConfig {
    /// The sender, with or without a display name: `Localspace <no-reply@localspace.local>`.
    pub from: String,
    /// Where the outbox writes `.eml` files when `smtp` is absent; relative paths are taken
    /// from the server's working directory.
    pub outbox_dir: PathBuf,
    /// Send through this SMTP server instead of the outbox.
    pub smtp: Option<SmtpConfig>,
}

impl Default for MailConfig {
    fn default() -> Self {
        Self {
            from: "Localspace <no-reply@localspace.local>".to_owned(),
            outbox_dir: PathBuf::from("outbox"),
            smtp: None,
        }
    }
}

/// An SMTP relay to submit mail to.
///
/// `Serialize` writes the password in clear (the server layers its configuration through
/// TOML tables); only `Debug` redacts it.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SmtpConfig {
    /// Host name; with TLS it is also the name the certificate must carry.
    pub host: String,
    /// Port: usually 587 with `start_tls`, 465 with `tls`, 25 with `none`.
    pub port: u16,
    /// User name for SMTP AUTH; no authentication when absent.
    #[serde(default)]
    pub username: Option<String>,
    /// Password for SMTP AUTH; never printed by `Debug`.
    #[serde(default)]
    pub password: Option<String>,
    /// How the connection is encrypted.
    #[serde(default)]
    pub security: SmtpSecurity,
}

impl fmt::Debug for SmtpConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SmtpConfig")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("username", &self.username)
            .field("password", &self.password.as_ref().map(|_| "<redacted>"))
            .field("security", &self.security)
            .finish()
    }
}

/// Transport security of the SMTP connection.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SmtpSecurity {
    /// Plain text, no encryption: only for a relay on the same machine or in tests.
    None,
    /// Connect in plain text, then require `STARTTLS` before anything else is sent.
    #[default]
    StartTls,
    /// TLS from the first byte (SMTPS, "implicit TLS").
    Tls,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn smtp() -> SmtpConfig {
        SmtpConfig {
            host: "smtp.example.com".to_owned(),
            port: 587,
            username: Some("no-reply@example.com".to_owned()),
            password: Some("hunter2-tajne".to_owned()),
            security: SmtpSecurity::StartTls,
        }
    }

    #[test]
    fn debug_redacts_the_password() {
        let config = MailConfig {
            smtp: Some(smtp()),
            ..MailConfig::default()
        };
        let printed = format!("{config:?} {config:#?}");
        assert!(!printed.contains("hunter2"), "{printed}");
        assert!(printed.contains("<redacted>"), "{printed}");
        assert!(printed.contains("no-reply@example.com"), "{printed}");
    }

    #[test]
    fn reads_from_toml_with_defaults() {
        let config: MailConfig = toml::from_str("").unwrap();
        assert_eq!(config, MailConfig::default());

        let config: MailConfig = toml::from_str(
            r#"
            from = "CRM <crm@example.com>"
            outbox_dir = "/var/lib/localspace/outbox"
            [smtp]
            host = "smtp.example.com"
            port = 587
            username = "no-reply@example.com"
            password = "hunter2-tajne"
            "#,
        )
        .unwrap();
        assert_eq!(config.from, "CRM <crm@example.com>");
        assert_eq!(
            config.outbox_dir,
            PathBuf::from("/var/lib/localspace/outbox")
        );
        assert_eq!(config.smtp, Some(smtp()));
    }

    #[test]
    fn reads_each_security_mode_in_snake_case() {
        let cases = [
            ("none", SmtpSecurity::None),
            ("start_tls", SmtpSecurity::StartTls),
            ("tls", SmtpSecurity::Tls),
        ];
        for (text, expected) in cases {
            let toml = format!("host = \"h\"\nport = 25\nsecurity = \"{text}\"");
            let config: SmtpConfig = toml::from_str(&toml).unwrap();
            assert_eq!(config.security, expected, "{text}");
        }
    }

    #[test]
    fn round_trips_through_toml() {
        let configs = [
            MailConfig::default(),
            MailConfig {
                smtp: Some(smtp()),
                ..MailConfig::default()
            },
        ];
        for config in configs {
            let table = toml::Table::try_from(&config).unwrap();
            let back: MailConfig = toml::Value::Table(table).try_into().unwrap();
            assert_eq!(back, config);
        }
    }

    #[test]
    fn refuses_unknown_keys() {
        let typo = "host = \"h\"\nport = 25\npasword = \"x\"";
        assert!(toml::from_str::<SmtpConfig>(typo).is_err());
    }
}
