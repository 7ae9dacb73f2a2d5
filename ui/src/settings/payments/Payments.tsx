//! Settings → Payments (admins): the current plan and a downgrade scheduled for the term's
//! end, the mid-term change form (during a paid term), the renewal form with its live quote,
//! and the invoice history. Others are told to ask their admin.

import { useCallback, useEffect, useState } from "react";
import type { AccountView, PlanView } from "../../platform/contract";
import { toAppError } from "../../platform/types";
import { usePlatform, useSession } from "../../app/context";
import { errorText, useT, type MsgKey } from "../../i18n/I18n";
import { RenewForm } from "./RenewForm";
import { ChangeForm } from "./ChangeForm";
import { InvoiceHistory } from "./InvoiceHistory";

export function Payments() {
  const i18n = useT();
  const { t } = i18n;
  const platform = usePlatform();
  const { session } = useSession();
  const isAdmin = session.user.role === "admin";
  const [plan, setPlan] = useState<PlanView | null>(null);
  const [account, setAccount] = useState<AccountView>(session.account);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);

  const load = useCallback(() => {
    if (!isAdmin) return;
    platform.invoke("billing_plan", null).then(setPlan, (e) => setError(errorText(i18n, toAppError(e))));
    platform.invoke("account", null).then(setAccount, () => {});
  }, [platform, isAdmin, i18n]);
  useEffect(load, [load]);

  if (!isAdmin)
    return (
      <section className="panel" data-testid="payments-admin-only">
        <p>{t("pay.adminOnly")}</p>
      </section>
    );

  const renewed = () => {
    load();
    setVersion((v) => v + 1);
  };

  return (
    <div className="settings-stack" data-testid="payments">
      <section className="panel">
        <h2>{t("pay.current")}</h2>
        {error && <p className="form-error" role="alert">{error}</p>}
        <dl className="facts" data-testid="payments-current">
          <div>
            <dt>{t("pay.plan")}</dt>
            <dd>{plan?.plan ? t(`pay.planName.${plan.plan}` as MsgKey) : t("pay.trialPlan")}</dd>
          </div>
          <div>
            <dt>{t("pay.seats")}</dt>
            <dd>{t("settings.seats", { used: account.seats_used, total: account.seats })}</dd>
          </div>
          <div>
            <dt>{t("pay.paidUntil")}</dt>
            <dd>{plan?.paid_until ? i18n.date(plan.paid_until) : t("pay.notPaid")}</dd>
          </div>
          <div>
            <dt>{t("pay.status")}</dt>
            <dd>
              <span className={`badge ${account.status === "blocked" ? "danger" : account.status === "trial" ? "warn" : "success"}`}>
                {["trial", "active", "blocked"].includes(account.status) ? t(`settings.status.${account.status}` as MsgKey) : account.status}
              </span>
            </dd>
          </div>
          {plan && (
            <div>
              <dt>{t("pay.quota", { gb: plan.quota_gb })}</dt>
              <dd />
            </div>
          )}
        </dl>
        {plan?.scheduled && (
          <p className="notice" data-testid="payments-scheduled">
            {t("pay.scheduled", {
              plan: t(`pay.planName.${plan.scheduled.plan}` as MsgKey),
              date: i18n.date(plan.scheduled.from),
              seats: plan.scheduled.seats,
              packs: plan.scheduled.packs,
            })}
          </p>
        )}
      </section>
      {plan?.plan && plan.paid_until && <ChangeForm plan={plan} account={account} onChanged={renewed} />}
      <RenewForm plan={plan} account={account} onRenewed={renewed} />
      <InvoiceHistory version={version} />
    </div>
  );
}
