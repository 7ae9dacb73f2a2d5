//! E-mail and password; links to the other forms.

import { useState } from "react";
import { usePlatform } from "../app/context";
import { useT } from "../i18n/I18n";
import { ServerField, type FormProps } from "./AuthScreen";
import { FormError } from "./FormError";
import { useSubmit } from "./useSubmit";

export function SignInForm(props: FormProps & { initialEmail?: string }) {
  const { t } = useT();
  const platform = usePlatform();
  const [email, setEmail] = useState(props.initialEmail ?? "");
  const [password, setPassword] = useState("");
  const { busy, error, run } = useSubmit();
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const session = await platform.invoke("sign_in", { server_url: props.server.trim() || null, email: email.trim(), password });
      props.onSignedIn(session);
    });
  };
  return (
    <form onSubmit={submit} noValidate>
      <h1>{t("auth.signin.title")}</h1>
      <p className="lead">{t("auth.signin.lead")}</p>
      <label className="field">
        <span>{t("auth.email")}</span>
        <input data-testid="signin-email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="username" required autoFocus />
      </label>
      <label className="field">
        <span>{t("auth.password")}</span>
        <input
          data-testid="signin-password"
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          autoComplete="current-password"
          required
          aria-invalid={error?.code === "invalid_credentials" || undefined}
        />
      </label>
      <ServerField server={props.server} setServer={props.setServer} />
      <FormError error={error} />
      <button className="btn primary wide" data-testid="signin-submit" type="submit" disabled={busy}>
        {busy ? t("common.loading") : t("auth.submit.signin")}
      </button>
      <nav className="auth-links">
        <button type="button" className="link-btn" data-testid="goto-forgot" onClick={() => props.go("forgot")}>
          {t("auth.goto.forgot")}
        </button>
        <button type="button" className="link-btn" data-testid="goto-signup" onClick={() => props.go("signup")}>
          {t("auth.goto.signup")}
        </button>
        <button type="button" className="link-btn" data-testid="goto-accept" onClick={() => props.go("accept")}>
          {t("auth.goto.accept")}
        </button>
      </nav>
    </form>
  );
}
