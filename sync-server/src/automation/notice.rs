//! The e-mail a won deal's rule sends to the account's managers and admins, once the push
//! that made the note has committed (a failed send is logged; the note is on the timeline
//! either way). Only a push that made the note sends it, so a retried push sends nothing.

use localspace_core::Kind;
use localspace_core::api::Role;

use super::Fired;
use crate::auth::extract::Authed;
use crate::mail::templates;
use crate::notify;
use crate::state::AppState;

/// Mails the managers and admins about each won deal a rule noted in this push.
pub async fn send(state: &AppState, pusher: &Authed, fired: &[Fired]) {
    let won: Vec<&Fired> = fired.iter().filter(|f| f.kind == Kind::Activity).collect();
    if won.is_empty() {
        return;
    }
    let account = pusher.account.id;
    let users = match state.db(move |s| s.users(account)).await {
        Ok(users) => users,
        Err(error) => {
            tracing::error!(?error, "listing whom to tell about a won deal");
            return;
        }
    };
    let readers = users
        .iter()
        .filter(|u| u.active && matches!(u.role, Role::Manager | Role::Admin));
    for user in readers {
        for f in &won {
            let (subject, text) = templates::deal_won(
                notify::lang(&user.lang),
                &f.deal_title,
                &pusher.user.name,
                &f.text,
            );
            notify::send(state, &user.email, &user.name, subject, text).await;
        }
    }
}
