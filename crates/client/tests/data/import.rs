//! Import from CSV and XLSX: mapping, preview with row errors, duplicate matching with a
//! decision per match, the report, undo, and garbage that changes nothing.

use localspace_client::duplicates::MatchRule;
use localspace_client::import::{
    Decision, ImportError, ImportOptions, MatchedWith, Target, preview, read_file, read_table,
    run_import, suggest_mapping, undo_import,
};
use localspace_client::query::{Filter, ListQuery, Row};
use localspace_core::{Currency, Kind, Money, Patch, Value};

use crate::support::{custom_field, replica};

fn people(r: &localspace_client::Replica) -> Vec<localspace_client::query::PersonRow> {
    r.list(&ListQuery {
        limit: 1_000,
        ..ListQuery::new(Kind::Person)
    })
    .unwrap()
    .rows
    .into_iter()
    .map(|row| match row {
        Row::Person(p) => p,
        other => panic!("{other:?}"),
    })
    .collect()
}

#[test]
fn csv_people_with_duplicates_choices_report_and_undo() {
    let r = replica();
    let budget = custom_field(&r, "person", "budget", "Budżet", "money", 0);
    let company = r
        .create(
            Kind::Company,
            &Patch::new()
                .text("name", "Drewpol Sp. z o.o.")
                .text("nip", "5260250274"),
        )
        .unwrap();
    let anna = r
        .create(
            Kind::Person,
            &Patch::new()
                .text("first_name", "Anna")
                .text("last_name", "Nowak")
                .text("city", "Kraków")
                .set("emails", Value::List(vec!["anna@drewpol.pl".into()])),
        )
        .unwrap();
    let jan = r
        .create(
            Kind::Person,
            &Patch::new()
                .text("first_name", "Jan")
                .text("last_name", "Lis")
                .set("company", Value::Ref(company.0)),
        )
        .unwrap();
    let csv = "\u{feff}Imię;Nazwisko;Firma;E-mail;Miasto;Budżet\n\
        Łukasz;Świątek;DREWPOL sp. z o. o.;lukasz@drewpol.pl;Łódź;1 234,50\n\
        Anna;Nowak;;ANNA@drewpol.pl;Gdańsk;\n\
        Jan;Lis;Drewpol;;Poznań;\n\
        Ewa;;;ewa@example.com;;\n\
        Zofia;Żak;Nieznana;zofia@example.com;;dużo\n\
        Łukasz;Świątek;;lukasz@drewpol.pl;;\n";
    let table = read_table(csv.as_bytes()).unwrap();
    let mapping = suggest_mapping(&r, &table, Kind::Person).unwrap();
    assert_eq!(mapping.columns[5], Target::Custom(budget));

    let preview = preview(&r, &table, Kind::Person, &mapping, 3).unwrap();
    assert_eq!(preview.total_rows, 6);
    assert_eq!(preview.rows.len(), 3);
    assert_eq!(
        preview.failed, 2,
        "Ewa has no last name, Zofia's budget is not money"
    );
    assert_eq!(preview.matched, 3);
    let row = |line: usize| preview.rows.iter().find(|r| r.line == line).unwrap();
    assert_eq!(row(2).matched, None);
    assert_eq!(
        row(2).patch.fields.get("company"),
        Some(&Some(Value::Ref(company.0))),
        "company found by normalized name"
    );
    assert_eq!(
        row(2).patch.custom.get(&budget),
        Some(&Some(Value::Money(Money::new(123_450, Currency::PLN))))
    );
    let m = row(3).matched.unwrap();
    assert_eq!(
        (m.with, m.rule),
        (MatchedWith::Record(anna), MatchRule::Email)
    );
    let m = row(4).matched.unwrap();
    assert_eq!(
        (m.with, m.rule),
        (MatchedWith::Record(jan), MatchRule::NameAndCompany)
    );

    // Anna is updated, Jan is skipped by the default, the repeated Łukasz is left out.
    let before = r.list(&ListQuery::new(Kind::Person)).unwrap().rows.len();
    let options = ImportOptions {
        on_match: Decision::Skip,
        decisions: [(3, Decision::Update)].into(),
        batch: 2,
    };
    let mut progress = Vec::new();
    let report = run_import(&r, &table, Kind::Person, &mapping, &options, &mut |p| {
        progress.push((p.done, p.total))
    })
    .unwrap();
    assert_eq!(report.created, 1);
    assert_eq!(report.updated, 1);
    assert_eq!(report.skipped, 2);
    let lines: Vec<usize> = report.errors.iter().map(|e| e.line).collect();
    assert_eq!(lines, [5, 6]);
    assert!(report.errors[1].column.as_deref() == Some("Budżet"));
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.line == 6 && w.message.contains("Nieznana"))
    );
    assert_eq!(progress.last(), Some(&(2, 2)));

    let after = people(&r);
    assert_eq!(after.len(), before + 1);
    let lukasz = after
        .iter()
        .find(|p| p.last_name.as_deref() == Some("Świątek"))
        .unwrap();
    assert_eq!(lukasz.company, Some(company));
    let anna_now = r.get(anna).unwrap();
    assert_eq!(anna_now.text("city"), "Gdańsk");
    assert_eq!(
        anna_now.get("emails"),
        Some(&Value::List(vec!["anna@drewpol.pl".into()])),
        "the same address in other case is not added twice"
    );

    // A person edits Anna's city after the import: undo keeps that edit.
    r.clock.advance(1_000);
    r.update(anna, &Patch::new().text("city", "Sopot")).unwrap();
    let undo = undo_import(&r, &report.import).unwrap();
    assert_eq!(undo.removed, 1);
    assert_eq!(undo.kept_fields, 1);
    assert_eq!(people(&r).len(), before);
    assert!(
        r.get(lukasz.id).unwrap().is_deleted(),
        "in the trash, restorable"
    );
    assert_eq!(r.get(anna).unwrap().text("city"), "Sopot");
    assert!(matches!(
        undo_import(&r, &report.import),
        Err(ImportError::AlreadyUndone(_))
    ));
    let records = localspace_client::import::imports(&r).unwrap();
    assert_eq!(records.len(), 1);
    assert!(records[0].undone && records[0].complete);
}

