//! Who is calling: password hashing and rules, session and one-time tokens, rate limits, and
//! the extractor that turns a bearer token into a signed-in user.

pub mod extract;
pub mod password;
pub mod rate_limit;
pub mod token;
