//! The platform inside the Tauri shell: commands go to Rust through `invoke`, events come
//! from the one event channel. The only module that imports `@tauri-apps/*`.

import { invoke } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import { EVENT_NAME, type AppEvent } from "./contract";
import { toAppError, type CommandName, type Platform, type Req, type Res } from "./types";

export function tauriPlatform(): Platform {
  return {
    async invoke<C extends CommandName>(cmd: C, req: Req<C>): Promise<Res<C>> {
      try {
        // A command whose request is `null` takes no argument; others take one named `req`.
        return req === null ? await invoke<Res<C>>(cmd) : await invoke<Res<C>>(cmd, { req });
      } catch (e) {
        throw toAppError(e);
      }
    },
    onEvent(cb: (event: AppEvent) => void): () => void {
      let stop: (() => void) | null = null;
      let stopped = false;
      void listen<AppEvent>(EVENT_NAME, (e) => cb(e.payload)).then((unlisten) => {
        if (stopped) unlisten();
        else stop = unlisten;
      });
      return () => {
        stopped = true;
        stop?.();
      };
    },
    notify(title: string, body: string): void {
      // Shown by the operating system's notification service through the shell (Rust side:
      // the web view has no notification permission). A missing service only loses the popup.
      invoke("notify", { req: { title, body } }).catch(() => {});
    },
  };
}
