//! The kinds of record a Localspace account holds. Account settings (pipelines, custom field
//! definitions, saved filters) are records too, so they sync and merge like everything else.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::ValidationError;

/// A record kind. The string form is what documents, the wire and SQLite store.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, ts_rs::TS,
)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Company,
    Person,
    Deal,
    Task,
    Activity,
    Space,
    File,
    Pipeline,
    CustomField,
    SavedFilter,
}

impl Kind {
    /// Every kind, in a fixed order.
    pub const ALL: [Kind; 10] = [
        Kind::Company,
        Kind::Person,
        Kind::Deal,
        Kind::Task,
        Kind::Activity,
        Kind::Space,
        Kind::File,
        Kind::Pipeline,
        Kind::CustomField,
        Kind::SavedFilter,
    ];

    /// The stable name stored in documents and on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Company => "company",
            Kind::Person => "person",
            Kind::Deal => "deal",
            Kind::Task => "task",
            Kind::Activity => "activity",
            Kind::Space => "space",
            Kind::File => "file",
            Kind::Pipeline => "pipeline",
            Kind::CustomField => "custom_field",
            Kind::SavedFilter => "saved_filter",
        }
    }

    /// Kinds that can carry custom field values.
    pub fn has_custom_fields(self) -> bool {
        matches!(
            self,
            Kind::Company | Kind::Person | Kind::Deal | Kind::Task | Kind::Space
        )
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Kind {
    type Err = ValidationError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Kind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| ValidationError::UnknownKind(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for kind in Kind::ALL {
            assert_eq!(kind.as_str().parse::<Kind>().unwrap(), kind);
        }
        assert!("invoice".parse::<Kind>().is_err());
    }
}
