//! Whether the account was last found blocked, kept in the replica: the app stays read-only
//! from the moment a pass learns of the block until a pass succeeds (after a renewal), also
//! while a pass runs, while the server cannot be reached and after a restart.

use crate::Replica;

const KEY: &str = "account.blocked";

/// Whether the last pass that reached the server found the account blocked.
pub(super) fn known(replica: &Replica) -> bool {
    replica.sync_state(KEY).ok().flatten().as_deref() == Some("1")
}

/// Records what a pass that reached the server found.
pub(super) fn remember(replica: &Replica, blocked: bool) {
    if known(replica) == blocked {
        return;
    }
    // A replica that cannot store it still has the status of this run, which says the same.
    let _ = if blocked {
        replica.set_sync_state(KEY, "1")
    } else {
        replica.clear_sync_state(KEY)
    };
}
