//! The live socket, held open while someone is signed in: when the server announces a log
//! cursor past this device's, the sync loop runs a pass at once instead of at its next poll.
//! Opening the socket after an outage also wakes the sync loop, so edits made offline go out
//! as soon as the server is back. A broken socket reconnects with the sync loop's backoff.

use super::App;
use super::sync_loop::backoff;
use crate::sync::synced_cursor;

impl App {
    /// Runs until the process ends (started beside the sync loop by `run_sync_loop`).
    pub(super) async fn run_live_loop(&self) {
        let mut sessions = self.session_changes.subscribe();
        let mut failures = 0u32;
        loop {
            let signed = self.current();
            let Some((signed, api)) = signed.and_then(|s| s.api.clone().map(|api| (s, api))) else {
                // Nobody signed in (or no token): wait for a sign-in.
                let _ = sessions.changed().await;
                continue;
            };
            tokio::select! {
                () = async {
                    let Ok(mut socket) = api.open_live().await else { return };
                    failures = 0;
                    self.wake_sync();
                    while let Ok(cursor) = socket.next_cursor().await {
                        if synced_cursor(&signed.replica) < cursor {
                            self.wake_sync();
                        }
                    }
                } => {
                    failures += 1;
                    tokio::select! {
                        () = tokio::time::sleep(backoff(failures)) => {}
                        _ = sessions.changed() => {}
                    }
                }
                // Signed out or in as someone else: drop this socket and start over.
                _ = sessions.changed() => {}
            }
        }
    }
}
