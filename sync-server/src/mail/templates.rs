//! The texts of the e-mails the server sends, in Polish and English, kept together so
//! wording is reviewed in one place. Each returns `(subject, text)`.

use chrono::NaiveDate;

use super::Lang;

const SIGNATURE_PL: &str = "Pozdrawiamy\nZespół Localspace";
const SIGNATURE_EN: &str = "Best regards,\nThe Localspace team";

/// Invites a person to an account; `accept_link` opens the sign-up for that invitation.
pub fn invitation(
    lang: Lang,
    account_name: &str,
    inviter_name: &str,
    accept_link: &str,
) -> (String, String) {
    match lang {
        Lang::Pl => (
            format!("Zaproszenie do konta {account_name} w Localspace"),
            format!(
                "Dzień dobry,\n\n\
                 {inviter_name} zaprasza Cię do konta {account_name} w Localspace, \
                 aby wspólnie prowadzić kontakty, firmy i szanse sprzedaży.\n\n\
                 Aby przyjąć zaproszenie, otwórz link:\n\
                 {accept_link}\n\n\
                 Jeśli nie spodziewasz się tego zaproszenia, zignoruj tę wiadomość.\n\n\
                 {SIGNATURE_PL}\n"
            ),
        ),
        Lang::En => (
            format!("Invitation to the {account_name} account on Localspace"),
            format!(
                "Hello,\n\n\
                 {inviter_name} has invited you to the {account_name} account on Localspace \
                 to work on contacts, companies and deals together.\n\n\
                 To accept the invitation, open this link:\n\
                 {accept_link}\n\n\
                 If you were not expecting this invitation, you can ignore this message.\n\n\
                 {SIGNATURE_EN}\n"
            ),
        ),
    }
}

/// Carries a password-reset link, which the server honours once, for one hour.
pub fn password_reset(lang: Lang, reset_link: &str) -> (String, String) {
    match lang {
        Lang::Pl => (
            "Ustaw nowe hasło w Localspace".to_owned(),
            format!(
                "Dzień dobry,\n\n\
                 otrzymaliśmy prośbę o ustawienie nowego hasła do Twojego konta w Localspace. \
                 Aby ustawić nowe hasło, otwórz link:\n\
                 {reset_link}\n\n\
                 Link jest ważny przez godzinę i można go użyć tylko raz.\n\n\
                 Jeśli ta prośba nie pochodzi od Ciebie, zignoruj tę wiadomość \u{2013} \
                 dotychczasowe hasło pozostanie bez zmian.\n\n\
                 {SIGNATURE_PL}\n"
            ),
        ),
        Lang::En => (
            "Set a new Localspace password".to_owned(),
            format!(
                "Hello,\n\n\
                 We received a request to set a new password for your Localspace account. \
                 To set a new password, open this link:\n\
                 {reset_link}\n\n\
                 The link is valid for one hour and can be used only once.\n\n\
                 If you did not make this request, ignore this message \u{2013} your current \
                 password stays unchanged.\n\n\
                 {SIGNATURE_EN}\n"
            ),
        ),
    }
}

/// Tells a user their password was changed, so an unexpected change does not go unnoticed;
/// `when` is already formatted for the reader (date, time and zone).
pub fn password_changed(lang: Lang, when: &str) -> (String, String) {
    match lang {
        Lang::Pl => (
            "Hasło do Localspace zostało zmienione".to_owned(),
            format!(
                "Dzień dobry,\n\n\
                 hasło do Twojego konta w Localspace zostało zmienione.\n\
                 Czas zmiany: {when}\n\n\
                 Jeśli to była Twoja zmiana, nie musisz nic robić. Jeśli nie, od razu ustaw \
                 nowe hasło, korzystając z opcji przypomnienia hasła na ekranie logowania, \
                 i powiadom administratora konta.\n\n\
                 {SIGNATURE_PL}\n"
            ),
        ),
        Lang::En => (
            "Your Localspace password was changed".to_owned(),
            format!(
                "Hello,\n\n\
                 The password for your Localspace account was changed.\n\
                 Time of the change: {when}\n\n\
                 If you made this change, there is nothing more to do. If not, set a new \
                 password right away using the password reminder on the sign-in screen, and \
                 tell your account administrator.\n\n\
                 {SIGNATURE_EN}\n"
            ),
        ),
    }
}

