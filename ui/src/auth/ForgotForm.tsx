//! Password recovery in two steps: ask for the e-mail, then the code from it and a new password.

import { useState } from "react";
import { usePlatform } from "../app/context";
import { useT } from "../i18n/I18n";
import { ServerField, type FormProps } from "./AuthScreen";
import { FormError } from "./FormError";
import { useSubmit } from "./useSubmit";

export function ForgotForm(props: FormProps) {
  const { t } = useT();
  const platform = usePlatform();
  const [step, setStep] = useState<"request" | "confirm">("request");
  const [email, setEmail] = useState("");
  const [token, setToken] = useState("");
  const [password, setPassword] = useState("");
  const { busy, error, run } = useSubmit();
  const server = props.server.trim() || null;

  const request = (e: React.FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await platform.invoke("request_password_reset", { server_url: server, email: email.trim() });
      setStep("confirm");
    });
  };
  const confirm = (e: React.FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await platform.invoke("confirm_password_reset", { server_url: server, token: token.trim(), password });
      props.go("signin", t("auth.forgot.done"));
    });
  };

  return step === "request" ? (
    <form onSubmit={request} noValidate>
      <h1>{t("auth.forgot.title")}</h1>
      <p className="lead">{t("auth.forgot.lead")}</p>
      <label className="field">
        <span>{t("auth.email")}</span>
        <input data-testid="forgot-email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="username" required autoFocus />
      </label>
      <ServerField server={props.server} setServer={props.setServer} />
      <FormError error={error} />
      <button className="btn primary wide" data-testid="forgot-submit" type="submit" disabled={busy}>
        {t("auth.submit.reset")}
      </button>
      <nav className="auth-links">
        <button type="button" className="link-btn" data-testid="goto-signin" onClick={() => props.go("signin")}>
          {t("auth.goto.signin")}
        </button>
      </nav>
    </form>
  ) : (
    <form onSubmit={confirm} noValidate>
      <h1>{t("auth.forgot.title")}</h1>
      <p className="notice">{t("auth.forgot.sent")}</p>
      <label className="field">
        <span>{t("auth.token")}</span>
        <input data-testid="reset-token" value={token} onChange={(e) => setToken(e.target.value)} autoComplete="one-time-code" spellCheck={false} required autoFocus />
      </label>
      <label className="field">
        <span>{t("auth.newPassword")}</span>
        <input data-testid="reset-password" type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" required />
        <small className="hint">{t("auth.passwordHint")}</small>
      </label>
      <FormError error={error} />
      <button className="btn primary wide" data-testid="reset-submit" type="submit" disabled={busy}>
        {t("auth.submit.confirm")}
      </button>
      <nav className="auth-links">
        <button type="button" className="link-btn" data-testid="goto-signin" onClick={() => props.go("signin")}>
          {t("auth.goto.signin")}
        </button>
      </nav>
    </form>
  );
}
