//! The README inside every archive, in Polish and English: what each file holds and what
//! each column means. The record files' columns come from the same schema the CSVs are
//! written from, so the README never misses a column.

use std::fmt::Write;

use localspace_core::Kind;
use localspace_core::archive::{ARCHIVE_FORMAT, FORMAT_PREFIX, README_TITLE};
use localspace_core::schema::{self, FieldType};

use super::columns::{CustomColumn, custom_header, in_own_file};
use super::tables::{COWORKERS, LINES, LINKS, RECORD_FILES, STAGES};

/// What a file holds: (name, Polish, English).
fn about(file: &str) -> (&'static str, &'static str) {
    match file {
        "custom_fields.csv" => (
            "Definicje pól dodatkowych (ich wartości są kolumnami w plikach rekordów).",
            "Custom field definitions (their values are columns of the record files).",
        ),
        "pipelines.csv" => ("Lejki sprzedaży.", "Sales pipelines."),
        "companies.csv" => ("Lista firm.", "Companies."),
        "people.csv" => ("Lista osób (kontaktów).", "People (contacts)."),
        "deals.csv" => ("Lista szans sprzedaży.", "Deals."),
        "spaces.csv" => ("Lista przestrzeni.", "Spaces."),
        "tasks.csv" => ("Lista zadań.", "Tasks."),
        "activities.csv" => (
            "Historia aktywności (notatki, telefony, spotkania, e-maile). Do kogo należy wpis — osoby, firmy, szansy czy przestrzeni — mówi kolumna `links` oraz wiersze links.csv z field = links (target_kind: person, company, deal, space).",
            "Activity history (notes, calls, meetings, e-mails). Whose timeline an entry is on — a person, company, deal or space — is in the `links` column and in links.csv rows with field = links (target_kind: person, company, deal, space).",
        ),
        "files.csv" => (
            "Lista plików i odnośników. `archive_path` wskazuje bajty pliku w tym archiwum (puste dla odnośników i plików jeszcze niewysłanych na serwer); rodzic pliku jest w `links`.",
            "Files and links. `archive_path` points at the file's bytes in this archive (empty for links and files not yet uploaded); the parent record is in `links`.",
        ),
        COWORKERS => (
            "Współpracownicy: użytkownicy konta. Kolumny owner, assignee, author, participants, members zawierają ich id.",
            "Coworkers: the account's users. The owner, assignee, author, participants and members columns hold their ids.",
        ),
        LINES => (
            "Przychody i koszty szans sprzedaży, wiersz na pozycję; deal_id łączy z deals.csv.",
            "Revenue and cost lines of deals, one row per line; deal_id joins deals.csv.",
        ),
        STAGES => (
            "Etapy lejków; pipeline_id łączy z pipelines.csv, kolumna stage w deals.csv zawiera id etapu.",
            "Pipeline stages; pipeline_id joins pipelines.csv, the stage column of deals.csv holds a stage id.",
        ),
        LINKS => (
            "Powiązania rekordów, wiersz na parę: rekord (record_id, record_kind), pole (field) i rekord docelowy (target_id, target_kind; pusty rodzaj: rekord usunięty na stałe).",
            "Record links, one row per pair: the record (record_id, record_kind), the field and the target (target_id, target_kind; an empty kind: the target was erased).",
        ),
        _ => ("", ""),
    }
}