#[test]
fn undo_restores_values_the_import_overwrote() {
    let r = replica();
    let id = r
        .create(
            Kind::Company,
            &Patch::new()
                .text("name", "Stalpol S.A.")
                .text("regon", "012345678")
                .text("city", "Kielce"),
        )
        .unwrap();
    let csv = "Nazwa,REGON,Miasto,Branża\nStalpol,012345678,Radom,Hutnictwo\n";
    let table = read_table(csv.as_bytes()).unwrap();
    let mapping = suggest_mapping(&r, &table, Kind::Company).unwrap();
    let options = ImportOptions {
        on_match: Decision::Update,
        ..ImportOptions::default()
    };
    let report = run_import(&r, &table, Kind::Company, &mapping, &options, &mut |_| {}).unwrap();
    assert_eq!((report.created, report.updated), (0, 1));
    let updated = r.get(id).unwrap();
    assert_eq!(updated.text("city"), "Radom");
    assert_eq!(updated.text("industry"), "Hutnictwo");
    assert_eq!(
        updated.text("name"),
        "Stalpol",
        "the row's name is written too"
    );
    let undo = undo_import(&r, &report.import).unwrap();
    assert_eq!(undo.restored, 1);
    let back = r.get(id).unwrap();
    assert_eq!(back.text("city"), "Kielce");
    assert_eq!(back.text("name"), "Stalpol S.A.");
    assert_eq!(
        back.get("industry"),
        None,
        "a field the record lacked is cleared again"
    );
}

#[test]
fn companies_match_by_nip_then_regon_then_name_and_create_when_asked() {
    let r = replica();
    let by_nip = r
        .create(
            Kind::Company,
            &Patch::new().text("name", "Alfa").text("nip", "5260250274"),
        )
        .unwrap();
    let by_name = r
        .create(
            Kind::Company,
            &Patch::new().text("name", "Gamma Sp. z o.o."),
        )
        .unwrap();
    let csv = "Nazwa,NIP\nZupełnie inna nazwa,PL 526-025-02-74\ngamma,\nDelta,\n";
    let table = read_table(csv.as_bytes()).unwrap();
    let mapping = suggest_mapping(&r, &table, Kind::Company).unwrap();
    let preview = preview(&r, &table, Kind::Company, &mapping, 10).unwrap();
    let m: Vec<_> = preview.rows.iter().map(|r| r.matched).collect();
    assert_eq!(m[0].unwrap().with, MatchedWith::Record(by_nip));
    assert_eq!(m[0].unwrap().rule, MatchRule::Nip);
    assert_eq!(m[1].unwrap().with, MatchedWith::Record(by_name));
    assert_eq!(m[1].unwrap().rule, MatchRule::Name);
    assert_eq!(m[2], None);
    let options = ImportOptions {
        decisions: [(3, Decision::Create)].into(),
        ..ImportOptions::default()
    };
    let report = run_import(&r, &table, Kind::Company, &mapping, &options, &mut |_| {}).unwrap();
    assert_eq!((report.created, report.skipped), (2, 1));
    assert_eq!(r.count(Kind::Company, &Filter::default()).unwrap(), 4);
}

