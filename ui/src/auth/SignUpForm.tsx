//! A new company account: company, name, e-mail, password (a 14-day trial starts).

import { useState } from "react";
import { usePlatform } from "../app/context";
import { useT } from "../i18n/I18n";
import { ServerField, type FormProps } from "./AuthScreen";
import { FormError } from "./FormError";
import { useSubmit } from "./useSubmit";

export function SignUpForm(props: FormProps) {
  const { t } = useT();
  const platform = usePlatform();
  const [company, setCompany] = useState("");
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const { busy, error, run } = useSubmit();
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const session = await platform.invoke("sign_up", {
        server_url: props.server.trim() || null,
        company: company.trim(),
        name: name.trim(),
        email: email.trim(),
        password,
      });
      props.onSignedIn(session);
    });
  };
  return (
    <form onSubmit={submit} noValidate>
      <h1>{t("auth.signup.title")}</h1>
      <p className="lead">{t("auth.signup.lead")}</p>
      <label className="field">
        <span>{t("auth.company")}</span>
        <input data-testid="signup-company" value={company} onChange={(e) => setCompany(e.target.value)} autoComplete="organization" required autoFocus />
      </label>
      <label className="field">
        <span>{t("auth.name")}</span>
        <input data-testid="signup-name" value={name} onChange={(e) => setName(e.target.value)} autoComplete="name" required />
      </label>
      <label className="field">
        <span>{t("auth.email")}</span>
        <input data-testid="signup-email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="email" required />
      </label>
      <label className="field">
        <span>{t("auth.password")}</span>
        <input
          data-testid="signup-password"
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          autoComplete="new-password"
          required
          aria-invalid={error?.code === "weak_password" || undefined}
        />
        <small className="hint">{t("auth.passwordHint")}</small>
      </label>
      <ServerField server={props.server} setServer={props.setServer} />
      <FormError error={error} />
      <button className="btn primary wide" data-testid="signup-submit" type="submit" disabled={busy}>
        {busy ? t("common.loading") : t("auth.submit.signup")}
      </button>
      <nav className="auth-links">
        <button type="button" className="link-btn" data-testid="goto-signin" onClick={() => props.go("signin")}>
          {t("auth.goto.signin")}
        </button>
      </nav>
    </form>
  );
}
