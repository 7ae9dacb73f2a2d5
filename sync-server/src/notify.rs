//! Sending the account e-mails (welcome, invitation, password reset and change). A failed
//! send is logged, not shown: the answer to a reset request must not depend on it.

use crate::mail::{Lang, Mail};
use crate::state::AppState;

/// The mail language of a user's language setting.
pub fn lang(code: &str) -> Lang {
    if code == "en" { Lang::En } else { Lang::Pl }
}

/// Sends a plain-text message.
pub async fn send(state: &AppState, to: &str, name: &str, subject: String, text: String) {
    let mail = Mail {
        to: to.to_owned(),
        to_name: Some(name.to_owned()),
        subject,
        text,
        attachments: Vec::new(),
    };
    if let Err(error) = state.mailer.send(mail).await {
        tracing::error!(%error, "sending mail failed");
    }
}
