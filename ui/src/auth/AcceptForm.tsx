//! Joining a team: the invitation code, your name and a password.

import { useState } from "react";
import { usePlatform } from "../app/context";
import { useT } from "../i18n/I18n";
import { ServerField, type FormProps } from "./AuthScreen";
import { FormError } from "./FormError";
import { useSubmit } from "./useSubmit";

export function AcceptForm(props: FormProps) {
  const { t } = useT();
  const platform = usePlatform();
  const [token, setToken] = useState("");
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const { busy, error, run } = useSubmit();
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const session = await platform.invoke("accept_invitation", { server_url: props.server.trim() || null, token: token.trim(), name: name.trim(), password });
      props.onSignedIn(session);
    });
  };
  return (
    <form onSubmit={submit} noValidate>
      <h1>{t("auth.accept.title")}</h1>
      <p className="lead">{t("auth.accept.lead")}</p>
      <label className="field">
        <span>{t("auth.token")}</span>
        <input data-testid="accept-token" value={token} onChange={(e) => setToken(e.target.value)} spellCheck={false} required autoFocus />
      </label>
      <label className="field">
        <span>{t("auth.name")}</span>
        <input data-testid="accept-name" value={name} onChange={(e) => setName(e.target.value)} autoComplete="name" required />
      </label>
      <label className="field">
        <span>{t("auth.password")}</span>
        <input data-testid="accept-password" type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" required />
        <small className="hint">{t("auth.passwordHint")}</small>
      </label>
      <ServerField server={props.server} setServer={props.setServer} />
      <FormError error={error} />
      <button className="btn primary wide" data-testid="accept-submit" type="submit" disabled={busy}>
        {t("auth.submit.accept")}
      </button>
      <nav className="auth-links">
        <button type="button" className="link-btn" data-testid="goto-signin" onClick={() => props.go("signin")}>
          {t("auth.goto.signin")}
        </button>
      </nav>
    </form>
  );
}