/// Greets the first admin of a new account and states when the 14-day trial ends and
/// what happens then.
pub fn welcome(lang: Lang, account_name: &str, trial_ends: NaiveDate) -> (String, String) {
    match lang {
        Lang::Pl => {
            let date = trial_ends.format("%d.%m.%Y");
            (
                format!("Witamy w Localspace \u{2013} konto {account_name} jest gotowe"),
                format!(
                    "Dzień dobry,\n\n\
                     dziękujemy za założenie konta {account_name} w Localspace.\n\n\
                     Przez 14 dni możesz bezpłatnie korzystać ze wszystkich funkcji: CRM \
                     i automatyzacji. Okres próbny kończy się {date}. Aby pracować dalej \
                     bez przerwy, wykup plan w aplikacji.\n\n\
                     Po zakończeniu okresu próbnego konto zostanie zablokowane, a po \
                     kolejnych 30 dniach usunięte razem z danymi. Wykupienie planu \
                     w dowolnym momencie zachowuje wszystkie dane.\n\n\
                     {SIGNATURE_PL}\n"
                ),
            )
        }
        Lang::En => {
            let date = trial_ends.format("%-d %B %Y");
            (
                format!("Welcome to Localspace \u{2013} {account_name} is ready"),
                format!(
                    "Hello,\n\n\
                     Thank you for creating the {account_name} account on Localspace.\n\n\
                     For 14 days you can use the full product free of charge: CRM and \
                     automation. Your trial ends on {date}. To keep working without a \
                     break, buy a plan in the app.\n\n\
                     When the trial ends, the account is blocked, and 30 days later it is \
                     deleted together with its data. Buying a plan at any time keeps all \
                     your data.\n\n\
                     {SIGNATURE_EN}\n"
                ),
            )
        }
    }
}

/// Tells an admin that someone asked to delete the account, when the data goes, and that
/// it can still be cancelled in the app; `when` is already formatted for the reader.
pub fn deletion_scheduled(
    lang: Lang,
    account_name: &str,
    asked_by: &str,
    when: &str,
) -> (String, String) {
    match lang {
        Lang::Pl => (
            format!("Konto {account_name} zostanie usunięte {when}"),
            format!(
                "Dzień dobry,\n\n\
                 {asked_by} zlecił(a) usunięcie konta {account_name} w Localspace razem ze \
                 wszystkimi danymi: kontaktami, firmami, szansami sprzedaży, zadaniami, \
                 historią i plikami.\n\n\
                 Dane zostaną usunięte {when}. Do tego czasu administrator może anulować \
                 usunięcie w aplikacji: Ustawienia \u{2192} Konto. Warto wcześniej pobrać \
                 eksport danych.\n\n\
                 Faktury pozostają w naszej księgowości, jak wymaga prawo.\n\n\
                 {SIGNATURE_PL}\n"
            ),
        ),
        Lang::En => (
            format!("The {account_name} account will be deleted on {when}"),
            format!(
                "Hello,\n\n\
                 {asked_by} asked to delete the {account_name} account on Localspace with \
                 all its data: contacts, companies, deals, tasks, history and files.\n\n\
                 The data will be deleted on {when}. Until then an admin can cancel the \
                 deletion in the app: Settings \u{2192} Account. Consider downloading an \
                 export of your data first.\n\n\
                 Invoices stay in our accounting records, as the law requires.\n\n\
                 {SIGNATURE_EN}\n"
            ),
        ),
    }
}

