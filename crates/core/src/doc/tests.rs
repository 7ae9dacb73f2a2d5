//! Merge behaviour of the record ↔ document mapping, two devices at a time.

use std::collections::BTreeSet;

use automerge::transaction::Transactable;
use automerge::{ActorId, AutoCommit, ROOT, ReadDoc};

use super::*;
use crate::money::{Currency, Money};
use crate::value::{Line, Stage, Value};
use crate::{Kind, Patch, RecordId};

const ID: RecordId = RecordId(uuid::Uuid::from_bytes([9; 16]));
const T0: i64 = 1_700_000_000_000;

fn person() -> AutoCommit {
    let patch = Patch::new()
        .text("last_name", "Nowak")
        .set("description", Value::LongText("Klient z Łodzi.".into()))
        .set("phones", Value::List(vec!["+48 601 000 001".into()]));
    create(ActorId::from([1u8; 16]), Kind::Person, &patch, T0).unwrap()
}

/// Two devices holding the same document with their own actors.
fn two_devices(doc: &mut AutoCommit) -> (AutoCommit, AutoCommit) {
    let a = doc.fork().with_actor(ActorId::from([2u8; 16]));
    let b = doc.fork().with_actor(ActorId::from([3u8; 16]));
    (a, b)
}

fn sync(a: &mut AutoCommit, b: &mut AutoCommit) {
    a.merge(b).unwrap();
    b.merge(a).unwrap();
}

#[test]
fn concurrent_edits_of_one_field_keep_both_values_and_agree_on_the_winner() {
    let (mut a, mut b) = two_devices(&mut person());
    update(&mut a, Kind::Person, &Patch::new().text("city", "Łódź"), T0).unwrap();
    update(
        &mut b,
        Kind::Person,
        &Patch::new().text("city", "Kraków"),
        T0,
    )
    .unwrap();
    sync(&mut a, &mut b);
    let (ra, rb) = (read_record(&a, ID).unwrap(), read_record(&b, ID).unwrap());
    assert_eq!(ra, rb);
    let city = &ra.fields["city"];
    let mut all = vec![city.value.clone()];
    all.extend(city.conflicts.clone());
    all.sort_by_key(|v| v.as_text().unwrap_or_default().to_owned());
    assert_eq!(
        all,
        [Value::Text("Kraków".into()), Value::Text("Łódź".into())]
    );
    assert_eq!(ra.conflicts().count(), 1);
}

#[test]
fn picking_a_value_resolves_the_conflict() {
    let (mut a, mut b) = two_devices(&mut person());
    update(&mut a, Kind::Person, &Patch::new().text("city", "Łódź"), T0).unwrap();
    update(
        &mut b,
        Kind::Person,
        &Patch::new().text("city", "Kraków"),
        T0,
    )
    .unwrap();
    sync(&mut a, &mut b);
    let loser = read_record(&a, ID).unwrap().fields["city"].conflicts[0].clone();
    update(
        &mut a,
        Kind::Person,
        &Patch::new().set("city", loser.clone()),
        T0,
    )
    .unwrap();
    let read = read_record(&a, ID).unwrap();
    assert_eq!(read.fields["city"].value, loser);
    assert!(read.fields["city"].conflicts.is_empty());
}

#[test]
fn concurrent_note_edits_merge_character_by_character() {
    let (mut a, mut b) = two_devices(&mut person());
    let set = |text: &str| Patch::new().set("description", Value::LongText(text.into()));
    update(&mut a, Kind::Person, &set("Ważny klient z Łodzi."), T0).unwrap();
    update(
        &mut b,
        Kind::Person,
        &set("Klient z Łodzi. Dzwonić rano."),
        T0,
    )
    .unwrap();
    sync(&mut a, &mut b);
    let read = read_record(&a, ID).unwrap();
    assert_eq!(
        read.text("description"),
        "Ważny klient z Łodzi. Dzwonić rano."
    );
    assert_eq!(read, read_record(&b, ID).unwrap());
}

#[test]
fn concurrent_additions_to_lists_and_sets_all_survive() {
    let (mut a, mut b) = two_devices(&mut person());
    let phones = |p: &[&str]| {
        Patch::new().set(
            "phones",
            Value::List(p.iter().map(|s| s.to_string()).collect()),
        )
    };
    update(
        &mut a,
        Kind::Person,
        &phones(&["+48 601 000 001", "+48 602 000 002"]),
        T0,
    )
    .unwrap();
    update(
        &mut b,
        Kind::Person,
        &phones(&["+48 603 000 003", "+48 601 000 001"]),
        T0,
    )
    .unwrap();
    let owner = |n: u8| uuid::Uuid::from_bytes([n; 16]);
    let set = |ids: &[u8]| {
        Patch::new().set(
            "participants",
            Value::RefSet(ids.iter().map(|n| owner(*n)).collect()),
        )
    };
    update(&mut a, Kind::Person, &set(&[1]), T0).unwrap();
    update(&mut b, Kind::Person, &set(&[2]), T0).unwrap();
    sync(&mut a, &mut b);
    let read = read_record(&a, ID).unwrap();
    let Some(Value::List(list)) = read.get("phones") else {
        panic!("phones")
    };
    let got: BTreeSet<_> = list.iter().map(String::as_str).collect();
    assert_eq!(
        got,
        BTreeSet::from(["+48 601 000 001", "+48 602 000 002", "+48 603 000 003"])
    );
    assert_eq!(
        read.get("participants"),
        Some(&Value::RefSet([owner(1), owner(2)].into()))
    );
}

