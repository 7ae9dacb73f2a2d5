// The app window through WebdriverIO → tauri-driver → WebKitWebDriver, and the helpers
// every step uses. One WebDriver command at a time: tauri-driver and WebKitWebDriver do not
// take concurrent commands (a Promise.all over elements ends the session).

import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { remote } from "webdriverio";

export const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

export const TIMEOUT = 30_000;

/** What the app sent to the desktop's notification service so far (run.sh records the D-Bus
 * `Notify` calls, one argument a line). */
export function notificationsSent() {
  try {
    return readFileSync(env("NOTIFICATIONS"), "utf8");
  } catch {
    return "";
  }
}

/** Starts the app (a new process) and a WebDriver session on it. */
export async function openApp() {
  return remote({
    hostname: "127.0.0.1",
    port: Number(env("DRIVER_PORT")),
    logLevel: "warn",
    capabilities: {
      browserName: "wry",
      "wdio:enforceWebDriverClassic": true,
      "tauri:options": { application: env("APP") },
    },
  });
}

/** Runs `body` with a fresh app window; the app ends with the session. */
export async function withApp(body) {
  const browser = await openApp();
  try {
    return await body(browser);
  } finally {
    await browser.deleteSession();
  }
}

export const byTest = (browser, id) => browser.$(`[data-testid="${id}"]`);
export const allByTest = (browser, id) => browser.$$(`[data-testid="${id}"]`);

export async function textsOf(elements) {
  const texts = [];
  for (const element of elements) texts.push(await element.getText());
  return texts;
}

export async function click(browser, id) {
  const element = await byTest(browser, id);
  await element.waitForClickable({ timeout: TIMEOUT });
  await element.click();
}

export async function type(browser, id, text) {
  const element = await byTest(browser, id);
  await element.waitForDisplayed({ timeout: TIMEOUT });
  await element.setValue(text);
  // WebDriver's clear does not reach React: a re-render between clearing and typing (a sync
  // pass reloading the screen) puts a filled-in box's old value back, and the text lands
  // after it ("50" + "60"). Then type it again the way a person does.
  if ((await element.getValue()) !== text) {
    await clearByKeys(browser, element);
    await element.addValue(text);
  }
}

/** Empties a text box the way a person does (select all, Backspace), so the app sees input. */
export async function clearByKeys(browser, element) {
  await element.click();
  await browser.keys(["Control", "a"]);
  await browser.keys("Backspace");
}

export async function waitFor(browser, what, condition, timeout = TIMEOUT) {
  await browser.waitUntil(condition, { timeout, interval: 100, timeoutMsg: `timed out waiting for ${what}` });
}

let shots = null;
/** Saves a screenshot of the window as `<name>.png` in SHOTS. */
export async function shot(browser, name) {
  if (!shots) {
    shots = env("SHOTS");
    mkdirSync(shots, { recursive: true });
  }
  // WebKitWebDriver captures the last painted frame: let the page paint what is in the DOM.
  await browser.execute(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(true)))));
  await browser.saveScreenshot(join(shots, `${name}.png`));
  console.log(`  shot: ${name}.png`);
}

export function check(condition, message) {
  if (!condition) throw new Error(`check failed: ${message}`);
  console.log(`  ok: ${message}`);
}

/** The sync indicator's state (`synced`, `offline`, …), or null when it is not shown. */
export async function syncState(browser) {
  const el = await byTest(browser, "sync-indicator");
  return (await el.isExisting()) ? el.getAttribute("data-state") : null;
}

export async function waitForSync(browser, state, what, timeout = TIMEOUT) {
  await waitFor(browser, what ?? `the sync indicator to say ${state}`, async () => (await syncState(browser)) === state, timeout);
}

/** Opens a section from the sidebar. */
export async function nav(browser, section) {
  await click(browser, `nav-${section}`);
}

/** Waits for the list of the open screen to have a total matching `test`. */
export async function listTotal(browser, what, test) {
  const count = await byTest(browser, "list-count");
  let total = null;
  await waitFor(browser, what, async () => {
    const value = await count.getAttribute("data-total");
    total = value === null ? null : Number(value);
    return total !== null && test(total);
  });
  return total;
}

/** Texts of the timeline entries on the open record page. */
export async function timelineTexts(browser) {
  return textsOf(await allByTest(browser, "timeline-entry"));
}

/** True when the OS keychain (Secret Service) holds a Localspace token. */
export function keychainHasToken() {
  try {
    const out = execFileSync("secret-tool", ["search", "--all", "service", "Localspace"], { stdio: "pipe" }).toString();
    return out.includes("Localspace");
  } catch {
    return false;
  }
}
