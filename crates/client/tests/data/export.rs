//! XLSX export, read back with calamine: same values and cell types as the replica.

use calamine::{Data, Reader, Xlsx, open_workbook};
use chrono::NaiveDate;
use localspace_client::export::{ExportError, ExportList, ExportProgress, Language, export_xlsx};
use localspace_client::query::{Filter, ListQuery, Sort};
use localspace_core::{Currency, Kind, Money, Patch, Value};

use crate::support::{custom_field, owner, replica};

fn read(path: &std::path::Path, sheet: &str) -> Vec<Vec<Data>> {
    let mut workbook: Xlsx<_> = open_workbook(path).unwrap();
    let range = workbook.worksheet_range(sheet).unwrap();
    range.rows().map(<[Data]>::to_vec).collect()
}

fn number(cell: &Data) -> f64 {
    match cell {
        Data::Float(f) => *f,
        Data::Int(i) => *i as f64,
        Data::DateTime(d) => d.as_f64(),
        other => panic!("expected a number, found {other:?}"),
    }
}

fn text(cell: &Data) -> &str {
    match cell {
        Data::String(s) => s,
        other => panic!("expected a text, found {other:?}"),
    }
}

fn serial(y: i32, m: u32, d: u32) -> f64 {
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30).unwrap();
    (NaiveDate::from_ymd_opt(y, m, d).unwrap() - epoch).num_days() as f64
}

fn coworkers(r: &localspace_client::Replica) {
    let users = serde_json::json!([
        {"id": owner(1), "name": "Anna Zielińska", "email": "anna@drewpol.pl", "role": "admin",
         "seat": true, "active": true, "lang": "pl"},
        {"id": owner(2), "name": "Piotr Łęcki", "email": "piotr@drewpol.pl", "role": "user",
         "seat": false, "active": true, "lang": "pl"}
    ]);
    r.set_sync_state("app.coworkers", &users.to_string())
        .unwrap();
}

#[test]
fn people_with_custom_fields_round_trip_with_types_filter_and_sort() {
    let r = replica();
    coworkers(&r);
    let budget = custom_field(&r, "person", "budget", "Budżet", "number", 1);
    let potential = custom_field(&r, "person", "potential", "Potencjał", "money", 2);
    let next = custom_field(&r, "person", "next", "Następny kontakt", "date", 3);
    let newsletter = custom_field(&r, "person", "newsletter", "Newsletter", "bool", 4);
    let segment = custom_field(&r, "person", "segment", "Segment", "select", 0);
    let tags = custom_field(&r, "person", "tags", "Tagi", "multiselect", 5);
    custom_field(&r, "company", "size", "Wielkość", "number", 0);
    let company = r
        .create(
            Kind::Company,
            &Patch::new().text("name", "Drewpol Sp. z o.o."),
        )
        .unwrap();
    let person = |first: &str, last: &str, city: &str| {
        Patch::new()
            .text("first_name", first)
            .text("last_name", last)
            .text("city", city)
    };
    r.create(
        Kind::Person,
        &person("Łukasz", "Świątek", "Łódź")
            .set("company", Value::Ref(company.0))
            .text("position", "Prezes")
            .set("emails", Value::List(vec!["lukasz@drewpol.pl".into()]))
            .set("phones", Value::List(vec!["+48 601 234 567".into()]))
            .set("owner", Value::Ref(owner(1)))
            .custom(budget, Some(Value::Int(120)))
            .custom(
                potential,
                Some(Value::Money(Money::new(1_234_550, Currency::PLN))),
            )
            .custom(
                next,
                Some(Value::Date(NaiveDate::from_ymd_opt(2026, 12, 1).unwrap())),
            )
            .custom(newsletter, Some(Value::Bool(true)))
            .custom(segment, Some(Value::Text("VIP".into())))
            .custom(
                tags,
                Some(Value::TextSet(
                    ["Lead".to_owned(), "Partner".to_owned()].into(),
                )),
            ),
    )
    .unwrap();
    r.create(Kind::Person, &person("Anna", "Lis", "Łódź"))
        .unwrap();
    r.create(Kind::Person, &person("Zofia", "Żak", "Łódź"))
        .unwrap();
    r.create(Kind::Person, &person("Jan", "Kowal", "Kraków"))
        .unwrap();

    let path = r.dir.path().join("osoby.xlsx");
    let mut seen = Vec::new();
    let query = ListQuery {
        filter: Filter {
            city: Some("Łódź".into()),
            ..Filter::default()
        },
        sort: Sort::Name,
        descending: true,
        ..ListQuery::new(Kind::Person)
    };
    let summary = export_xlsx(
        &r,
        &ExportList::Records(Box::new(query)),
        Language::Polish,
        &path,
        &mut |p: ExportProgress| seen.push(p),
    )
    .unwrap();
    assert_eq!(summary.rows, 3);
    assert_eq!(seen.first(), Some(&ExportProgress { done: 0, total: 3 }));
    assert_eq!(seen.last(), Some(&ExportProgress { done: 3, total: 3 }));

    let rows = read(&path, "Osoby");
    let header: Vec<&str> = rows[0].iter().map(text).collect();
    assert_eq!(
        header,
        [
            "Imię",
            "Nazwisko",
            "Firma",
            "Stanowisko",
            "E-mail",
            "Telefon",
            "Miasto",
            "Opiekun",
            "ID",
            "Segment",
            "Budżet",
            "Potencjał",
            "Następny kontakt",
            "Newsletter",
            "Tagi"
        ]
    );
    assert_eq!(rows.len(), 4, "header + the three people in Łódź");
    // Polish order, descending: Żak after Świątek after Lis.
    let last_names: Vec<&str> = rows[1..].iter().map(|r| text(&r[1])).collect();
    assert_eq!(last_names, ["Żak", "Świątek", "Lis"]);

    let row = &rows[2];
    assert_eq!(text(&row[0]), "Łukasz");
    assert_eq!(text(&row[2]), "Drewpol Sp. z o.o.");
    assert_eq!(text(&row[3]), "Prezes");
    assert_eq!(text(&row[4]), "lukasz@drewpol.pl");
    assert_eq!(text(&row[5]), "+48 601 234 567");
    assert_eq!(text(&row[7]), "Anna Zielińska", "owner shown by name");
    assert_eq!(text(&row[9]), "VIP");
    assert!(matches!(row[10], Data::Float(_) | Data::Int(_)));
    assert_eq!(number(&row[10]), 120.0);
    assert!(matches!(row[11], Data::Float(_)), "money is a number");
    assert_eq!((number(&row[11]) * 100.0).round() as i64, 1_234_550);
    assert!(
        matches!(row[12], Data::DateTime(_)),
        "a date cell: {:?}",
        row[12]
    );
    assert_eq!(number(&row[12]), serial(2026, 12, 1));
    assert_eq!(row[13], Data::Bool(true));
    assert_eq!(text(&row[14]), "Lead, Partner");
    // A person without custom values has empty cells there.
    assert!(rows[3][9..].iter().all(|c| *c == Data::Empty));
}

