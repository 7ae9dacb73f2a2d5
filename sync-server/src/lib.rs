//! The sync server (axum + tokio): accounts, plans, sync log. Arrives with the accounts issue.
