//! The invoice as a PDF: one A4 page set in DejaVu Sans, embedded as a subset so Polish
//! letters render in every viewer and copy out as text (a ToUnicode map goes with it).
//! Written with pdf-writer; no templates, no external programs.

use std::collections::BTreeMap;

use localspace_core::billing::{LineKind, amount_pl};
use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Str};

use super::document::{Invoice, InvoiceKind};

/// DejaVu Sans (Bitstream Vera licence, see `assets/DejaVuSans-LICENSE.txt`).
static FONT: &[u8] = include_bytes!("../../assets/DejaVuSans.ttf");

const PAGE_W: f32 = 595.0;
const PAGE_H: f32 = 842.0;
const LEFT: f32 = 50.0;
const RIGHT: f32 = PAGE_W - 50.0;

/// Why a PDF could not be made.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("the embedded font cannot be read: {0}")]
    Font(String),
}

/// One piece of text placed on the page.
struct Run {
    x: f32,
    y: f32,
    size: f32,
    text: String,
}

/// Lays text out in points, measuring with the font's advances.
struct Page<'f> {
    face: &'f ttf_parser::Face<'f>,
    runs: Vec<Run>,
    y: f32,
}

impl<'f> Page<'f> {
    fn width(&self, text: &str, size: f32) -> f32 {
        let units: u32 = text
            .chars()
            .map(|c| {
                self.face
                    .glyph_index(c)
                    .and_then(|g| self.face.glyph_hor_advance(g))
                    .map_or(0, u32::from)
            })
            .sum();
        units as f32 * size / f32::from(self.face.units_per_em())
    }

    fn at(&mut self, x: f32, y: f32, size: f32, text: &str) {
        self.runs.push(Run {
            x,
            y,
            size,
            text: text.to_owned(),
        });
    }

    /// Text ending at `right`.
    fn right(&mut self, right: f32, y: f32, size: f32, text: &str) {
        let x = right - self.width(text, size);
        self.at(x, y, size, text);
    }

    /// A line at the cursor, then the cursor moves down.
    fn line(&mut self, x: f32, size: f32, text: &str) {
        let y = self.y;
        self.at(x, y, size, text);
        self.y -= size * 1.35;
    }

    /// Text wrapped at word boundaries to `width`, starting at the cursor.
    fn wrapped(&mut self, x: f32, width: f32, size: f32, text: &str) {
        for paragraph in text.lines() {
            let mut current = String::new();
            for word in paragraph.split(' ') {
                let candidate = if current.is_empty() {
                    word.to_owned()
                } else {
                    format!("{current} {word}")
                };
                if !current.is_empty() && self.width(&candidate, size) > width {
                    self.line(x, size, &current);
                    current = word.to_owned();
                } else {
                    current = candidate;
                }
            }
            self.line(x, size, &current);
        }
    }
}

/// The PDF of an invoice.
pub fn render(invoice: &Invoice) -> Result<Vec<u8>, PdfError> {
    let face = ttf_parser::Face::parse(FONT, 0).map_err(|e| PdfError::Font(e.to_string()))?;
    let mut page = Page {
        face: &face,
        runs: Vec::new(),
        y: PAGE_H - 60.0,
    };
    lay_out(&mut page, invoice);
    write(&face, &page.runs)
}

