//! Finding likely duplicates and merging two records with everything linked to them.

use localspace_client::duplicates::{MatchRule, find_duplicates, merge};
use localspace_client::export::Language;
use localspace_core::{Kind, Patch, Value};

use crate::support::{T0, custom_field, replica};

#[test]
fn finds_companies_and_people_by_the_import_rules() {
    let r = replica();
    // One millisecond apart, so "oldest first" is the order of creation.
    let create = |kind: Kind, patch: Patch| {
        r.clock.advance(1);
        r.create(kind, &patch).unwrap()
    };
    let a = create(
        Kind::Company,
        Patch::new().text("name", "Alfa").text("nip", "5260250274"),
    );
    let b = create(
        Kind::Company,
        Patch::new()
            .text("name", "Alfa Beta")
            .text("nip", "526-025-02-74"),
    );
    let c = create(Kind::Company, Patch::new().text("name", "Gamma S.A."));
    let d = create(Kind::Company, Patch::new().text("name", "GAMMA"));
    create(Kind::Company, Patch::new().text("name", "Delta"));
    let groups = find_duplicates(&r, Kind::Company).unwrap();
    assert_eq!(groups.len(), 2);
    assert_eq!(
        (groups[0].rule, groups[0].ids.clone()),
        (MatchRule::Nip, vec![a, b])
    );
    assert_eq!(
        (groups[1].rule, groups[1].ids.clone()),
        (MatchRule::Name, vec![c, d])
    );

    let person = |first: &str, last: &str| {
        Patch::new()
            .text("first_name", first)
            .text("last_name", last)
    };
    let p1 = create(
        Kind::Person,
        person("Anna", "Nowak").set("emails", Value::List(vec!["a@x.pl".into()])),
    );
    let p2 = create(
        Kind::Person,
        person("Anka", "Nowak").set("emails", Value::List(vec!["A@X.pl".into()])),
    );
    let p3 = create(
        Kind::Person,
        person("Jan", "Lis").set("company", Value::Ref(a.0)),
    );
    let p4 = create(
        Kind::Person,
        person("Jan", "Lis").set("company", Value::Ref(a.0)),
    );
    create(Kind::Person, person("Jan", "Lis"));
    let groups = find_duplicates(&r, Kind::Person).unwrap();
    assert_eq!(groups.len(), 2);
    assert_eq!(
        (groups[0].rule, groups[0].ids.clone()),
        (MatchRule::Email, vec![p1, p2])
    );
    assert_eq!(
        (groups[1].rule, groups[1].ids.clone()),
        (MatchRule::NameAndCompany, vec![p3, p4])
    );
}