/// Tells a manager or admin that an automation rule saw a deal won; `note` is the rule's
/// note, also added to the deal's timeline.
pub fn deal_won(lang: Lang, deal: &str, won_by: &str, note: &str) -> (String, String) {
    match lang {
        Lang::Pl => (
            format!("Wygrana szansa sprzedaży: {deal}"),
            format!(
                "Dzień dobry,\n\n\
                 {won_by} oznaczył(a) szansę sprzedaży \u{201e}{deal}\u{201d} jako wygraną.\n\n\
                 Reguła automatyzacji dodała do jej historii notatkę:\n\
                 {note}\n\n\
                 Reguły zmienisz w aplikacji: Ustawienia \u{2192} Automatyzacja.\n\n\
                 {SIGNATURE_PL}\n"
            ),
        ),
        Lang::En => (
            format!("Deal won: {deal}"),
            format!(
                "Hello,\n\n\
                 {won_by} marked the deal \u{201c}{deal}\u{201d} as won.\n\n\
                 An automation rule added a note to its timeline:\n\
                 {note}\n\n\
                 You can change the rules in the app: Settings \u{2192} Automation.\n\n\
                 {SIGNATURE_EN}\n"
            ),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LINK: &str = "https://crm.example.com/a/Zm9vYmFy?x=1";

    fn all(lang: Lang) -> Vec<(&'static str, (String, String), Vec<&'static str>)> {
        let trial_ends = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let date = match lang {
            Lang::Pl => "24.11.2026",
            Lang::En => "24 November 2026",
        };
        vec![
            (
                "invitation",
                invitation(lang, "Łódź Sp. z o.o.", "Anna Nowak", LINK),
                vec![LINK, "Łódź Sp. z o.o.", "Anna Nowak"],
            ),
            ("password_reset", password_reset(lang, LINK), vec![LINK]),
            (
                "password_changed",
                password_changed(lang, "24.11.2026 14:05 CET"),
                vec!["24.11.2026 14:05 CET"],
            ),
            (
                "welcome",
                welcome(lang, "Łódź Sp. z o.o.", trial_ends),
                vec![date, "Łódź Sp. z o.o.", "14"],
            ),
            (
                "deal_won",
                deal_won(lang, "Dostawa wędlin", "Jan Kowalski", "Wystaw fakturę"),
                vec!["Dostawa wędlin", "Jan Kowalski", "Wystaw fakturę"],
            ),
        ]
    }

    #[test]
    fn every_template_carries_its_values_and_no_placeholder() {
        for lang in [Lang::Pl, Lang::En] {
            for (name, (subject, text), expected) in all(lang) {
                let case = format!("{name} ({})", lang.as_str());
                for value in expected {
                    assert!(text.contains(value), "{case}: {value:?} missing in\n{text}");
                }
                for part in [&subject, &text] {
                    assert!(
                        !part.contains(['{', '}']),
                        "{case}: placeholder left in {part:?}"
                    );
                }
                assert!(
                    !subject.trim().is_empty() && !subject.contains('\n'),
                    "{case}"
                );
                assert!(
                    text.ends_with("Localspace\n") || text.ends_with("team\n"),
                    "{case}"
                );
            }
        }
    }

    #[test]
    fn polish_texts_are_polish() {
        for (name, (_, text), _) in all(Lang::Pl) {
            assert!(text.starts_with("Dzień dobry,"), "{name}");
            assert!(text.contains("Zespół Localspace"), "{name}");
        }
        let (subject, _) = invitation(Lang::Pl, "Łódź Sp. z o.o.", "Anna", LINK);
        assert_eq!(subject, "Zaproszenie do konta Łódź Sp. z o.o. w Localspace");
    }

    #[test]
    fn reset_says_one_hour_and_single_use() {
        let (subject, text) = password_reset(Lang::Pl, LINK);
        assert_eq!(subject, "Ustaw nowe hasło w Localspace");
        assert!(text.contains("Link jest ważny przez godzinę i można go użyć tylko raz."));
        let (_, text) = password_reset(Lang::En, LINK);
        assert!(text.contains("valid for one hour and can be used only once"));
    }

    #[test]
    fn welcome_formats_the_trial_end_per_language() {
        let cases = [
            (Lang::Pl, (2026, 11, 24), "kończy się 24.11.2026."),
            (Lang::Pl, (2027, 1, 3), "kończy się 03.01.2027."),
            (Lang::En, (2026, 11, 24), "ends on 24 November 2026."),
            (Lang::En, (2027, 1, 3), "ends on 3 January 2027."),
        ];
        for (lang, (y, m, d), expected) in cases {
            let (_, text) = welcome(lang, "Acme", NaiveDate::from_ymd_opt(y, m, d).unwrap());
            assert!(text.contains(expected), "{expected:?} missing in\n{text}");
        }
    }
}
