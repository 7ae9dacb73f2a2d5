//! The embedded default transport: every message becomes an `.eml` file in a folder, so a
//! development server needs no mail server and tests can read back what was "sent".

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use lettre::message::Mailbox;
use lettre::{AsyncFileTransport, AsyncTransport, Tokio1Executor};

use super::mime::{Params, Part, decode_words, split_multipart};
use super::{ForgetFuture, Mail, MailError, Mailer, SendFuture, message};

/// Writes each message as `<time>-<uuid>.eml` into a folder (created when missing).
#[derive(Clone, Debug)]
pub struct OutboxMailer {
    from: Mailbox,
    dir: PathBuf,
    transport: AsyncFileTransport<Tokio1Executor>,
}

impl OutboxMailer {
    /// An outbox sending as `from` (e.g. `Localspace <no-reply@localspace.local>`) into
    /// `dir`, which is created now if missing.
    pub fn new(from: &str, dir: impl Into<PathBuf>) -> Result<Self, MailError> {
        let dir = dir.into();
        let from = message::parse_from(from)?;
        std::fs::create_dir_all(&dir).map_err(MailError::io("create the outbox folder", &dir))?;
        let transport = AsyncFileTransport::new(&dir);
        Ok(Self {
            from,
            dir,
            transport,
        })
    }

    /// The folder messages are written to.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    async fn write(&self, mail: Mail) -> Result<(), MailError> {
        let message = message::build(&mail, &self.from)?;
        // Someone may have emptied the data folder while the server runs.
        tokio::fs::create_dir_all(&self.dir)
            .await
            .map_err(MailError::io("create the outbox folder", &self.dir))?;
        let id = self.transport.send(message).await?;
        // lettre names the file by a random UUID; a time prefix keeps the outbox in sending
        // order even where file times are too coarse to tell two messages apart.
        let written = self.dir.join(format!("{id}.eml"));
        let named = self.dir.join(format!("{:020}-{id}.eml", next_stamp()));
        tokio::fs::rename(&written, &named)
            .await
            .map_err(MailError::io("rename the outbox file", &written))?;
        tracing::debug!(file = %named.display(), "e-mail written to the outbox");
        Ok(())
    }
}

impl Mailer for OutboxMailer {
    fn send<'a>(&'a self, mail: Mail) -> SendFuture<'a> {
        Box::pin(self.write(mail))
    }

    fn forget<'a>(&'a self, recipients: Vec<String>) -> ForgetFuture<'a> {
        let dir = self.dir.clone();
        Box::pin(async move {
            tokio::task::spawn_blocking(move || remove_mail_to(&dir, &recipients))
                .await
                .map_err(|e| {
                    MailError::io("remove e-mails from", &self.dir)(std::io::Error::other(e))
                })?
        })
    }
}

/// Deletes the outbox files addressed to any of `recipients` (compared without case).
fn remove_mail_to(dir: &Path, recipients: &[String]) -> Result<usize, MailError> {
    let wanted: Vec<String> = recipients.iter().map(|r| r.to_lowercase()).collect();
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(0),
        Err(error) => return Err(MailError::io("read the outbox folder", dir)(error)),
    };
    let mut removed = 0;
    for entry in entries {
        let path = entry
            .map_err(MailError::io("read the outbox folder", dir))?
            .path();
        if path.extension().is_none_or(|extension| extension != "eml") {
            continue;
        }
        let raw = std::fs::read(&path).map_err(MailError::io("read", &path))?;
        // A file that does not parse is not ours to judge; it stays.
        let Ok(mail) = parse_eml(&raw) else { continue };
        if wanted.contains(&mail.to.to_lowercase()) {
            std::fs::remove_file(&path).map_err(MailError::io("remove", &path))?;
            removed += 1;
        }
    }
    Ok(removed)
}

/// Nanoseconds since the Unix epoch, strictly increasing within this process.
fn next_stamp() -> u64 {
    static LAST: AtomicU64 = AtomicU64::new(0);
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| {
            u64::try_from(since.as_nanos()).unwrap_or(u64::MAX)
        });
    let next = |last: u64| now.max(last.saturating_add(1));
    match LAST.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |last| Some(next(last))) {
        Ok(last) | Err(last) => next(last),
    }
}

