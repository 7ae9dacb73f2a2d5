//! Files through the desktop app's service against a real server: attach a file larger than
//! the JSON body limit with upload progress, another device downloads it on demand
//! byte-exact, a link uses no quota, a file over the quota attaches nothing, and a file
//! attached offline waits on the device and uploads when the network is back (a loopback
//! proxy plays the network).

use localspace_client::app::contract::*;
use localspace_client::app::{App, AppEvent};
use localspace_core::{Kind, Patch, RecordId};
use localspace_e2e::TestServer;

use crate::apps::{self, AppDevice};

const PASSWORD: &str = "Zielona-Góra-7";

/// A loopback TCP proxy to the server that can go "offline": it then refuses new
/// connections and cuts the open ones (the client's pooled keep-alive connections too).
struct Network {
    url: String,
    online: tokio::sync::watch::Sender<bool>,
}

impl Network {
    fn set_online(&self, online: bool) {
        self.online.send_replace(online);
    }
}

async fn network(server: &TestServer) -> Network {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let target = server.url.trim_start_matches("http://").to_owned();
    let (online, watch) = tokio::sync::watch::channel(true);
    tokio::spawn(async move {
        while let Ok((mut inbound, _)) = listener.accept().await {
            if !*watch.borrow() {
                drop(inbound);
                continue;
            }
            let (target, mut watch) = (target.clone(), watch.clone());
            tokio::spawn(async move {
                let Ok(mut outbound) = tokio::net::TcpStream::connect(target).await else {
                    return;
                };
                tokio::select! {
                    _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound) => {}
                    _ = watch.wait_for(|up| !*up) => {}
                }
            });
        }
    });
    Network { url, online }
}

type Device = AppDevice;

fn device(url: &str) -> Device {
    apps::fresh(url)
}

async fn signed_up(url: &str, email: &str) -> Device {
    let d = device(url);
    d.app
        .sign_up(SignUpRequest {
            server_url: None,
            company: "Hydro-Tech Sp. z o.o.".into(),
            name: "Łukasz Żółkiewski".into(),
            email: email.into(),
            password: PASSWORD.into(),
        })
        .await
        .unwrap();
    d
}

async fn signed_in(url: &str, email: &str) -> Device {
    let d = device(url);
    d.app
        .sign_in(SignInRequest {
            server_url: None,
            email: email.into(),
            password: PASSWORD.into(),
        })
        .await
        .unwrap();
    d
}

fn company(app: &App) -> RecordId {
    app.create_record(CreateRequest {
        kind: Kind::Company,
        patch: Patch::new().text("name", "Drewpol Sp. z o.o."),
    })
    .unwrap()
    .id
}

/// A file of `len` bytes in the device's folder, as the user would pick it.
fn picked(d: &Device, name: &str, len: usize) -> (String, Vec<u8>) {
    let bytes: Vec<u8> = (0..len).map(|i| (i * 7 % 251) as u8).collect();
    let path = d.dir.path().join(name);
    std::fs::write(&path, &bytes).unwrap();
    (path.display().to_string(), bytes)
}

fn files(app: &App, record: RecordId) -> Vec<FileView> {
    app.record_files(IdRequest { id: record }).unwrap().files
}

#[tokio::test]
async fn files_upload_with_progress_and_another_device_downloads_them_on_demand() {
    let server = TestServer::start(|_| {}).await;
    let a = signed_up(&server.url, "anna@hydrotech.pl").await;
    let record = company(&a.app);
    let (path, bytes) = picked(&a, "Umowa ramowa 2026.pdf", 1_500_000);
    let outcome = a
        .app
        .attach_file(AttachFileRequest { record, path })
        .await
        .unwrap();
    let AttachOutcome::Uploaded { file } = outcome else {
        panic!("not uploaded: {outcome:?}");
    };
    let progress: Vec<(u64, u64)> = a
        .events
        .lock()
        .unwrap()
        .iter()
        .filter_map(|e| match e {
            AppEvent::FileProgress {
                file: f,
                direction: TransferDirection::Upload,
                done,
                total,
            } if *f == file => Some((*done, *total)),
            _ => None,
        })
        .collect();
    assert_eq!(progress.first(), Some(&(0, 1_500_000)));
    assert_eq!(progress.last(), Some(&(1_500_000, 1_500_000)));
    let listed = files(&a.app, record);
    assert_eq!(listed.len(), 1);
    assert_eq!(
        (listed[0].name.as_str(), listed[0].size, listed[0].state),
        ("Umowa ramowa 2026.pdf", 1_500_000, FileState::Here)
    );
    assert_eq!(listed[0].mime.as_deref(), Some("application/pdf"));
    a.app.sync_now().await;
    let usage = a.app.storage_usage().await.unwrap();
    assert_eq!((usage.used, usage.reserved), (1_500_000, 0));

    // The same user on a second laptop: the record syncs, the bytes come when asked for.
    let b = signed_in(&server.url, "anna@hydrotech.pl").await;
    b.app.sync_now().await;
    assert_eq!(files(&b.app, record)[0].state, FileState::Server);
    let target = b.dir.path().join("Pobrane").join("umowa.pdf");
    let saved = b
        .app
        .download_file(DownloadFileRequest {
            id: file,
            path: target.display().to_string(),
        })
        .await
        .unwrap();
    assert_eq!(saved.path, target.display().to_string());
    assert!(std::fs::read(&target).unwrap() == bytes, "byte-exact");
    assert_eq!(files(&b.app, record)[0].state, FileState::Here);
    assert!(b.events.lock().unwrap().iter().any(|e| matches!(
        e,
        AppEvent::FileProgress {
            direction: TransferDirection::Download,
            done: 1_500_000,
            total: 1_500_000,
            ..
        }
    )));

    // Deleting the only file frees the space.
    b.app.delete_file(IdRequest { id: file }).await.unwrap();
    assert_eq!(b.app.storage_usage().await.unwrap().used, 0);
    assert!(files(&b.app, record).is_empty());
}

