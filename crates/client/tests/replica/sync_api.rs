//! The replica API the sync engine uses: outbox, acknowledgements, remote changes, damage.

use localspace_client::replica::Applied;
use localspace_client::{Error, Replica};
use localspace_core::{Kind, Patch};

use crate::support::*;

/// Sends A's outbox to B as if through the server, and acknowledges it on A.
fn push(from: &Replica, to: &Replica) {
    for out in from.unpushed(1000).unwrap() {
        to.apply_remote(out.id, &out.change_bytes().unwrap())
            .unwrap();
        from.mark_pushed(out.id, &out.heads).unwrap();
    }
}

#[test]
fn the_outbox_holds_only_unacknowledged_changes() {
    let a = replica();
    let id = create_person(&a, "Anna", "Nowak");
    let out = a.unpushed(10).unwrap();
    assert_eq!(out.len(), 1);
    assert_eq!(out[0].kind, Kind::Person);
    assert_eq!(out[0].change_bytes().unwrap().len(), 1);
    assert!(out[0].saved.is_some(), "a new document goes as stored");
    // An edit made while the push is in flight stays in the outbox after the ack.
    a.update(id, &Patch::new().text("city", "Łódź")).unwrap();
    a.mark_pushed(id, &out[0].heads).unwrap();
    let again = a.unpushed(10).unwrap();
    assert_eq!(
        again[0].change_bytes().unwrap().len(),
        1,
        "only the edit, not the creation"
    );
    assert!(
        again[0].saved.is_none(),
        "an acknowledged document sends its new changes"
    );
    a.mark_pushed(id, &again[0].heads).unwrap();
    assert_eq!(a.outbox_len().unwrap(), 0);
}

#[test]
fn remote_changes_are_projected_and_not_pushed_back() {
    let (a, b) = (replica(), replica());
    let id = create_person(&a, "Żaneta", "Wiśniewska");
    push(&a, &b);
    assert_eq!(b.get(id).unwrap().text("last_name"), "Wiśniewska");
    assert_eq!(b.search("wisniew", 5).unwrap()[0].id, id);
    assert_eq!(b.outbox_len().unwrap(), 0);

    // B edits offline while A's next edit arrives: B's outbox keeps only B's own change.
    b.update(id, &Patch::new().text("city", "Gdańsk")).unwrap();
    a.update(id, &Patch::new().text("position", "Dyrektor"))
        .unwrap();
    push(&a, &b);
    let out = b.unpushed(10).unwrap();
    assert_eq!(out.len(), 1);
    assert_eq!(out[0].change_bytes().unwrap().len(), 1);
    let record = b.get(id).unwrap();
    assert_eq!(
        (record.text("city"), record.text("position")),
        ("Gdańsk", "Dyrektor")
    );
}

#[test]
fn changes_with_missing_dependencies_are_not_stored() {
    let (a, b) = (replica(), replica());
    let id = create_person(&a, "Jan", "Lis");
    let first = a.unpushed(10).unwrap().remove(0);
    a.mark_pushed(id, &first.heads).unwrap();
    a.update(id, &Patch::new().text("city", "Toruń")).unwrap();
    let second = a.unpushed(10).unwrap().remove(0);
    assert_eq!(
        b.apply_remote(id, &second.change_bytes().unwrap()).unwrap(),
        Applied::MissingDeps
    );
    assert!(matches!(b.get(id), Err(Error::NotFound(_))));
    let mut chain = first.change_bytes().unwrap();
    chain.extend(second.change_bytes().unwrap());
    assert_eq!(b.apply_remote(id, &chain).unwrap(), Applied::Changed);
    assert_eq!(b.apply_remote(id, &chain).unwrap(), Applied::Unchanged);
    assert_eq!(b.get(id).unwrap().text("city"), "Toruń");
}

#[test]
fn garbage_changes_fail_for_that_record_only() {
    let (a, b) = (replica(), replica());
    let good = create_person(&a, "Ola", "Sowa");
    push(&a, &b);
    let victim = localspace_core::RecordId::from_bytes([7; 16]);
    let err = b
        .apply_remote(victim, &[b"\x85\x6f\x4a\x83garbage".to_vec()])
        .unwrap_err();
    assert_eq!(err.code(), "bad_change");
    let err = b.apply_remote(good, &[vec![0u8; 64]]).unwrap_err();
    assert_eq!(err.code(), "bad_change");
    assert!(b.load_saved(good, b"not a document").is_err());
    assert_eq!(b.get(good).unwrap().text("last_name"), "Sowa");
    assert!(matches!(b.get(victim), Err(Error::NotFound(_))));
}

#[test]
fn a_corrupt_document_blob_breaks_only_its_record() {
    let r = replica();
    let broken = create_person(&r, "Adam", "Zepsuty");
    let fine = create_person(&r, "Ewa", "Cała");
    {
        let conn = rusqlite::Connection::open(r.path()).unwrap();
        conn.execute(
            "UPDATE docs SET bytes = x'00112233' WHERE id = ?1",
            [broken.as_bytes()],
        )
        .unwrap();
    }
    let err = r.get(broken).unwrap_err();
    assert_eq!(err.code(), "corrupt_document");
    assert!(r.update(broken, &Patch::new().text("city", "X")).is_err());
    assert_eq!(r.get(fine).unwrap().text("last_name"), "Cała");
    r.update(fine, &Patch::new().text("city", "Opole")).unwrap();
    assert_eq!(
        r.search("opole", 5).unwrap()[0].id,
        fine,
        "city of a person is indexed"
    );
    let out = r.unpushed(10).unwrap();
    assert_eq!(out.iter().map(|o| o.id).collect::<Vec<_>>(), vec![fine]);
    // The list still shows both rows from their projections.
    assert_eq!(
        r.list(&localspace_client::query::ListQuery::new(Kind::Person))
            .unwrap()
            .rows
            .len(),
        2
    );
}

#[test]
fn erasures_from_the_server_drop_the_record() {
    let (a, b) = (replica(), replica());
    let id = create_person(&a, "Jan", "Ślęzak");
    push(&a, &b);
    b.apply_remote_erase(id).unwrap();
    assert!(matches!(b.get(id), Err(Error::Erased(_))));
    assert!(b.unpushed_erasures().unwrap().is_empty());
    assert!(b.search("slezak", 5).unwrap().is_empty());
    b.set_sync_state("cursor", "42").unwrap();
    assert_eq!(b.sync_state("cursor").unwrap().as_deref(), Some("42"));
}
