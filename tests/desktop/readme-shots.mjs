// The README's screenshots: the app signed in to the full demo account (debug builds sign
// in from LOCALSPACE_DEMO_EMAIL/PASSWORD), board and dashboard at 1280×800. Run by hand
// through run.sh with E2E_SCRIPT=readme-shots.mjs; see tests/desktop/README.md.

import { join } from "node:path";
import { remote } from "webdriverio";

const browser = await remote({
  hostname: "127.0.0.1",
  port: Number(process.env.DRIVER_PORT),
  logLevel: "warn",
  capabilities: {
    browserName: "wry",
    "wdio:enforceWebDriverClassic": true,
    "tauri:options": { application: process.env.APP },
  },
});
const out = process.env.SHOTS;
const byTest = (id) => browser.$(`[data-testid="${id}"]`);
try {
  await browser.waitUntil(async () => (await (await byTest("sync-indicator")).getAttribute("data-state")) === "synced", { timeout: 120_000 });
  await (await byTest("language-select")).isExisting();
  await (await byTest("nav-deals")).click();
  await browser.waitUntil(async () => (await browser.$$('[data-testid="deal-card"]')).length > 3, { timeout: 30_000 });
  await browser.saveScreenshot(join(out, "board.png"));
  await (await byTest("nav-dashboard")).click();
  await (await byTest("chart-per-owner")).waitForDisplayed({ timeout: 30_000 });
  await browser.saveScreenshot(join(out, "dashboard.png"));
  await (await byTest("nav-people")).click();
  await browser.waitUntil(async () => Number(await (await byTest("list-count")).getAttribute("data-total")) > 1000, { timeout: 30_000 });
  await browser.saveScreenshot(join(out, "people.png"));
} finally {
  await browser.deleteSession();
}
