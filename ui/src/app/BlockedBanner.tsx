//! While the account is blocked (trial or paid term over), a banner across the app says why
//! and until when: the day access ended, and the day the account and its data are deleted
//! unless renewed. Admins get a way to renew, others are sent to their admin.

import { useEffect, useState } from "react";
import type { AccountView } from "../platform/contract";
import { useT, type I18n } from "../i18n/I18n";
import { usePlatform, useSession } from "./context";
import { navigate } from "./router";

export function BlockedBanner() {
  const { status } = useSession();
  return status.state === "blocked" ? <BlockedNotice /> : null;
}

/** Mounted when the sync status turns blocked: asks the server for the account as it is now
 *  (the days come with it); offline, the account as last seen. */
function BlockedNotice() {
  const i18n = useT();
  const { t } = i18n;
  const platform = usePlatform();
  const { session } = useSession();
  const [fresh, setFresh] = useState<AccountView | null>(null);
  useEffect(() => {
    platform.invoke("account", null).then(setFresh, () => {});
  }, [platform]);
  const account = fresh ?? session.account;
  const isAdmin = session.user.role === "admin";
  return (
    <div className="banner banner-blocked" role="alert" data-testid="blocked-banner">
      <p>
        <strong data-testid="blocked-title" data-day={account.access_ended ?? undefined}>
          {endedText(i18n, account)}
        </strong>{" "}
        {account.deletion_on && (
          <span data-testid="blocked-deletion" data-day={account.deletion_on}>
            {t(account.paid_until ? "blocked.deletion" : "blocked.deletionTrial", { date: i18n.longDate(account.deletion_on) })}{" "}
          </span>
        )}
        {t("blocked.body")}
      </p>
      {isAdmin ? (
        <button type="button" className="btn primary" data-testid="blocked-renew" onClick={() => navigate("/settings/payments")}>
          {t("blocked.renew")}
        </button>
      ) : (
        <p className="muted" data-testid="blocked-contact">{t("blocked.contactAdmin")}</p>
      )}
    </div>
  );
}

/** Why the account is blocked: an ended trial (never paid) or an expired subscription; the
 *  generic sentence when the server did not say (an older server, or not yet asked). */
function endedText(i18n: I18n, account: AccountView): string {
  if (!account.access_ended) return i18n.t("blocked.title");
  const date = i18n.longDate(account.access_ended);
  return i18n.t(account.paid_until ? "blocked.expired" : "blocked.trialEnded", { date });
}