fn lay_out(p: &mut Page<'_>, invoice: &Invoice) {
    let d = &invoice.document;
    let title = match invoice.kind {
        InvoiceKind::Vat => format!("Faktura VAT {}", invoice.number),
        InvoiceKind::Proforma => format!("Faktura pro forma {}", invoice.number),
    };
    p.line(LEFT, 18.0, &title);
    p.y -= 4.0;
    p.line(
        LEFT,
        9.0,
        &format!(
            "Data wystawienia: {}",
            invoice.issue_date.format("%d.%m.%Y")
        ),
    );
    p.line(
        LEFT,
        9.0,
        &format!("Data sprzedaży: {}", invoice.sale_date.format("%d.%m.%Y")),
    );
    if let Some((from, until)) = d.term {
        p.line(
            LEFT,
            9.0,
            &format!(
                "Okres abonamentu: {} – {}",
                from.format("%d.%m.%Y"),
                until.format("%d.%m.%Y")
            ),
        );
    }
    p.y -= 12.0;

    let top = p.y;
    let column = (RIGHT - LEFT) / 2.0;
    for (x, label, party) in [
        (LEFT, "Sprzedawca", &d.seller),
        (LEFT + column, "Nabywca", &d.buyer),
    ] {
        p.y = top;
        p.line(x, 10.0, label);
        p.wrapped(x, column - 15.0, 9.0, &party.name);
        p.wrapped(x, column - 15.0, 9.0, &party.address);
        p.line(x, 9.0, &format!("NIP: {}", party.nip));
    }
    p.y -= 16.0;

    // The table: a name row, then the figures right-aligned in columns.
    let columns = [
        (300.0, "Ilość"),
        (370.0, "Netto"),
        (420.0, "VAT %"),
        (480.0, "VAT"),
        (RIGHT, "Brutto"),
    ];
    let y = p.y;
    p.at(LEFT, y, 9.0, "Lp. Nazwa");
    for (right, label) in columns {
        p.right(right, y, 9.0, label);
    }
    p.y -= 16.0;
    for (i, line) in d.lines.iter().enumerate() {
        p.wrapped(
            LEFT,
            RIGHT - LEFT,
            9.0,
            &format!("{}. {}", i + 1, line.name_pl),
        );
        let y = p.y;
        let quantity = match line.kind {
            LineKind::Discount => "1".to_owned(),
            _ => line.quantity.to_string(),
        };
        let figures = [
            quantity,
            amount_pl(line.net.minor),
            "23%".to_owned(),
            amount_pl(line.vat.minor),
            amount_pl(line.gross.minor),
        ];
        for ((right, _), figure) in columns.iter().zip(&figures) {
            p.right(*right, y, 8.5, figure);
        }
        p.y -= 12.0;
        p.wrapped(LEFT + 12.0, RIGHT - LEFT - 12.0, 7.5, &line.arithmetic_pl);
        p.y -= 6.0;
    }
    p.y -= 6.0;
    for (label, amount) in [
        ("Razem netto", d.net),
        ("VAT 23%", d.vat),
        ("Razem brutto", d.gross),
    ] {
        let y = p.y;
        p.at(330.0, y, 10.0, label);
        p.right(RIGHT, y, 10.0, &amount_pl(amount));
        p.y -= 14.0;
    }
    p.y -= 8.0;
    match invoice.kind {
        InvoiceKind::Vat => p.line(LEFT, 10.0, &format!("Zapłacono: {}", amount_pl(d.gross))),
        InvoiceKind::Proforma => {
            p.line(LEFT, 10.0, &format!("Do zapłaty: {}", amount_pl(d.gross)));
            p.line(
                LEFT,
                9.0,
                &format!("Przelew na rachunek: {}", d.bank_account),
            );
            p.line(LEFT, 9.0, &format!("Tytuł przelewu: {}", invoice.number));
            p.line(
                LEFT,
                9.0,
                "Faktura pro forma nie jest fakturą VAT; fakturę VAT wystawimy po wpłacie.",
            );
        }
    }
    p.y -= 8.0;
    p.wrapped(LEFT, RIGHT - LEFT, 7.5, &d.rounding_pl);
}

