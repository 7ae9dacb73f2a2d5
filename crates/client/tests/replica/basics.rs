//! Create, update, trash, restore and erase, with validation.

use localspace_client::Error;
use localspace_core::{Kind, Patch, Value};

use crate::support::*;

#[test]
fn create_update_and_read_back() {
    let r = replica();
    let id = r
        .create(
            Kind::Person,
            &person("Łukasz", "Świątek").set("emails", Value::List(vec!["lukasz@firma.pl".into()])),
        )
        .unwrap();
    assert_eq!(id.0.get_version_num(), 7);
    r.update(id, &Patch::new().text("city", "Łódź")).unwrap();
    let record = r.get(id).unwrap();
    assert_eq!(record.text("first_name"), "Łukasz");
    assert_eq!(record.text("city"), "Łódź");
    assert_eq!(
        record.get("emails"),
        Some(&Value::List(vec!["lukasz@firma.pl".into()]))
    );
}

#[test]
fn invalid_input_is_refused_and_nothing_is_written() {
    let r = replica();
    let err = r
        .create(Kind::Person, &Patch::new().text("first_name", "Anna"))
        .unwrap_err();
    assert_eq!(err.code(), "invalid");
    let id = create_person(&r, "Anna", "Nowak");
    let err = r
        .update(
            id,
            &Patch::new().set("emails", Value::List(vec!["not-an-email".into()])),
        )
        .unwrap_err();
    assert!(matches!(err, Error::Invalid(_)), "{err}");
    assert_eq!(r.get(id).unwrap().get("emails"), Some(&Value::List(vec![])));
    assert_eq!(r.outbox_len().unwrap(), 1);
}

#[test]
fn trash_and_restore_hide_and_show_the_record() {
    let r = replica();
    let id = create_person(&r, "Ewa", "Zając");
    r.soft_delete(id).unwrap();
    assert!(r.get(id).unwrap().is_deleted());
    assert!(r.search("zajac", 10).unwrap().is_empty());
    r.restore(id).unwrap();
    assert_eq!(r.search("zajac", 10).unwrap()[0].id, id);
}

#[test]
fn erase_removes_the_record_for_good() {
    let r = replica();
    let id = create_person(&r, "Jan", "Gwóźdź");
    let bytes = r.document_bytes(id).unwrap();
    r.erase(id).unwrap();
    assert!(matches!(r.get(id), Err(Error::Erased(_))));
    assert!(r.search("gwozdz", 10).unwrap().is_empty());
    assert_eq!(r.unpushed_erasures().unwrap(), vec![id]);
    // A late copy of its document does not bring it back.
    assert_eq!(
        r.load_saved(id, &bytes).unwrap(),
        localspace_client::replica::Applied::Erased
    );
    assert!(matches!(r.get(id), Err(Error::Erased(_))));
}

#[test]
fn unknown_records_are_not_found() {
    let r = replica();
    let id = localspace_core::RecordId::from_bytes([1; 16]);
    assert!(matches!(
        r.update(id, &Patch::new().text("city", "X")),
        Err(Error::NotFound(_))
    ));
}

#[test]
fn custom_values_need_a_matching_definition() {
    let r = replica();
    let def = r
        .create(
            Kind::CustomField,
            &Patch::new()
                .text("target", "person")
                .text("key", "segment")
                .text("label", "Segment")
                .text("field_type", "select")
                .set(
                    "options",
                    Value::List(vec!["VIP".into(), "Standard".into()]),
                ),
        )
        .unwrap();
    let id = r
        .create(
            Kind::Person,
            &person("Anna", "Nowak").custom(def, Some(Value::Text("VIP".into()))),
        )
        .unwrap();
    assert_eq!(
        r.get(id).unwrap().custom[&def].value,
        Value::Text("VIP".into())
    );
    let wrong = person("Ola", "Lis").custom(def, Some(Value::Text("Gold".into())));
    assert!(matches!(
        r.create(Kind::Person, &wrong),
        Err(Error::Invalid(_))
    ));
    let company = Patch::new()
        .text("name", "Acme")
        .custom(def, Some(Value::Text("VIP".into())));
    assert!(matches!(
        r.create(Kind::Company, &company),
        Err(Error::Invalid(_))
    ));
}

#[test]
fn create_many_keeps_patch_order_and_is_all_or_nothing() {
    let r = replica();
    let patches: Vec<Patch> = (0..300)
        .map(|i| person("Jan", &format!("Nowak {i:03}")))
        .collect();
    let ids = r.write(|b| b.create_many(Kind::Person, &patches)).unwrap();
    assert_eq!(ids.len(), 300);
    for (i, id) in ids.iter().enumerate() {
        assert_eq!(
            r.get(*id).unwrap().text("last_name"),
            format!("Nowak {i:03}")
        );
    }
    let mut bad = patches.clone();
    bad[250] = Patch::new().text("first_name", "bez nazwiska");
    let err = r.write(|b| b.create_many(Kind::Person, &bad)).unwrap_err();
    assert_eq!(err.code(), "invalid");
    let page = r
        .list(&localspace_client::query::ListQuery {
            limit: 1000,
            ..localspace_client::query::ListQuery::new(Kind::Person)
        })
        .unwrap();
    assert_eq!(page.rows.len(), 300, "the failed batch left nothing behind");
}
