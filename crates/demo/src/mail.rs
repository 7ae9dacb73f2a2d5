//! Reads invitation links back from the server's mail outbox (the `.eml` files a server
//! without SMTP writes), so the seed can accept the invitations it sends.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result};
use base64::Engine;

/// What comes before the token in an invitation link.
const LINK: &str = "accept-invitation?token=";

/// The `.eml` files in `dir` now (none when the folder does not exist yet).
pub(crate) fn files(dir: &Path) -> Result<BTreeSet<PathBuf>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(BTreeSet::new()),
        Err(e) => {
            return Err(e).with_context(|| format!("reading the outbox {}", dir.display()));
        }
    };
    let mut files = BTreeSet::new();
    for entry in entries {
        let path = entry
            .with_context(|| format!("reading the outbox {}", dir.display()))?
            .path();
        if path.extension().is_some_and(|e| e == "eml") {
            files.insert(path);
        }
    }
    Ok(files)
}

/// Waits (up to five seconds) for a message to `email` that is not in `seen` and carries an
/// invitation link, and returns the link's token.
pub(crate) async fn invitation_token(
    dir: &Path,
    email: &str,
    seen: &BTreeSet<PathBuf>,
) -> Result<Option<String>> {
    for _ in 0..50 {
        // Newest last: the server names files by a time stamp.
        let current = files(dir)?;
        let new: Vec<&PathBuf> = current.difference(seen).collect();
        for path in new.into_iter().rev() {
            // A file lettre is still writing may not read yet; the next round sees it.
            let Ok(raw) = std::fs::read(path) else {
                continue;
            };
            if let Some(token) = token_for(&raw, email) {
                return Ok(Some(token));
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Ok(None)
}

/// The invitation token of one message, when it is addressed to `email`.
fn token_for(raw: &[u8], email: &str) -> Option<String> {
    let raw = String::from_utf8_lossy(raw).replace("\r\n", "\n");
    let (head, body) = raw.split_once("\n\n")?;
    let headers = unfold(head);
    let to = header(&headers, "to")?;
    if !to.to_lowercase().contains(&email.to_lowercase()) {
        return None;
    }
    let encoding = header(&headers, "content-transfer-encoding")
        .unwrap_or("7bit")
        .trim()
        .to_ascii_lowercase();
    let text = match encoding.as_str() {
        "base64" => {
            let compact: String = body.chars().filter(|c| !c.is_whitespace()).collect();
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(compact)
                .ok()?;
            String::from_utf8_lossy(&bytes).into_owned()
        }
        "quoted-printable" => String::from_utf8_lossy(&quoted_printable(body)).into_owned(),
        _ => body.to_owned(),
    };
    let start = text.find(LINK)? + LINK.len();
    let token: String = text[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    (!token.is_empty()).then_some(token)
}

/// Header lines with their continuation lines joined, as (lower-case name, value).
fn unfold(head: &str) -> Vec<(String, String)> {
    let mut headers: Vec<(String, String)> = Vec::new();
    for line in head.lines() {
        if line.starts_with([' ', '\t']) {
            if let Some((_, value)) = headers.last_mut() {
                value.push(' ');
                value.push_str(line.trim());
            }
        } else if let Some((name, value)) = line.split_once(':') {
            headers.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
        }
    }
    headers
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

/// Decodes a quoted-printable body (RFC 2045): `=XX` bytes and `=` soft line breaks.
fn quoted_printable(body: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len());
    for line in body.split('\n') {
        let line = line.trim_end_matches([' ', '\t', '\r']);
        let (content, soft) = match line.strip_suffix('=') {
            Some(content) => (content, true),
            None => (line, false),
        };
        let bytes = content.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let escaped = (bytes[i] == b'=')
                .then(|| bytes.get(i + 1..i + 3))
                .flatten()
                .and_then(|hex| std::str::from_utf8(hex).ok())
                .and_then(|hex| u8::from_str_radix(hex, 16).ok());
            match escaped {
                Some(byte) => {
                    out.push(byte);
                    i += 3;
                }
                None => {
                    out.push(bytes[i]);
                    i += 1;
                }
            }
        }
        if !soft {
            out.push(b'\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOKEN: &str = "K_iHujriB3WPYiEe7k-SZDU6QIY0uDc_a1Yjbq8pVQw";

    #[test]
    fn reads_a_quoted_printable_invitation() {
        let raw = format!(
            "From: Localspace <no-reply@localspace.local>\r\n\
             To: =?utf-8?b?UGF3ZcWC?=\r\n <pawel.zolkiewski@zmlodz.pl>\r\n\
             Subject: Zaproszenie\r\n\
             Content-Transfer-Encoding: quoted-printable\r\n\r\n\
             Dzie=C5=84 dobry,\r\n\r\nhttp://localspace.test/accept-invitation?token=3D{}=\r\n{}\r\n",
            &TOKEN[..20],
            &TOKEN[20..]
        );
        assert_eq!(
            token_for(raw.as_bytes(), "Pawel.Zolkiewski@zmlodz.pl").as_deref(),
            Some(TOKEN)
        );
        assert_eq!(token_for(raw.as_bytes(), "jan@zmlodz.pl"), None);
    }

    #[test]
    fn reads_a_base64_invitation() {
        let text = format!("Dzień dobry,\n\nhttp://x.test/accept-invitation?token={TOKEN}\n");
        let encoded = base64::engine::general_purpose::STANDARD.encode(text);
        let (a, b) = encoded.split_at(40);
        let raw = format!("To: jan@zmlodz.pl\nContent-Transfer-Encoding: base64\n\n{a}\n{b}\n");
        assert_eq!(
            token_for(raw.as_bytes(), "jan@zmlodz.pl").as_deref(),
            Some(TOKEN)
        );
    }

    #[test]
    fn a_mail_without_a_link_has_no_token() {
        let raw = "To: jan@zmlodz.pl\n\nWitamy w Localspace.\n";
        assert_eq!(token_for(raw.as_bytes(), "jan@zmlodz.pl"), None);
    }
}
