//! The account flows as the app runs them, through `localspace_client::api::ApiClient`.

use localspace_client::api::ApiClient;
use localspace_core::api::{
    AcceptInvitation, Invite, PasswordChange, ResetConfirm, Role, SignIn, SignUp,
};
use localspace_e2e::TestServer;

const PASSWORD: &str = "Zielona-Góra-7";

fn sign_up(email: &str) -> SignUp {
    SignUp {
        company: "Zakłady Mięsne Łódź Sp. z o.o.".into(),
        name: "Anna Wiśniewska".into(),
        email: email.into(),
        password: PASSWORD.into(),
        lang: Some("pl".into()),
        device: Some("Laptop Anny".into()),
    }
}

#[tokio::test]
async fn an_admin_signs_up_invites_a_coworker_and_manages_the_team() {
    let server = TestServer::start(|_| {}).await;
    let anon = ApiClient::new(&server.url).unwrap();
    let created = anon.sign_up(&sign_up("anna@zaklady.pl")).await.unwrap();
    let admin = anon.clone().with_token(created.token);
    assert_eq!(admin.me().await.unwrap().account.status, "trial");

    let invite = Invite {
        email: "jan@zaklady.pl".into(),
        role: Role::Manager,
        seat: true,
        lang: None,
    };
    admin.invite(&invite).await.unwrap();
    let token = server
        .last_link_token("jan@zaklady.pl")
        .expect("invitation mail");
    let accept = AcceptInvitation {
        token,
        name: "Jan Ślęzak".into(),
        password: PASSWORD.into(),
        device: None,
    };
    let jan = anon.accept_invitation(&accept).await.unwrap();
    let jan_client = anon.clone().with_token(jan.token.clone());
    assert_eq!(jan_client.me().await.unwrap().user.role, Role::Manager);

    let err = jan_client.invite(&invite).await.unwrap_err();
    assert_eq!((err.code(), err.status()), ("admin_only", Some(403)));

    admin.set_role(jan.user.id, Role::User).await.unwrap();
    admin.set_seat(jan.user.id, false).await.unwrap();
    assert_eq!(jan_client.me().await.unwrap_err().code(), "invalid_session");
    let sign_in = SignIn {
        email: "jan@zaklady.pl".into(),
        password: PASSWORD.into(),
        device: None,
    };
    assert_eq!(anon.sign_in(&sign_in).await.unwrap_err().code(), "no_seat");

    let audit = admin.audit(None, 50).await.unwrap();
    assert!(audit.entries.iter().any(|e| e.event == "seat_changed"));
    admin.sign_out().await.unwrap();
    assert_eq!(admin.me().await.unwrap_err().code(), "invalid_session");
}

#[tokio::test]
async fn passwords_are_changed_and_recovered_through_the_client() {
    let server = TestServer::start(|_| {}).await;
    let anon = ApiClient::new(&server.url).unwrap();
    let created = anon.sign_up(&sign_up("ewa@firma.pl")).await.unwrap();
    let me = anon.clone().with_token(created.token);
    let change = PasswordChange {
        current: "zle-haslo-123".into(),
        new: "Nowe-Hasło-2026".into(),
    };
    assert_eq!(
        me.change_password(&change).await.unwrap_err().code(),
        "wrong_password"
    );
    anon.request_password_reset("ewa@firma.pl").await.unwrap();
    anon.request_password_reset("nikt@firma.pl").await.unwrap();
    let token = server.last_link_token("ewa@firma.pl").expect("reset mail");
    anon.confirm_password_reset(&ResetConfirm {
        token,
        password: "Nowe-Hasło-2026".into(),
    })
    .await
    .unwrap();
    let sign_in = SignIn {
        email: "ewa@firma.pl".into(),
        password: "Nowe-Hasło-2026".into(),
        device: None,
    };
    anon.sign_in(&sign_in).await.unwrap();
}

#[tokio::test]
async fn an_unreachable_server_is_reported_as_offline() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let err = ApiClient::new(&url).unwrap().me().await.unwrap_err();
    assert_eq!(err.code(), "offline");
}