/// A message read back from the outbox, decoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadMail {
    /// The recipient's bare address, without display name.
    pub to: String,
    /// The subject, RFC 2047 decoded.
    pub subject: String,
    /// The first `text/plain` part, transfer-decoded, with `\n` line ends.
    pub text: String,
    /// File names of the attachments, in message order.
    pub attachments: Vec<String>,
}

/// Reads every `.eml` file in `dir`, oldest first (by modification time, then name); a
/// missing folder reads as empty, and a message still being written is left out. Meant for
/// tests that check what the server sent.
///
/// ```no_run
/// # use localspace_server::mail::read_outbox;
/// let sent = read_outbox("/tmp/server-data/outbox").unwrap();
/// assert!(sent.last().unwrap().text.contains("/reset?token="));
/// ```
pub fn read_outbox(dir: impl AsRef<Path>) -> Result<Vec<ReadMail>, MailError> {
    let dir = dir.as_ref();
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(error) => return Err(MailError::io("read the outbox folder", dir)(error)),
    };
    let mut files = Vec::new();
    for entry in entries {
        let path = entry
            .map_err(MailError::io("read the outbox folder", dir))?
            .path();
        if path.extension().is_none_or(|extension| extension != "eml") || in_flight(&path) {
            continue;
        }
        let modified = std::fs::metadata(&path)
            .and_then(|metadata| metadata.modified())
            .map_err(MailError::io("read the modification time of", &path))?;
        files.push((modified, path));
    }
    files.sort();
    files
        .into_iter()
        .map(|(_, path)| {
            let raw = std::fs::read(&path).map_err(MailError::io("read", &path))?;
            parse_eml(&raw).map_err(|reason| MailError::Malformed { path, reason })
        })
        .collect()
}

/// A file lettre is still writing: named by its bare UUID until [`OutboxMailer`] renames it.
fn in_flight(path: &Path) -> bool {
    let stem = path
        .file_stem()
        .and_then(|stem| stem.to_str())
        .unwrap_or_default();
    stem.len() == 36
        && stem.char_indices().all(|(at, c)| match at {
            8 | 13 | 18 | 23 => c == '-',
            _ => c.is_ascii_hexdigit(),
        })
}

/// Decodes one message as this module writes it (and most others).
pub(super) fn parse_eml(raw: &[u8]) -> Result<ReadMail, String> {
    let raw = String::from_utf8_lossy(raw).replace("\r\n", "\n");
    let message = Part::parse(&raw);
    let to = message.header("to").ok_or("no To header")?;
    let subject = message.header("subject").ok_or("no Subject header")?;
    let mut read = ReadMail {
        to: bare_address(&decode_words(to)).to_owned(),
        subject: decode_words(subject),
        text: String::new(),
        attachments: Vec::new(),
    };
    let mut text = None;
    collect(&message, &mut text, &mut read.attachments);
    read.text = text.unwrap_or_default();
    Ok(read)
}

/// Walks the MIME tree: the first plain-text part is the text, the rest with a file name
/// (or marked `attachment`) are attachments.
fn collect(part: &Part<'_>, text: &mut Option<String>, attachments: &mut Vec<String>) {
    let (kind, params) = part
        .structured("content-type")
        .unwrap_or_else(|| ("text/plain".to_owned(), Params::default()));
    if kind.starts_with("multipart/") {
        if let Some(boundary) = params.get("boundary") {
            for raw in split_multipart(part.body, &boundary) {
                collect(&Part::parse(raw), text, attachments);
            }
        }
        return;
    }
    let disposition = part.structured("content-disposition");
    let filename = disposition
        .as_ref()
        .and_then(|(_, params)| params.get("filename"))
        .or_else(|| params.get("name"));
    let is_attachment = disposition
        .as_ref()
        .is_some_and(|(kind, _)| kind == "attachment");
    if is_attachment {
        attachments.push(filename.unwrap_or_default());
    } else if kind == "text/plain" && text.is_none() {
        *text = Some(part.decoded_text().replace("\r\n", "\n"));
    } else if let Some(filename) = filename {
        attachments.push(filename);
    }
}

