//! The server serves HTTPS when given a certificate and key, and the client talks to it.

use localspace_client::api::ApiClient;
use localspace_core::api::SignUp;
use localspace_e2e::TestServer;

#[tokio::test]
async fn the_server_serves_https_with_the_configured_certificate() {
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/tls");
    let server = TestServer::start(|c| {
        c.tls_cert = Some(fixtures.join("cert.pem"));
        c.tls_key = Some(fixtures.join("key.pem"));
    })
    .await;
    assert!(server.url.starts_with("https://"));
    let cert =
        reqwest::Certificate::from_pem(&std::fs::read(fixtures.join("cert.pem")).unwrap()).unwrap();
    let http = reqwest::Client::builder()
        .tls_certs_only([cert])
        .build()
        .unwrap();
    let client = ApiClient::with_http(&server.url, http).unwrap();
    let created = client
        .sign_up(&SignUp {
            company: "Acme".into(),
            name: "Anna Nowak".into(),
            email: "anna@acme.pl".into(),
            password: "Zielona-Góra-7".into(),
            lang: None,
            device: None,
        })
        .await
        .unwrap();
    assert_eq!(created.account.name, "Acme");
    // The live socket rides the same TLS connection settings.
    let mut live = client.with_token(created.token).open_live().await.unwrap();
    assert_eq!(live.next_cursor().await.unwrap(), 0);
    // Plain HTTP to the TLS port fails rather than leaking anything.
    let plain = ApiClient::new(&server.url.replace("https://", "http://")).unwrap();
    assert!(plain.me().await.is_err());
}
