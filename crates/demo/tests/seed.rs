//! The demo seed against a real server in this process: what a fresh device bootstraps is
//! exactly what was seeded, and seeding again adds nothing.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::Arc;

use localspace_client::Replica;
use localspace_client::api::ApiClient;
use localspace_client::query::{ListQuery, Row, TaskBucket};
use localspace_client::sync::sync_once;
use localspace_core::api::SignIn;
use localspace_core::{Kind, ManualClock};
use localspace_demo::{DemoLogin, DemoSizes, seed, seed_with_clock};
use localspace_server::Config;
use tempfile::TempDir;

/// 2026-03-02 10:00 UTC.
const T0: i64 = 1_772_445_600_000;
const PASSWORD: &str = "Kiełbasa-Krakowska-7";

/// A server on 127.0.0.1:0 with its data and mail outbox in a temp folder, as
/// `tests/src/lib.rs` starts one.
struct Server {
    url: String,
    dir: TempDir,
    _stop: tokio::sync::oneshot::Sender<()>,
}

impl Server {
    async fn start() -> Server {
        let dir = tempfile::tempdir().unwrap();
        let mut config = Config {
            data_dir: dir.path().join("data"),
            public_url: "http://localspace.test".into(),
            fast_hashing: true,
            ..Config::default()
        };
        config.mail.outbox_dir = dir.path().join("outbox");
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let clock = Arc::new(ManualClock::at(T0));
        tokio::spawn(async move {
            let shutdown = async move {
                let _ = stopped.await;
            };
            if let Err(e) = localspace_server::serve(listener, config, clock, shutdown).await {
                panic!("server failed: {e:#}");
            }
        });
        Server {
            url,
            dir,
            _stop: stop,
        }
    }

    fn outbox(&self) -> PathBuf {
        self.dir.path().join("outbox")
    }

    async fn sign_in(&self, email: &str) -> ApiClient {
        let anon = ApiClient::new(&self.url).unwrap();
        let sign_in = SignIn {
            email: email.into(),
            password: PASSWORD.into(),
            device: None,
        };
        let token = anon.sign_in(&sign_in).await.unwrap().token;
        anon.with_token(token)
    }
}

/// Every live row of `kind` in the replica.
fn rows(replica: &Replica, kind: Kind) -> Vec<Row> {
    let mut query = ListQuery::new(kind);
    query.limit = 500;
    let mut all = Vec::new();
    loop {
        let page = replica.list(&query).unwrap();
        all.extend(page.rows);
        match page.next {
            Some(next) => query.after = Some(next),
            None => return all,
        }
    }
}

