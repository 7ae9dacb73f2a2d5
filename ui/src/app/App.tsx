//! The root: reads the app state, picks the language, and shows either the sign-in screens
//! or the workspace. A session that ends on the server keeps the workspace (the local data
//! stays usable) and asks for a sign-in from the sync indicator.

import { useCallback, useEffect, useState } from "react";
import type { AppState, Locale, SessionInfo } from "../platform/contract";
import type { Platform } from "../platform/types";
import { I18nProvider, pickLang } from "../i18n/I18n";
import { AuthScreen } from "../auth/AuthScreen";
import { Toasts } from "../ui/Toasts";
import { PlatformContext } from "./context";
import { Shell } from "./Shell";

export function App({ platform }: { platform: Platform }) {
  const [state, setState] = useState<AppState | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    platform.invoke("app_state", null).then(setState, (e) => setFailed(String(e?.message ?? e)));
  }, [platform]);
  const lang = pickLang(state?.locale ?? null, typeof navigator !== "undefined" ? navigator.language : undefined);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  // Sign-ins and sign-outs the app makes on its own (the dev demo sign-in, another window).
  useEffect(
    () =>
      platform.onEvent((e) => {
        if (e.type === "session") setState((s) => (s ? { ...s, session: e.session, server_url: e.session?.server_url ?? s.server_url } : s));
      }),
    [platform],
  );

  const onSignedIn = useCallback((session: SessionInfo) => setState((s) => (s ? { ...s, session, server_url: session.server_url } : s)), []);
  const onSignedOut = useCallback(() => setState((s) => (s ? { ...s, session: null } : s)), []);
  const setLocale = useCallback(
    async (locale: Locale | null) => {
      const next = await platform.invoke("set_locale", { locale });
      setState(next);
    },
    [platform],
  );

  return (
    <PlatformContext.Provider value={platform}>
      <I18nProvider lang={lang}>
        <Toasts>
          {!state ? (
            <div className="splash">{failed ?? "…"}</div>
          ) : state.session ? (
            <Shell session={state.session} locale={state.locale} serverUrl={state.server_url} onSignedIn={onSignedIn} onSignedOut={onSignedOut} setLocale={setLocale} />
          ) : (
            <AuthScreen serverUrl={state.server_url} onSignedIn={onSignedIn} />
          )}
        </Toasts>
      </I18nProvider>
    </PlatformContext.Provider>
  );
}
