//! Coworkers: roles, seats, invitations.

use serde::{Deserialize, Serialize};

use crate::id::UserId;

/// What a user may do: salespeople edit their own contacts and see their own and shared
/// deals; managers see all deals and statistics; admins also manage billing, seats, roles,
/// exports and erasure.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, ts_rs::TS,
)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    User,
    Manager,
    Admin,
}

impl Role {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::User => "user",
            Role::Manager => "manager",
            Role::Admin => "admin",
        }
    }

    /// Parses a stored name.
    pub fn parse(s: &str) -> Option<Role> {
        match s {
            "user" => Some(Role::User),
            "manager" => Some(Role::Manager),
            "admin" => Some(Role::Admin),
            _ => None,
        }
    }
}

/// A coworker as the app lists them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct UserView {
    pub id: UserId,
    pub name: String,
    pub email: String,
    pub role: Role,
    pub seat: bool,
    pub active: bool,
    pub lang: String,
}

/// `POST /api/v1/invitations`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Invite {
    pub email: String,
    pub role: Role,
    /// Give the new user a seat when they accept (if one is free then).
    #[serde(default = "yes")]
    pub seat: bool,
    #[serde(default)]
    pub lang: Option<String>,
}

fn yes() -> bool {
    true
}

/// An invitation as admins see it (the token only goes out by e-mail).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct InvitationView {
    pub id: String,
    pub email: String,
    pub role: Role,
    pub seat: bool,
    pub expires_at: String,
    pub accepted: bool,
}

/// `POST /api/v1/invitations/accept`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct AcceptInvitation {
    pub token: String,
    pub name: String,
    pub password: String,
    #[serde(default)]
    pub device: Option<String>,
}

/// `PUT /api/v1/users/{id}/role`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct RoleChange {
    pub role: Role,
}

/// `PUT /api/v1/users/{id}/seat`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct SeatChange {
    pub seat: bool,
}
