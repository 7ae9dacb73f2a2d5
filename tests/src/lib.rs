//! End-to-end scenarios: a real server and several headless clients. Arrives with the sync issue.
