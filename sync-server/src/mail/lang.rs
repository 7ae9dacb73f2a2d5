//! The languages e-mails are written in; Polish first, as most accounts are Polish companies.

use serde::{Deserialize, Serialize};

/// The language of a user-facing e-mail.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Polish, the default.
    #[default]
    Pl,
    /// English.
    En,
}

impl Lang {
    /// Reads a language code: `"pl"` or `"en"`, in any case, also as the primary subtag of a
    /// tag such as `"pl-PL"` or `"en_GB"`. Anything else is `None`; callers usually fall back
    /// to [`Lang::default`].
    ///
    /// ```
    /// # use localspace_server::mail::Lang;
    /// assert_eq!(Lang::parse("en-GB"), Some(Lang::En));
    /// assert_eq!(Lang::parse("de").unwrap_or_default(), Lang::Pl);
    /// ```
    pub fn parse(code: &str) -> Option<Self> {
        let primary = code.trim().split(['-', '_']).next().unwrap_or_default();
        if primary.eq_ignore_ascii_case("pl") {
            Some(Self::Pl)
        } else if primary.eq_ignore_ascii_case("en") {
            Some(Self::En)
        } else {
            None
        }
    }

    /// The two-letter code, as [`Lang::parse`] and serde read it.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pl => "pl",
            Self::En => "en",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_codes_and_tags() {
        let cases = [
            ("pl", Some(Lang::Pl)),
            ("en", Some(Lang::En)),
            ("PL", Some(Lang::Pl)),
            (" en ", Some(Lang::En)),
            ("pl-PL", Some(Lang::Pl)),
            ("en_GB", Some(Lang::En)),
            ("de", None),
            ("", None),
            ("english", None),
        ];
        for (code, expected) in cases {
            assert_eq!(Lang::parse(code), expected, "{code:?}");
        }
    }

    #[test]
    fn as_str_round_trips_and_default_is_polish() {
        for lang in [Lang::Pl, Lang::En] {
            assert_eq!(Lang::parse(lang.as_str()), Some(lang));
        }
        assert_eq!(Lang::default(), Lang::Pl);
    }
}
