//! Reading an import file into a table of cells: XLSX through calamine (first sheet), CSV
//! through the csv crate with its delimiter sniffed (`;` is what Polish Excel writes) and its
//! encoding found: UTF-8 with or without a BOM, UTF-16 with a BOM, else Windows-1250 (the
//! usual Polish ANSI code page). Binary data, a damaged workbook or noise give a typed error.

use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Reader, Xlsx};
use chrono::NaiveDate;

use super::error::{ImportError, ImportResult};
use crate::export::date_from_serial;

/// Largest file an import reads.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;
/// More columns than this is not a contact list.
const MAX_COLUMNS: usize = 500;
/// Longer cells than this are not contact data.
const MAX_CELL_CHARS: usize = 100_000;

/// One cell as the file holds it.
#[derive(Clone, Debug, PartialEq)]
pub enum RawCell {
    Empty,
    Text(String),
    Number(f64),
    Date(NaiveDate),
    Bool(bool),
}

impl RawCell {
    /// The cell as text: numbers without a needless `.0`, dates as `YYYY-MM-DD`.
    pub fn as_text(&self) -> String {
        match self {
            RawCell::Empty => String::new(),
            RawCell::Text(t) => t.trim().to_owned(),
            RawCell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            RawCell::Number(n) => n.to_string(),
            RawCell::Date(d) => d.to_string(),
            RawCell::Bool(b) => b.to_string(),
        }
    }

    /// True for an empty cell or blank text.
    pub fn is_blank(&self) -> bool {
        match self {
            RawCell::Empty => true,
            RawCell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }
}

/// What kind of file it was.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(tag = "format", rename_all = "snake_case")]
pub enum SourceFormat {
    Xlsx { sheet: String },
    Csv { delimiter: char, encoding: String },
}

/// A file read as a header row and data rows.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    pub format: SourceFormat,
    pub headers: Vec<String>,
    /// Data rows; row `i` is line `i + 2` of the file (the header is line 1).
    pub rows: Vec<Vec<RawCell>>,
}

impl Table {
    /// The line of the file a data row came from, as a spreadsheet numbers it.
    pub fn line_of(row: usize) -> usize {
        row + 2
    }
}

/// Reads a CSV or XLSX file.
pub fn read_file(path: &Path) -> ImportResult<Table> {
    let bytes = std::fs::metadata(path)?.len();
    if bytes > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge {
            bytes,
            limit: MAX_FILE_BYTES,
        });
    }
    read_table(&std::fs::read(path)?)
}

/// Reads CSV or XLSX bytes; the format is told by the content, not a file name.
pub fn read_table(bytes: &[u8]) -> ImportResult<Table> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge {
            bytes: bytes.len() as u64,
            limit: MAX_FILE_BYTES,
        });
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ImportError::Empty);
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return read_xlsx(bytes);
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(ImportError::LegacyXls);
    }
    let (text, encoding) = decode(bytes)?;
    read_csv(&text, encoding)
}

/// Decodes text: UTF-8 (BOM or not), UTF-16 with a BOM, else Windows-1250; anything with
/// control characters a text file never holds is refused as binary.
fn decode(bytes: &[u8]) -> ImportResult<(String, &'static str)> {
    let (text, encoding) = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        let text = std::str::from_utf8(rest).map_err(|e| ImportError::NotText {
            offset: 3 + e.valid_up_to(),
        })?;
        (text.to_owned(), "UTF-8")
    } else if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let (text, used, bad) = encoding_rs::UTF_16LE.decode(bytes);
        if bad {
            return Err(ImportError::NotText { offset: 0 });
        }
        (text.into_owned(), used.name())
    } else {
        match std::str::from_utf8(bytes) {
            Ok(text) => (text.to_owned(), "UTF-8"),
            Err(_) => {
                let (text, _, _) = encoding_rs::WINDOWS_1250.decode(bytes);
                (text.into_owned(), "windows-1250")
            }
        }
    };
    if let Some(offset) = text
        .char_indices()
        .find(|(_, c)| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        .map(|(i, _)| i)
    {
        return Err(ImportError::NotText { offset });
    }
    Ok((text, encoding))
}

/// The delimiter the first line uses most: `;`, `,` or a tab.
fn sniff_delimiter(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or("");
    let mut best = (b',', 0);
    for d in [b';', b',', b'\t'] {
        let count = first.bytes().filter(|b| *b == d).count();
        if count > best.1 {
            best = (d, count);
        }
    }
    best.0
}

fn read_csv(text: &str, encoding: &'static str) -> ImportResult<Table> {
    let delimiter = sniff_delimiter(text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                check_shape(record.len(), record.iter().map(|c| c.chars().count()))?;
                rows.push(
                    record
                        .iter()
                        .map(|c| match c.trim() {
                            "" => RawCell::Empty,
                            t => RawCell::Text(t.to_owned()),
                        })
                        .collect::<Vec<_>>(),
                );
            }
            Err(e) => {
                return Err(ImportError::BadCsv {
                    line: e.position().map_or(0, |p| p.line()),
                    reason: e.to_string(),
                });
            }
        }
    }
    table(
        SourceFormat::Csv {
            delimiter: char::from(delimiter),
            encoding: encoding.to_owned(),
        },
        rows,
    )
}

