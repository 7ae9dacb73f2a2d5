//! Lists, search, record pages, pipeline summaries and task buckets on real projections.

use chrono::NaiveDate;
use localspace_client::query::{Filter, ListQuery, Row, Sort, TaskBucket};
use localspace_core::{Currency, Kind, Money, Patch, RecordId, Stage, Value};

use crate::support::*;

fn names(rows: &[Row]) -> Vec<String> {
    rows.iter()
        .map(|r| match r {
            Row::Person(p) => p.last_name.clone().unwrap_or_default(),
            Row::Company(c) => c.name.clone().unwrap_or_default(),
            Row::Deal(d) => d.title.clone().unwrap_or_default(),
            Row::Task(t) => t.title.clone().unwrap_or_default(),
            Row::Other(o) => o.title.clone(),
        })
        .collect()
}

#[test]
fn search_folds_polish_letters_and_matches_prefixes() {
    let r = replica();
    let lodz = r
        .create(
            Kind::Company,
            &Patch::new()
                .text("name", "Zakłady Mięsne")
                .text("city", "Łódź"),
        )
        .unwrap();
    let zolw = create_person(&r, "Adam", "Żółw");
    let phone = r
        .create(
            Kind::Person,
            &person("Ola", "Lis").set("phones", Value::List(vec!["+48 601 234 567".into()])),
        )
        .unwrap();
    assert_eq!(r.search("lodz", 10).unwrap()[0].id, lodz);
    assert_eq!(r.search("ŁÓDŹ", 10).unwrap()[0].id, lodz);
    assert_eq!(r.search("zolw", 10).unwrap()[0].id, zolw);
    assert_eq!(r.search("zół", 10).unwrap()[0].id, zolw);
    assert_eq!(r.search("mies zak", 10).unwrap()[0].id, lodz);
    assert_eq!(r.search("601234", 10).unwrap()[0].id, phone);
    assert!(r.search("warszawa", 10).unwrap().is_empty());
    let people = r.search_kind(Kind::Person, "zo", 10).unwrap();
    assert_eq!(people.iter().map(Row::id).collect::<Vec<_>>(), vec![zolw]);
}

#[test]
fn lists_sort_in_polish_order_and_page_by_keyset() {
    let r = replica();
    let last_names = [
        "Żak",
        "Zając",
        "Łukasik",
        "Lis",
        "Śliwa",
        "Sowa",
        "Ćwik",
        "Cebula",
        "Nowak",
        "Nowakowski",
        "Ącki",
        "Adamski",
    ];
    for name in last_names {
        create_person(&r, "Jan", name);
    }
    let mut query = ListQuery::new(Kind::Person);
    query.limit = 5;
    let mut all = Vec::new();
    loop {
        let page = r.list(&query).unwrap();
        all.extend(names(&page.rows));
        match page.next {
            Some(next) => query.after = Some(next),
            None => break,
        }
    }
    assert_eq!(
        all,
        [
            "Adamski",
            "Ącki",
            "Cebula",
            "Ćwik",
            "Lis",
            "Łukasik",
            "Nowak",
            "Nowakowski",
            "Sowa",
            "Śliwa",
            "Zając",
            "Żak"
        ]
    );
    query.after = None;
    query.descending = true;
    query.limit = 3;
    assert_eq!(
        names(&r.list(&query).unwrap().rows),
        ["Żak", "Zając", "Śliwa"]
    );
}

