//! Picks the platform: Tauri when the shell is there, else the in-memory one (browser preview).

import type { Platform } from "./types";

export async function selectPlatform(): Promise<Platform> {
  if (typeof window !== "undefined" && "__TAURI_INTERNALS__" in window) {
    const { tauriPlatform } = await import("./tauri");
    return tauriPlatform();
  }
  const { createFakePlatform } = await import("./fake");
  const params = new URLSearchParams(window.location.search);
  const people = Number(params.get("people") ?? "") || undefined;
  const lang = params.get("lang");
  return createFakePlatform({
    people,
    signedIn: params.get("signedOut") === null,
    latencyMs: 40,
    locale: lang === "pl" || lang === "en" ? lang : null,
  });
}

export type { Platform } from "./types";