#[test]
fn money_amount_and_currency_never_mix() {
    let deal = Patch::new().text("title", "Wdrożenie");
    let mut doc = create(ActorId::from([1u8; 16]), Kind::Deal, &deal, T0).unwrap();
    let (mut a, mut b) = two_devices(&mut doc);
    let value = |m: Money| Patch::new().set("value", Value::Money(m));
    update(
        &mut a,
        Kind::Deal,
        &value(Money::new(10_000, Currency::PLN)),
        T0,
    )
    .unwrap();
    update(
        &mut b,
        Kind::Deal,
        &value(Money::new(5_000, Currency::EUR)),
        T0,
    )
    .unwrap();
    sync(&mut a, &mut b);
    let read = read_record(&a, ID).unwrap();
    let field = &read.fields["value"];
    let mut all = vec![field.value.clone()];
    all.extend(field.conflicts.clone());
    assert!(all.contains(&Value::Money(Money::new(10_000, Currency::PLN))));
    assert!(all.contains(&Value::Money(Money::new(5_000, Currency::EUR))));
    assert_eq!(all.len(), 2);
}

#[test]
fn a_field_this_version_does_not_know_survives_an_edit() {
    let mut doc = person();
    doc.put(ROOT, "linkedin", "https://linkedin.com/in/anowak")
        .unwrap();
    doc.commit();
    update(
        &mut doc,
        Kind::Person,
        &Patch::new().text("city", "Gdańsk"),
        T0,
    )
    .unwrap();
    let kept = doc.get(ROOT, "linkedin").unwrap().unwrap().0;
    assert_eq!(kept.as_str(), Some("https://linkedin.com/in/anowak"));
}

#[test]
fn saving_unchanged_values_makes_no_change() {
    let mut doc = person();
    let same = Patch::new()
        .text("last_name", "Nowak")
        .set("phones", Value::List(vec!["+48 601 000 001".into()]));
    assert_eq!(update(&mut doc, Kind::Person, &same, T0).unwrap(), None);
    assert!(
        update(
            &mut doc,
            Kind::Person,
            &Patch::new().text("last_name", "Nowakowa"),
            T0
        )
        .unwrap()
        .is_some()
    );
}

#[test]
fn lines_stages_custom_values_and_trash_round_trip() {
    let line = Line {
        id: RecordId::from_bytes([4; 16]),
        name: "Licencje".into(),
        quantity: 25,
        unit_price: Money::new(5_900, Currency::PLN),
        position: 0,
    };
    let definition = RecordId::from_bytes([5; 16]);
    let patch = Patch::new()
        .text("title", "Wdrożenie CRM")
        .set("revenues", Value::Lines(vec![line.clone()]))
        .custom(definition, Some(Value::TextSet(["VIP".to_owned()].into())));
    let mut doc = create(ActorId::random(), Kind::Deal, &patch, T0).unwrap();
    let read = read_record(&doc, ID).unwrap();
    assert_eq!(read.get("revenues"), Some(&Value::Lines(vec![line])));
    assert_eq!(
        read.custom[&definition].value,
        Value::TextSet(["VIP".to_owned()].into())
    );
    assert_eq!(read.schema, crate::schema::SCHEMA_VERSION);

    soft_delete(&mut doc, T0 + 5).unwrap();
    assert_eq!(read_record(&doc, ID).unwrap().deleted_at, Some(T0 + 5));
    restore(&mut doc, T0 + 6).unwrap();
    assert!(!read_record(&doc, ID).unwrap().is_deleted());

    let stages = vec![Stage {
        id: RecordId::from_bytes([6; 16]),
        name: "Oferta".into(),
        position: 2,
        probability: 50,
    }];
    let pipeline = Patch::new()
        .text("name", "B2B")
        .set("stages", Value::Stages(stages.clone()));
    let doc = create(ActorId::random(), Kind::Pipeline, &pipeline, T0).unwrap();
    assert_eq!(
        read_record(&doc, ID).unwrap().get("stages"),
        Some(&Value::Stages(stages))
    );
}

#[test]
fn a_patch_for_another_kind_is_refused() {
    let mut doc = person();
    let err = update(&mut doc, Kind::Company, &Patch::new().text("name", "X"), T0);
    assert!(matches!(err, Err(crate::DocError::KindMismatch { .. })));
}

mod initial_version {
    use super::*;
    use proptest::prelude::*;

    fn text() -> impl Strategy<Value = String> {
        "[A-Za-zżółćęśąźń ]{0,12}"
    }

