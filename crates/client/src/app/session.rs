//! Signing in and out. The session (who, which account, which server) is a file in the data
//! directory; the token is in the OS keychain. After one sign-in the app starts signed in and
//! works offline; sign-out forgets the token and the session but keeps the replica file, so
//! edits not yet pushed are still there at the next sign-in.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use localspace_core::api::{
    AcceptInvitation, PasswordChange, ResetConfirm, SessionCreated, SignIn, SignUp,
};

use super::contract::{
    AcceptInvitationRequest, AppError, AppEvent, AppState, Coworkers, PasswordChangeRequest,
    ResetConfirmRequest, ResetRequest, SessionInfo, SetLocaleRequest, SignInRequest, SignUpRequest,
};
use super::error::AppResult;
use super::settings::{load_settings, read_json, remove_json, save_settings, write_json};
use super::{App, Signed};
use crate::Replica;
use crate::api::ApiClient;
use crate::sync::SyncStatus;

const SESSION_FILE: &str = "session.json";
const COWORKERS_KEY: &str = "app.coworkers";

pub(super) fn load_session(dir: &Path) -> AppResult<Option<SessionInfo>> {
    read_json(dir, SESSION_FILE)
}

/// The replica of one user, under the data directory.
fn replica_path(dir: &Path, info: &SessionInfo) -> PathBuf {
    dir.join("replicas")
        .join(format!("{}.sqlite", info.user.id))
}

/// The keychain entry of a session: one per server and user.
fn token_key(info: &SessionInfo) -> String {
    format!("{}#{}", info.server_url, info.user.id)
}

impl App {
    /// The state the UI starts from.
    pub fn app_state(&self) -> AppState {
        let settings = load_settings(&self.config.data_dir);
        AppState {
            session: self.current().map(|s| s.info.clone()),
            locale: settings.locale,
            server_url: settings
                .server_url
                .unwrap_or_else(|| self.config.default_server.clone()),
        }
    }

    /// Chooses the interface language (`None`: follow the system).
    pub fn set_locale(&self, req: SetLocaleRequest) -> AppResult<AppState> {
        let mut settings = load_settings(&self.config.data_dir);
        settings.locale = req.locale;
        save_settings(&self.config.data_dir, &settings)?;
        Ok(self.app_state())
    }

