//! Automation rules from the desktop app's service against a real server: an admin adds,
//! lists, switches off and deletes a rule; a salesperson may list but not add; on the `crm`
//! plan the list says the rules are unavailable and adding one is refused with a code.

use std::sync::Arc;

use localspace_client::app::App;
use localspace_client::app::contract::*;
use localspace_core::api::{
    Buyer, NewRule, PaymentMethod, RenewalRequest, Role, RuleSpec, RuleUpdate, TestOutcome,
};
use localspace_core::billing::Plan;
use localspace_e2e::TestServer;
use localspace_server::billing::ProviderKind;

use crate::apps;
use crate::devices::{PASSWORD, account, coworker};

async fn signed_in(server: &TestServer, dir: &std::path::Path, email: &str) -> App {
    let app = App::start(
        apps::config(&server.url, dir, Arc::default()),
        Box::new(|_| {}),
    )
    .unwrap();
    app.sign_in(SignInRequest {
        server_url: None,
        email: email.into(),
        password: PASSWORD.into(),
    })
    .await
    .unwrap();
    app
}

fn call_back() -> NewRule {
    NewRule {
        spec: RuleSpec::StageTask {
            pipeline: uuid::Uuid::now_v7().to_string(),
            stage: "negocjacje".into(),
            title: "Zadzwoń w sprawie umowy".into(),
            due_in_days: 3,
        },
        enabled: true,
    }
}

#[tokio::test]
async fn automation_an_admin_adds_lists_switches_off_and_deletes_a_rule_a_salesperson_only_lists() {
    let server = TestServer::start(|c| c.billing.provider = ProviderKind::Test).await;
    let admin_api = account(&server, "anna@zaklady.pl").await;
    coworker(&server, &admin_api, "jan@zaklady.pl", Role::User).await;
    let (d1, d2) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let anna = signed_in(&server, d1.path(), "anna@zaklady.pl").await;
    let jan = signed_in(&server, d2.path(), "jan@zaklady.pl").await;

    let empty = anna.automation_rules().await.unwrap();
    assert!(empty.available, "the trial runs automation");
    assert!(empty.rules.is_empty());

    let added = anna.add_automation_rule(call_back()).await.unwrap();
    assert!(added.enabled);
    assert_eq!(added.spec, call_back_spec(&added.spec));
    let listed = jan.automation_rules().await.unwrap();
    assert_eq!(listed.rules, vec![added.clone()], "everyone sees the rules");

    let err = jan.add_automation_rule(call_back()).await.unwrap_err();
    assert_eq!(err.code, "admin_only", "{err:?}");
    let err = jan
        .delete_automation_rule(RuleIdRequest {
            id: added.id.clone(),
        })
        .await
        .unwrap_err();
    assert_eq!(err.code, "admin_only", "{err:?}");

    let off = anna
        .update_automation_rule(RuleUpdateRequest {
            id: added.id.clone(),
            update: RuleUpdate {
                spec: None,
                enabled: Some(false),
            },
        })
        .await
        .unwrap();
    assert!(!off.enabled);
    assert_eq!(off.spec, added.spec, "switching leaves the settings");
    assert!(!anna.automation_rules().await.unwrap().rules[0].enabled);

    anna.delete_automation_rule(RuleIdRequest { id: added.id })
        .await
        .unwrap();
    assert!(anna.automation_rules().await.unwrap().rules.is_empty());

    // On the crm plan: kept rules are listed as unavailable, adding one is refused.
    anna.add_automation_rule(call_back()).await.unwrap();
    anna.renew(RenewalRequest {
        plan: Plan::Crm,
        seats: 2,
        months: 1,
        packs: 0,
        buyer: Buyer {
            company: "Zakłady Mięsne Łódź Sp. z o.o.".into(),
            address: "ul. Piotrkowska 1, Łódź".into(),
            nip: "526-025-02-74".into(),
            invoice_email: "faktury@zaklady.pl".into(),
        },
        method: PaymentMethod::Online,
        test_outcome: Some(TestOutcome::Success),
        lang: None,
    })
    .await
    .unwrap();
    let on_crm = jan.automation_rules().await.unwrap();
    assert!(!on_crm.available);
    assert_eq!(on_crm.rules.len(), 1, "the rules are kept");
    let err = anna.add_automation_rule(call_back()).await.unwrap_err();
    assert_eq!(err.code, "plan_lacks_automation", "{err:?}");
}

/// The spec as sent, so the round trip is compared field by field.
fn call_back_spec(got: &RuleSpec) -> RuleSpec {
    match got {
        RuleSpec::StageTask { pipeline, .. } => RuleSpec::StageTask {
            pipeline: pipeline.clone(),
            stage: "negocjacje".into(),
            title: "Zadzwoń w sprawie umowy".into(),
            due_in_days: 3,
        },
        other => panic!("not a stage rule: {other:?}"),
    }
}
