//! Turns a [`Mail`] into a lettre [`Message`]: the one place that decides the MIME layout.

use lettre::Message;
use lettre::message::header::ContentType;
use lettre::message::{Attachment as LettreAttachment, Mailbox, MultiPart, SinglePart};

use super::{Mail, MailError};

/// Parses the configured sender: `Name <user@host>`, `"Name" <user@host>` or `user@host`.
///
/// Stricter than lettre's own mailbox parser, which accepts and drops trailing text.
pub(super) fn parse_from(from: &str) -> Result<Mailbox, MailError> {
    let trimmed = from.trim();
    let (name, address) = match trimmed.rsplit_once('<') {
        None => (None, trimmed),
        Some((name, rest)) => {
            let address = rest
                .strip_suffix('>')
                .ok_or_else(|| MailError::BadAddress {
                    address: from.to_owned(),
                    reason: "expected `Name <user@host>`".to_owned(),
                })?;
            let name = name.trim();
            let name = name
                .strip_prefix('"')
                .and_then(|n| n.strip_suffix('"'))
                .unwrap_or(name);
            ((!name.is_empty()).then(|| one_line(name)), address)
        }
    };
    let address = address.parse().map_err(|error| bad_address(from, error))?;
    Ok(Mailbox::new(name, address))
}

/// Builds the message: a UTF-8 `text/plain` body, or `multipart/mixed` when there are
/// attachments.
pub(super) fn build(mail: &Mail, from: &Mailbox) -> Result<Message, MailError> {
    let address = mail
        .to
        .trim()
        .parse()
        .map_err(|error| bad_address(&mail.to, error))?;
    let to = Mailbox::new(mail.to_name.as_deref().map(one_line), address);
    let builder = Message::builder()
        .from(from.clone())
        .to(to)
        .subject(one_line(&mail.subject))
        .message_id(None);
    let text = SinglePart::plain(mail.text.clone());
    if mail.attachments.is_empty() {
        return Ok(builder.singlepart(text)?);
    }
    let mut body = MultiPart::mixed().singlepart(text);
    for attachment in &mail.attachments {
        let content_type = ContentType::parse(&attachment.content_type).map_err(|error| {
            MailError::BadAttachment {
                filename: attachment.filename.clone(),
                reason: format!("content type {:?}: {error}", attachment.content_type),
            }
        })?;
        let part = LettreAttachment::new(one_line(&attachment.filename))
            .body(attachment.bytes.clone(), content_type);
        body = body.singlepart(part);
    }
    Ok(builder.multipart(body)?)
}

/// Header values come partly from users (account names in subjects); a line break in one
/// must never start a new header.
fn one_line(value: &str) -> String {
    value
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

fn bad_address(address: &str, error: impl std::fmt::Display) -> MailError {
    MailError::BadAddress {
        address: address.to_owned(),
        reason: error.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mail::Attachment;

    #[test]
    fn reads_sender_forms() {
        let cases = [
            (
                "Localspace <no-reply@localspace.local>",
                "Localspace <no-reply@localspace.local>",
            ),
            (
                "\"Biuro, Łódź\" <biuro@example.com>",
                "\"Biuro, Łódź\" <biuro@example.com>",
            ),
            ("  crm@example.com ", "crm@example.com"),
            ("<crm@example.com>", "crm@example.com"),
        ];
        for (from, expected) in cases {
            assert_eq!(parse_from(from).unwrap().to_string(), expected, "{from:?}");
        }
    }

    #[test]
    fn refuses_bad_senders() {
        for from in [
            "",
            "Localspace",
            "Localspace <no-reply>",
            "A <a@b.pl> junk",
            "A <a@b.pl",
        ] {
            let error = parse_from(from).unwrap_err();
            assert!(
                matches!(error, MailError::BadAddress { .. }),
                "{from:?}: {error:?}"
            );
        }
    }

    #[test]
    fn an_unparsable_content_type_is_a_bad_attachment() {
        let mail = Mail {
            to: "a@example.com".to_owned(),
            to_name: None,
            subject: "s".to_owned(),
            text: "t".to_owned(),
            attachments: vec![Attachment {
                filename: "x.bin".to_owned(),
                content_type: "not a type".to_owned(),
                bytes: vec![1, 2, 3],
            }],
        };
        let from = parse_from("a@example.com").unwrap();
        let error = build(&mail, &from).unwrap_err();
        assert!(
            matches!(error, MailError::BadAttachment { .. }),
            "{error:?}"
        );
    }
}