/// Writes the page: a Type 0 font over a CID-keyed TrueType subset, glyphs addressed by
/// their subset ids.
fn write(face: &ttf_parser::Face<'_>, runs: &[Run]) -> Result<Vec<u8>, PdfError> {
    // The glyphs used, in first-use order, mapped to subset ids.
    let mut remapper = subsetter::GlyphRemapper::new();
    let mut to_unicode: BTreeMap<u16, char> = BTreeMap::new();
    let mut encoded: Vec<Vec<u8>> = Vec::with_capacity(runs.len());
    for run in runs {
        let mut bytes = Vec::with_capacity(run.text.len() * 2);
        for c in run.text.chars() {
            let old = face.glyph_index(c).map_or(0, |g| g.0);
            let new = remapper.remap(old);
            to_unicode.entry(new).or_insert(c);
            bytes.extend_from_slice(&new.to_be_bytes());
        }
        encoded.push(bytes);
    }
    let subset =
        subsetter::subset(FONT, 0, &remapper).map_err(|e| PdfError::Font(format!("{e:?}")))?;
    let per_unit = 1000.0 / f32::from(face.units_per_em());
    let widths: Vec<f32> = remapper
        .remapped_gids()
        .map(|old| {
            face.glyph_hor_advance(ttf_parser::GlyphId(old))
                .map_or(0.0, |a| f32::from(a) * per_unit)
        })
        .collect();

    let catalog = Ref::new(1);
    let tree = Ref::new(2);
    let page = Ref::new(3);
    let contents = Ref::new(4);
    let font = Ref::new(5);
    let cid_font = Ref::new(6);
    let descriptor = Ref::new(7);
    let cmap = Ref::new(8);
    let font_file = Ref::new(9);
    let base = Name(b"LSPACE+DejaVuSans");
    let font_name = Name(b"F1");

    let mut pdf = Pdf::new();
    pdf.catalog(catalog).pages(tree);
    pdf.pages(tree).kids([page]).count(1);
    let mut p = pdf.page(page);
    p.media_box(Rect::new(0.0, 0.0, PAGE_W, PAGE_H));
    p.parent(tree);
    p.contents(contents);
    p.resources().fonts().pair(font_name, font);
    p.finish();

    let system = SystemInfo {
        registry: Str(b"Adobe"),
        ordering: Str(b"Identity"),
        supplement: 0,
    };
    pdf.type0_font(font)
        .base_font(base)
        .encoding_predefined(Name(b"Identity-H"))
        .descendant_font(cid_font)
        .to_unicode(cmap);
    let mut cid = pdf.cid_font(cid_font);
    cid.subtype(CidFontType::Type2)
        .base_font(base)
        .system_info(system)
        .font_descriptor(descriptor)
        .default_width(0.0)
        .cid_to_gid_map_predefined(Name(b"Identity"));
    cid.widths().consecutive(0, widths);
    cid.finish();

    let scale = |v: i16| f32::from(v) * per_unit;
    let bbox = face.global_bounding_box();
    pdf.font_descriptor(descriptor)
        .name(base)
        .flags(FontFlags::NON_SYMBOLIC)
        .bbox(Rect::new(
            scale(bbox.x_min),
            scale(bbox.y_min),
            scale(bbox.x_max),
            scale(bbox.y_max),
        ))
        .italic_angle(0.0)
        .ascent(scale(face.ascender()))
        .descent(scale(face.descender()))
        .cap_height(scale(face.capital_height().unwrap_or(face.ascender())))
        .stem_v(80.0)
        .font_file2(font_file);

    let mut unicode = UnicodeCmap::new(Name(b"LSPACE-UTF16"), system);
    for (gid, c) in &to_unicode {
        unicode.pair(*gid, *c);
    }
    pdf.cmap(cmap, &unicode.finish());

    let compressed = miniz_oxide::deflate::compress_to_vec_zlib(&subset, 6);
    pdf.stream(font_file, &compressed)
        .filter(Filter::FlateDecode);

    let mut content = Content::new();
    for (run, bytes) in runs.iter().zip(&encoded) {
        content.begin_text();
        content.set_font(font_name, run.size);
        content.next_line(run.x, run.y);
        content.show(Str(bytes));
        content.end_text();
    }
    let content = miniz_oxide::deflate::compress_to_vec_zlib(&content.finish(), 6);
    pdf.stream(contents, &content).filter(Filter::FlateDecode);
    Ok(pdf.finish())
}