    fn person_patch() -> impl Strategy<Value = Patch> {
        (
            "[A-ZŁ][a-zł]{1,10}",
            proptest::option::of(text()),
            proptest::option::of(text()),
            prop::collection::vec("[0-9]{9}", 0..3),
            proptest::option::of(any::<[u8; 16]>()),
            prop::collection::btree_set(any::<[u8; 16]>(), 0..3),
        )
            .prop_map(|(last, city, note, phones, company, participants)| {
                let mut p = Patch::new().text("last_name", &last);
                if let Some(city) = city {
                    p = p.text("city", &city);
                }
                if let Some(note) = note {
                    p = p.set("description", Value::Text(note));
                }
                if let Some(company) = company {
                    p = p.set("company", Value::Ref(uuid::Uuid::from_bytes(company)));
                }
                let set = participants
                    .into_iter()
                    .map(uuid::Uuid::from_bytes)
                    .collect();
                p.set("phones", Value::List(phones))
                    .set("participants", Value::RefSet(set))
            })
    }

    fn deal_patch() -> impl Strategy<Value = Patch> {
        (
            "[A-Z][a-z]{1,10}",
            proptest::option::of(-1_000_000i64..1_000_000),
            prop::collection::vec(("[a-z]{1,8}", 0i64..100, 0i64..100_000, -3i64..3), 0..4),
            proptest::option::of((2020i32..2030, 1u32..13, 1u32..29)),
            proptest::option::of(0i64..=100),
        )
            .prop_map(|(title, value, lines, date, probability)| {
                let mut p = Patch::new().text("title", &title);
                if let Some(v) = value {
                    p = p.set("value", Value::Money(Money::new(v, Currency::PLN)));
                }
                if let Some((y, m, d)) = date {
                    p = p.set(
                        "close_date",
                        Value::Date(chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap()),
                    );
                }
                if let Some(prob) = probability {
                    p = p.set("probability", Value::Int(prob));
                }
                let lines = lines
                    .into_iter()
                    .enumerate()
                    .map(|(i, (name, quantity, unit, position))| Line {
                        id: RecordId::from_bytes([i as u8 + 1; 16]),
                        name,
                        quantity,
                        unit_price: Money::new(unit, Currency::EUR),
                        position,
                    })
                    .collect();
                p.set("revenues", Value::Lines(lines))
                    .custom(
                        RecordId::from_bytes([3; 16]),
                        Some(Value::Date(
                            chrono::NaiveDate::from_ymd_opt(2026, 1, 31).unwrap(),
                        )),
                    )
                    .custom(
                        RecordId::from_bytes([4; 16]),
                        Some(Value::TextSet(["A".to_owned(), "B".to_owned()].into())),
                    )
            })
    }

    proptest! {
        #[test]
        fn a_new_person_reads_as_its_initial_record(patch in person_patch().prop_filter("valid", |p| !p.fields.is_empty())) {
            prop_assume!(crate::validate::validate(Kind::Person, &patch, crate::validate::Mode::Create).is_ok());
            let doc = create(ActorId::random(), Kind::Person, &patch, T0).unwrap();
            prop_assert_eq!(read_record(&doc, ID).unwrap(), initial_record(ID, Kind::Person, &patch));
        }

        #[test]
        fn a_new_deal_reads_as_its_initial_record(patch in deal_patch()) {
            prop_assume!(crate::validate::validate(Kind::Deal, &patch, crate::validate::Mode::Create).is_ok());
            let doc = create(ActorId::random(), Kind::Deal, &patch, T0).unwrap();
            prop_assert_eq!(read_record(&doc, ID).unwrap(), initial_record(ID, Kind::Deal, &patch));
        }
    }
}

#[test]
fn a_record_reads_the_same_whole_and_field_by_field_with_conflicts_in_custom_values() {
    let definition = RecordId(uuid::Uuid::from_bytes([7; 16]));
    let (mut a, mut b) = two_devices(&mut person());
    let patch = |city: &str, budget: i64| {
        Patch::new().text("city", city).custom(
            definition,
            Some(Value::Money(Money::new(budget, Currency::PLN))),
        )
    };
    update(&mut a, Kind::Person, &patch("Łódź", 100), T0).unwrap();
    update(&mut b, Kind::Person, &patch("Łódź", 250), T0).unwrap();
    sync(&mut a, &mut b);
    let read = read_record(&a, ID).unwrap();
    // The same city on both devices is still two concurrent writes, but one value.
    assert_eq!(read.fields["city"].value, Value::Text("Łódź".into()));
    assert!(read.fields["city"].conflicts.is_empty());
    let budget = &read.custom[&definition];
    let mut all = vec![budget.value.clone()];
    all.extend(budget.conflicts.clone());
    assert_eq!(all.len(), 2);
    assert!(all.contains(&Value::Money(Money::new(250, Currency::PLN))));
    // Untouched fields read without conflicts, nested objects included.
    assert_eq!(read.fields["last_name"].value, Value::Text("Nowak".into()));
    assert_eq!(
        read.fields["phones"].value,
        Value::List(vec!["+48 601 000 001".into()])
    );
    assert_eq!(
        read.fields["description"].value,
        Value::LongText("Klient z Łodzi.".into())
    );
    assert_eq!(read, read_record(&b, ID).unwrap());
}