/// `Anna Nowak <anna@example.com>` → `anna@example.com`.
fn bare_address(mailbox: &str) -> &str {
    mailbox
        .rsplit_once('<')
        .and_then(|(_, rest)| rest.split_once('>'))
        .map_or(mailbox, |(address, _)| address)
        .trim()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mail::Attachment;

    const FROM: &str = "Localspace <no-reply@localspace.local>";
    const SUBJECT: &str = "Zaproszenie do Łódź Sp. z o.o.";
    const TEXT: &str = "Dzień dobry,\n\nZażółć gęślą jaźń: ąćęłńóśźż ĄĆĘŁŃÓŚŹŻ.\n";

    fn mail(to: &str, subject: &str, text: &str) -> Mail {
        Mail {
            to: to.to_owned(),
            to_name: Some("Żaneta Łęcka".to_owned()),
            subject: subject.to_owned(),
            text: text.to_owned(),
            attachments: Vec::new(),
        }
    }

    #[tokio::test]
    async fn polish_text_survives_the_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let outbox = OutboxMailer::new(FROM, dir.path()).unwrap();
        outbox
            .send(mail("zaneta@example.com", SUBJECT, TEXT))
            .await
            .unwrap();

        let sent = read_outbox(dir.path()).unwrap();
        assert_eq!(
            sent,
            [ReadMail {
                to: "zaneta@example.com".to_owned(),
                subject: SUBJECT.to_owned(),
                text: TEXT.to_owned(),
                attachments: Vec::new(),
            }]
        );
    }

    #[tokio::test]
    async fn long_subjects_and_lines_are_folded_and_unfolded() {
        let subject = "Zaproszenie do konta Przedsiębiorstwo Handlowo-Usługowe „Źdźbło” \
                       Łódź Sp. z o.o. w Localspace – ąćęłńóśźż";
        let text = format!("{}\n{}\n", "żółć ".repeat(40), "a".repeat(200));
        let dir = tempfile::tempdir().unwrap();
        let outbox = OutboxMailer::new(FROM, dir.path()).unwrap();
        outbox
            .send(mail("a@example.com", subject, &text))
            .await
            .unwrap();

        let raw = only_file(dir.path());
        assert!(raw.lines().all(|line| line.len() <= 998), "{raw}");
        let sent = read_outbox(dir.path()).unwrap();
        assert_eq!(
            (sent[0].subject.as_str(), sent[0].text.as_str()),
            (subject, text.as_str())
        );
    }

    #[tokio::test]
    async fn attachments_are_listed_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let outbox = OutboxMailer::new(FROM, dir.path()).unwrap();
        let mut invoice = mail("ksiegowosc@example.com", "Faktura FV/2026/11/0001", TEXT);
        invoice.attachments = vec![
            Attachment {
                filename: "FV-2026-11-0001 Łódź.pdf".to_owned(),
                content_type: "application/pdf".to_owned(),
                bytes: b"%PDF-1.7\n\xff\xfe binary".to_vec(),
            },
            Attachment {
                filename: "notes.txt".to_owned(),
                content_type: "text/plain; charset=utf-8".to_owned(),
                bytes: "not the body".as_bytes().to_vec(),
            },
        ];
        outbox.send(invoice).await.unwrap();

        let sent = read_outbox(dir.path()).unwrap();
        assert_eq!(sent[0].text, TEXT);
        assert_eq!(
            sent[0].attachments,
            ["FV-2026-11-0001 Łódź.pdf", "notes.txt"]
        );
        assert!(only_file(dir.path()).contains("multipart/mixed"));
    }

    #[tokio::test]
    async fn reads_back_in_sending_order() {
        let dir = tempfile::tempdir().unwrap();
        let outbox = OutboxMailer::new(FROM, dir.path()).unwrap();
        for n in 0..12 {
            outbox
                .send(mail("a@example.com", &format!("nr {n}"), TEXT))
                .await
                .unwrap();
        }
        let subjects: Vec<String> = read_outbox(dir.path())
            .unwrap()
            .into_iter()
            .map(|m| m.subject)
            .collect();
        let expected: Vec<String> = (0..12).map(|n| format!("nr {n}")).collect();
        assert_eq!(subjects, expected);
    }

    #[tokio::test]
    async fn creates_the_folder_and_recreates_it_if_removed() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("data").join("outbox");
        assert_eq!(read_outbox(&dir).unwrap(), []);
        let outbox = OutboxMailer::new(FROM, &dir).unwrap();
        assert!(dir.is_dir());
        assert_eq!(outbox.dir(), dir);

        std::fs::remove_dir_all(root.path().join("data")).unwrap();
        outbox
            .send(mail("a@example.com", SUBJECT, TEXT))
            .await
            .unwrap();
        assert_eq!(read_outbox(&dir).unwrap().len(), 1);
    }

    #[tokio::test]
    async fn bad_addresses_are_refused_before_anything_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let outbox = OutboxMailer::new(FROM, dir.path()).unwrap();
        for to in [
            "",
            "anna",
            "anna@",
            "@example.com",
            "Anna <anna@example.com>",
            "a b@c.pl",
        ] {
            let error = outbox.send(mail(to, SUBJECT, TEXT)).await.unwrap_err();
            assert!(
                matches!(error, MailError::BadAddress { .. }),
                "{to:?}: {error:?}"
            );
        }
        assert_eq!(read_outbox(dir.path()).unwrap(), []);

        for from in [
            "",
            "Localspace",
            "Localspace <no-reply>",
            "Localspace <a@b.pl> junk",
        ] {
            let error = OutboxMailer::new(from, dir.path()).unwrap_err();
            assert!(
                matches!(error, MailError::BadAddress { .. }),
                "{from:?}: {error:?}"
            );
        }
    }

    #[tokio::test]
    async fn line_breaks_in_user_text_cannot_add_headers() {
        let dir = tempfile::tempdir().unwrap();
        let outbox = OutboxMailer::new(FROM, dir.path()).unwrap();
        let mut evil = mail("a@example.com", "Konto X\r\nBcc: evil@example.com", TEXT);
        evil.to_name = Some("Anna\r\nBcc: evil@example.com".to_owned());
        outbox.send(evil).await.unwrap();

        let raw = only_file(dir.path());
        assert!(!raw.lines().any(|line| line.starts_with("Bcc:")), "{raw}");
        assert_eq!(
            read_outbox(dir.path()).unwrap()[0].subject,
            "Konto X  Bcc: evil@example.com"
        );
    }

    #[test]
    fn malformed_files_are_errors_and_other_files_are_ignored() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("notes.txt"), "not a message").unwrap();
        // Half-written by lettre, not yet renamed.
        let in_flight = dir.path().join("0b7e3c7a-4f6d-4a8e-9d2c-1f0e5a6b7c8d.eml");
        std::fs::write(in_flight, "To: a@example.com\r\nSubj").unwrap();
        assert_eq!(read_outbox(dir.path()).unwrap(), []);

        std::fs::write(dir.path().join("broken.eml"), b"\xff\xfe\x00garbage").unwrap();
        let error = read_outbox(dir.path()).unwrap_err();
        assert!(matches!(error, MailError::Malformed { .. }), "{error:?}");
    }

    #[test]
    fn reads_messages_written_elsewhere() {
        let raw = "To: \"Nowak, Anna\" <anna@example.com>\r\n\
                   Subject: =?UTF-8?Q?Faktura_za_listopad_=E2=80=93_=C5=81=C3=B3d=C5=BA?=\r\n\
                   Content-Type: multipart/alternative; boundary=\"xyz\"\r\n\r\n\
                   --xyz\r\nContent-Type: text/plain; charset=iso-8859-1\r\n\
                   Content-Transfer-Encoding: quoted-printable\r\n\r\ncaf=E9\r\n\
                   --xyz\r\nContent-Type: text/html\r\n\r\n<p>caf&eacute;</p>\r\n--xyz--\r\n";
        let read = parse_eml(raw.as_bytes()).unwrap();
        assert_eq!(read.to, "anna@example.com");
        assert_eq!(read.subject, "Faktura za listopad – Łódź");
        assert_eq!(read.text, "café");
        assert_eq!(read.attachments, Vec::<String>::new());
    }

    fn only_file(dir: &Path) -> String {
        let files: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        assert_eq!(files.len(), 1, "{files:?}");
        std::fs::read_to_string(&files[0]).unwrap()
    }
}
