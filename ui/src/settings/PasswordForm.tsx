//! Changing the password (needs the current one; ends the user's other sessions).

import { useState } from "react";
import { usePlatform } from "../app/context";
import { useT } from "../i18n/I18n";
import { FormError } from "../auth/FormError";
import { useSubmit } from "../auth/useSubmit";

export function PasswordForm() {
  const { t } = useT();
  const platform = usePlatform();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [done, setDone] = useState(false);
  const { busy, error, run } = useSubmit();
  return (
    <form
      className="password-form"
      onSubmit={(e) => {
        e.preventDefault();
        setDone(false);
        void run(async () => {
          await platform.invoke("change_password", { current, new: next });
          setCurrent("");
          setNext("");
          setDone(true);
        });
      }}
    >
      <label className="field">
        <span>{t("settings.currentPassword")}</span>
        <input type="password" data-testid="password-current" value={current} onChange={(e) => setCurrent(e.target.value)} autoComplete="current-password" aria-invalid={error?.code === "wrong_password" || undefined} />
      </label>
      <label className="field">
        <span>{t("settings.newPassword")}</span>
        <input type="password" data-testid="password-new" value={next} onChange={(e) => setNext(e.target.value)} autoComplete="new-password" aria-invalid={error?.code === "weak_password" || undefined} />
        <small className="hint">{t("auth.passwordHint")}</small>
      </label>
      <FormError error={error} />
      {done && <p className="notice success">{t("settings.passwordChanged")}</p>}
      <button type="submit" className="btn" disabled={busy || !current || !next} data-testid="password-submit">
        {t("settings.changePassword")}
      </button>
    </form>
  );
}