#[tokio::test]
async fn a_link_uses_no_quota_and_a_file_over_the_quota_attaches_nothing() {
    let server = TestServer::start(|c| {
        c.trial_seats = 1;
        c.files.gb_bytes = 1_000; // the trial's 8 GB are 8,000 bytes
    })
    .await;
    let a = signed_up(&server.url, "anna@hydrotech.pl").await;
    let record = company(&a.app);
    a.app
        .add_link(AddLinkRequest {
            record,
            name: String::new(),
            url: "https://www.dropbox.com/s/x1/Katalog%202026.pdf".into(),
        })
        .unwrap();
    // An e-mail attachment by reference: the message in the mail program.
    a.app
        .add_link(AddLinkRequest {
            record,
            name: "Zamówienie od Drewpolu".into(),
            url: "message:%3C20261204.1234@poczta.drewpol.pl%3E".into(),
        })
        .unwrap();
    let refused = a.app.add_link(AddLinkRequest {
        record,
        name: String::new(),
        url: "file:///home/anna/umowa.pdf".into(),
    });
    assert_eq!(refused.unwrap_err().code, "invalid");
    a.app.sync_now().await;
    let listed = files(&a.app, record);
    let mut names: Vec<_> = listed.iter().map(|f| (f.name.as_str(), f.state)).collect();
    names.sort_by_key(|(name, _)| *name);
    assert_eq!(
        names,
        [
            ("Katalog 2026.pdf", FileState::Link),
            ("Zamówienie od Drewpolu", FileState::Link)
        ]
    );
    assert_eq!(a.app.storage_usage().await.unwrap().used, 0);

    let (path, _) = picked(&a, "Film z targów.mp4", 9_000);
    let outcome = a
        .app
        .attach_file(AttachFileRequest { record, path })
        .await
        .unwrap();
    assert_eq!(
        outcome,
        AttachOutcome::QuotaExceeded {
            free: 8_000,
            size: 9_000
        }
    );
    assert_eq!(files(&a.app, record).len(), 2, "only the two links");
    let pending = a.dir.path().join("files");
    let left: Vec<_> = walk(&pending);
    assert!(
        left.is_empty(),
        "nothing kept for the refused file: {left:?}"
    );
}

#[tokio::test]
async fn a_file_attached_offline_waits_on_the_device_and_uploads_when_back_online() {
    let server = TestServer::start(|_| {}).await;
    let net = network(&server).await;
    let a = signed_up(&net.url, "anna@hydrotech.pl").await;
    let record = company(&a.app);
    a.app.sync_now().await;

    net.set_online(false);
    let (path, bytes) = picked(&a, "Oferta.xlsx", 50_000);
    let outcome = a
        .app
        .attach_file(AttachFileRequest {
            record,
            path: path.clone(),
        })
        .await
        .unwrap();
    let AttachOutcome::Waiting { file, code } = outcome else {
        panic!("expected waiting: {outcome:?}");
    };
    assert_eq!(code, "offline");
    // The user may even delete the original: the device kept its own copy.
    std::fs::remove_file(&path).unwrap();
    assert_eq!(files(&a.app, record)[0].state, FileState::Waiting);
    a.app.sync_now().await;
    assert_eq!(files(&a.app, record)[0].state, FileState::Waiting);

    net.set_online(true);
    a.app.sync_now().await;
    assert_eq!(files(&a.app, record)[0].state, FileState::Here);
    assert_eq!(a.app.storage_usage().await.unwrap().used, 50_000);

    let b = signed_in(&server.url, "anna@hydrotech.pl").await;
    b.app.sync_now().await;
    let target = b.dir.path().join("oferta.xlsx");
    b.app
        .download_file(DownloadFileRequest {
            id: file,
            path: target.display().to_string(),
        })
        .await
        .unwrap();
    assert!(std::fs::read(&target).unwrap() == bytes);
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(walk(&p));
            } else {
                out.push(p);
            }
        }
    }
    out
}
