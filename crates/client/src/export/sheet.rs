//! The worksheet an export streams into: constant-memory mode (each row goes to a temp file
//! as it is written, so 100,000 rows cost what 1,000 do), a bold frozen header, and one
//! number format per kind of value so money and dates stay numbers a spreadsheet can sum.

use std::collections::HashMap;

use localspace_core::Currency;
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use super::cell::{Cell, excel_serial};

/// Excel's cell limit for text.
const MAX_TEXT: usize = 32_767;

/// Formats shared by every row.
#[derive(Debug)]
pub(crate) struct Formats {
    header: Format,
    date: Format,
    int: Format,
    money: HashMap<Currency, Format>,
}

impl Formats {
    pub fn new() -> Self {
        Formats {
            header: Format::new().set_bold(),
            date: Format::new().set_num_format("yyyy-mm-dd"),
            int: Format::new().set_num_format("0"),
            money: HashMap::new(),
        }
    }

    fn money(&mut self, currency: Currency) -> &Format {
        self.money.entry(currency).or_insert_with(|| {
            let fraction = match currency.minor_digits() {
                0 => String::new(),
                n => format!(".{}", "0".repeat(n as usize)),
            };
            Format::new().set_num_format(format!("#,##0{fraction} \"{}\"", currency.code()))
        })
    }
}

/// A new constant-memory worksheet named `name` with its header row.
pub(crate) fn add_sheet<'w>(
    workbook: &'w mut Workbook,
    name: &str,
    headers: &[String],
    formats: &Formats,
) -> Result<&'w mut Worksheet, XlsxError> {
    let sheet = workbook.add_worksheet_with_constant_memory()?;
    sheet.set_name(name)?;
    for (col, header) in headers.iter().enumerate() {
        let col = col as u16;
        sheet.write_string_with_format(0, col, header.as_str(), &formats.header)?;
        sheet.set_column_width(col, (header.chars().count() + 4).clamp(10, 40) as f64)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(sheet)
}

/// Writes one row of cells at `row`.
pub(crate) fn write_row(
    sheet: &mut Worksheet,
    row: u32,
    cells: impl IntoIterator<Item = Cell>,
    formats: &mut Formats,
) -> Result<(), XlsxError> {
    for (col, cell) in cells.into_iter().enumerate() {
        let col = col as u16;
        match cell {
            Cell::Empty => {}
            Cell::Text(t) => {
                if t.chars().count() > MAX_TEXT {
                    let cut: String = t.chars().take(MAX_TEXT).collect();
                    sheet.write_string(row, col, cut)?;
                } else {
                    sheet.write_string(row, col, t)?;
                }
            }
            Cell::Int(n) => {
                sheet.write_number_with_format(row, col, n as f64, &formats.int)?;
            }
            Cell::Money(m) => {
                let unit = 10f64.powi(m.currency.minor_digits() as i32);
                let format = formats.money(m.currency);
                sheet.write_number_with_format(row, col, m.minor as f64 / unit, format)?;
            }
            Cell::Date(d) => {
                sheet.write_number_with_format(row, col, excel_serial(d), &formats.date)?;
            }
            Cell::Bool(b) => {
                sheet.write_boolean(row, col, b)?;
            }
        }
    }
    Ok(())
}
