//! Just enough MIME decoding to read back the messages this module writes (RFC 2045–2047,
//! 2231): headers, encoded words, parameters, transfer encodings and multipart bodies.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD_PAD_INDIFFERENT as BASE64;

/// A message or body part: unfolded headers (names lower-cased) and the raw body.
#[derive(Debug)]
pub(super) struct Part<'a> {
    headers: Vec<(String, String)>,
    pub(super) body: &'a str,
}

impl<'a> Part<'a> {
    /// Splits `raw` (with `\n` line ends) at the first empty line.
    pub(super) fn parse(raw: &'a str) -> Self {
        let (head, body) = if let Some(body) = raw.strip_prefix('\n') {
            ("", body)
        } else if let Some(at) = raw.find("\n\n") {
            (&raw[..at], &raw[at + 2..])
        } else {
            (raw, "")
        };
        let mut headers: Vec<(String, String)> = Vec::new();
        for line in head.lines() {
            if line.starts_with([' ', '\t']) {
                if let Some((_, value)) = headers.last_mut() {
                    value.push_str(line);
                }
            } else if let Some((name, value)) = line.split_once(':') {
                headers.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
            }
        }
        Self { headers, body }
    }

    /// The first header of that name (case-insensitive), undecoded.
    pub(super) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.trim())
    }

    /// The lower-cased value of a structured header (`Content-Type`, `Content-Disposition`)
    /// without its parameters, plus the parameters.
    pub(super) fn structured(&self, name: &str) -> Option<(String, Params)> {
        self.header(name).map(Params::parse)
    }

    /// The body with its `Content-Transfer-Encoding` undone, as text.
    pub(super) fn decoded_text(&self) -> String {
        let bytes = match self.header("content-transfer-encoding") {
            Some(cte) if cte.eq_ignore_ascii_case("base64") => {
                let compact: String = self.body.split_ascii_whitespace().collect();
                BASE64
                    .decode(compact)
                    .unwrap_or_else(|_| self.body.as_bytes().to_vec())
            }
            Some(cte) if cte.eq_ignore_ascii_case("quoted-printable") => {
                quoted_printable(self.body)
            }
            _ => self.body.as_bytes().to_vec(),
        };
        let charset = self
            .structured("content-type")
            .and_then(|(_, p)| p.get("charset"));
        to_text(&bytes, charset.as_deref().unwrap_or("utf-8"))
    }
}

/// Parameters of a structured header, e.g. `boundary` or `filename`.
#[derive(Debug, Default)]
pub(super) struct Params(Vec<(String, String)>);

impl Params {
    fn parse(value: &str) -> (String, Self) {
        let mut pieces = split_unquoted(value, ';').into_iter();
        let kind = pieces
            .next()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase();
        let params = pieces
            .filter_map(|piece| {
                let (name, value) = piece.split_once('=')?;
                Some((name.trim().to_ascii_lowercase(), unquote(value.trim())))
            })
            .collect();
        (kind, Self(params))
    }

    /// A parameter's decoded value: plain, RFC 2231 extended (`name*=utf-8''%C5%81`) or
    /// continued (`name*0*=…; name*1*=…`), with RFC 2047 words in plain values decoded.
    pub(super) fn get(&self, name: &str) -> Option<String> {
        if let Some((_, value)) = self.0.iter().find(|(n, _)| n == name) {
            return Some(decode_words(value));
        }
        let mut sections: Vec<(u32, bool, &str)> = Vec::new();
        for (n, value) in &self.0 {
            let Some(rest) = n.strip_prefix(name).and_then(|r| r.strip_prefix('*')) else {
                continue;
            };
            let (index, extended) = match rest.strip_suffix('*') {
                Some(index) => (index, true),
                None => (rest, rest.is_empty()),
            };
            let index = if index.is_empty() {
                0
            } else {
                index.parse().ok()?
            };
            sections.push((index, extended, value));
        }
        if sections.is_empty() {
            return None;
        }
        sections.sort_by_key(|&(index, _, _)| index);
        let mut charset = "utf-8".to_owned();
        let mut bytes = Vec::new();
        for (position, (_, extended, value)) in sections.into_iter().enumerate() {
            if !extended {
                bytes.extend_from_slice(value.as_bytes());
                continue;
            }
            let mut value = value;
            if position == 0 {
                // charset'language'value
                let mut parts = value.splitn(3, '\'');
                if let (Some(cs), Some(_), Some(rest)) = (parts.next(), parts.next(), parts.next())
                {
                    if !cs.is_empty() {
                        charset = cs.to_owned();
                    }
                    value = rest;
                }
            }
            bytes.extend(percent_decode(value));
        }
        Some(to_text(&bytes, &charset))
    }
}

