//! Rate limits for sign-in and password recovery, per e-mail and per IP, on the injected
//! clock: a fixed number of attempts per window, then 429 with the seconds to wait.

use std::collections::HashMap;
use std::sync::Mutex;

/// A limit: at most `max` events per `window_ms`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limit {
    pub max: u32,
    pub window_ms: i64,
}

/// Counters for one kind of event.
#[derive(Debug)]
pub struct RateLimiter {
    limit: Limit,
    hits: Mutex<HashMap<String, Vec<i64>>>,
}

impl RateLimiter {
    pub fn new(limit: Limit) -> Self {
        RateLimiter {
            limit,
            hits: Mutex::new(HashMap::new()),
        }
    }

    /// `Err(seconds to wait)` when `key` is over its limit at `now`; otherwise nothing.
    pub fn check(&self, key: &str, now: i64) -> Result<(), u64> {
        let mut hits = self.hits.lock().unwrap_or_else(|p| p.into_inner());
        let list = hits.entry(key.to_owned()).or_default();
        list.retain(|&t| now - t < self.limit.window_ms);
        if list.len() as u32 >= self.limit.max {
            let oldest = list.iter().min().copied().unwrap_or(now);
            let wait_ms = (oldest + self.limit.window_ms - now).max(1000);
            return Err(((wait_ms + 999) / 1000) as u64);
        }
        Ok(())
    }

    /// Records an event for `key`.
    pub fn hit(&self, key: &str, now: i64) {
        let mut hits = self.hits.lock().unwrap_or_else(|p| p.into_inner());
        if hits.len() > 100_000 {
            // Forget idle keys so a flood of distinct keys cannot grow memory without bound.
            hits.retain(|_, list| list.iter().any(|&t| now - t < self.limit.window_ms));
        }
        hits.entry(key.to_owned()).or_default().push(now);
    }

    /// Forgets `key` (a successful sign-in clears the failures of that e-mail).
    pub fn clear(&self, key: &str) {
        self.hits
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_after_the_limit_until_the_window_passes() {
        let limiter = RateLimiter::new(Limit {
            max: 3,
            window_ms: 60_000,
        });
        for t in [0, 1_000, 2_000] {
            assert_eq!(limiter.check("a", t), Ok(()));
            limiter.hit("a", t);
        }
        assert_eq!(limiter.check("a", 3_000), Err(57));
        assert_eq!(limiter.check("b", 3_000), Ok(()));
        assert_eq!(limiter.check("a", 60_000), Ok(()));
        limiter.clear("a");
        assert_eq!(limiter.check("a", 3_000), Ok(()));
    }
}
