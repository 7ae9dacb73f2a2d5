//! Backups on the server's clock: a snapshot every 12 hours, an off-site copy every 24,
//! retention, and every snapshot checked by restoring it into a scratch file — a damaged
//! one is reported as not verified and never chosen for a restore.

use localspace_client::sync::sync_once;
use localspace_core::{Clock, Kind};
use localspace_e2e::TestServer;
use localspace_server::backup::restore::choose;
use localspace_server::backup::schedule::Backups;
use localspace_server::backup::target::Target;
use localspace_server::backup::{Manifest, verify};

use crate::devices::{account, device, person};
use crate::restore::backups;

const HOUR_MS: i64 = 60 * 60 * 1000;

fn files(backups: &Backups) -> (usize, usize) {
    (
        backups.local.manifests().unwrap().len(),
        backups.offsite.manifests().unwrap().len(),
    )
}

#[tokio::test]
async fn snapshots_follow_the_clock_are_verified_copied_off_site_and_pruned() {
    let server = TestServer::start(|c| c.backup.enabled = false).await;
    account(&server, "anna@zaklady.pl").await;
    let desk = device(&server, "anna@zaklady.pl").await;
    for name in ["Nowak", "Wiśniewska", "Żółkiewski"] {
        desk.replica.create(Kind::Person, &person(name)).unwrap();
    }
    sync_once(&desk.replica, &desk.api).await.unwrap();
    let mut backups = backups(&server);
    backups.config.keep_days = 2;

    // The first pass takes a snapshot and copies it off site; both are checked.
    let first = backups.run_once(server.clock.now_ms()).unwrap();
    let taken = first.taken.unwrap();
    assert!(taken.verified, "{:?}", taken.problem);
    assert_eq!(taken.counts["sync_docs"], 3);
    assert_eq!(taken.counts["accounts"], 1);
    assert!(first.offsite.unwrap().verified);
    assert_eq!(files(&backups), (1, 1));

    // Six hours on nothing is due; at twelve a local one; at twenty-four both.
    server.clock.advance(6 * HOUR_MS);
    assert_eq!(
        backups.run_once(server.clock.now_ms()).unwrap(),
        Default::default()
    );
    server.clock.advance(6 * HOUR_MS);
    let pass = backups.run_once(server.clock.now_ms()).unwrap();
    assert!(pass.taken.is_some() && pass.offsite.is_none());
    server.clock.advance(12 * HOUR_MS);
    let pass = backups.run_once(server.clock.now_ms()).unwrap();
    assert!(pass.taken.is_some() && pass.offsite.is_some());
    assert_eq!(files(&backups), (3, 2));

    // Down for three days: one pass catches up with one snapshot, and retention (2 days)
    // prunes the rest but never the newest.
    server.clock.advance(72 * HOUR_MS);
    let pass = backups.run_once(server.clock.now_ms()).unwrap();
    assert!(pass.taken.is_some() && pass.offsite.is_some());
    assert_eq!(pass.pruned, 3 + 2);
    assert_eq!(files(&backups), (1, 1));
}

#[tokio::test]
async fn a_damaged_snapshot_is_not_verified_and_never_restored() {
    let server = TestServer::start(|c| c.backup.enabled = false).await;
    account(&server, "anna@zaklady.pl").await;
    let backups = backups(&server);
    let good = backups.take_now(server.clock.now_ms()).unwrap();
    assert!(good.verified);
    server.clock.advance(HOUR_MS);
    let mut bad = backups.take_now(server.clock.now_ms()).unwrap();
    let path = backups.local.0.join(&bad.file);

    // A page header overwritten on disk: the hash gives it away.
    let mut bytes = std::fs::read(&path).unwrap();
    let middle = bytes.len() / 4096 / 2 * 4096;
    bytes[middle..middle + 64].fill(0xA5);
    std::fs::write(&path, &bytes).unwrap();
    assert!(!verify::verify_in(&backups.local.0, &mut bad, server.clock.now_ms()).unwrap());
    assert!(bad.problem.as_deref().unwrap().contains("sha256"));
    let stored = Manifest::read_all(&backups.local.0).unwrap();
    assert!(!stored.last().unwrap().verified, "recorded in the manifest");

    // Damaged before it was hashed (a manifest that matches the damage): the restore into
    // scratch finds it.
    bad.sha256 = localspace_server::backup::manifest::sha256_of(&path)
        .unwrap()
        .0;
    let problem = verify::check(&path, &bad, &backups.local.0.join(".scratch")).unwrap();
    assert!(problem.is_some());

    // A restore to that hour takes the older, good snapshot.
    let (chosen, _) = choose(&backups, server.clock.now_ms()).unwrap();
    assert_eq!(chosen.file, good.file);
}
