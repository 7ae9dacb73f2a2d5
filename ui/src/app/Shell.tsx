//! The workspace: sidebar with the sync indicator, the current screen, the search palette,
//! the shortcuts help, the blocked-account banner, bootstrap progress and the sign-in-again
//! dialog.

import { useCallback, useEffect, useMemo, useState } from "react";
import type { Locale, SessionInfo, SyncStatus, UserView } from "../platform/contract";
import { useT } from "../i18n/I18n";
import { AuthScreen } from "../auth/AuthScreen";
import { Dialog } from "../ui/Dialog";
import { PeopleList } from "../people/PeopleList";
import { CompaniesList } from "../companies/CompaniesList";
import { DealsScreen } from "../deals/DealsScreen";
import { DealPage } from "../deals/DealPage";
import { TasksScreen } from "../tasks/TasksScreen";
import { useTaskReminders } from "../tasks/reminders";
import { SpacesList } from "../spaces/SpacesList";
import { Dashboard } from "../dashboard/Dashboard";
import { Settings } from "../settings/Settings";
import { RecordPage } from "../records/RecordPage";
import { SessionContext, usePlatform, type SessionCtx } from "./context";
import { useRoute } from "./router";
import { Sidebar } from "./Sidebar";
import { Palette } from "./Palette";
import { RemoveLocalData } from "./RemoveLocalData";
import { HelpDialog } from "./HelpDialog";
import { useShortcuts } from "./shortcuts";
import { BootstrapBanner } from "./BootstrapBanner";
import { BlockedBanner } from "./BlockedBanner";

export interface ShellProps {
  session: SessionInfo;
  locale: Locale | null;
  serverUrl: string;
  onSignedIn(s: SessionInfo): void;
  onSignedOut(): void;
  setLocale(l: Locale | null): Promise<void>;
}

export function Shell(props: ShellProps) {
  const { t } = useT();
  const platform = usePlatform();
  const route = useRoute();
  const [users, setUsers] = useState<UserView[]>([props.session.user]);
  const [status, setStatus] = useState<SyncStatus>({ state: "syncing", pending: 0 });
  const [palette, setPalette] = useState(false);
  const [help, setHelp] = useState(false);
  const [reauth, setReauth] = useState(false);

  useEffect(() => {
    platform.invoke("coworkers", null).then((c) => setUsers(c.users), () => {});
    // The first answer is only a starting point: a status event that arrived meanwhile is newer.
    let heard = false;
    platform.invoke("sync_status", null).then((s) => !heard && setStatus(s), () => {});
    // Role and account switches (list export) as the server has them now; the app keeps them
    // for offline use and announces the refreshed session.
    platform.invoke("refresh_session", null).catch(() => {});
    return platform.onEvent((e) => {
      if (e.type === "sync_status") {
        heard = true;
        setStatus(e.status);
      }
      // The server ended the session (revoked, password changed elsewhere, account deleted):
      // ask for a sign-in at once, with the export and removal offer beside it.
      if (e.type === "signed_out") {
        heard = true;
        setStatus({ state: "signed_out" });
        setReauth(true);
      }
    });
  }, [platform]);

  const ctx: SessionCtx = useMemo(
    () => ({
      session: props.session,
      users,
      status,
      userName: (id) => (id ? users.find((u) => u.id === id)?.name ?? t("value.unknownUser") : ""),
    }),
    [props.session, users, status, t],
  );

  useShortcuts({ openPalette: () => setPalette(true), openHelp: () => setHelp(true), blocked: palette || help || reauth, readOnly: status.state === "blocked" });
  useTaskReminders(props.session.user.id);

  const syncNow = useCallback(() => {
    if (status.state === "signed_out") setReauth(true);
    else platform.invoke("sync_now", null).then(setStatus, () => {});
  }, [platform, status.state]);

  return (
    <SessionContext.Provider value={ctx}>
      <div className="shell">
        <Sidebar current={route.section} status={status} onSync={syncNow} onSearch={() => setPalette(true)} onHelp={() => setHelp(true)} />
        <main className="main" id="main">
          <BlockedBanner />
          <BootstrapBanner />
          <Screen section={route.section} id={route.id} locale={props.locale} setLocale={props.setLocale} onSignedOut={props.onSignedOut} />
        </main>
      </div>
      {palette && <Palette onClose={() => setPalette(false)} />}
      {help && <HelpDialog onClose={() => setHelp(false)} />}
      {reauth && (
        <Dialog title={t("sync.signInAgain")} onClose={() => setReauth(false)}>
          <AuthScreen
            serverUrl={props.serverUrl}
            initialEmail={props.session.user.email}
            notice={t("auth.reauth")}
            onSignedIn={(s) => {
              setReauth(false);
              props.onSignedIn(s);
              platform.invoke("sync_now", null).then(setStatus, () => {});
            }}
          />
          <RemoveLocalData
            onRemoved={() => {
              setReauth(false);
              props.onSignedOut();
            }}
          />
        </Dialog>
      )}
    </SessionContext.Provider>
  );
}

function Screen(props: { section: string; id: string | null; locale: Locale | null; setLocale(l: Locale | null): Promise<void>; onSignedOut(): void }) {
  const { section, id } = props;
  if (id && section === "deals") return <DealPage key={id} id={id} />;
  if (id && section !== "dashboard" && section !== "settings") return <RecordPage key={id} id={id} />;
  switch (section) {
    case "companies":
      return <CompaniesList />;
    case "deals":
      return <DealsScreen />;
    case "tasks":
      return <TasksScreen />;
    case "spaces":
      return <SpacesList />;
    case "dashboard":
      return <Dashboard />;
    case "settings":
      return <Settings tab={id} locale={props.locale} setLocale={props.setLocale} onSignedOut={props.onSignedOut} />;
    default:
      return <PeopleList />;
  }
}
