//! The HTTP API: one table of routes (method, path, who may call it, handler), from which the
//! router is built and which the tenant-isolation test enumerates, so a new route cannot
//! slip past that test.

mod account;
mod account_settings;
mod audit_log;
mod automation;
mod billing;
mod binary;
pub(crate) mod body;
mod deletion;
mod exports;
mod files;
mod invitations;
mod live;
mod passwords;
mod sessions;
mod sync;
mod users;
pub(crate) mod views;

use axum::Router;
use axum::http::Method;
use axum::routing::{MethodRouter, delete, get, patch, post, put};

pub use binary::MAX_PUSH_BYTES;

use crate::error::ApiError;
use crate::state::AppState;

/// Who may call a route.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    Public,
    SignedIn,
    Admin,
}

/// One route of the API.
#[derive(Debug)]
pub struct Route {
    pub method: Method,
    pub path: &'static str,
    pub access: Access,
    handler: MethodRouter<AppState>,
}

fn route(
    method: Method,
    path: &'static str,
    access: Access,
    handler: MethodRouter<AppState>,
) -> Route {
    Route {
        method,
        path,
        access,
        handler,
    }
}

/// Every route of the API.
pub fn table() -> Vec<Route> {
    use Access::{Admin, Public, SignedIn};
    #[allow(unused_mut)]
    let mut routes = vec![
        route(Method::GET, "/health", Public, get(health)),
        route(
            Method::POST,
            "/api/v1/signup",
            Public,
            post(account::sign_up),
        ),
        route(
            Method::POST,
            "/api/v1/sessions",
            Public,
            post(sessions::sign_in),
        ),
        route(
            Method::POST,
            "/api/v1/password-resets",
            Public,
            post(passwords::request_reset),
        ),
        route(
            Method::POST,
            "/api/v1/password-resets/confirm",
            Public,
            post(passwords::confirm_reset),
        ),
        route(
            Method::POST,
            "/api/v1/invitations/accept",
            Public,
            post(invitations::accept),
        ),
        route(Method::GET, "/api/v1/me", SignedIn, get(account::me)),
        route(
            Method::PATCH,
            "/api/v1/me",
            SignedIn,
            patch(account::update_profile),
        ),
        route(
            Method::PUT,
            "/api/v1/me/password",
            SignedIn,
            put(passwords::change),
        ),
        route(
            Method::GET,
            "/api/v1/account",
            SignedIn,
            get(account::account),
        ),
        route(
            Method::GET,
            "/api/v1/account/deletion",
            SignedIn,
            get(deletion::show),
        ),
        route(
            Method::POST,
            "/api/v1/account/deletion",
            Admin,
            post(deletion::request),
        ),
        route(
            Method::DELETE,
            "/api/v1/account/deletion",
            Admin,
            delete(deletion::cancel),
        ),
        route(
            Method::GET,
            "/api/v1/account/settings",
            SignedIn,
            get(account_settings::show),
        ),
        route(
            Method::PUT,
            "/api/v1/account/settings",
            Admin,
            put(account_settings::change),
        ),
        route(Method::POST, "/api/v1/exports", Admin, post(exports::start)),
        route(Method::GET, "/api/v1/exports", Admin, get(exports::list)),
        route(
            Method::GET,
            "/api/v1/exports/{id}",
            Admin,
            get(exports::show),
        ),
        route(
            Method::GET,
            "/api/v1/exports/{id}/archive",
            Admin,
            get(exports::archive),
        ),
        route(
            Method::GET,
            "/api/v1/sessions",
            SignedIn,
            get(sessions::list),
        ),
        route(
            Method::DELETE,
            "/api/v1/sessions/current",
            SignedIn,
            delete(sessions::sign_out),
        ),
        route(
            Method::DELETE,
            "/api/v1/sessions/{id}",
            SignedIn,
            delete(sessions::revoke),
        ),
        route(Method::GET, "/api/v1/users", SignedIn, get(users::list)),
        route(
            Method::POST,
            "/api/v1/invitations",
            Admin,
            post(invitations::invite),
        ),
        route(
            Method::GET,
            "/api/v1/invitations",
            Admin,
            get(invitations::list),
        ),
        route(
            Method::DELETE,
            "/api/v1/invitations/{id}",
            Admin,
            delete(invitations::revoke),
        ),
        route(
            Method::PUT,
            "/api/v1/users/{id}/role",
            Admin,
            put(users::set_role),
        ),
        route(
            Method::PUT,
            "/api/v1/users/{id}/seat",
            Admin,
            put(users::set_seat),
        ),
        route(
            Method::POST,
            "/api/v1/users/{id}/deactivate",
            Admin,
            post(users::deactivate),
        ),
        route(
            Method::POST,
            "/api/v1/users/{id}/activate",
            Admin,
            post(users::activate),
        ),
        route(Method::GET, "/api/v1/audit", Admin, get(audit_log::list)),
        route(
            Method::GET,
            "/api/v1/automation/rules",
            SignedIn,
            get(automation::list),
        ),
        route(
            Method::POST,
            "/api/v1/automation/rules",
            Admin,
            post(automation::create),
        ),
        route(
            Method::PATCH,
            "/api/v1/automation/rules/{id}",
            Admin,
            patch(automation::update),
        ),
        route(
            Method::DELETE,
            "/api/v1/automation/rules/{id}",
            Admin,
            delete(automation::delete),
        ),
        route(
            Method::POST,
            "/sync/v1/push",
            SignedIn,
            post(sync::push).layer(axum::extract::DefaultBodyLimit::max(binary::MAX_PUSH_BYTES)),
        ),
        route(Method::GET, "/sync/v1/pull", SignedIn, get(sync::pull)),
        route(Method::GET, "/sync/v1/live", SignedIn, get(live::live)),
        route(Method::GET, "/sync/v1/erased", SignedIn, get(sync::erased)),
        route(
            Method::GET,
            "/sync/v1/bootstrap",
            SignedIn,
            get(sync::bootstrap),
        ),
        route(
            Method::POST,
            "/api/v1/billing/quote",
            Admin,
            post(billing::quote),
        ),
        route(
            Method::POST,
            "/api/v1/billing/renewals",
            Admin,
            post(billing::renew),
        ),
        route(
            Method::GET,
            "/api/v1/billing/plan",
            SignedIn,
            get(billing::plan),
        ),
        route(
            Method::POST,
            "/api/v1/billing/changes/quote",
            Admin,
            post(billing::change_quote),
        ),
        route(
            Method::POST,
            "/api/v1/billing/changes",
            Admin,
            post(billing::change),
        ),
        route(
            Method::GET,
            "/api/v1/billing/invoices",
            Admin,
            get(billing::invoices),
        ),
        route(
            Method::GET,
            "/api/v1/billing/invoices/{id}/pdf",
            Admin,
            get(billing::invoice_pdf),
        ),
        route(Method::GET, "/api/v1/storage", SignedIn, get(files::usage)),
        route(
            Method::POST,
            "/api/v1/uploads",
            SignedIn,
            post(files::reserve),
        ),
        route(
            Method::PUT,
            "/api/v1/uploads/{id}",
            SignedIn,
            put(files::receive),
        ),
        route(
            Method::DELETE,
            "/api/v1/uploads/{id}",
            SignedIn,
            delete(files::abort),
        ),
        route(
            Method::GET,
            "/api/v1/blobs/{hash}",
            SignedIn,
            get(files::download),
        ),
        route(
            Method::DELETE,
            "/api/v1/files/{id}",
            SignedIn,
            delete(files::unref),
        ),
        route(
            Method::POST,
            "/api/v1/billing/payments/notify",
            Public,
            post(billing::notify),
        ),
    ];
    // Dev and test builds only: moving the server's clock (`crate::dev_clock`).
    #[cfg(debug_assertions)]
    routes.push(route(
        Method::POST,
        "/dev/v1/clock",
        Public,
        post(crate::dev_clock::advance),
    ));
    routes
}

/// Routes whose handler runs as long as the client streams a body to it.
const STREAMED: &[(Method, &str)] = &[(Method::PUT, "/api/v1/uploads/{id}")];

/// The router over every route, with JSON answers for unknown paths and methods. Every
/// route but the streamed uploads gets the time limit.
pub fn router(state: AppState, timeout: tower_http::timeout::TimeoutLayer) -> Router {
    let mut router = Router::new();
    for r in table() {
        let streamed = STREAMED.iter().any(|(m, p)| *m == r.method && *p == r.path);
        let handler = if streamed {
            r.handler
        } else {
            r.handler.layer(timeout)
        };
        router = router.route(r.path, handler);
    }
    router
        .fallback(|| async { ApiError::not_found() })
        .method_not_allowed_fallback(|| async {
            ApiError::new(
                axum::http::StatusCode::METHOD_NOT_ALLOWED,
                "method_not_allowed",
                "This method is not allowed here.",
            )
        })
        .with_state(state)
}

async fn health() -> &'static str {
    "ok"
}
