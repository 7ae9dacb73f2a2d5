//! Delivery through an SMTP relay, for production servers.

use std::fmt;

use lettre::message::Mailbox;
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};

use super::{Mail, MailError, Mailer, SendFuture, SmtpConfig, SmtpSecurity, message};

/// Submits messages to an SMTP server over pooled connections.
///
/// Must be created and dropped inside a Tokio runtime (lettre's pool runs a task).
#[derive(Clone)]
pub struct SmtpMailer {
    from: Mailbox,
    host: String,
    port: u16,
    security: SmtpSecurity,
    transport: AsyncSmtpTransport<Tokio1Executor>,
}

impl SmtpMailer {
    /// A mailer sending as `from` through the server in `config`. Nothing is connected yet:
    /// an unreachable server shows on the first [`Mailer::send`].
    pub fn new(from: &str, config: &SmtpConfig) -> Result<Self, MailError> {
        let from = message::parse_from(from)?;
        let host = config.host.as_str();
        let mut builder = match config.security {
            SmtpSecurity::None => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host),
            SmtpSecurity::StartTls => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(host)?,
            SmtpSecurity::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(host)?,
        }
        .port(config.port);
        if let Some(username) = &config.username {
            let password = config.password.clone().unwrap_or_default();
            builder = builder.credentials(Credentials::new(username.clone(), password));
        }
        Ok(Self {
            from,
            host: config.host.clone(),
            port: config.port,
            security: config.security,
            transport: builder.build(),
        })
    }

    async fn submit(&self, mail: Mail) -> Result<(), MailError> {
        let message = message::build(&mail, &self.from)?;
        let response = self.transport.send(message).await?;
        tracing::debug!(host = %self.host, code = %response.code(), "e-mail accepted by SMTP");
        Ok(())
    }
}

impl Mailer for SmtpMailer {
    fn send<'a>(&'a self, mail: Mail) -> SendFuture<'a> {
        Box::pin(self.submit(mail))
    }
}

impl fmt::Debug for SmtpMailer {
    // What identifies the relay; the transport's own Debug is long and says little.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SmtpMailer")
            .field("from", &self.from.to_string())
            .field("host", &self.host)
            .field("port", &self.port)
            .field("security", &self.security)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use base64::Engine as _;
    use base64::engine::general_purpose::STANDARD as BASE64;
    use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
    use tokio::net::TcpListener;
    use tokio::sync::mpsc;

    use super::*;
    use crate::mail::outbox::parse_eml;

    /// What the fake server saw of one message: the commands before DATA, and the data.
    #[derive(Debug)]
    struct Received {
        commands: Vec<String>,
        data: String,
    }

    /// A one-connection SMTP server speaking just enough of the protocol for lettre.
    async fn fake_smtp() -> (u16, mpsc::UnboundedReceiver<Received>) {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let (tx, rx) = mpsc::unbounded_channel();
        tokio::spawn(async move {
            let (stream, _) = listener.accept().await.unwrap();
            let (read, mut write) = stream.into_split();
            let mut lines = BufReader::new(read).lines();
            write.write_all(b"220 fake.test ESMTP\r\n").await.unwrap();
            let mut commands = Vec::new();
            while let Ok(Some(line)) = lines.next_line().await {
                let verb = line
                    .split([' ', ':'])
                    .next()
                    .unwrap_or_default()
                    .to_ascii_uppercase();
                let reply: &[u8] = match verb.as_str() {
                    "EHLO" => b"250-fake.test\r\n250 AUTH PLAIN LOGIN\r\n",
                    "AUTH" => b"235 2.7.0 accepted\r\n",
                    "DATA" => {
                        write.write_all(b"354 go ahead\r\n").await.unwrap();
                        let mut data = String::new();
                        while let Ok(Some(line)) = lines.next_line().await {
                            if line == "." {
                                break;
                            }
                            // Undo dot-stuffing.
                            data.push_str(line.strip_prefix('.').unwrap_or(&line));
                            data.push_str("\r\n");
                        }
                        let commands = std::mem::take(&mut commands);
                        tx.send(Received { commands, data }).unwrap();
                        b"250 2.0.0 queued\r\n"
                    }
                    "QUIT" => {
                        write.write_all(b"221 bye\r\n").await.unwrap();
                        break;
                    }
                    _ => b"250 ok\r\n",
                };
                commands.push(line);
                write.write_all(reply).await.unwrap();
            }
        });
        (port, rx)
    }

    fn config(port: u16) -> SmtpConfig {
        SmtpConfig {
            host: "127.0.0.1".to_owned(),
            port,
            username: Some("no-reply@localspace.local".to_owned()),
            password: Some("tajne-hasło".to_owned()),
            security: SmtpSecurity::None,
        }
    }

    #[tokio::test]
    async fn delivers_to_an_smtp_server() {
        let (port, mut received) = fake_smtp().await;
        let mailer =
            SmtpMailer::new("Localspace <no-reply@localspace.local>", &config(port)).unwrap();
        let mail = Mail {
            to: "zaneta@example.com".to_owned(),
            to_name: Some("Żaneta Łęcka".to_owned()),
            subject: "Zaproszenie do Łódź Sp. z o.o.".to_owned(),
            text: "Zażółć gęślą jaźń.\n.kropka na początku linii\n".to_owned(),
            attachments: Vec::new(),
        };
        mailer.send(mail.clone()).await.unwrap();

        let received = received.recv().await.unwrap();
        let commands = received.commands.join("\n");
        assert!(
            commands.contains("MAIL FROM:<no-reply@localspace.local>"),
            "{commands}"
        );
        assert!(
            commands.contains("RCPT TO:<zaneta@example.com>"),
            "{commands}"
        );
        let auth = received
            .commands
            .iter()
            .find_map(|c| c.strip_prefix("AUTH PLAIN "));
        let auth = BASE64.decode(auth.expect("AUTH PLAIN sent")).unwrap();
        assert_eq!(auth, "\0no-reply@localspace.local\0tajne-hasło".as_bytes());
        let read = parse_eml(received.data.as_bytes()).unwrap();
        assert_eq!(read.to, mail.to);
        assert_eq!(read.subject, mail.subject);
        assert_eq!(read.text, mail.text);
    }

    #[tokio::test]
    async fn a_refused_connection_is_an_smtp_error() {
        // Bind, note the port, and close, so nothing listens there.
        let port = TcpListener::bind("127.0.0.1:0")
            .await
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let mailer = SmtpMailer::new("no-reply@localspace.local", &config(port)).unwrap();
        let mail = Mail {
            to: "a@example.com".to_owned(),
            to_name: None,
            subject: "x".to_owned(),
            text: "x".to_owned(),
            attachments: Vec::new(),
        };
        let error = mailer.send(mail).await.unwrap_err();
        assert!(matches!(error, MailError::Smtp(_)), "{error:?}");
    }

    #[tokio::test]
    async fn builds_for_each_security_mode_without_connecting() {
        for security in [
            SmtpSecurity::None,
            SmtpSecurity::StartTls,
            SmtpSecurity::Tls,
        ] {
            let config = SmtpConfig {
                host: "smtp.example.com".to_owned(),
                security,
                ..config(25)
            };
            let mailer = SmtpMailer::new("no-reply@example.com", &config).unwrap();
            let printed = format!("{mailer:?}");
            assert!(
                printed.contains("smtp.example.com") && !printed.contains("tajne"),
                "{printed}"
            );
        }
    }
}