fn counts(replica: &Replica) -> BTreeMap<Kind, usize> {
    [
        Kind::Pipeline,
        Kind::Company,
        Kind::Person,
        Kind::Deal,
        Kind::Task,
        Kind::Activity,
    ]
    .into_iter()
    .map(|kind| (kind, rows(replica, kind).len()))
    .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_fresh_device_gets_exactly_the_seeded_account_and_a_second_seed_adds_nothing() {
    let server = Server::start().await;
    let scratch = tempfile::tempdir().unwrap();
    let login =
        DemoLogin::new("malgorzata.wisniewska@drewpol.pl", PASSWORD).with_outbox(server.outbox());
    let clock = Arc::new(ManualClock::at(T0));
    let sizes = DemoSizes::SMALL;

    let report = seed_with_clock(&server.url, &login, sizes, 7, scratch.path(), clock)
        .await
        .unwrap();
    assert!(report.created);
    assert_eq!(report.records, sizes.records());
    assert_eq!(report.coworkers.len(), 3, "{:?}", report.coworkers);
    assert_eq!(
        std::fs::read_dir(scratch.path()).unwrap().count(),
        0,
        "the scratch replica is deleted"
    );

    // A coworker's new device bootstraps the account.
    let api = server.sign_in(&report.coworkers[0]).await;
    let device_dir = tempfile::tempdir().unwrap();
    let device = Replica::open(device_dir.path().join("device.sqlite")).unwrap();
    let synced = sync_once(&device, &api).await.unwrap();
    assert_eq!(synced.bootstrapped, sizes.records());
    assert!(synced.damaged.is_empty(), "{:?}", synced.damaged);
    let expected = BTreeMap::from([
        (Kind::Pipeline, 1),
        (Kind::Company, sizes.companies),
        (Kind::Person, sizes.people),
        (Kind::Deal, sizes.deals),
        (Kind::Task, sizes.tasks),
        (Kind::Activity, sizes.notes),
    ]);
    assert_eq!(counts(&device), expected);

    // Deals sit in every stage of the pipeline, and some are won and some lost.
    let pipeline = rows(&device, Kind::Pipeline)[0].id();
    let summary = device.pipeline_summary(pipeline).unwrap();
    assert_eq!(summary.stages.len(), 5);
    assert!(summary.stages.iter().all(|s| s.count > 0), "{summary:?}");
    assert!(summary.won.count > 0 && summary.lost.count > 0);
    let deals = rows(&device, Kind::Deal);
    let stages: BTreeSet<_> = deals
        .iter()
        .filter_map(|r| match r {
            Row::Deal(d) => d.stage.clone(),
            _ => None,
        })
        .collect();
    assert_eq!(stages.len(), 5);

    // Every task bucket has open tasks for the clock's today.
    for bucket in [
        TaskBucket::Inbox,
        TaskBucket::Overdue,
        TaskBucket::Today,
        TaskBucket::Upcoming,
    ] {
        let tasks = device.tasks(bucket, report.today, None, 100).unwrap();
        assert!(!tasks.is_empty(), "{bucket:?} is empty");
    }

    // Records are owned by the real users: the admin and the coworkers.
    let users: BTreeSet<_> = api.users().await.unwrap().iter().map(|u| u.id.0).collect();
    assert_eq!(users.len(), 4);
    let owners: BTreeSet<_> = rows(&device, Kind::Person)
        .iter()
        .filter_map(|r| match r {
            Row::Person(p) => p.owner,
            _ => None,
        })
        .collect();
    assert!(owners.is_subset(&users), "{owners:?} vs {users:?}");
    assert!(owners.len() >= 3, "{owners:?}");
    assert!(owners.contains(&report.user_id.0));

    // Seeding again signs in, sees the records and adds nothing.
    let again = seed(&server.url, &login, sizes, 7, scratch.path())
        .await
        .unwrap();
    assert!(!again.created);
    assert_eq!(again.records, 0);
    assert_eq!(again.account_id, report.account_id);
    assert_eq!(again.user_id, report.user_id);
    let total = api.bootstrap(None, 1).await.unwrap().total;
    assert_eq!(total, sizes.records() as u64);
    let pulled = sync_once(&device, &api).await.unwrap();
    assert_eq!(pulled.pulled, 0);
    assert_eq!(api.users().await.unwrap().len(), 4, "no new coworkers");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_an_outbox_the_admin_owns_everything() {
    let server = Server::start().await;
    let scratch = tempfile::tempdir().unwrap();
    let login = DemoLogin::new("jan.nowak@stalpol.pl", PASSWORD);
    let sizes = DemoSizes {
        people: 5,
        companies: 2,
        deals: 3,
        tasks: 2,
        notes: 2,
    };
    let report = seed(&server.url, &login, sizes, 1, scratch.path())
        .await
        .unwrap();
    assert!(report.created && report.coworkers.is_empty());

    let api = server.sign_in("jan.nowak@stalpol.pl").await;
    assert_eq!(api.users().await.unwrap().len(), 1);
    let device_dir = tempfile::tempdir().unwrap();
    let device = Replica::open(device_dir.path().join("device.sqlite")).unwrap();
    sync_once(&device, &api).await.unwrap();
    assert_eq!(counts(&device).values().sum::<usize>(), sizes.records());
    for row in rows(&device, Kind::Deal) {
        let Row::Deal(deal) = row else { continue };
        assert_eq!(deal.owner, Some(report.user_id.0));
    }
}

#[tokio::test]
async fn a_wrong_password_for_a_registered_email_is_an_error() {
    let server = Server::start().await;
    let scratch = tempfile::tempdir().unwrap();
    let sizes = DemoSizes {
        people: 1,
        companies: 1,
        deals: 0,
        tasks: 0,
        notes: 0,
    };
    let login = DemoLogin::new("ewa@drewpol.pl", PASSWORD);
    seed(&server.url, &login, sizes, 1, scratch.path())
        .await
        .unwrap();
    let wrong = DemoLogin::new("ewa@drewpol.pl", "Inne-Hasło-123");
    let err = seed(&server.url, &wrong, sizes, 1, scratch.path())
        .await
        .unwrap_err();
    assert!(format!("{err:#}").contains("signing in"), "{err:#}");
}