#[test]
fn deals_export_money_dates_and_stage_names() {
    let r = replica();
    let stage = localspace_core::Stage {
        id: localspace_core::RecordId::from_bytes([9; 16]),
        name: "Negocjacje".into(),
        position: 1,
        probability: 60,
    };
    let pipeline = r
        .create(
            Kind::Pipeline,
            &Patch::new()
                .text("name", "Sprzedaż")
                .set("stages", Value::Stages(vec![stage.clone()])),
        )
        .unwrap();
    r.create(
        Kind::Deal,
        &Patch::new()
            .text("title", "Meble biurowe")
            .set("pipeline", Value::Ref(pipeline.0))
            .text("stage", &stage.id.to_string())
            .set("value", Value::Money(Money::new(4_999_999, Currency::EUR)))
            .set(
                "close_date",
                Value::Date(NaiveDate::from_ymd_opt(2027, 1, 31).unwrap()),
            )
            .set("probability", Value::Int(60)),
    )
    .unwrap();
    let path = r.dir.path().join("deals.xlsx");
    export_xlsx(
        &r,
        &ExportList::Records(Box::new(ListQuery::new(Kind::Deal))),
        Language::English,
        &path,
        &mut |_| {},
    )
    .unwrap();
    let rows = read(&path, "Deals");
    let row = &rows[1];
    assert_eq!(text(&row[0]), "Meble biurowe");
    assert_eq!(text(&row[1]), "Sprzedaż");
    assert_eq!(text(&row[2]), "Negocjacje");
    assert!(matches!(row[3], Data::Float(_)));
    assert_eq!((number(&row[3]) * 100.0).round() as i64, 4_999_999);
    assert_eq!(text(&row[4]), "EUR");
    assert!(matches!(row[5], Data::DateTime(_)));
    assert_eq!(number(&row[5]), serial(2027, 1, 31));
    assert_eq!(number(&row[6]), 60.0);
    assert_eq!(text(&row[7]), "open");
}

#[test]
fn companies_and_coworkers_export() {
    let r = replica();
    coworkers(&r);
    r.create(
        Kind::Company,
        &Patch::new()
            .text("name", "Stalpol S.A.")
            .text("nip", "526-025-02-74")
            .text("regon", "012345678")
            .set("owner", Value::Ref(owner(2))),
    )
    .unwrap();
    let path = r.dir.path().join("firmy.xlsx");
    export_xlsx(
        &r,
        &ExportList::Records(Box::new(ListQuery::new(Kind::Company))),
        Language::Polish,
        &path,
        &mut |_| {},
    )
    .unwrap();
    let rows = read(&path, "Firmy");
    assert_eq!(text(&rows[1][0]), "Stalpol S.A.");
    assert_eq!(text(&rows[1][1]), "5260250274");
    assert_eq!(
        text(&rows[1][2]),
        "012345678",
        "REGON keeps its leading zero"
    );
    assert_eq!(text(&rows[1][8]), "Piotr Łęcki");

    let path = r.dir.path().join("wspolpracownicy.xlsx");
    let summary = export_xlsx(
        &r,
        &ExportList::Coworkers,
        Language::Polish,
        &path,
        &mut |_| {},
    )
    .unwrap();
    assert_eq!(summary.rows, 2);
    let rows = read(&path, "Współpracownicy");
    assert_eq!(text(&rows[2][0]), "Piotr Łęcki");
    assert_eq!(text(&rows[2][2]), "user");
    assert_eq!(rows[2][3], Data::Bool(false));
}

#[test]
fn unsupported_lists_fail_cleanly_and_leave_no_file() {
    let r = replica();
    let path = r.dir.path().join("tasks.xlsx");
    let err = export_xlsx(
        &r,
        &ExportList::Records(Box::new(ListQuery::new(Kind::Task))),
        Language::Polish,
        &path,
        &mut |_| {},
    )
    .unwrap_err();
    assert!(matches!(err, ExportError::UnsupportedKind(Kind::Task)));
    assert_eq!(err.code(), "export_unsupported_kind");
    assert!(!path.exists());
    assert!(!path.with_extension("xlsx.part").exists());
}