/// What a column of a type holds: (Polish, English).
fn type_text(ty: FieldType) -> (String, String) {
    match ty {
        FieldType::Text { .. } | FieldType::Nip => ("tekst".into(), "text".into()),
        FieldType::Enum(values) => (
            format!("jedna z wartości: {}", values.join(", ")),
            format!("one of: {}", values.join(", ")),
        ),
        FieldType::LongText => ("długi tekst".into(), "long text".into()),
        FieldType::Int { .. } => ("liczba całkowita".into(), "integer".into()),
        FieldType::Bool => ("true / false".into(), "true / false".into()),
        FieldType::Money => (
            "kwota dziesiętna z kropką; waluta w kolumnie *_currency".into(),
            "decimal amount with a dot; currency in the *_currency column".into(),
        ),
        FieldType::Date => ("data RRRR-MM-DD".into(), "date YYYY-MM-DD".into()),
        FieldType::Timestamp => (
            "moment ISO 8601 w UTC".into(),
            "moment, ISO 8601 in UTC".into(),
        ),
        FieldType::Ref(Some(kind)) => (
            format!("id rekordu ({})", file_of(kind)),
            format!("record id ({})", file_of(kind)),
        ),
        FieldType::Ref(None) => ("id rekordu".into(), "record id".into()),
        FieldType::UserRef => (
            format!("id użytkownika ({COWORKERS})"),
            format!("user id ({COWORKERS})"),
        ),
        FieldType::RefSet(Some(kind)) => (
            format!("id rekordów ({}) rozdzielone `;`", file_of(kind)),
            format!("record ids ({}) separated by `;`", file_of(kind)),
        ),
        FieldType::RefSet(None) => (
            "id rekordów dowolnego rodzaju rozdzielone `;` (rodzaje w links.csv)".into(),
            "record ids of any kind separated by `;` (kinds in links.csv)".into(),
        ),
        FieldType::UserSet => (
            format!("id użytkowników ({COWORKERS}) rozdzielone `;`"),
            format!("user ids ({COWORKERS}) separated by `;`"),
        ),
        FieldType::Emails | FieldType::Phones | FieldType::List => (
            "lista rozdzielona `;`".into(),
            "list separated by `;`".into(),
        ),
        FieldType::Lines => (LINES.into(), LINES.into()),
        FieldType::Stages => (STAGES.into(), STAGES.into()),
    }
}

fn file_of(kind: Kind) -> &'static str {
    RECORD_FILES
        .iter()
        .find(|(k, _)| *k == kind)
        .map(|(_, f)| *f)
        .unwrap_or("")
}

fn fixed_columns(file: &str) -> &'static [(&'static str, &'static str, &'static str)] {
    match file {
        COWORKERS => &[
            ("id", "id użytkownika", "user id"),
            ("name", "imię i nazwisko", "name"),
            ("email", "e-mail", "e-mail"),
            ("role", "user, manager, admin", "user, manager, admin"),
            (
                "seat",
                "czy ma stanowisko (true/false)",
                "holds a seat (true/false)",
            ),
            ("active", "czy aktywny (true/false)", "active (true/false)"),
            ("lang", "język (pl, en)", "language (pl, en)"),
            (
                "created_at",
                "utworzony, ISO 8601 UTC",
                "created, ISO 8601 UTC",
            ),
        ],
        LINES => &[
            ("id", "id pozycji", "line id"),
            ("deal_id", "id szansy (deals.csv)", "deal id (deals.csv)"),
            (
                "type",
                "revenue (przychód) / cost (koszt)",
                "revenue / cost",
            ),
            ("name", "nazwa", "name"),
            ("quantity", "ilość", "quantity"),
            (
                "unit_price",
                "cena jednostkowa, kwota dziesiętna",
                "unit price, decimal",
            ),
            ("currency", "waluta ISO 4217", "ISO 4217 currency"),
            (
                "total",
                "ilość × cena, kwota dziesiętna",
                "quantity × price, decimal",
            ),
            ("position", "kolejność", "order"),
        ],
        STAGES => &[
            ("id", "id etapu", "stage id"),
            (
                "pipeline_id",
                "id lejka (pipelines.csv)",
                "pipeline id (pipelines.csv)",
            ),
            ("name", "nazwa", "name"),
            ("position", "kolejność", "order"),
            (
                "probability",
                "szansa wygranej 0–100",
                "chance of winning 0–100",
            ),
        ],
        LINKS => &[
            ("record_id", "id rekordu", "record id"),
            ("record_kind", "rodzaj rekordu", "record kind"),
            (
                "field",
                "pole (people, companies, links)",
                "field (people, companies, links)",
            ),
            ("target_id", "id rekordu docelowego", "target record id"),
            (
                "target_kind",
                "rodzaj rekordu docelowego",
                "target record kind",
            ),
        ],
        _ => &[],
    }
}

