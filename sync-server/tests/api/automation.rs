//! Automation rules over the API: admins manage them, everyone signed in lists them, bad
//! settings are coded 422s, a plan without automation refuses new and re-enabled rules, and
//! nobody may push under a rule's actor id.

use automerge::ActorId;
use localspace_core::sync::{DocPush, DocStatus, PushRequest, PushResponse, decode, encode};
use localspace_core::{Kind, Patch, RecordId, doc};
use localspace_server::automation::made;
use localspace_server::billing::ProviderKind;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::support::*;

const RULES: &str = "/api/v1/automation/rules";

fn stage_rule(title: &str) -> Value {
    json!({ "spec": {
        "type": "stage_task",
        "pipeline": uuid::Uuid::now_v7().to_string(),
        "stage": "negocjacje",
        "title": title,
        "due_in_days": 3,
    }})
}

fn renewal(plan: &str) -> Value {
    json!({
        "plan": plan, "seats": 2, "months": 1, "test_outcome": "success",
        "buyer": { "company": "Pracownia", "address": "ul. Źródlana 5, Gdańsk", "nip": "5260250274", "invoice_email": "faktury@pracownia.pl" },
    })
}

#[tokio::test]
async fn admins_manage_rules_and_everyone_lists_them() {
    let s = server().await;
    let admin = s.sign_up("Pracownia", "anna@pracownia.pl").await;
    let jan = s.add_user(&admin.token, "jan@pracownia.pl", "user").await;
    let ewa = s
        .add_user(&admin.token, "ewa@pracownia.pl", "manager")
        .await;

    let task = s
        .post(RULES, Some(&admin.token), stage_rule("Zadzwoń do klienta"))
        .await
        .expect(StatusCode::CREATED);
    assert_eq!(task["enabled"], true);
    assert_eq!(task["spec"]["title"], "Zadzwoń do klienta");
    let won = s
        .post(
            RULES,
            Some(&admin.token),
            json!({ "spec": { "type": "won_note", "note": "Wystaw fakturę" }, "enabled": false }),
        )
        .await
        .expect(StatusCode::CREATED);
    assert_eq!(won["enabled"], false);

    // Anyone signed in lists them, oldest first; only admins change them.
    for token in [&jan.token, &ewa.token, &admin.token] {
        let list = s.get(RULES, token).await.expect(StatusCode::OK);
        assert_eq!(list["available"], true, "the trial has automation");
        assert_eq!(list["rules"].as_array().unwrap().len(), 2);
        assert_eq!(list["rules"][0]["id"], task["id"]);
    }
    let one = format!("{RULES}/{}", task["id"].as_str().unwrap());
    for token in [&jan.token, &ewa.token] {
        s.post(RULES, Some(token), stage_rule("Nie"))
            .await
            .error(StatusCode::FORBIDDEN, "admin_only");
        s.call(
            Method::PATCH,
            &one,
            Some(token),
            Some(json!({ "enabled": false })),
        )
        .await
        .error(StatusCode::FORBIDDEN, "admin_only");
        s.call(Method::DELETE, &one, Some(token), None)
            .await
            .error(StatusCode::FORBIDDEN, "admin_only");
    }

    let changed = s
        .call(
            Method::PATCH,
            &one,
            Some(&admin.token),
            Some(json!({ "enabled": false })),
        )
        .await
        .expect(StatusCode::OK);
    assert_eq!(changed["enabled"], false);
    assert_eq!(
        changed["spec"]["title"], "Zadzwoń do klienta",
        "the rest stays"
    );
    let mut edited = stage_rule("Wyślij ofertę");
    edited["enabled"] = json!(true);
    let changed = s
        .call(Method::PATCH, &one, Some(&admin.token), Some(edited))
        .await
        .expect(StatusCode::OK);
    assert_eq!(
        (
            changed["enabled"].as_bool(),
            changed["spec"]["title"].as_str()
        ),
        (Some(true), Some("Wyślij ofertę"))
    );

    let gone = s.call(Method::DELETE, &one, Some(&admin.token), None).await;
    assert_eq!(gone.status, StatusCode::NO_CONTENT);
    s.call(Method::DELETE, &one, Some(&admin.token), None)
        .await
        .error(StatusCode::NOT_FOUND, "not_found");
    let list = s.get(RULES, &admin.token).await.expect(StatusCode::OK);
    assert_eq!(list["rules"].as_array().unwrap().len(), 1);
    assert_eq!(list["rules"][0]["id"], won["id"]);
}

