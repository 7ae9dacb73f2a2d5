//! The one door between the UI and the desktop shell. Screens talk to a `Platform`; the Tauri
//! build passes commands to Rust, tests and the browser preview use an in-memory one.

import type { AppError, AppEvent, Commands } from "./contract";

export type CommandName = keyof Commands;
export type Req<C extends CommandName> = Commands[C]["req"];
export type Res<C extends CommandName> = Commands[C]["res"];

export interface Platform {
  /** Runs a command; rejects with an `AppError` (`{code, message}`). */
  invoke<C extends CommandName>(cmd: C, req: Req<C>): Promise<Res<C>>;
  /** Listens to the app's event channel; returns the function that stops listening. */
  onEvent(cb: (event: AppEvent) => void): () => void;
  /** Shows a desktop notification (task reminders). */
  notify(title: string, body: string): void;
}

/** True when `e` has the shape of an `AppError`. */
export function isAppError(e: unknown): e is AppError {
  return (
    typeof e === "object" &&
    e !== null &&
    typeof (e as AppError).code === "string" &&
    typeof (e as AppError).message === "string"
  );
}

/** Any rejection as an `AppError` (a string or a JS error becomes code `internal`). */
export function toAppError(e: unknown): AppError {
  if (isAppError(e)) return e;
  if (typeof e === "string") return { code: "internal", message: e };
  if (e instanceof Error) return { code: "internal", message: e.message };
  return { code: "internal", message: String(e) };
}
