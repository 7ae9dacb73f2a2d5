//! Outgoing e-mail (invitations, password resets, invoices): what a message is, the
//! [`Mailer`] that sends it, and the texts. SMTP in production; an outbox folder of `.eml`
//! files by default, which tests read back with [`read_outbox`].

mod config;
mod error;
mod lang;
mod message;
mod mime;
mod outbox;
mod smtp;
pub mod templates;

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

pub use config::{MailConfig, SmtpConfig, SmtpSecurity};
pub use error::MailError;
pub use lang::Lang;
pub use outbox::{OutboxMailer, ReadMail, read_outbox};
pub use smtp::SmtpMailer;

/// A file sent with a message, e.g. an invoice PDF.
#[derive(Clone, PartialEq, Eq)]
pub struct Attachment {
    /// The name the recipient sees, e.g. `FV-2026-11-0001.pdf`.
    pub filename: String,
    /// A MIME type such as `application/pdf`.
    pub content_type: String,
    /// The file's content.
    pub bytes: Vec<u8>,
}

impl fmt::Debug for Attachment {
    // A PDF's bytes do not belong in a log line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Attachment")
            .field("filename", &self.filename)
            .field("content_type", &self.content_type)
            .field("bytes", &format_args!("<{} bytes>", self.bytes.len()))
            .finish()
    }
}

/// One plain-text message to one recipient.
///
/// ```
/// # use localspace_server::mail::{Lang, Mail, templates};
/// let (subject, text) = templates::password_reset(Lang::Pl, "https://crm.example.com/r/abc");
/// let mail = Mail {
///     to: "anna@example.com".to_owned(),
///     to_name: Some("Anna Nowak".to_owned()),
///     subject,
///     text,
///     attachments: Vec::new(),
/// };
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mail {
    /// The bare recipient address, `anna@example.com`; anything else is
    /// [`MailError::BadAddress`].
    pub to: String,
    /// The recipient's display name.
    pub to_name: Option<String>,
    /// The subject, any Unicode; line breaks become spaces.
    pub subject: String,
    /// The body, sent as UTF-8 `text/plain`.
    pub text: String,
    /// Files to attach; with any, the message is `multipart/mixed`.
    pub attachments: Vec<Attachment>,
}

/// The future returned by [`Mailer::send`].
pub type SendFuture<'a> = Pin<Box<dyn Future<Output = Result<(), MailError>> + Send + 'a>>;

/// Sends e-mail. Object-safe so the server holds an `Arc<dyn Mailer>` chosen at start-up.
pub trait Mailer: Send + Sync + fmt::Debug {
    /// Sends one message; returns once it is handed over (written to the outbox or accepted
    /// by the SMTP server).
    fn send<'a>(&'a self, mail: Mail) -> SendFuture<'a>;

    /// Removes the messages kept for these recipients (a deleted account's people); returns
    /// how many. A transport that keeps nothing once a message is handed over (SMTP) has
    /// nothing to remove.
    fn forget<'a>(&'a self, recipients: Vec<String>) -> ForgetFuture<'a> {
        let _ = recipients;
        Box::pin(async { Ok(0) })
    }
}

/// The future returned by [`Mailer::forget`].
pub type ForgetFuture<'a> = Pin<Box<dyn Future<Output = Result<usize, MailError>> + Send + 'a>>;

/// The mailer the configuration asks for: SMTP when `smtp` is set, otherwise the outbox.
///
/// With SMTP this must be called, and the mailer dropped, inside a Tokio runtime: lettre's
/// connection pool runs a background task.
pub fn mailer_from_config(config: &MailConfig) -> Result<Arc<dyn Mailer>, MailError> {
    Ok(match &config.smtp {
        Some(smtp) => Arc::new(SmtpMailer::new(&config.from, smtp)?),
        None => Arc::new(OutboxMailer::new(&config.from, &config.outbox_dir)?),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mail() -> Mail {
        Mail {
            to: "anna@example.com".to_owned(),
            to_name: None,
            subject: "Zaproszenie do Łódź Sp. z o.o.".to_owned(),
            text: "ąćęłńóśźż\n".to_owned(),
            attachments: Vec::new(),
        }
    }

    #[tokio::test]
    async fn without_smtp_the_config_gives_the_outbox() {
        let dir = tempfile::tempdir().unwrap();
        let config = MailConfig {
            outbox_dir: dir.path().join("outbox"),
            ..MailConfig::default()
        };
        let mailer = mailer_from_config(&config).unwrap();
        assert!(
            format!("{mailer:?}").starts_with("OutboxMailer"),
            "{mailer:?}"
        );

        mailer.send(mail()).await.unwrap();
        let sent = read_outbox(&config.outbox_dir).unwrap();
        assert_eq!(sent.len(), 1);
        assert_eq!(sent[0].subject, "Zaproszenie do Łódź Sp. z o.o.");
    }

    #[tokio::test]
    async fn with_smtp_the_config_gives_smtp() {
        let smtp = SmtpConfig {
            host: "smtp.example.com".to_owned(),
            port: 587,
            username: None,
            password: None,
            security: SmtpSecurity::StartTls,
        };
        let config = MailConfig {
            smtp: Some(smtp),
            ..MailConfig::default()
        };
        let mailer = mailer_from_config(&config).unwrap();
        assert!(
            format!("{mailer:?}").starts_with("SmtpMailer"),
            "{mailer:?}"
        );
    }

    #[test]
    fn a_bad_sender_in_the_config_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let config = MailConfig {
            from: "Localspace".to_owned(),
            outbox_dir: dir.path().to_owned(),
            smtp: None,
        };
        let error = mailer_from_config(&config).unwrap_err();
        assert!(matches!(error, MailError::BadAddress { .. }), "{error:?}");
    }

    #[test]
    fn attachment_debug_shows_size_not_bytes() {
        let attachment = Attachment {
            filename: "FV.pdf".to_owned(),
            content_type: "application/pdf".to_owned(),
            bytes: vec![0x25; 4096],
        };
        let printed = format!("{attachment:?}");
        assert!(
            printed.contains("<4096 bytes>") && !printed.contains("37, 37"),
            "{printed}"
        );
    }
}
