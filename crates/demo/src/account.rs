//! The demo account on the server: signing up (or in, when it exists) and inviting the
//! sales team, whose invitations are accepted through links read from the mail outbox.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use localspace_client::api::ApiClient;
use localspace_core::UserId;
use localspace_core::api::{AcceptInvitation, Invite, Me, Role, SignIn, SignUp, UserView};

use crate::mail;

/// The device name the seed's sessions show in the sessions list.
const DEVICE: &str = "localspace-demo";

/// The sales team invited next to the admin: name, e-mail local part, role.
const TEAM: &[(&str, &str, Role)] = &[
    ("Paweł Żółkiewski", "pawel.zolkiewski", Role::Manager),
    ("Katarzyna Łęcka", "katarzyna.lecka", Role::User),
    ("Jędrzej Ślęzak", "jedrzej.slezak", Role::User),
];

/// Who the demo account belongs to.
#[derive(Clone)]
pub struct DemoLogin {
    /// The company the account is named after.
    pub company: String,
    /// The admin's name.
    pub name: String,
    /// The admin's e-mail; signs in with it when it is already registered.
    pub email: String,
    /// The admin's password; the invited coworkers get the same one.
    pub password: String,
    /// The server's mail outbox folder (`mail.outbox_dir`). With it, coworkers are invited
    /// and their invitations accepted; without it, the admin owns every record.
    pub outbox: Option<PathBuf>,
}

impl DemoLogin {
    /// The default demo company and admin, signing in as `email` with `password`, no outbox.
    pub fn new(email: impl Into<String>, password: impl Into<String>) -> DemoLogin {
        DemoLogin {
            company: "Drewpol Sp. z o.o.".to_owned(),
            name: "Małgorzata Wiśniewska".to_owned(),
            email: email.into(),
            password: password.into(),
            outbox: None,
        }
    }

    /// The same login, reading invitations from the server's outbox folder `dir`.
    pub fn with_outbox(mut self, dir: impl Into<PathBuf>) -> DemoLogin {
        self.outbox = Some(dir.into());
        self
    }
}

impl std::fmt::Debug for DemoLogin {
    /// The password never reaches logs.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DemoLogin")
            .field("company", &self.company)
            .field("name", &self.name)
            .field("email", &self.email)
            .field("password", &"<redacted>")
            .field("outbox", &self.outbox)
            .finish()
    }
}

/// A signed-in admin session.
#[derive(Debug)]
pub(crate) struct Session {
    /// Signed out, for invitations.
    pub anon: ApiClient,
    pub api: ApiClient,
    pub me: Me,
    /// False when the e-mail was registered already and the seed signed in.
    pub new_account: bool,
}

/// Signs the account up, or signs in when the e-mail is taken.
pub(crate) async fn open(server_url: &str, login: &DemoLogin) -> Result<Session> {
    let anon = ApiClient::new(server_url).with_context(|| format!("server URL {server_url}"))?;
    let sign_up = SignUp {
        company: login.company.clone(),
        name: login.name.clone(),
        email: login.email.clone(),
        password: login.password.clone(),
        lang: Some("pl".to_owned()),
        device: Some(DEVICE.to_owned()),
    };
    let (token, new_account) = match anon.sign_up(&sign_up).await {
        Ok(created) => (created.token, true),
        Err(e) if e.code() == "email_taken" => {
            let sign_in = SignIn {
                email: login.email.clone(),
                password: login.password.clone(),
                device: Some(DEVICE.to_owned()),
            };
            let created = anon
                .sign_in(&sign_in)
                .await
                .with_context(|| format!("{} is registered; signing in", login.email))?;
            (created.token, false)
        }
        Err(e) => {
            return Err(e).with_context(|| format!("signing up {} at {server_url}", login.email));
        }
    };
    let api = anon.clone().with_token(token);
    let me = api.me().await.context("reading the signed-in user")?;
    Ok(Session {
        anon,
        api,
        me,
        new_account,
    })
}

/// The coworkers of the sales team, invited and signed up through the outbox; members who
/// exist already are reused. Returns the users who ended up with a seat.
pub(crate) async fn team(session: &Session, login: &DemoLogin) -> Result<Vec<UserView>> {
    let Some(outbox) = login.outbox.as_deref() else {
        return Ok(Vec::new());
    };
    if session.me.user.role != Role::Admin {
        return Ok(Vec::new());
    }
    let members = session.api.users().await.context("listing the users")?;
    let (local, domain) = login
        .email
        .rsplit_once('@')
        .context("the admin's e-mail has no @")?;
    let mut team = Vec::new();
    for &(name, person, role) in TEAM {
        // Another demo account on this server may use the same domain: fall back to
        // plus-addressing on the admin's own mailbox.
        let candidates = [
            format!("{person}@{domain}"),
            format!("{local}+{person}@{domain}"),
        ];
        for email in candidates {
            if let Some(member) = members.iter().find(|m| m.email == email) {
                if member.active && member.seat {
                    team.push(member.clone());
                }
                break;
            }
            match invite(session, outbox, name, &email, role, login).await? {
                Joined::Member(user) => {
                    team.push(user);
                    break;
                }
                Joined::NoSeat => break,
                Joined::Taken => continue,
            }
        }
    }
    Ok(team)
}

/// How an invitation ended.
enum Joined {
    Member(UserView),
    /// Accepted, but every seat was taken.
    NoSeat,
    /// The e-mail belongs to a user of another account.
    Taken,
}

async fn invite(
    session: &Session,
    outbox: &Path,
    name: &str,
    email: &str,
    role: Role,
    login: &DemoLogin,
) -> Result<Joined> {
    let seen = mail::files(outbox)?;
    let invitation = Invite {
        email: email.to_owned(),
        role,
        seat: true,
        lang: Some("pl".to_owned()),
    };
    match session.api.invite(&invitation).await {
        Ok(_) => {}
        Err(e) if e.code() == "email_taken" => return Ok(Joined::Taken),
        Err(e) => return Err(e).with_context(|| format!("inviting {email}")),
    }
    let token = mail::invitation_token(outbox, email, &seen)
        .await?
        .with_context(|| {
            format!(
                "no invitation mail to {email} appeared in {}; is that the server's mail.outbox_dir?",
                outbox.display()
            )
        })?;
    let accept = AcceptInvitation {
        token,
        name: name.to_owned(),
        password: login.password.clone(),
        device: Some(DEVICE.to_owned()),
    };
    match session.anon.accept_invitation(&accept).await {
        Ok(created) => Ok(Joined::Member(created.user)),
        Err(e) if e.code() == "no_seat" => Ok(Joined::NoSeat),
        Err(e) if e.code() == "email_taken" => Ok(Joined::Taken),
        Err(e) => Err(e).with_context(|| format!("accepting the invitation of {email}")),
    }
}

/// The user ids records are owned by: the admin first, then the team.
pub(crate) fn owners(session: &Session, team: &[UserView]) -> Vec<UserId> {
    std::iter::once(session.me.user.id)
        .chain(team.iter().map(|u| u.id))
        .collect()
}
