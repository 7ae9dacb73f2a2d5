//! Links to files kept elsewhere (they use no storage): web addresses (Dropbox, Google
//! Drive, SharePoint), and e-mail by reference — an address (`mailto:`) or a message in the
//! mail program (`message:`). Nothing else opens from a link, so `file:` and script
//! addresses are refused. A link without a name is named after what it points to.

/// The address kinds a link may have.
const SCHEMES: [&str; 4] = ["https://", "http://", "mailto:", "message:"];

/// Whether `url` is an address a link may hold.
pub fn allowed(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    SCHEMES
        .iter()
        .any(|scheme| lower.starts_with(scheme) && lower.len() > scheme.len())
}

/// The name a link gets when none is given: the last part of its path, decoded
/// (`Katalog%202026.pdf` → `Katalog 2026.pdf`), the address of a `mailto:` link, or the
/// message id of a `message:` link.
pub fn default_name(url: &str) -> String {
    let lower = url.to_ascii_lowercase();
    for scheme in ["mailto:", "message:"] {
        if lower.starts_with(scheme) {
            let rest = &url[scheme.len()..];
            return decode(rest.split('?').next().unwrap_or(rest));
        }
    }
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let last = path
        .rsplit('/')
        .find(|s| !s.is_empty() && !s.ends_with(':'))
        .unwrap_or(url);
    decode(last)
}

/// Percent-decoding; invalid escapes stay as they are, invalid UTF-8 becomes U+FFFD.
fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied(),
            bytes.get(i + 2).copied(),
        ) {
            (b'%', Some(h), Some(l)) if hex(h).is_some() && hex(l).is_some() => {
                out.push((hex(h).unwrap_or(0) * 16 + hex(l).unwrap_or(0)) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_and_mail_links_are_allowed_and_nothing_else() {
        for url in [
            "https://www.dropbox.com/s/x1/Katalog.pdf",
            "http://intranet/oferta.docx",
            "mailto:jan.kowalski@hydrotech.pl",
            "message:%3C1234@poczta.hydrotech.pl%3E",
            "HTTPS://EXAMPLE.PL/A",
        ] {
            assert!(allowed(url), "{url}");
        }
        for url in [
            "file:///etc/passwd",
            "javascript:alert(1)",
            "ftp://serwer/plik",
            "https://",
            "mailto:",
            "www.dropbox.com/s/x1",
            "",
        ] {
            assert!(!allowed(url), "{url}");
        }
    }

    #[test]
    fn a_link_is_named_after_what_it_points_to() {
        assert_eq!(
            default_name("https://www.dropbox.com/s/x1/Katalog%202026.pdf?dl=0"),
            "Katalog 2026.pdf"
        );
        assert_eq!(
            default_name("https://example.pl/Oferta%20%C5%81%C3%B3d%C5%BA.xlsx#arkusz"),
            "Oferta Łódź.xlsx"
        );
        assert_eq!(default_name("https://example.pl/katalogi/"), "katalogi");
        assert_eq!(
            default_name("mailto:jan.kowalski@hydrotech.pl?subject=Oferta"),
            "jan.kowalski@hydrotech.pl"
        );
        assert_eq!(
            default_name("message:%3C1234@poczta.hydrotech.pl%3E"),
            "<1234@poczta.hydrotech.pl>"
        );
        assert_eq!(default_name("https://example.pl/100%zysku"), "100%zysku");
    }
}
