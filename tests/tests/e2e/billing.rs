//! Payments from the desktop app's service against a real server with the test payment
//! provider: quote, renew, the invoice in the history, its PDF saved, the e-mail sent.

use std::sync::Arc;

use localspace_client::app::App;
use localspace_client::app::contract::*;
use localspace_core::api::{Buyer, PaymentMethod, QuoteRequest, RenewalRequest, TestOutcome};
use localspace_core::billing::{LineKind, Plan};
use localspace_e2e::TestServer;
use localspace_server::billing::ProviderKind;

use crate::apps;

fn app(server: &TestServer, dir: &std::path::Path) -> App {
    App::start(
        apps::config(&server.url, dir, Arc::default()),
        Box::new(|_| {}),
    )
    .unwrap()
}

fn order() -> QuoteRequest {
    QuoteRequest {
        plan: Plan::CrmAutomation,
        seats: 5,
        months: 12,
        packs: 0,
        buyer: Buyer {
            company: "Zakłady Mięsne Łódź Sp. z o.o.".into(),
            address: "ul. Piotrkowska 1\n90-001 Łódź".into(),
            nip: "526-025-02-74".into(),
            invoice_email: "faktury@zmlodz.pl".into(),
        },
    }
}

/// A year of CRM + automation for 5 seats, paid online with the test provider's `outcome`.
pub(crate) fn renewal(outcome: TestOutcome) -> RenewalRequest {
    let o = order();
    RenewalRequest {
        plan: o.plan,
        seats: o.seats,
        months: o.months,
        packs: o.packs,
        buyer: o.buyer,
        method: PaymentMethod::Online,
        test_outcome: Some(outcome),
        lang: Some("pl".into()),
    }
}

#[tokio::test]
async fn billing_an_admin_renews_from_the_app_and_saves_the_invoice_pdf() {
    let server = TestServer::start(|c| c.billing.provider = ProviderKind::Test).await;
    let dir = tempfile::tempdir().unwrap();
    let app = app(&server, dir.path());
    app.sign_up(SignUpRequest {
        server_url: None,
        company: "Zakłady Mięsne Łódź".into(),
        name: "Anna Wiśniewska".into(),
        email: "anna@zmlodz.pl".into(),
        password: "Zielona-Góra-7".into(),
    })
    .await
    .unwrap();

    let plan = app.billing_plan().await.unwrap();
    assert_eq!((plan.plan, plan.paid_until), (None, None));

    // 99,00 × 5 × 12 = 5 940,00; −10% = −594,00; net 5 346,00, VAT 1 229,58.
    let quote = app.billing_quote(order()).await.unwrap();
    let kinds: Vec<LineKind> = quote.lines.iter().map(|l| l.kind).collect();
    assert_eq!(kinds, [LineKind::Plan, LineKind::Discount]);
    assert_eq!(quote.discount_percent, 10);
    assert_eq!(quote.lines[0].net.minor, 594_000);
    assert_eq!(quote.lines[1].net.minor, -59_400);
    assert_eq!(quote.gross.minor, 657_558);
    assert!(
        quote.lines[0]
            .arithmetic_pl
            .contains("× 5 stanowisk × 12 miesięcy")
    );

    // A bad NIP comes back as the server's code.
    let mut bad = order();
    bad.buyer.nip = "123-456-78-90".into();
    assert_eq!(app.billing_quote(bad).await.unwrap_err().code, "bad_nip");

    // A declined payment is an outcome and issues nothing.
    let failed = app.renew(renewal(TestOutcome::Failure)).await.unwrap();
    assert!(
        matches!(&failed, RenewalOutcome::Failed { code, .. } if code == "payment_failed"),
        "{failed:?}"
    );
    assert!(app.invoices().await.unwrap().invoices.is_empty());

    let paid = app.renew(renewal(TestOutcome::Success)).await.unwrap();
    let RenewalOutcome::Paid {
        invoice_number,
        paid_until,
        gross,
    } = paid
    else {
        panic!("not paid: {paid:?}");
    };
    assert_eq!(invoice_number, "FV/2026/03/0001");
    assert_eq!(gross.minor, 657_558);
    assert_eq!(paid_until.as_deref(), Some("2027-03-02"));
    let plan = app.billing_plan().await.unwrap();
    assert_eq!(plan.plan, Some(Plan::CrmAutomation));
    assert_eq!(plan.seats, 5);

    let invoices = app.invoices().await.unwrap().invoices;
    assert_eq!(invoices.len(), 1);
    assert_eq!(invoices[0].number, "FV/2026/03/0001");
    assert_eq!(invoices[0].gross.minor, 657_558);

    let downloads = dir.path().join("Pobrane");
    let saved = app
        .save_invoice_pdf_in(
            InvoicePdfRequest {
                id: invoices[0].id.clone(),
            },
            &downloads,
        )
        .await
        .unwrap();
    let path = std::path::PathBuf::from(&saved.path);
    assert_eq!(path, downloads.join("FV-2026-03-0001.pdf"));
    assert!(std::fs::read(&path).unwrap().starts_with(b"%PDF"));

    let unknown = app
        .save_invoice_pdf_in(InvoicePdfRequest { id: "nope".into() }, &downloads)
        .await
        .unwrap_err();
    assert_eq!(unknown.code, "not_found");

    let mails = localspace_server::mail::read_outbox(server.outbox()).unwrap();
    let mail = mails
        .iter()
        .find(|m| m.to == "faktury@zmlodz.pl")
        .expect("the invoice e-mail");
    assert!(mail.subject.contains("FV/2026/03/0001"), "{}", mail.subject);
    assert_eq!(mail.attachments, ["FV-2026-03-0001.pdf"]);
}
