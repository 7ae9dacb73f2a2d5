//! Live notifications: devices of an account listen on a WebSocket, and every push that
//! appends to the account's log announces the new cursor to them. Announcements carry no
//! data: a device that hears one pulls as usual, with its session checked on that pull.

use std::collections::HashMap;
use std::sync::Mutex;

use tokio::sync::broadcast;
use uuid::Uuid;

/// How many announcements a slow listener may fall behind before it skips to the newest
/// (only the latest cursor matters).
const BACKLOG: usize = 16;

/// The listeners of every account.
#[derive(Debug, Default)]
pub struct Live {
    accounts: Mutex<HashMap<Uuid, broadcast::Sender<u64>>>,
}

impl Live {
    /// Starts listening to an account's announcements.
    pub fn subscribe(&self, account: Uuid) -> broadcast::Receiver<u64> {
        let mut accounts = self.accounts.lock().unwrap_or_else(|e| e.into_inner());
        accounts
            .entry(account)
            .or_insert_with(|| broadcast::channel(BACKLOG).0)
            .subscribe()
    }

    /// Tells the account's listening devices that its log reached `cursor`.
    pub fn announce(&self, account: Uuid, cursor: u64) {
        let mut accounts = self.accounts.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(sender) = accounts.get(&account)
            && sender.send(cursor).is_err()
        {
            // Nobody listens any more.
            accounts.remove(&account);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn announcements_reach_the_accounts_listeners_only() {
        let live = Live::default();
        let (a, b) = (Uuid::from_u128(1), Uuid::from_u128(2));
        let mut first = live.subscribe(a);
        let mut second = live.subscribe(a);
        let mut other = live.subscribe(b);
        live.announce(a, 7);
        assert_eq!(first.recv().await.unwrap(), 7);
        assert_eq!(second.recv().await.unwrap(), 7);
        assert!(other.try_recv().is_err());
        drop((first, second));
        live.announce(a, 8);
        assert!(!live.accounts.lock().unwrap().contains_key(&a));
        live.announce(b, 3);
        assert_eq!(other.recv().await.unwrap(), 3);
    }
}
