//! Coworkers, invitations and the account as the sync server keeps them: admin-only calls,
//! the last admin who cannot lose the role, a seat or the active state, seats that run out.

import type { AccountView, AppError, InvitationView, Role, UserChangeRequest, UserView } from "../contract";
import { newId } from "./values";

const err = (code: string, message: string): AppError => ({ code, message });

export class Admin {
  invitations: InvitationView[] = [];

  constructor(
    public users: UserView[],
    public account: AccountView,
    private now: () => Date,
  ) {}

  seatsUsed(): number {
    return this.users.filter((u) => u.active && u.seat).length;
  }

  accountView(): AccountView {
    return { ...this.account, seats_used: this.seatsUsed() };
  }

  requireAdmin(me: UserView): void {
    if (me.role !== "admin") throw err("admin_only", "the endpoint is for admins");
  }

  /** Invitations not yet accepted, newest first (the server answers every one). */
  list(): InvitationView[] {
    return [...this.invitations].sort((a, b) => b.expires_at.localeCompare(a.expires_at));
  }

  invite(email: string, role: Role, seat: boolean): InvitationView {
    const address = email.trim().toLowerCase();
    const [local, domain] = address.split("@");
    if (!local || !domain || address.split("@").length !== 2 || !domain.includes(".") || /\s/.test(address) || domain.startsWith(".") || domain.endsWith("."))
      throw err("invalid", `\`${email}\` is not a valid e-mail address`);
    if (this.users.some((u) => u.email === address)) throw err("email_taken", "the address already belongs to a user");
    const expires = new Date(this.now().getTime() + 7 * 86_400_000);
    const inv: InvitationView = { id: newId(), email: address, role, seat, expires_at: expires.toISOString().replace(/\.\d{3}Z$/, "Z"), accepted: false };
    this.invitations.push(inv);
    return inv;
  }

  revoke(id: string): void {
    const i = this.invitations.findIndex((x) => x.id === id);
    if (i < 0) throw err("not_found", "no such invitation");
    this.invitations.splice(i, 1);
  }

  /** Role, then seat, then active, in one transaction: refused as a whole. */
  change(req: UserChangeRequest): UserView {
    const i = this.users.findIndex((u) => u.id === req.user);
    if (i < 0) throw err("not_found", "no such coworker");
    const next = { ...this.users[i] };
    if (req.role !== null) next.role = req.role;
    if (req.seat !== null) next.seat = req.seat;
    if (req.active === false) {
      next.active = false;
      next.seat = false;
    } else if (req.active === true) next.active = true;
    const after = this.users.map((u, j) => (j === i ? next : u));
    if (!after.some((u) => u.role === "admin" && u.active && u.seat))
      throw err("last_admin", "the change would leave no active admin with a seat");
    const was = this.users[i];
    const takesSeat = next.active && next.seat && !(was.active && was.seat);
    if (takesSeat && after.filter((u) => u.active && u.seat).length > this.account.seats)
      throw err("no_free_seat", "every seat of the account is taken");
    Object.assign(this.users[i], next);
    return { ...this.users[i] };
  }
}