fn read_xlsx(bytes: &[u8]) -> ImportResult<Table> {
    let bad = |e: calamine::XlsxError| ImportError::BadXlsx(e.to_string());
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(bad)?;
    let sheet = workbook
        .sheet_names()
        .first()
        .cloned()
        .ok_or_else(|| ImportError::BadXlsx("the workbook has no sheets".into()))?;
    let range = workbook.worksheet_range(&sheet).map_err(bad)?;
    let mut rows = Vec::with_capacity(range.height());
    for row in range.rows() {
        check_shape(
            row.len(),
            row.iter().map(|c| match c {
                Data::String(s) => s.chars().count(),
                _ => 0,
            }),
        )?;
        rows.push(row.iter().map(cell).collect::<Vec<_>>());
    }
    table(SourceFormat::Xlsx { sheet }, rows)
}

fn cell(data: &Data) -> RawCell {
    match data {
        Data::Empty | Data::Error(_) => RawCell::Empty,
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => match s.trim() {
            "" => RawCell::Empty,
            t => RawCell::Text(t.to_owned()),
        },
        Data::Int(i) => RawCell::Number(*i as f64),
        Data::Float(f) => RawCell::Number(*f),
        Data::Bool(b) => RawCell::Bool(*b),
        Data::DateTime(d) => match date_from_serial(d.as_f64()) {
            Some(date) => RawCell::Date(date),
            None => RawCell::Number(d.as_f64()),
        },
    }
}

fn check_shape(columns: usize, mut lengths: impl Iterator<Item = usize>) -> ImportResult<()> {
    if columns > MAX_COLUMNS {
        return Err(ImportError::NotATable(format!(
            "a row has {columns} columns (at most {MAX_COLUMNS})"
        )));
    }
    if lengths.any(|n| n > MAX_CELL_CHARS) {
        return Err(ImportError::NotATable(format!(
            "a cell is longer than {MAX_CELL_CHARS} characters"
        )));
    }
    Ok(())
}

/// The first non-blank row is the header; blank rows are dropped.
fn table(format: SourceFormat, rows: Vec<Vec<RawCell>>) -> ImportResult<Table> {
    let mut rows = rows.into_iter();
    let headers: Vec<String> = loop {
        match rows.next() {
            Some(row) if row.iter().all(RawCell::is_blank) => continue,
            Some(row) => break row.iter().map(RawCell::as_text).collect(),
            None => return Err(ImportError::Empty),
        }
    };
    let width = headers.len();
    let rows: Vec<Vec<RawCell>> = rows
        .filter(|r| !r.iter().all(RawCell::is_blank))
        .map(|mut r| {
            r.resize(width.max(r.len()), RawCell::Empty);
            r
        })
        .collect();
    if rows.is_empty() {
        return Err(ImportError::NoRows);
    }
    Ok(Table {
        format,
        headers,
        rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_bom_and_semicolons() {
        let t = read_table("\u{feff}Imię;Nazwisko\nŁukasz;Świątek\n".as_bytes()).unwrap();
        assert_eq!(t.headers, ["Imię", "Nazwisko"]);
        assert_eq!(t.rows[0][1], RawCell::Text("Świątek".into()));
        assert!(matches!(t.format, SourceFormat::Csv { delimiter: ';', .. }));
    }

    #[test]
    fn windows_1250_is_decoded() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1250.encode("Imię,Nazwisko\nŻaneta,Łęcka\n");
        let t = read_table(&bytes).unwrap();
        assert_eq!(t.rows[0][1], RawCell::Text("Łęcka".into()));
        assert!(
            matches!(&t.format, SourceFormat::Csv { encoding, .. } if encoding == "windows-1250")
        );
    }

    #[test]
    fn noise_and_damage_are_typed_errors() {
        let mut rng = 0x2545_f491_4f6c_dd1du64;
        let noise: Vec<u8> = (0..200_000)
            .map(|_| {
                rng ^= rng << 13;
                rng ^= rng >> 7;
                rng ^= rng << 17;
                rng as u8
            })
            .collect();
        assert!(matches!(
            read_table(&noise),
            Err(ImportError::NotText { .. })
        ));
        let mut zip = b"PK\x03\x04".to_vec();
        zip.extend_from_slice(&noise[..1000]);
        assert!(matches!(read_table(&zip), Err(ImportError::BadXlsx(_))));
        assert!(matches!(read_table(b"  \n"), Err(ImportError::Empty)));
        assert!(matches!(read_table(b"a,b\n"), Err(ImportError::NoRows)));
        assert!(matches!(
            read_table(&[0xD0, 0xCF, 0x11, 0xE0, 1, 2]),
            Err(ImportError::LegacyXls)
        ));
    }
}
