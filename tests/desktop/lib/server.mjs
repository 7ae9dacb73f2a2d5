// The sync server, run by the scenario itself so it can stop and restart it: the real
// `localspace-server` binary (SERVER_BIN) on the loopback port SERVER_PORT with its data and
// mail outbox under SERVER_DIR — the same settings xtask seeded it with, so a restart keeps
// every account and record. Its log goes to SERVER_DIR/server.log.

import { spawn } from "node:child_process";
import { openSync } from "node:fs";
import { join } from "node:path";
import { env } from "./app.mjs";

let child = null;

export const serverUrl = () => `http://127.0.0.1:${env("SERVER_PORT")}`;

async function healthy() {
  try {
    const answer = await fetch(`${serverUrl()}/health`, { signal: AbortSignal.timeout(2_000) });
    return answer.ok;
  } catch {
    return false;
  }
}

/** Starts the server and waits until /health answers. */
export async function startServer() {
  if (child) throw new Error("the server is already running");
  const dir = env("SERVER_DIR");
  const port = env("SERVER_PORT");
  const log = openSync(join(dir, "server.log"), "a");
  // The server's configuration is exactly what is set here: no LOCALSPACE_* variable of the
  // caller's shell reaches it.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("LOCALSPACE_")));
  const started = spawn(env("SERVER_BIN"), [], {
    stdio: ["ignore", log, log],
    env: {
      ...inherited,
      LOCALSPACE_LISTEN: `127.0.0.1:${port}`,
      LOCALSPACE_PUBLIC_URL: serverUrl(),
      LOCALSPACE_DATA_DIR: join(dir, "data"),
      LOCALSPACE_MAIL__OUTBOX_DIR: join(dir, "outbox"),
      LOCALSPACE_LOG: "warn",
      // Renewals in the app are paid by the test provider (success unless told otherwise).
      LOCALSPACE_BILLING__PROVIDER: "test",
      // 1,000 bytes per GB of quota, so a small file can exceed a plan's storage.
      LOCALSPACE_FILES__GB_BYTES: "1000",
    },
  });
  let exited = null;
  started.on("exit", (code, signal) => (exited = signal ?? code));
  child = started;
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (exited !== null) {
      child = null;
      throw new Error(`the sync server exited at start (${exited}); see ${join(dir, "server.log")}`);
    }
    if (await healthy()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("the sync server did not answer /health within 30 s");
}

/** Stops the server (by its own PID) and waits until it has exited. */
export async function stopServer() {
  if (!child) return;
  const stopping = child;
  child = null;
  if (stopping.exitCode !== null || stopping.signalCode !== null) return;
  const gone = new Promise((resolve) => stopping.once("exit", resolve));
  stopping.kill("SIGTERM");
  // A server that has not ended 10 s after SIGTERM is killed.
  const timer = setTimeout(() => stopping.kill("SIGKILL"), 10_000);
  await gone;
  clearTimeout(timer);
}
