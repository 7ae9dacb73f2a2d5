//! What every screen needs: the platform, the signed-in session with the coworkers, and
//! a way to show a toast. Provided once by the shell.

import { createContext, useContext } from "react";
import type { SessionInfo, SyncStatus, UserView } from "../platform/contract";
import type { Platform } from "../platform/types";

export const PlatformContext = createContext<Platform | null>(null);

export function usePlatform(): Platform {
  const p = useContext(PlatformContext);
  if (!p) throw new Error("usePlatform outside PlatformContext");
  return p;
}

export interface SessionCtx {
  session: SessionInfo;
  users: UserView[];
  status: SyncStatus;
  userName(id: string | null | undefined): string;
}

export const SessionContext = createContext<SessionCtx | null>(null);

export function useSession(): SessionCtx {
  const s = useContext(SessionContext);
  if (!s) throw new Error("useSession outside SessionContext");
  return s;
}

export interface Toast {
  id: number;
  text: string;
  tone?: "info" | "error";
  action?: { label: string; run: () => void };
}

export const ToastContext = createContext<(t: Omit<Toast, "id">) => void>(() => {});

export function useToast() {
  return useContext(ToastContext);
}
