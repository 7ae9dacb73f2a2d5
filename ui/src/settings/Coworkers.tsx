//! Settings → Coworkers: the account's users with role, seat and active state, invitations
//! and the seats summary. Admins change them; the server enforces every rule (the last
//! admin, free seats) and its refusals show at the row that asked.

import { useCallback, useEffect, useState } from "react";
import type { AccountView, InvitationView, Role, UserChangeRequest, UserView } from "../platform/contract";
import { toAppError } from "../platform/types";
import { usePlatform, useSession, useToast } from "../app/context";
import { errorText, useT, type I18n, type MsgKey } from "../i18n/I18n";
import { ExportButton } from "../data/ExportButton";
import { emptyFilter } from "../lists/usePagedRows";

const ROLES: Role[] = ["user", "manager", "admin"];

/** An error of these screens in words; `invalid` on an invitation is the address. */
export function adminErrorText(i18n: I18n, e: { code: string; message: string }, invite = false): string {
  if (invite && e.code === "invalid") return i18n.t("coworkers.invalidEmail");
  return errorText(i18n, e);
}

export function Coworkers() {
  const i18n = useT();
  const { t } = i18n;
  const platform = usePlatform();
  const { session } = useSession();
  const isAdmin = session.user.role === "admin";
  const [users, setUsers] = useState<UserView[] | null>(null);
  const [account, setAccount] = useState<AccountView>(session.account);
  const [invitations, setInvitations] = useState<InvitationView[]>([]);
  const [rowErrors, setRowErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  const load = useCallback(() => {
    platform.invoke("coworkers", null).then((c) => setUsers(c.users), (e) => setLoadError(errorText(i18n, toAppError(e))));
    platform.invoke("account", null).then(setAccount, () => {});
    if (isAdmin) platform.invoke("invitations", null).then((r) => setInvitations(r.invitations), () => {});
  }, [platform, isAdmin, i18n]);
  useEffect(load, [load]);

  const change = async (req: UserChangeRequest) => {
    setBusy(req.user);
    setRowErrors((x) => ({ ...x, [req.user]: "" }));
    try {
      const user = await platform.invoke("change_user", req);
      setUsers((us) => us?.map((u) => (u.id === user.id ? user : u)) ?? null);
      platform.invoke("account", null).then(setAccount, () => {});
    } catch (e) {
      setRowErrors((x) => ({ ...x, [req.user]: adminErrorText(i18n, toAppError(e)) }));
    } finally {
      setBusy(null);
    }
  };
  const ask = (user: string, part: Partial<UserChangeRequest>) => void change({ user, role: null, seat: null, active: null, ...part });

  const pending = invitations.filter((i) => !i.accepted);
  const trialEnd = account.status === "trial" ? i18n.date(account.trial_ends.slice(0, 10)) : null;

  return (
    <div className="settings-stack">
      <section className="panel">
        <div className="title-row">
          <h2>{t("settings.coworkers")}</h2>
          <ExportButton list="coworkers" filter={emptyFilter()} sort="name" descending={false} />
        </div>
        <p className="seats-summary" data-testid="seats-summary">
          <strong>{t("coworkers.seatsUsed", { used: account.seats_used, total: account.seats })}</strong>
          {trialEnd && <span className="muted"> · {t("coworkers.trialEnds", { date: trialEnd })}</span>}
        </p>
        {!isAdmin && <p className="notice">{t("coworkers.readOnly")}</p>}
        {loadError && <p className="form-error" role="alert">{loadError}</p>}
        <table className="table coworkers-table" data-testid="coworkers">
          <thead>
            <tr>
              <th>{t("field.name")}</th>
              <th>{t("auth.email")}</th>
              <th>{t("settings.role")}</th>
              <th>{t("settings.seat")}</th>
              <th>{t("coworkers.active")}</th>
            </tr>
          </thead>
          <tbody>
            {(users ?? []).map((u) => (
              <tr key={u.id} data-testid="coworker-row" data-user={u.id} className={u.active ? undefined : "muted"}>
                <td>
                  {u.name}
                  {u.id === session.user.id && <span className="badge you">{t("coworkers.you")}</span>}
                  {rowErrors[u.id] && (
                    <small className="field-error block" role="alert" data-testid="coworker-error">
                      {rowErrors[u.id]}
                    </small>
                  )}
                </td>
                <td>{u.email}</td>
                <td>
                  {isAdmin ? (
                    <select
                      aria-label={t("coworkers.roleOf", { name: u.name })}
                      data-testid="coworker-role"
                      value={u.role}
                      disabled={busy === u.id}
                      onChange={(e) => ask(u.id, { role: e.target.value as Role })}
                    >
                      {ROLES.map((r) => (
                        <option key={r} value={r}>
                          {t(`role.${r}` as MsgKey)}
                        </option>
                      ))}
                    </select>
                  ) : (
                    t(`role.${u.role}` as MsgKey)
                  )}
                </td>
                <td>
                  {isAdmin ? (
                    <label className="toggle">
                      <input type="checkbox" data-testid="coworker-seat" checked={u.seat} disabled={busy === u.id} onChange={(e) => ask(u.id, { seat: e.target.checked })} />
                      <span>{u.seat ? t("settings.hasSeat") : t("settings.noSeat")}</span>
                    </label>
                  ) : u.seat ? (
                    t("settings.hasSeat")
                  ) : (
                    t("settings.noSeat")
                  )}
                </td>
                <td>
                  {isAdmin ? (
                    <label className="toggle">
                      <input type="checkbox" data-testid="coworker-active" checked={u.active} disabled={busy === u.id} onChange={(e) => ask(u.id, { active: e.target.checked })} />
                      <span>{u.active ? t("coworkers.isActive") : t("settings.inactive")}</span>
                    </label>
                  ) : u.active ? (
                    t("coworkers.isActive")
                  ) : (
                    t("settings.inactive")
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {isAdmin && <InviteForm onInvited={setInvitations} />}
      {isAdmin && (
        <section className="panel">
          <h2>{t("coworkers.pending")}</h2>
          {pending.length === 0 ? (
            <p className="empty">{t("coworkers.noPending")}</p>
          ) : (
            <ul className="plain-list" data-testid="invitations">
              {pending.map((inv) => (
                <Invitation key={inv.id} inv={inv} onChanged={setInvitations} />
              ))}
            </ul>
          )}
        </section>
      )}
    </div>
  );
}

function Invitation(props: { inv: InvitationView; onChanged(list: InvitationView[]): void }) {
  const i18n = useT();
  const { t } = i18n;
  const platform = usePlatform();
  const toast = useToast();
  const { inv } = props;
  const expired = Date.parse(inv.expires_at) < Date.now();
  const withdraw = async () => {
    try {
      const r = await platform.invoke("revoke_invitation", { id: inv.id });
      props.onChanged(r.invitations);
      toast({ text: t("coworkers.withdrawn", { email: inv.email }) });
    } catch (e) {
      toast({ text: adminErrorText(i18n, toAppError(e)), tone: "error" });
    }
  };
  return (
    <li data-testid="invitation-row" className="invitation">
      <span className="strong">{inv.email}</span>
      <span className="badge">{t(`role.${inv.role}` as MsgKey)}</span>
      <span className="muted">{inv.seat ? t("coworkers.withSeat") : t("coworkers.withoutSeat")}</span>
      <span className={expired ? "badge danger" : "muted"}>
        {expired ? t("coworkers.expired") : t("coworkers.expires", { date: i18n.date(inv.expires_at.slice(0, 10)) })}
      </span>
      <button type="button" className="btn small" data-testid="invitation-revoke" onClick={() => void withdraw()}>
        {t("coworkers.withdraw")}
      </button>
    </li>
  );
}

function InviteForm(props: { onInvited(list: InvitationView[]): void }) {
  const i18n = useT();
  const { t } = i18n;
  const platform = usePlatform();
  const toast = useToast();
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("user");
  const [seat, setSeat] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!email.trim()) {
      setError(t("common.required"));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const r = await platform.invoke("invite", { email: email.trim(), role, seat });
      props.onInvited(r.invitations);
      toast({ text: t("coworkers.invited", { email: email.trim() }) });
      setEmail("");
    } catch (err) {
      setError(adminErrorText(i18n, toAppError(err), true));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel">
      <h2>{t("coworkers.invite")}</h2>
      <form className="invite-form" onSubmit={submit} noValidate>
        <label className="field grow">
          <span>{t("auth.email")}</span>
          <input type="email" data-testid="invite-email" value={email} onChange={(e) => setEmail(e.target.value)} aria-invalid={!!error || undefined} placeholder="jan.kowalski@firma.pl" />
        </label>
        <label className="field">
          <span>{t("settings.role")}</span>
          <select data-testid="invite-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}` as MsgKey)}
              </option>
            ))}
          </select>
        </label>
        <label className="field inline">
          <span>{t("coworkers.giveSeat")}</span>
          <input type="checkbox" data-testid="invite-seat" checked={seat} onChange={(e) => setSeat(e.target.checked)} />
        </label>
        <button type="submit" className="btn primary" data-testid="invite-submit" disabled={busy}>
          {t("coworkers.sendInvite")}
        </button>
      </form>
      {error && (
        <p className="form-error" role="alert" data-testid="invite-error">
          {error}
        </p>
      )}
    </section>
  );
}