#[test]
fn xlsx_export_imports_back_into_an_empty_replica() {
    use localspace_client::export::{ExportList, Language, export_xlsx};
    let source = replica();
    let segment = custom_field(&source, "person", "segment", "Segment", "select", 0);
    let since = custom_field(&source, "person", "since", "Klient od", "date", 1);
    source
        .create(
            Kind::Person,
            &Patch::new()
                .text("first_name", "Żaneta")
                .text("last_name", "Łęcka")
                .set("phones", Value::List(vec!["601234567".into()]))
                .custom(segment, Some(Value::Text("VIP".into())))
                .custom(
                    since,
                    Some(Value::Date(
                        chrono::NaiveDate::from_ymd_opt(2024, 2, 29).unwrap(),
                    )),
                ),
        )
        .unwrap();
    let path = source.dir.path().join("osoby.xlsx");
    export_xlsx(
        &source,
        &ExportList::Records(Box::new(ListQuery::new(Kind::Person))),
        Language::Polish,
        &path,
        &mut |_| {},
    )
    .unwrap();

    let target = replica();
    let segment2 = custom_field(&target, "person", "segment", "Segment", "select", 0);
    let since2 = custom_field(&target, "person", "since", "Klient od", "date", 1);
    let table = read_file(&path).unwrap();
    let mapping = suggest_mapping(&target, &table, Kind::Person).unwrap();
    let report = run_import(
        &target,
        &table,
        Kind::Person,
        &mapping,
        &ImportOptions::default(),
        &mut |_| {},
    )
    .unwrap();
    assert_eq!(report.created, 1, "{report:?}");
    let person = people(&target).remove(0);
    let record = target.get(person.id).unwrap();
    assert_eq!(record.text("first_name"), "Żaneta");
    assert_eq!(
        record.get("phones"),
        Some(&Value::List(vec!["601234567".into()]))
    );
    assert_eq!(record.custom[&segment2].value, Value::Text("VIP".into()));
    // Documents keep custom dates as text; the list row's JSON is what lists show.
    assert_eq!(
        record.custom[&since2].value,
        Value::Text("2024-02-29".into())
    );
    let json: serde_json::Value = serde_json::from_str(person.custom.as_deref().unwrap()).unwrap();
    assert_eq!(json[since2.to_string()], "2024-02-29");
}

#[test]
fn garbage_gives_typed_errors_and_changes_nothing() {
    let r = replica();
    r.create(Kind::Person, &Patch::new().text("last_name", "Nowak"))
        .unwrap();
    let dir = r.dir.path();
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    let mut noise = vec![0u8; 50 * 1024 * 1024];
    for b in noise.iter_mut() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        *b = (state >> 24) as u8;
    }
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("noise.csv", noise, "import_not_text"),
        (
            "broken.xlsx",
            b"PK\x03\x04garbage that is no zip".to_vec(),
            "import_bad_xlsx",
        ),
        (
            "old.xls",
            vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1],
            "import_legacy_xls",
        ),
        ("empty.csv", Vec::new(), "import_empty"),
        (
            "header.csv",
            b"Imi\xc4\x99;Nazwisko\n".to_vec(),
            "import_no_rows",
        ),
        (
            "bad-utf8-bom.csv",
            b"\xEF\xBB\xBFImi\xea;Nazwisko\nA;B\n".to_vec(),
            "import_not_text",
        ),
    ];
    let docs_before = r.count(Kind::Person, &Filter::default()).unwrap();
    for (name, bytes, code) in cases {
        let path = dir.join(name);
        std::fs::write(&path, &bytes).unwrap();
        let err = read_file(&path).unwrap_err();
        assert_eq!(err.code(), code, "{name}: {err}");
        assert!(!err.to_string().is_empty());
    }
    assert_eq!(
        r.count(Kind::Person, &Filter::default()).unwrap(),
        docs_before
    );
    assert!(localspace_client::import::imports(&r).unwrap().is_empty());

    // A mapping to a field the kind lacks is refused before anything is written.
    let table = read_table(b"Nazwisko,X\nNowak,1\n").unwrap();
    let mapping = localspace_client::import::Mapping {
        columns: vec![
            Target::Field("last_name".into()),
            Target::Field("nip".into()),
        ],
    };
    let err = run_import(
        &r,
        &table,
        Kind::Person,
        &mapping,
        &ImportOptions::default(),
        &mut |_| {},
    )
    .unwrap_err();
    assert_eq!(err.code(), "import_unknown_target");
    assert_eq!(
        r.count(Kind::Person, &Filter::default()).unwrap(),
        docs_before
    );
}