    fn server(&self, asked: Option<&str>) -> String {
        asked
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| s.trim_end_matches('/').to_owned())
            .unwrap_or_else(|| self.app_state().server_url)
    }

    /// Signs in with e-mail and password.
    pub async fn sign_in(&self, req: SignInRequest) -> AppResult<SessionInfo> {
        let server = self.server(req.server_url.as_deref());
        let api = ApiClient::new(&server)?;
        let created = api
            .sign_in(&SignIn {
                email: req.email,
                password: req.password,
                device: Some(self.config.device.clone()),
            })
            .await?;
        self.signed_in(server, created)
    }

    /// Creates an account (its first admin, a 14-day trial) and signs in.
    pub async fn sign_up(&self, req: SignUpRequest) -> AppResult<SessionInfo> {
        let server = self.server(req.server_url.as_deref());
        let api = ApiClient::new(&server)?;
        let created = api
            .sign_up(&SignUp {
                company: req.company,
                name: req.name,
                email: req.email,
                password: req.password,
                lang: None,
                device: Some(self.config.device.clone()),
            })
            .await?;
        self.signed_in(server, created)
    }

    /// Accepts an invitation (sets name and password) and signs in.
    pub async fn accept_invitation(&self, req: AcceptInvitationRequest) -> AppResult<SessionInfo> {
        let server = self.server(req.server_url.as_deref());
        let api = ApiClient::new(&server)?;
        let created = api
            .accept_invitation(&AcceptInvitation {
                token: req.token.trim().to_owned(),
                name: req.name,
                password: req.password,
                device: Some(self.config.device.clone()),
            })
            .await?;
        self.signed_in(server, created)
    }

    /// Asks for a password-reset e-mail; the answer is the same whether the address exists.
    pub async fn request_password_reset(&self, req: ResetRequest) -> AppResult<()> {
        let api = ApiClient::new(&self.server(req.server_url.as_deref()))?;
        Ok(api.request_password_reset(&req.email).await?)
    }

    /// Sets a new password with the token from the reset e-mail.
    pub async fn confirm_password_reset(&self, req: ResetConfirmRequest) -> AppResult<()> {
        let api = ApiClient::new(&self.server(req.server_url.as_deref()))?;
        Ok(api
            .confirm_password_reset(&ResetConfirm {
                token: req.token.trim().to_owned(),
                password: req.password,
            })
            .await?)
    }

    /// Changes the password (ends every other session of the user).
    pub async fn change_password(&self, req: PasswordChangeRequest) -> AppResult<()> {
        let api = self.online_api()?;
        Ok(api
            .change_password(&PasswordChange {
                current: req.current,
                new: req.new,
            })
            .await?)
    }

    /// Signs out: the server forgets the session (when reachable), the keychain forgets the
    /// token, the device forgets who was signed in. The replica file stays.
    pub async fn sign_out(&self) -> AppResult<()> {
        let Some(signed) = self.current() else {
            return Ok(());
        };
        if let Some(api) = &signed.api {
            // Offline: the token is forgotten here; the server's copy expires unused.
            let _ = api.sign_out().await;
        }
        self.config.tokens.delete(&token_key(&signed.info))?;
        remove_json(&self.config.data_dir, SESSION_FILE)?;
        self.set_signed(None);
        self.set_status(SyncStatus::SignedOut);
        self.emit(AppEvent::Session { session: None });
        Ok(())
    }

    /// The coworkers: fresh from the server when online, else the last copy seen.
    pub async fn coworkers(&self) -> AppResult<Coworkers> {
        let signed = self.current().ok_or_else(AppError::signed_out)?;
        if let Some(api) = &signed.api
            && let Ok(users) = api.users().await
        {
            let json = serde_json::to_string(&users)
                .map_err(|e| AppError::new("local_storage", e.to_string()))?;
            signed.replica.set_sync_state(COWORKERS_KEY, &json)?;
            return Ok(Coworkers { users });
        }
        Ok(Coworkers {
            users: self.cached_coworkers(&signed.replica),
        })
    }

    pub(super) fn has_coworkers(&self, replica: &Replica) -> bool {
        matches!(replica.sync_state(COWORKERS_KEY), Ok(Some(_)))
    }

    pub(super) fn cached_coworkers(
        &self,
        replica: &Replica,
    ) -> Vec<localspace_core::api::UserView> {
        let mut users: Vec<localspace_core::api::UserView> = replica
            .sync_state(COWORKERS_KEY)
            .ok()
            .flatten()
            .and_then(|json| serde_json::from_str(&json).ok())
            .unwrap_or_default();
        if let Some(signed) = self.current()
            && !users.iter().any(|u| u.id == signed.info.user.id)
        {
            users.push(signed.info.user.clone());
        }
        users
    }

    /// The signed-in user's replica file.
    pub(super) fn replica_file(&self) -> Option<PathBuf> {
        self.current()
            .map(|s| replica_path(&self.config.data_dir, &s.info))
    }

    pub(super) fn online_api(&self) -> AppResult<ApiClient> {
        self.current()
            .and_then(|s| s.api.clone())
            .ok_or_else(AppError::signed_out)
    }

    fn signed_in(&self, server_url: String, created: SessionCreated) -> AppResult<SessionInfo> {
        let info = SessionInfo {
            server_url,
            user: created.user,
            account: created.account,
        };
        self.config.tokens.save(&token_key(&info), &created.token)?;
        write_json(&self.config.data_dir, SESSION_FILE, &info)?;
        let mut settings = load_settings(&self.config.data_dir);
        settings.server_url = Some(info.server_url.clone());
        save_settings(&self.config.data_dir, &settings)?;
        self.resume(info.clone())?;
        self.emit(AppEvent::Session {
            session: Some(Box::new(info.clone())),
        });
        Ok(info)
    }

    /// Opens the user's replica and takes the token from the keychain (if it is there).
    pub(super) fn resume(&self, info: SessionInfo) -> AppResult<()> {
        let path = replica_path(&self.config.data_dir, &info);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let replica = Arc::new(Replica::open(&path)?);
        let api = match self.config.tokens.load(&token_key(&info)) {
            Ok(Some(token)) => Some(ApiClient::new(&info.server_url)?.with_token(token)),
            // No token (removed, or the keychain is locked): local work goes on, the
            // indicator asks for a sign-in.
            Ok(None) | Err(_) => None,
        };
        let status = if api.is_some() {
            SyncStatus::Syncing {
                pending: replica.outbox_len()?,
            }
        } else {
            SyncStatus::SignedOut
        };
        self.set_signed(Some(Arc::new(Signed { info, replica, api })));
        self.set_status(status);
        self.wake_sync();
        Ok(())
    }

    /// Changes the kept session info (on disk and in memory) and tells the UI.
    pub(super) fn update_session(
        &self,
        change: impl FnOnce(&mut SessionInfo),
    ) -> AppResult<SessionInfo> {
        let signed = self.current().ok_or_else(AppError::signed_out)?;
        let mut info = signed.info.clone();
        change(&mut info);
        write_json(&self.config.data_dir, SESSION_FILE, &info)?;
        let next = Some(Arc::new(Signed {
            info: info.clone(),
            replica: signed.replica.clone(),
            api: signed.api.clone(),
        }));
        match self.signed.write() {
            Ok(mut guard) => *guard = next,
            Err(e) => *e.into_inner() = next,
        }
        self.emit(AppEvent::Session {
            session: Some(Box::new(info.clone())),
        });
        Ok(info)
    }

    /// The session ended on the server: forget the token, keep the session and the data so
    /// the user signs in again and nothing typed is lost.
    pub(super) fn session_ended(&self) {
        if let Some(signed) = self.current() {
            let _ = self.config.tokens.delete(&token_key(&signed.info));
            self.set_signed(Some(Arc::new(Signed {
                info: signed.info.clone(),
                replica: signed.replica.clone(),
                api: None,
            })));
            self.emit(AppEvent::SignedOut);
        }
    }
}
