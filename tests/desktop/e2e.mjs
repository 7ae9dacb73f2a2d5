// Desktop E2E: the real app (Tauri + WebKitGTK, driven through tauri-driver) against the
// real sync server. Run by `cargo xtask e2e` inside run.sh (Xvfb, a D-Bus session, an
// unlocked Secret Service keychain).
//
// Environment: APP (the debug binary, wrapped by run.sh), DRIVER_PORT, SHOTS (screenshot
// folder), SCRATCH; SERVER_BIN, SERVER_PORT, SERVER_DIR (the server this script starts,
// stops and restarts; xtask seeded it); DEMO_BIN (the second device), DEMO_EMAIL and
// DEMO_PASSWORD (the seeded account). The app's own environment (server URL, data dir) is
// given to tauri-driver by xtask and reaches the app from there.
//
// The steps, one concern per file in steps/:
//   1. account.mjs  sign up a new account through the form
//   2. records.mjs  pipeline, company, person, deal through the forms; drag on the board;
//                   a task and a note
//   3. offline.mjs  stop the server, edit offline, restart, a second device sees it all
//   4. billing.mjs  Settings → Payments: renew 12 months × 5 seats of CRM + automation,
//                   the invoice in History and in the outbox; schedule a downgrade; an
//                   upload over the quota is refused with the free space
//   5.              restart the app (still signed in), sign out, sign in again
//   6. tour.mjs     the seeded demo account: search, palette, every main screen
//   7. billing.mjs  the server's clock past the demo account's trial: the blocked banner

import { byTest, check, env, listTotal, nav, withApp, TIMEOUT } from "./lib/app.mjs";
import { startServer, stopServer } from "./lib/server.mjs";
import { signIn, signOut, signUp } from "./steps/account.mjs";
import { ACCOUNT, BUYER, RECORDS } from "./steps/data.mjs";
import * as records from "./steps/records.mjs";
import { backOnline, workOffline } from "./steps/offline.mjs";
import { tour } from "./steps/tour.mjs";
import { blockedAfterTrial, renewInApp, scheduleDowngrade, uploadOverQuota } from "./steps/billing.mjs";

async function step(name, body) {
  const started = Date.now();
  console.log(`desktop E2E: ${name}`);
  await body();
  console.log(`  (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

try {
  await startServer();
  await withApp(async (browser) => {
    await step("sign up", () => signUp(browser, ACCOUNT));
    await step("records through the forms", async () => {
      await records.pipeline(browser, RECORDS);
      await records.company(browser, RECORDS);
      await records.person(browser, RECORDS);
      await records.deal(browser, RECORDS);
      await records.task(browser, RECORDS);
    });
    await step("offline", () => workOffline(browser, RECORDS));
    await step("back online, a second device", () => backOnline(browser, RECORDS, ACCOUNT));
    await step("payments: renew, invoice, schedule a downgrade", async () => {
      await renewInApp(browser, BUYER);
      await scheduleDowngrade(browser);
    });
    await step("an upload over the quota", () => uploadOverQuota(browser));
  });
  await withApp(async (browser) => {
    await step("restart the app, sign out, sign in", async () => {
      const people = await byTest(browser, "nav-people");
      await people.waitForDisplayed({ timeout: TIMEOUT });
      check(!(await (await byTest(browser, "signin-email")).isExisting()), "a restarted app stays signed in");
      await signOut(browser);
      await signIn(browser, ACCOUNT.email, ACCOUNT.password);
      await nav(browser, "people");
      await listTotal(browser, "the account's person", (n) => n === 1);
      check(true, "after signing in again the account's records are there");
    });
    await step("the demo account: every screen", async () => {
      await signOut(browser);
      await signIn(browser, env("DEMO_EMAIL"), env("DEMO_PASSWORD"));
      await tour(browser);
    });
    // Last: moving the server's clock ends every trial on it (the paid account stays).
    await step("the trial ends: blocked, read-only, data kept", () => blockedAfterTrial(browser));
  });
  console.log("desktop E2E: passed");
} catch (error) {
  console.error(`desktop E2E failed: ${error.stack ?? error}`);
  process.exitCode = 1;
} finally {
  await stopServer();
}
process.exit(process.exitCode ?? 0);
