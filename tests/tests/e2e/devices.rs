//! Accounts and devices for the sync tests: each device has its own replica file and session.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use localspace_client::Replica;
use localspace_client::api::ApiClient;
use localspace_client::app::{AppError, TokenStore};
use localspace_client::replica::{Durability, OpenOptions};
use localspace_core::api::{AcceptInvitation, Invite, Role, SignIn, SignUp};
use localspace_core::{ManualClock, Patch};
use localspace_e2e::{T0, TestServer};
use tempfile::TempDir;

pub const PASSWORD: &str = "Zielona-Góra-7";

pub struct Device {
    pub replica: Replica,
    pub api: ApiClient,
    _dir: TempDir,
}

/// Signs up a new account; returns its admin's client.
pub async fn account(server: &TestServer, email: &str) -> ApiClient {
    let anon = ApiClient::new(&server.url).unwrap();
    let created = anon
        .sign_up(&SignUp {
            company: "Zakłady Mięsne Łódź".into(),
            name: "Anna Wiśniewska".into(),
            email: email.into(),
            password: PASSWORD.into(),
            lang: None,
            device: None,
        })
        .await
        .unwrap();
    anon.with_token(created.token)
}

/// Invites a coworker with a seat and accepts the invitation as them.
pub async fn coworker(server: &TestServer, admin: &ApiClient, email: &str, role: Role) {
    admin
        .invite(&Invite {
            email: email.into(),
            role,
            seat: true,
            lang: None,
        })
        .await
        .unwrap();
    let token = server.last_link_token(email).unwrap();
    ApiClient::new(&server.url)
        .unwrap()
        .accept_invitation(&AcceptInvitation {
            token,
            name: "Jan Kowalski".into(),
            password: PASSWORD.into(),
            device: None,
        })
        .await
        .unwrap();
}

/// A device of a user: its own replica file and session.
pub async fn device(server: &TestServer, email: &str) -> Device {
    let anon = ApiClient::new(&server.url).unwrap();
    let session = anon
        .sign_in(&SignIn {
            email: email.into(),
            password: PASSWORD.into(),
            device: None,
        })
        .await
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let options = OpenOptions {
        clock: Arc::new(ManualClock::at(T0)),
        durability: Durability::Normal,
    };
    let replica = Replica::open_with(dir.path().join("replica.sqlite"), options).unwrap();
    Device {
        replica,
        api: anon.with_token(session.token),
        _dir: dir,
    }
}

pub fn person(last: &str) -> Patch {
    Patch::new()
        .text("first_name", "Jan")
        .text("last_name", last)
}

/// The app's token store as a map: the OS keychain itself is exercised by the keychain test
/// and the desktop E2E, which run inside a Secret Service session.
#[derive(Debug, Default)]
pub struct Tokens(pub Mutex<BTreeMap<String, String>>);

impl TokenStore for Tokens {
    fn save(&self, key: &str, token: &str) -> Result<(), AppError> {
        self.0.lock().unwrap().insert(key.into(), token.into());
        Ok(())
    }
    fn load(&self, key: &str) -> Result<Option<String>, AppError> {
        Ok(self.0.lock().unwrap().get(key).cloned())
    }
    fn delete(&self, key: &str) -> Result<(), AppError> {
        self.0.lock().unwrap().remove(key);
        Ok(())
    }
}
