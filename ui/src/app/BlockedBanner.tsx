//! While the account is blocked (trial or paid term over), a banner across the app says the
//! data is read-only on the server; admins get a way to renew, others are sent to their admin.

import { useT } from "../i18n/I18n";
import { useSession } from "./context";
import { navigate } from "./router";

export function BlockedBanner() {
  const { t } = useT();
  const { session, status } = useSession();
  if (status.state !== "blocked") return null;
  const isAdmin = session.user.role === "admin";
  return (
    <div className="banner banner-blocked" role="alert" data-testid="blocked-banner">
      <p>
        <strong>{t("blocked.title")}</strong> {t("blocked.body")}
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
