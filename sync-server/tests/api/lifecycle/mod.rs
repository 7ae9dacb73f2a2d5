//! The lifecycle job on a real server: the end of a trial or of a paid term blocks, warnings
//! go out 7 and 1 days before deletion (once each, also after downtime), deletion purges the
//! account, a renewal before deletion unblocks at once, and the account says why it is
//! blocked and until when.

mod held;
mod paid;
mod trial;