#[test]
fn merge_keeps_every_link_timeline_task_and_file_of_both() {
    let r = replica();
    let size = custom_field(&r, "company", "size", "Wielkość", "number", 0);
    let since = custom_field(&r, "company", "since", "Klient od", "date", 1);
    let winner = r
        .create(
            Kind::Company,
            &Patch::new()
                .text("name", "Drewpol Sp. z o.o.")
                .set("emails", Value::List(vec!["biuro@drewpol.pl".into()]))
                .set("phones", Value::List(vec!["22 555 12 34".into()])),
        )
        .unwrap();
    let loser = r
        .create(
            Kind::Company,
            &Patch::new()
                .text("name", "DREWPOL")
                .text("nip", "5260250274")
                .text("city", "Łódź")
                .set(
                    "emails",
                    Value::List(vec!["BIURO@drewpol.pl".into(), "handel@drewpol.pl".into()]),
                )
                .set("phones", Value::List(vec!["(22) 555-12-34".into()]))
                .custom(size, Some(Value::Int(250)))
                .custom(
                    since,
                    Some(Value::Date(
                        chrono::NaiveDate::from_ymd_opt(2025, 1, 15).unwrap(),
                    )),
                ),
        )
        .unwrap();
    let person = r
        .create(
            Kind::Person,
            &Patch::new()
                .text("last_name", "Nowak")
                .set("company", Value::Ref(loser.0)),
        )
        .unwrap();
    let deal = r
        .create(
            Kind::Deal,
            &Patch::new()
                .text("title", "Meble")
                .set("companies", Value::RefSet([loser.0, winner.0].into())),
        )
        .unwrap();
    let links = |id: localspace_core::RecordId| Value::RefSet([id.0].into());
    let note_w = r
        .create(
            Kind::Activity,
            &Patch::new()
                .text("type", "call")
                .set("at", Value::Timestamp(T0 - 10))
                .set("links", links(winner)),
        )
        .unwrap();
    let note_l = r
        .create(
            Kind::Activity,
            &Patch::new()
                .text("type", "meeting")
                .set("at", Value::Timestamp(T0 - 5))
                .set("links", links(loser)),
        )
        .unwrap();
    let task = r
        .create(
            Kind::Task,
            &Patch::new()
                .text("title", "Oddzwonić")
                .set("links", links(loser)),
        )
        .unwrap();
    let file = r
        .create(
            Kind::File,
            &Patch::new()
                .text("name", "umowa.pdf")
                .set("links", links(loser)),
        )
        .unwrap();

    let report = merge(&r, winner, loser, T0 + 1_000, Language::Polish).unwrap();
    let mut repointed = report.repointed.clone();
    repointed.sort();
    let mut expected = vec![person, deal, note_l, task, file];
    expected.sort();
    assert_eq!(repointed, expected);

    let w = r.get(winner).unwrap();
    assert_eq!(
        w.text("name"),
        "Drewpol Sp. z o.o.",
        "the winner's own values stay"
    );
    assert_eq!(
        w.text("nip"),
        "5260250274",
        "blanks are filled from the loser"
    );
    assert_eq!(w.text("city"), "Łódź");
    assert_eq!(
        w.get("emails"),
        Some(&Value::List(vec![
            "biuro@drewpol.pl".into(),
            "handel@drewpol.pl".into()
        ]))
    );
    assert_eq!(
        w.get("phones"),
        Some(&Value::List(vec!["22 555 12 34".into()])),
        "one number written two ways is one phone"
    );
    assert_eq!(w.custom[&size].value, Value::Int(250));
    // A custom date comes back from its document as text; the merge writes it as a date.
    assert_eq!(w.custom[&since].value, Value::Text("2025-01-15".into()));
    assert!(r.get(loser).unwrap().is_deleted());
    assert_eq!(
        r.get(person).unwrap().get("company"),
        Some(&Value::Ref(winner.0))
    );
    assert_eq!(
        r.get(deal).unwrap().get("companies"),
        Some(&Value::RefSet([winner.0].into()))
    );

    let view = r.open_record(winner, 50).unwrap();
    let timeline: Vec<_> = view.timeline.iter().map(|e| e.id).collect();
    assert_eq!(timeline.len(), 3, "both timelines and the merge note");
    assert_eq!(timeline[0], report.note, "the merge is the newest entry");
    assert!(timeline.contains(&note_w) && timeline.contains(&note_l));
    assert!(
        view.timeline[0]
            .subject
            .as_deref()
            .unwrap()
            .contains("DREWPOL")
    );
    assert_eq!(view.tasks.iter().map(|t| t.id).collect::<Vec<_>>(), [task]);
    assert_eq!(view.files.iter().map(|f| f.id).collect::<Vec<_>>(), [file]);
    assert!(view.linked.iter().any(|l| l.id == person && l.incoming));
    // The loser's page still shows the merge note, so history is readable from both.
    let loser_view = r.open_record(loser, 50).unwrap();
    assert!(loser_view.timeline.iter().any(|e| e.id == report.note));

    // Merging into oneself or with a trashed record is refused.
    assert!(merge(&r, winner, winner, T0, Language::Polish).is_err());
    assert!(merge(&r, winner, loser, T0, Language::Polish).is_err());
    assert!(merge(&r, person, winner, T0, Language::Polish).is_err());
}
