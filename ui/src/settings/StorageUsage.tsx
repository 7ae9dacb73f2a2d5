//! The account's file storage in Settings: a bar of used (and reserved) over the pooled
//! quota, the free space, and a warning when it is nearly or completely full.

import { usePlatform } from "../app/context";
import { useData } from "../app/useData";
import { useT } from "../i18n/I18n";

/** From this share of the quota on, the bar warns. */
export const NEAR_FULL = 0.9;

export function StorageUsage() {
  const i18n = useT();
  const { t } = i18n;
  const platform = usePlatform();
  const usage = useData(() => platform.invoke("storage_usage", null), [], ["file"]);

  if (!usage.data)
    return (
      <section className="panel storage" data-testid="storage">
        <h2>{t("storage.title")}</h2>
        <p className="muted">{usage.error ? t("storage.unavailable") : t("common.loading")}</p>
      </section>
    );
  const { used, reserved, quota, free } = usage.data;
  const taken = used + reserved;
  const share = quota > 0 ? Math.min(1, taken / quota) : 1;
  const level = free === 0 ? "full" : share >= NEAR_FULL ? "near" : "ok";
  return (
    <section className="panel storage" data-testid="storage" data-level={level}>
      <h2>{t("storage.title")}</h2>
      <div className={`usage-bar ${level}`} role="meter" aria-valuemin={0} aria-valuemax={quota} aria-valuenow={taken} aria-label={t("storage.title")}>
        <span style={{ width: `${Math.round(share * 1000) / 10}%` }} />
      </div>
      <p data-testid="storage-usage">
        {t("storage.usage", { used: i18n.bytes(taken), quota: i18n.bytes(quota) })} · {t("storage.free", { free: i18n.bytes(free) })}
      </p>
      {level === "near" && <p className="notice warn" role="status" data-testid="storage-warning">{t("storage.nearFull")}</p>}
      {level === "full" && <p className="notice danger" role="status" data-testid="storage-warning">{t("storage.full")}</p>}
      <p className="muted">{t("storage.pooled")}</p>
    </section>
  );
}