/// Decodes RFC 2047 encoded words (`=?utf-8?b?…?=`, `=?utf-8?q?…?=`) in a header value;
/// whitespace between two adjacent encoded words is dropped, as the RFC says.
pub(super) fn decode_words(value: &str) -> String {
    let mut out = String::new();
    // Bytes of consecutive words are joined before decoding: a character may be split.
    let mut pending: Vec<u8> = Vec::new();
    let mut pending_charset = String::new();
    let mut rest = value;
    while let Some(at) = rest.find("=?") {
        let (plain, candidate) = rest.split_at(at);
        match encoded_word(candidate) {
            Some((charset, bytes, len)) => {
                let joins = plain.trim().is_empty() && !pending.is_empty();
                if !joins || !charset.eq_ignore_ascii_case(&pending_charset) {
                    out.push_str(&to_text(&std::mem::take(&mut pending), &pending_charset));
                    if !joins {
                        out.push_str(plain);
                    }
                }
                pending.extend(bytes);
                pending_charset = charset;
                rest = &candidate[len..];
            }
            None => {
                out.push_str(&to_text(&std::mem::take(&mut pending), &pending_charset));
                out.push_str(plain);
                out.push_str("=?");
                rest = &candidate[2..];
            }
        }
    }
    out.push_str(&to_text(&pending, &pending_charset));
    out.push_str(rest);
    out
}

/// Parses one encoded word at the start of `s`: (charset, decoded bytes, length in `s`).
fn encoded_word(s: &str) -> Option<(String, Vec<u8>, usize)> {
    let inner = s.strip_prefix("=?")?;
    let (charset, inner) = inner.split_once('?')?;
    let (encoding, inner) = inner.split_once('?')?;
    let end = inner.find("?=")?;
    let text = &inner[..end];
    if text.contains(char::is_whitespace) {
        return None;
    }
    let bytes = match encoding {
        "B" | "b" => BASE64.decode(text).ok()?,
        "Q" | "q" => {
            let spaced = text.replace('_', " ");
            quoted_printable(&spaced)
        }
        _ => return None,
    };
    // A language may follow the charset after '*' (RFC 2231 section 5).
    let charset = charset.split('*').next().unwrap_or_default().to_owned();
    let len = s.len() - inner.len() + end + 2;
    Some((charset, bytes, len))
}

/// Undoes quoted-printable: `=XX` escapes and `=` soft line breaks.
fn quoted_printable(text: &str) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'=' {
            if bytes.get(i + 1) == Some(&b'\n') {
                i += 2;
                continue;
            }
            if let Some(byte) = hex_pair(bytes.get(i + 1..i + 3)) {
                out.push(byte);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}

fn percent_decode(text: &str) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(byte) = hex_pair(bytes.get(i + 1..i + 3))
        {
            out.push(byte);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}

fn hex_pair(pair: Option<&[u8]>) -> Option<u8> {
    let pair = std::str::from_utf8(pair?).ok()?;
    u8::from_str_radix(pair, 16).ok()
}

/// Bytes in a declared charset to text: UTF-8 (and its ASCII subset) and Latin-1 exactly,
/// anything else as lossy UTF-8.
fn to_text(bytes: &[u8], charset: &str) -> String {
    let latin1 = ["iso-8859-1", "latin1", "windows-1252"];
    if latin1.iter().any(|l| charset.eq_ignore_ascii_case(l)) {
        bytes.iter().map(|&b| char::from(b)).collect()
    } else {
        String::from_utf8_lossy(bytes).into_owned()
    }
}

/// Splits on `separator` outside double quotes.
fn split_unquoted(value: &str, separator: char) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut quoted = false;
    let mut escaped = false;
    let mut start = 0;
    for (at, c) in value.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if quoted => escaped = true,
            '"' => quoted = !quoted,
            c if c == separator && !quoted => {
                pieces.push(&value[start..at]);
                start = at + c.len_utf8();
            }
            _ => {}
        }
    }
    pieces.push(&value[start..]);
    pieces
}

fn unquote(value: &str) -> String {
    match value.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
        Some(inner) => {
            let mut out = String::with_capacity(inner.len());
            let mut chars = inner.chars();
            while let Some(c) = chars.next() {
                out.push(if c == '\\' {
                    chars.next().unwrap_or('\\')
                } else {
                    c
                });
            }
            out
        }
        None => value.to_owned(),
    }
}

