//! Passwords: argon2id hashes, and the strength rules with messages people can act on.

use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::{Algorithm, Argon2, Params, Version};

/// Why a password is not accepted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Weakness {
    #[error("the password must have at least {0} characters")]
    TooShort(usize),
    #[error("the password must have at most {0} characters")]
    TooLong(usize),
    #[error("the password needs a letter and a digit, or at least 16 characters")]
    TooSimple,
    #[error("the password must not contain your e-mail address or name")]
    Personal,
    #[error("this password is too common")]
    Common,
}

const MIN: usize = 10;
const MAX: usize = 256;
const COMMON: &[&str] = &[
    "password123",
    "qwerty1234",
    "1234567890",
    "haslo12345",
    "zaq12wsx12",
    "administrator",
    "localspace1",
    "qwertyuiop",
    "1q2w3e4r5t",
    "polska1234",
];

/// Checks a new password against the rules.
pub fn check_strength(password: &str, email: &str, name: &str) -> Result<(), Weakness> {
    let chars = password.chars().count();
    if chars < MIN {
        return Err(Weakness::TooShort(MIN));
    }
    if chars > MAX {
        return Err(Weakness::TooLong(MAX));
    }
    let lower = password.to_lowercase();
    if COMMON.contains(&lower.as_str()) {
        return Err(Weakness::Common);
    }
    let local = email.split('@').next().unwrap_or("").to_lowercase();
    let personal = [local.as_str(), &name.to_lowercase()]
        .into_iter()
        .any(|p| p.chars().count() >= 4 && lower.contains(p));
    if personal {
        return Err(Weakness::Personal);
    }
    let letter = password.chars().any(char::is_alphabetic);
    let digit = password
        .chars()
        .any(|c| c.is_ascii_digit() || !c.is_alphanumeric());
    if !(letter && digit) && chars < 16 {
        return Err(Weakness::TooSimple);
    }
    Ok(())
}

/// The hashing parameters: argon2id with OWASP's recommended minimum (19 MiB, 2 passes),
/// or a cheap setting for tests.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cost {
    Production,
    Test,
}

fn argon(cost: Cost) -> Argon2<'static> {
    let params = match cost {
        Cost::Production => Params::new(19 * 1024, 2, 1, None),
        Cost::Test => Params::new(64, 1, 1, None),
    };
    Argon2::new(
        Algorithm::Argon2id,
        Version::V0x13,
        params.unwrap_or_default(),
    )
}

/// Hashes a password (PHC string with salt and parameters).
pub fn hash(password: &str, cost: Cost) -> Result<String, argon2::password_hash::Error> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|_| argon2::password_hash::Error::Crypto)?;
    Ok(argon(cost)
        .hash_password_with_salt(password.as_bytes(), &salt)?
        .to_string())
}

/// Checks a password against a stored hash (the parameters come from the hash).
pub fn verify(password: &str, stored: &str) -> bool {
    Argon2::default()
        .verify_password(password.as_bytes(), stored)
        .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case::short("abc123", Some(Weakness::TooShort(MIN)))]
    #[case::letters_only("abcdefghijk", Some(Weakness::TooSimple))]
    #[case::long_passphrase("koń jeździ po łące", None)]
    #[case::common("Password123", Some(Weakness::Common))]
    #[case::email_inside("anna.nowak-2026", Some(Weakness::Personal))]
    #[case::good("Zielona-Góra-7", None)]
    fn strength(#[case] password: &str, #[case] expected: Option<Weakness>) {
        assert_eq!(
            check_strength(password, "anna.nowak@firma.pl", "Anna Nowak").err(),
            expected
        );
    }

    #[test]
    fn hashes_are_argon2id_salted_and_verify() {
        let a = hash("Zielona-Góra-7", Cost::Test).unwrap();
        let b = hash("Zielona-Góra-7", Cost::Test).unwrap();
        assert!(a.starts_with("$argon2id$"));
        assert_ne!(a, b);
        assert!(verify("Zielona-Góra-7", &a));
        assert!(!verify("zielona-góra-7", &a));
        assert!(!verify("x", "not a hash"));
    }
}