#[test]
fn lists_filter_by_owner_company_text_custom_and_trash() {
    let r = replica();
    let acme = r
        .create(Kind::Company, &Patch::new().text("name", "Acme"))
        .unwrap();
    let def = r
        .create(
            Kind::CustomField,
            &Patch::new()
                .text("target", "person")
                .text("key", "vip")
                .text("label", "VIP")
                .text("field_type", "bool"),
        )
        .unwrap();
    let a = r
        .create(
            Kind::Person,
            &person("Anna", "Nowak")
                .set("owner", Value::Ref(owner(1)))
                .set("company", Value::Ref(acme.0)),
        )
        .unwrap();
    let b = r
        .create(
            Kind::Person,
            &person("Beata", "Nowicka")
                .set("owner", Value::Ref(owner(2)))
                .custom(def, Some(Value::Bool(true))),
        )
        .unwrap();
    let c = r
        .create(
            Kind::Person,
            &person("Cezary", "Kowal").set("owner", Value::Ref(owner(1))),
        )
        .unwrap();
    let ids = |f: Filter| {
        let mut q = ListQuery::new(Kind::Person);
        q.filter = f;
        r.list(&q)
            .unwrap()
            .rows
            .iter()
            .map(Row::id)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        ids(Filter {
            owner: Some(owner(1)),
            ..Filter::default()
        }),
        vec![c, a]
    );
    assert_eq!(
        ids(Filter {
            company: Some(acme),
            ..Filter::default()
        }),
        vec![a]
    );
    assert_eq!(
        ids(Filter {
            text: Some("now".into()),
            ..Filter::default()
        }),
        vec![a, b]
    );
    assert_eq!(
        ids(Filter {
            custom: vec![(def, serde_json::json!(true))],
            ..Filter::default()
        }),
        vec![b]
    );
    // Counting with text starts from the search index: only this kind's live rows, with the
    // other conditions still applied (a company named "Nowa" is not a person).
    r.create(Kind::Company, &Patch::new().text("name", "Nowa Huta"))
        .unwrap();
    let with_text = |owner: Option<uuid::Uuid>, trash: bool| Filter {
        text: Some("now".into()),
        owner,
        trash,
        ..Filter::default()
    };
    assert_eq!(r.count(Kind::Person, &with_text(None, false)).unwrap(), 2);
    assert_eq!(
        r.count(Kind::Person, &with_text(Some(owner(2)), false))
            .unwrap(),
        1
    );
    r.soft_delete(b).unwrap();
    assert_eq!(r.count(Kind::Person, &with_text(None, false)).unwrap(), 1);
    assert_eq!(r.count(Kind::Person, &with_text(None, true)).unwrap(), 1);
    r.restore(b).unwrap();
    r.soft_delete(c).unwrap();
    assert_eq!(
        ids(Filter {
            trash: true,
            ..Filter::default()
        }),
        vec![c]
    );
    let mut q = ListQuery::new(Kind::Person);
    q.filter.stage = Some("x".into());
    assert_eq!(r.list(&q).unwrap_err().code(), "invalid");
    let mut q = ListQuery::new(Kind::Person);
    let Row::Person(row) = &r.list(&q).unwrap().rows[0] else {
        panic!()
    };
    assert_eq!(row.company_name.as_deref(), Some("Acme"));
    q.sort = Sort::Value;
    assert!(r.list(&q).is_err());
}

#[test]
fn a_record_page_shows_links_both_ways_timeline_tasks_and_files() {
    let r = replica();
    let company = r
        .create(Kind::Company, &Patch::new().text("name", "Acme"))
        .unwrap();
    let anna = r
        .create(
            Kind::Person,
            &person("Anna", "Nowak").set("company", Value::Ref(company.0)),
        )
        .unwrap();
    let deal = r
        .create(
            Kind::Deal,
            &Patch::new()
                .text("title", "Wdrożenie")
                .set("companies", links(&[company]))
                .set("people", links(&[anna])),
        )
        .unwrap();
    for (i, kind) in ["note", "call", "meeting"].iter().enumerate() {
        let at = T0 + i as i64 * 60_000;
        r.create(
            Kind::Activity,
            &Patch::new()
                .text("type", kind)
                .set("at", Value::Timestamp(at))
                .set("links", links(&[deal]))
                .set("body", Value::LongText(format!("{kind} z klientem"))),
        )
        .unwrap();
    }
    r.create(
        Kind::Task,
        &Patch::new()
            .text("title", "Wysłać ofertę")
            .set("links", links(&[deal])),
    )
    .unwrap();
    r.create(
        Kind::File,
        &Patch::new()
            .text("name", "oferta.pdf")
            .set("links", links(&[deal])),
    )
    .unwrap();

    let view = r.open_record(deal, 50).unwrap();
    assert_eq!(view.record.text("title"), "Wdrożenie");
    let mut linked: Vec<_> = view
        .linked
        .iter()
        .map(|l| (l.relation.as_str(), l.title.as_str(), l.incoming))
        .collect();
    linked.sort();
    assert_eq!(
        linked,
        [
            ("companies", "Acme", false),
            ("people", "Anna Nowak", false)
        ]
    );
    assert_eq!(
        view.timeline
            .iter()
            .map(|t| t.activity_type.as_str())
            .collect::<Vec<_>>(),
        ["meeting", "call", "note"]
    );
    assert_eq!(
        view.timeline[0].preview.as_deref(),
        Some("meeting z klientem")
    );
    assert_eq!(view.tasks.len(), 1);
    assert_eq!(view.files[0].title, "oferta.pdf");

    let company_view = r.open_record(company, 50).unwrap();
    let mut incoming: Vec<_> = company_view
        .linked
        .iter()
        .filter(|l| l.incoming)
        .map(|l| l.title.as_str())
        .collect();
    incoming.sort();
    assert_eq!(incoming, ["Anna Nowak", "Wdrożenie"]);
}

