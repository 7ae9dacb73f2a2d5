// A second device: `localspace-demo --dump` (DEMO_BIN) signs in with its own replica in a
// scratch folder, pulls the account from the server and prints every record, one line each:
// the kind, then tab-separated `key=value` pairs.

import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { env } from "./app.mjs";
import { serverUrl } from "./server.mjs";

/** The records a fresh device signed in as `email` sees: [{kind, id, fields…}]. */
export function secondDevice(email, password) {
  const out = execFileSync(
    env("DEMO_BIN"),
    ["--server", serverUrl(), "--email", email, "--password", password, "--dump", join(env("SCRATCH"), "device2")],
    { stdio: ["ignore", "pipe", "inherit"], timeout: 120_000 },
  ).toString();
  return out
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => {
      const [kind, ...pairs] = line.split("\t");
      const record = { kind };
      for (const pair of pairs) {
        const at = pair.indexOf("=");
        record[pair.slice(0, at)] = pair.slice(at + 1);
      }
      return record;
    });
}
