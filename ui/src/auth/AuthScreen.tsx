//! Signing in, creating a company account, resetting a password and accepting an
//! invitation. One server address is shared by all four forms.

import { useState } from "react";
import type { SessionInfo } from "../platform/contract";
import { useT } from "../i18n/I18n";
import { SignInForm } from "./SignInForm";
import { SignUpForm } from "./SignUpForm";
import { ForgotForm } from "./ForgotForm";
import { AcceptForm } from "./AcceptForm";

export type AuthMode = "signin" | "signup" | "forgot" | "accept";

export interface AuthProps {
  serverUrl: string;
  onSignedIn(session: SessionInfo): void;
  /** Shown above the form when the session ended and the user signs in again. */
  notice?: string;
  initialEmail?: string;
}

/** A server the user should see before signing in: anything but the public service. */
export function isCustomServer(url: string): boolean {
  return !/^https:\/\/([a-z0-9-]+\.)*localspace\.pl\/?$/i.test(url.trim());
}

export function AuthScreen(props: AuthProps) {
  const { t } = useT();
  const [mode, setMode] = useState<AuthMode>("signin");
  const [server, setServer] = useState(props.serverUrl);
  const [notice, setNotice] = useState(props.notice ?? "");
  const go = (m: AuthMode, message = "") => {
    setNotice(message);
    setMode(m);
  };
  const shared = { server, setServer, onSignedIn: props.onSignedIn, go };
  return (
    <div className="auth">
      <div className="auth-card">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">L</span>
          <span>{t("app.name")}</span>
        </div>
        {notice && <p className="notice">{notice}</p>}
        {mode === "signin" && <SignInForm {...shared} initialEmail={props.initialEmail} />}
        {mode === "signup" && <SignUpForm {...shared} />}
        {mode === "forgot" && <ForgotForm {...shared} />}
        {mode === "accept" && <AcceptForm {...shared} />}
      </div>
    </div>
  );
}

export interface FormProps {
  server: string;
  setServer(s: string): void;
  onSignedIn(session: SessionInfo): void;
  go(mode: AuthMode, notice?: string): void;
}

/** The server address, folded away unless it is a custom one. */
export function ServerField(props: { server: string; setServer(s: string): void; testId?: string }) {
  const { t } = useT();
  return (
    <details className="server-field" open={isCustomServer(props.server)}>
      <summary data-testid="server-toggle">{t("auth.serverToggle")}</summary>
      <label className="field">
        <span>{t("auth.server")}</span>
        <input
          data-testid={props.testId ?? "signin-server"}
          type="url"
          value={props.server}
          onChange={(e) => props.setServer(e.target.value)}
          autoComplete="url"
          spellCheck={false}
        />
      </label>
    </details>
  );
}
