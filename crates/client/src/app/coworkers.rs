//! Admins manage coworkers from the app: invitations, roles, seats, deactivation. The server
//! enforces every rule (admin only, seats paid, the last admin); the answers come back as
//! coded errors for the UI.

use localspace_core::api::{AccountView, Invite, UserView};

use super::App;
use super::contract::{InvitationIdRequest, Invitations, InviteRequest, UserChangeRequest};
use super::error::AppResult;

impl App {
    /// Sends an invitation e-mail.
    pub async fn invite(&self, req: InviteRequest) -> AppResult<Invitations> {
        let api = self.online_api()?;
        api.invite(&Invite {
            email: req.email,
            role: req.role,
            seat: req.seat,
            lang: None,
        })
        .await?;
        self.invitations().await
    }

    /// Invitations sent and not yet accepted or expired.
    pub async fn invitations(&self) -> AppResult<Invitations> {
        Ok(Invitations {
            invitations: self.online_api()?.invitations().await?,
        })
    }

    /// Withdraws an invitation.
    pub async fn revoke_invitation(&self, req: InvitationIdRequest) -> AppResult<Invitations> {
        self.online_api()?.revoke_invitation(&req.id).await?;
        self.invitations().await
    }

    /// Changes a coworker's role, seat or active state (in that order), then refreshes the
    /// cached coworker list.
    pub async fn change_user(&self, req: UserChangeRequest) -> AppResult<UserView> {
        let api = self.online_api()?;
        let mut user = None;
        if let Some(role) = req.role {
            user = Some(api.set_role(req.user, role).await?);
        }
        if let Some(seat) = req.seat {
            user = Some(api.set_seat(req.user, seat).await?);
        }
        match req.active {
            Some(true) => user = Some(api.activate(req.user).await?),
            Some(false) => user = Some(api.deactivate(req.user).await?),
            None => {}
        }
        let user = match user {
            Some(user) => user,
            None => self
                .coworkers()
                .await?
                .users
                .into_iter()
                .find(|u| u.id == req.user)
                .ok_or_else(|| super::AppError::new("not_found", "no such coworker"))?,
        };
        let _ = self.coworkers().await;
        Ok(user)
    }

    /// The account as the server sees it now (plan status, trial end, seats, switches);
    /// kept with the session so the switches hold offline.
    pub async fn account(&self) -> AppResult<AccountView> {
        let account = self.online_api()?.account().await?;
        let kept = account.clone();
        if self.current().is_some_and(|s| s.info.account != kept) {
            self.update_session(|info| info.account = kept)?;
        }
        Ok(account)
    }
}