/// The parts of a multipart body, without the CRLF that belongs to each delimiter.
pub(super) fn split_multipart<'a>(body: &'a str, boundary: &str) -> Vec<&'a str> {
    let delimiter = format!("--{boundary}");
    let closing = format!("--{boundary}--");
    let mut parts = Vec::new();
    let mut start: Option<usize> = None;
    let mut offset = 0;
    for line in body.split_inclusive('\n') {
        let bare = line.trim_end();
        if bare == delimiter || bare == closing {
            if let Some(from) = start {
                parts.push(
                    body[from..offset]
                        .strip_suffix('\n')
                        .unwrap_or(&body[from..offset]),
                );
            }
            if bare == closing {
                return parts;
            }
            start = Some(offset + line.len());
        }
        offset += line.len();
    }
    if let Some(from) = start {
        parts.push(&body[from..]);
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_encoded_words() {
        let cases = [
            ("plain subject", "plain subject"),
            ("=?utf-8?b?xYHDs2TFug==?=", "Łódź"),
            (
                "=?UTF-8?Q?=C5=81=C3=B3d=C5=BA_Sp._z_o.o.?=",
                "Łódź Sp. z o.o.",
            ),
            // A character split across two words, joined by folding whitespace.
            ("=?utf-8?b?xQ==?=\n =?utf-8?b?gcOzZMW6?=", "Łódź"),
            (
                "Re: =?utf-8?q?za=C5=BC=C3=B3=C5=82=C4=87?= now",
                "Re: zażółć now",
            ),
            ("=?iso-8859-1?q?caf=E9?=", "café"),
            ("not =?an encoded word", "not =?an encoded word"),
            ("=?utf-8?x?bad?=", "=?utf-8?x?bad?="),
        ];
        for (encoded, expected) in cases {
            assert_eq!(decode_words(encoded), expected, "{encoded:?}");
        }
    }

    #[test]
    fn decodes_parameters() {
        let cases = [
            ("attachment; filename=\"faktura.pdf\"", "faktura.pdf"),
            ("attachment; filename=plain.txt", "plain.txt"),
            (
                "attachment; filename*=utf-8''%C5%81%C3%B3d%C5%BA.pdf",
                "Łódź.pdf",
            ),
            (
                "attachment; filename*0*=utf-8''%C5%81%C3%B3; filename*1*=d%C5%BA; filename*2=.pdf",
                "Łódź.pdf",
            ),
            (
                "attachment; filename=\"=?utf-8?b?xYHDs2TFug==?=.pdf\"",
                "Łódź.pdf",
            ),
            (
                "attachment; filename=\"a \\\"quoted\\\"; name\"",
                "a \"quoted\"; name",
            ),
        ];
        for (header, expected) in cases {
            let (kind, params) = Params::parse(header);
            assert_eq!(kind, "attachment");
            assert_eq!(
                params.get("filename").as_deref(),
                Some(expected),
                "{header:?}"
            );
        }
    }

    #[test]
    fn undoes_transfer_encodings() {
        let cases = [
            (
                "quoted-printable",
                "Za=C5=BC=C3=B3=C5=82=C4=87 g=C4=99=\nśl=C4=85 ja=C5=BA=C5=84",
            ),
            ("base64", "WmHFvMOzxYLEhyBnxJnFm2zEhSBq\nYcW6xYQ="),
            ("8bit", "Zażółć gęślą jaźń"),
        ];
        for (encoding, body) in cases {
            let raw = format!(
                "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: {encoding}\n\n{body}"
            );
            assert_eq!(
                Part::parse(&raw).decoded_text(),
                "Zażółć gęślą jaźń",
                "{encoding}"
            );
        }
    }

    #[test]
    fn splits_multipart_bodies() {
        let body = "preamble\n--b1\nA: 1\n\nfirst\n--b1\n\nsecond\nline\n--b1--\nepilogue\n";
        assert_eq!(
            split_multipart(body, "b1"),
            ["A: 1\n\nfirst", "\nsecond\nline"]
        );
    }

    #[test]
    fn unfolds_headers_and_finds_them_case_insensitively() {
        let part = Part::parse("Subject: one\n two\nTO: a@b.pl\n\nbody");
        assert_eq!(part.header("subject"), Some("one two"));
        assert_eq!(part.header("To"), Some("a@b.pl"));
        assert_eq!(part.body, "body");
    }
}
