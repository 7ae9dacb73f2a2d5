//! Session tokens live in the OS keychain (Secret Service on Linux, Keychain on macOS,
//! Credential Manager on Windows), never in a file. The store is a trait so the service can
//! be driven headless; the desktop app always passes [`OsKeychain`].

use super::contract::AppError;

/// Where session tokens are kept, keyed by server and user.
pub trait TokenStore: Send + Sync + std::fmt::Debug {
    /// Saves (or replaces) the token for `key`.
    fn save(&self, key: &str, token: &str) -> Result<(), AppError>;
    /// The token for `key`, if one is saved.
    fn load(&self, key: &str) -> Result<Option<String>, AppError>;
    /// Forgets the token for `key` (no error when there was none).
    fn delete(&self, key: &str) -> Result<(), AppError>;
}

/// The service name the app's entries carry in the OS keychain.
pub const KEYCHAIN_SERVICE: &str = "Localspace";

/// The operating system's keychain, through `keyring` with a real platform backend.
#[derive(Debug, Default, Clone, Copy)]
pub struct OsKeychain;

fn unavailable(e: keyring::Error) -> AppError {
    AppError::new(
        "keychain_unavailable",
        format!("the system keychain cannot be used: {e}"),
    )
}

impl TokenStore for OsKeychain {
    fn save(&self, key: &str, token: &str) -> Result<(), AppError> {
        let entry = keyring::Entry::new(KEYCHAIN_SERVICE, key).map_err(unavailable)?;
        entry.set_password(token).map_err(unavailable)
    }

    fn load(&self, key: &str) -> Result<Option<String>, AppError> {
        let entry = keyring::Entry::new(KEYCHAIN_SERVICE, key).map_err(unavailable)?;
        match entry.get_password() {
            Ok(token) => Ok(Some(token)),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(unavailable(e)),
        }
    }

    fn delete(&self, key: &str) -> Result<(), AppError> {
        let entry = keyring::Entry::new(KEYCHAIN_SERVICE, key).map_err(unavailable)?;
        match entry.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(unavailable(e)),
        }
    }
}