#[tokio::test]
async fn bad_settings_are_coded_refusals() {
    let s = server().await;
    let admin = s.sign_up("Pracownia", "anna@pracownia.pl").await;
    let t = Some(admin.token.as_str());
    let mut far = stage_rule("Zadzwoń");
    far["spec"]["due_in_days"] = json!(400);
    let mut no_pipeline = stage_rule("Zadzwoń");
    no_pipeline["spec"]["pipeline"] = json!("lejek");
    for (body, field) in [
        (stage_rule(""), "title"),
        (stage_rule(&"x".repeat(201)), "title"),
        (far, "due_in_days"),
        (no_pipeline, "pipeline"),
        (
            json!({ "spec": { "type": "won_note", "note": " " } }),
            "note",
        ),
    ] {
        let answer = s.post(RULES, t, body).await;
        assert_eq!(answer.body["field"], field, "{}", answer.body);
        answer.error(StatusCode::UNPROCESSABLE_ENTITY, "invalid");
    }
    s.post(
        RULES,
        t,
        json!({ "spec": { "type": "deal_lost", "note": "x" } }),
    )
    .await
    .error(StatusCode::UNPROCESSABLE_ENTITY, "invalid");
    s.post(
        RULES,
        t,
        json!({ "spec": { "type": "won_note", "note": "x", "extra": 1 } }),
    )
    .await
    .error(StatusCode::UNPROCESSABLE_ENTITY, "invalid");
    s.call(
        Method::PATCH,
        &format!("{RULES}/not-a-uuid"),
        t,
        Some(json!({ "enabled": true })),
    )
    .await
    .error(StatusCode::NOT_FOUND, "not_found");
    assert!(
        s.get(RULES, &admin.token).await.expect(StatusCode::OK)["rules"]
            .as_array()
            .unwrap()
            .is_empty(),
        "nothing refused was stored"
    );
}

#[tokio::test]
async fn the_crm_plan_keeps_rules_off_and_says_why() {
    let s = server_with(|c| c.billing.provider = ProviderKind::Test).await;
    let admin = s.sign_up("Pracownia", "anna@pracownia.pl").await;
    let t = Some(admin.token.as_str());
    let made_in_trial = s
        .post(RULES, t, stage_rule("Zadzwoń"))
        .await
        .expect(StatusCode::CREATED);
    let one = format!("{RULES}/{}", made_in_trial["id"].as_str().unwrap());
    s.post("/api/v1/billing/renewals", t, renewal("crm"))
        .await
        .expect(StatusCode::CREATED);

    let list = s.get(RULES, &admin.token).await.expect(StatusCode::OK);
    assert_eq!(list["available"], false);
    assert_eq!(list["rules"].as_array().unwrap().len(), 1, "rules are kept");
    s.post(RULES, t, stage_rule("Nowa"))
        .await
        .error(StatusCode::PAYMENT_REQUIRED, "plan_lacks_automation");
    // Switching off and deleting work; switching on does not.
    s.call(Method::PATCH, &one, t, Some(json!({ "enabled": false })))
        .await
        .expect(StatusCode::OK);
    s.call(Method::PATCH, &one, t, Some(json!({ "enabled": true })))
        .await
        .error(StatusCode::PAYMENT_REQUIRED, "plan_lacks_automation");

    let gone = s.call(Method::DELETE, &one, t, None).await;
    assert_eq!(gone.status, StatusCode::NO_CONTENT);
}

#[tokio::test]
async fn nobody_pushes_under_a_rules_actor() {
    let s = server().await;
    let admin = s.sign_up("Pracownia", "anna@pracownia.pl").await;
    let rule = s
        .post(RULES, Some(&admin.token), stage_rule("Zadzwoń"))
        .await
        .expect(StatusCode::CREATED);
    let rule_id = rule["id"].as_str().unwrap().parse().unwrap();
    let mut forged = doc::create(
        made::actor(rule_id),
        Kind::Task,
        &Patch::new().text("title", "Podrobione"),
        T0,
    )
    .unwrap();
    let honest = doc::create(
        ActorId::random(),
        Kind::Task,
        &Patch::new().text("title", "Prawdziwe"),
        T0,
    )
    .unwrap();
    let push = |document: &mut automerge::AutoCommit| DocPush {
        id: RecordId(uuid::Uuid::now_v7()),
        kind: Kind::Task,
        changes: vec![
            document
                .get_last_local_change()
                .unwrap()
                .raw_bytes()
                .to_vec(),
        ],
        saved: None,
    };
    let mut honest = honest;
    let body = encode(&PushRequest {
        docs: vec![push(&mut forged), push(&mut honest)],
        erase: vec![],
        epoch: 0,
    });
    let res = s
        .http
        .post(format!("{}/sync/v1/push", s.url))
        .bearer_auth(&admin.token)
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let answer: PushResponse = decode(&res.bytes().await.unwrap()).unwrap();
    assert!(
        matches!(&answer.results[0].status, DocStatus::Refused { code, .. } if code == "forged_actor"),
        "{:?}",
        answer.results[0]
    );
    assert_eq!(
        answer.results[1].status,
        DocStatus::Accepted { appended: 1 }
    );
}
