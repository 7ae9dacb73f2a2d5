//! The one error type of the mail module, so callers map mail failures in one place.

use std::path::PathBuf;

/// Everything that can go wrong while building, sending or reading back an e-mail.
#[derive(Debug, thiserror::Error)]
pub enum MailError {
    /// An address (sender or recipient) is not a valid e-mail address.
    #[error("invalid e-mail address {address:?}: {reason}")]
    BadAddress {
        /// The address as given.
        address: String,
        /// Why it was refused.
        reason: String,
    },
    /// An attachment cannot be put into a message (e.g. an unparsable content type).
    #[error("invalid attachment {filename:?}: {reason}")]
    BadAttachment {
        /// The attachment's file name.
        filename: String,
        /// Why it was refused.
        reason: String,
    },
    /// lettre refused to assemble the message.
    #[error("could not build the e-mail: {0}")]
    Build(#[from] lettre::error::Error),
    /// The SMTP server could not be reached or refused the message.
    #[error("SMTP delivery failed: {0}")]
    Smtp(#[from] lettre::transport::smtp::Error),
    /// The message could not be written to the outbox folder.
    #[error("could not write the e-mail to the outbox: {0}")]
    Outbox(#[from] lettre::transport::file::Error),
    /// A file-system operation on the outbox folder failed.
    #[error("could not {action} {}: {source}", path.display())]
    Io {
        /// What we were doing, e.g. "create the outbox folder".
        action: &'static str,
        /// The path it was done to.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// An `.eml` file in the outbox lacks what every message has (recipient, subject).
    #[error("malformed e-mail {}: {reason}", path.display())]
    Malformed {
        /// The offending file.
        path: PathBuf,
        /// What is missing or wrong.
        reason: String,
    },
}

impl MailError {
    pub(super) fn io(
        action: &'static str,
        path: impl Into<PathBuf>,
    ) -> impl FnOnce(std::io::Error) -> Self {
        let path = path.into();
        move |source| Self::Io {
            action,
            path,
            source,
        }
    }
}