#[test]
fn pipeline_summary_counts_sums_and_weights_per_stage() {
    let r = replica();
    let stage = |n: u8, name: &str, p: u8| Stage {
        id: RecordId::from_bytes([n; 16]),
        name: name.into(),
        position: i64::from(n),
        probability: p,
    };
    let stages = vec![
        stage(1, "Kontakt", 10),
        stage(2, "Oferta", 50),
        stage(3, "Negocjacje", 75),
    ];
    let pipeline = r
        .create(
            Kind::Pipeline,
            &Patch::new()
                .text("name", "B2B")
                .set("stages", Value::Stages(stages.clone())),
        )
        .unwrap();
    let deal = |title: &str, stage: &Stage, minor: i64, extra: Patch| {
        let mut p = extra
            .text("title", title)
            .set("pipeline", Value::Ref(pipeline.0))
            .text("stage", &stage.id.to_string());
        p = p.set("value", Value::Money(Money::new(minor, Currency::PLN)));
        r.create(Kind::Deal, &p).unwrap()
    };
    deal("A", &stages[1], 1_001, Patch::new());
    deal("B", &stages[1], 2_000, Patch::new());
    deal(
        "C",
        &stages[1],
        1_000,
        Patch::new().set("probability", Value::Int(90)),
    );
    deal("D", &stages[2], 10_000, Patch::new().text("status", "won"));
    let lost = deal("E", &stages[0], 500, Patch::new().text("status", "lost"));
    let gone = deal("F", &stages[0], 700, Patch::new());
    r.soft_delete(gone).unwrap();
    let _ = lost;

    let summary = r.pipeline_summary(pipeline).unwrap();
    let names: Vec<_> = summary.stages.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Kontakt", "Oferta", "Negocjacje"]);
    let offer = &summary.stages[1];
    assert_eq!(offer.count, 3);
    assert_eq!(offer.sum, [Money::new(4_001, Currency::PLN)]);
    // 1001 × 50% = 500.5 → 501; 2000 × 50% = 1000; 1000 × 90% = 900.
    assert_eq!(offer.weighted, [Money::new(2_401, Currency::PLN)]);
    assert_eq!(summary.stages[0].count, 0);
    assert_eq!(summary.won.count, 1);
    assert_eq!(summary.won.sum, [Money::new(10_000, Currency::PLN)]);
    assert_eq!(summary.lost.count, 1);
}

#[test]
fn tasks_land_in_inbox_today_overdue_and_upcoming() {
    let r = replica();
    let today = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
    let task = |title: &str, due: Option<NaiveDate>, done: bool| {
        let mut p = Patch::new()
            .text("title", title)
            .set("done", Value::Bool(done))
            .set("assignee", Value::Ref(owner(1)));
        if let Some(d) = due {
            p = p.set("due", Value::Date(d));
        }
        r.create(Kind::Task, &p).unwrap()
    };
    task("bez terminu", None, false);
    task("dziś", Some(today), false);
    task("wczoraj", today.pred_opt(), false);
    task("jutro", today.succ_opt(), false);
    task("zrobione", today.pred_opt(), true);
    let titles = |b: TaskBucket| {
        r.tasks(b, today, None, 50)
            .unwrap()
            .into_iter()
            .map(|t| t.title.unwrap_or_default())
            .collect::<Vec<_>>()
    };
    assert_eq!(titles(TaskBucket::Inbox), ["bez terminu"]);
    assert_eq!(titles(TaskBucket::Today), ["dziś"]);
    assert_eq!(titles(TaskBucket::Overdue), ["wczoraj"]);
    assert_eq!(titles(TaskBucket::Upcoming), ["jutro"]);
    assert!(
        r.tasks(TaskBucket::Today, today, Some(owner(2)), 50)
            .unwrap()
            .is_empty()
    );
}