/// The README for an archive built at `built_at` (RFC 3339) with these custom columns.
pub fn readme(
    account: &str,
    built_at: &str,
    custom: &[(Kind, CustomColumn)],
    keep_hours: i64,
) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{README_TITLE}\n{FORMAT_PREFIX}{ARCHIVE_FORMAT}\nKonto / account: {account}\nUtworzono / built: {built_at}\n"
    );
    let _ = writeln!(
        out,
        "PL: Pliki CSV w UTF-8 (bez BOM), przecinek jako separator, nagłówek w pierwszym wierszu. \
Każdy rekord ma stałe id (UUID) w kolumnie `id`; kolumny z id innych rekordów łączą pliki \
(np. people.company → companies.id, deals.companies → companies.id, deal_lines.deal_id → deals.id, \
files.links → rodzic pliku). Kwoty to liczby dziesiętne z kropką, z walutą w osobnej kolumnie; \
daty RRRR-MM-DD, momenty ISO 8601 w UTC. Rekordy w koszu są w plikach z wypełnioną kolumną \
`deleted_at`; rekordy usunięte na stałe (RODO) nie występują. Pola dodatkowe to kolumny \
„Etykieta [custom.klucz]” (kwota ma drugą kolumnę z walutą). Bajty plików są w katalogu \
files/<id pliku>/<nazwa>. Archiwum jest przechowywane na serwerze {keep_hours} h od utworzenia, \
potem usuwane.\n"
    );
    let _ = writeln!(
        out,
        "EN: CSV files in UTF-8 (no BOM), comma-separated, header in the first row. Every record \
has a stable id (UUID) in the `id` column; columns holding other records' ids join the files \
(e.g. people.company → companies.id, deals.companies → companies.id, deal_lines.deal_id → deals.id, \
files.links → the file's parent). Amounts are decimal numbers with a dot, with the currency in \
its own column; dates YYYY-MM-DD, moments ISO 8601 in UTC. Records in the trash are included \
with `deleted_at` filled in; records erased for good (GDPR) are absent. Custom fields are \
columns named \"Label [custom.key]\" (money has a second column with the currency). File bytes \
are under files/<file id>/<name>. The server keeps the archive for {keep_hours} h after it was \
built, then removes it.\n"
    );
    for (kind, file) in RECORD_FILES {
        let (pl, en) = about(file);
        let _ = writeln!(out, "== {file}\nPL: {pl}\nEN: {en}");
        let _ = writeln!(out, "- id: id rekordu (UUID) / record id (UUID)");
        for spec in schema::fields(kind) {
            if in_own_file(spec) {
                let (file, _) = type_text(spec.ty);
                let _ = writeln!(
                    out,
                    "- {}: nie kolumna, wiersze w {file} / not a column, rows in {file}",
                    spec.key
                );
                continue;
            }
            let (pl, en) = type_text(spec.ty);
            let _ = writeln!(out, "- {}: {pl} / {en}", spec.key);
            if spec.ty == FieldType::Money {
                let _ = writeln!(
                    out,
                    "- {}_currency: waluta ISO 4217 / ISO 4217 currency",
                    spec.key
                );
            }
        }
        for (_, c) in custom.iter().filter(|(k, _)| *k == kind) {
            let _ = writeln!(
                out,
                "- {}: pole dodatkowe / custom field{}",
                custom_header(c),
                if c.is_money() {
                    " (kwota / amount; waluta w następnej kolumnie / currency in the next column)"
                } else {
                    ""
                }
            );
        }
        if kind == Kind::File {
            let _ = writeln!(
                out,
                "- archive_path: ścieżka bajtów w archiwum / path of the bytes in this archive"
            );
        }
        let _ = writeln!(
            out,
            "- deleted_at: kiedy trafił do kosza (puste: aktywny) / when it went to the trash (empty: live)\n"
        );
    }
    for file in [COWORKERS, LINES, STAGES, LINKS] {
        let (pl, en) = about(file);
        let _ = writeln!(out, "== {file}\nPL: {pl}\nEN: {en}");
        for (name, pl, en) in fixed_columns(file) {
            let _ = writeln!(out, "- {name}: {pl} / {en}");
        }
        let _ = writeln!(out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_and_record_column_is_described() {
        let text = readme("Drewpol", "2026-03-02T10:00:00Z", &[], 24);
        for (kind, file) in RECORD_FILES {
            assert!(text.contains(&format!("== {file}")), "{file}");
            assert!(!about(file).0.is_empty(), "{file}");
            for spec in schema::fields(kind) {
                assert!(
                    text.contains(&format!("- {}:", spec.key)),
                    "{file}.{}",
                    spec.key
                );
            }
        }
        for file in [COWORKERS, LINES, STAGES, LINKS] {
            assert!(text.contains(&format!("== {file}")), "{file}");
            assert!(!fixed_columns(file).is_empty());
        }
        assert!(text.contains("24 h"));
    }
}
