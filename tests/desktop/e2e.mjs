// Desktop E2E: the real app (Tauri + WebKitGTK, driven through tauri-driver) against a real
// sync server seeded with a small demo account. Run by `cargo xtask e2e` (inside run.sh,
// which provides Xvfb, a D-Bus session and an unlocked Secret Service keychain).
//
// Environment: APP (the debug binary), DRIVER_PORT, SHOTS (screenshot folder),
// DEMO_EMAIL, DEMO_PASSWORD. The app's own environment (server URL, data dir) is given to
// tauri-driver by run.sh and reaches the app from there.

import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { remote } from "webdriverio";

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};
const SHOTS = env("SHOTS");
mkdirSync(SHOTS, { recursive: true });
const TIMEOUT = 30_000;

async function openApp() {
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

const byTest = (browser, id) => browser.$(`[data-testid="${id}"]`);
const allByTest = (browser, id) => browser.$$(`[data-testid="${id}"]`);

// One WebDriver command at a time: tauri-driver and WebKitWebDriver do not take concurrent
// commands (a Promise.all over elements ends the session).
async function textsOf(elements) {
  const texts = [];
  for (const element of elements) texts.push(await element.getText());
  return texts;
}

async function shot(browser, name) {
  await browser.saveScreenshot(join(SHOTS, `${name}.png`));
}

async function waitFor(browser, what, condition) {
  await browser.waitUntil(condition, { timeout: TIMEOUT, timeoutMsg: `timed out waiting for ${what}` });
}

async function syncState(browser) {
  const el = await byTest(browser, "sync-indicator");
  return (await el.isExisting()) ? el.getAttribute("data-state") : null;
}

function keychainHasToken() {
  try {
    execFileSync("secret-tool", ["search", "service", "Localspace"], { stdio: "pipe" });
    const out = execFileSync("secret-tool", ["search", "--all", "service", "Localspace"], { stdio: "pipe" }).toString();
    return out.includes("Localspace");
  } catch {
    return false;
  }
}

function check(condition, message) {
  if (!condition) throw new Error(`check failed: ${message}`);
  console.log(`  ok: ${message}`);
}

async function firstRun() {
  const browser = await openApp();
  try {
    // Sign in through the form.
    const email = await byTest(browser, "signin-email");
    await email.waitForDisplayed({ timeout: TIMEOUT });
    await shot(browser, "01-sign-in");
    await email.setValue(env("DEMO_EMAIL"));
    await (await byTest(browser, "signin-password")).setValue("wrong-password-1");
    await (await byTest(browser, "signin-submit")).click();
    const error = await byTest(browser, "form-error");
    await error.waitForDisplayed({ timeout: TIMEOUT });
    check((await error.getText()).length > 0, "a wrong password gives a clear error");
    await (await byTest(browser, "signin-password")).setValue(env("DEMO_PASSWORD"));
    await (await byTest(browser, "signin-submit")).click();
    await waitFor(browser, "the first sync", async () => (await syncState(browser)) === "synced");
    check(keychainHasToken(), "the session token is in the OS keychain");

    // People: the list, search as you type, a record page, an edit and a note.
    await (await byTest(browser, "nav-people")).click();
    const count = await byTest(browser, "list-count");
    await waitFor(browser, "people in the list", async () => Number(await count.getAttribute("data-total")) > 0);
    const total = Number(await count.getAttribute("data-total"));
    check(total >= 10, `the people list shows the seeded people (${total})`);
    await shot(browser, "02-people");
    const search = await byTest(browser, "list-search");
    await search.setValue("a");
    await waitFor(browser, "search results", async () => {
      const n = Number(await count.getAttribute("data-total"));
      return n > 0 && n < total;
    });
    check(true, "search as you type narrows the list");
    await search.clearValue();
    const firstRow = (await allByTest(browser, "list-row"))[0];
    await firstRow.click();
    const title = await byTest(browser, "record-title");
    await title.waitForDisplayed({ timeout: TIMEOUT });
    const city = await byTest(browser, "field-city");
    await city.clearValue();
    await city.setValue("Łódź");
    await browser.keys("Enter");
    await (await byTest(browser, "note-input")).setValue("Spotkanie w Łodzi — oferta do piątku");
    await (await byTest(browser, "note-add")).click();
    await waitFor(browser, "the note on the timeline", async () =>
      (await allByTest(browser, "timeline-entry")).length > 0);
    const texts = await textsOf(await allByTest(browser, "timeline-entry"));
    check(texts.some((t) => t.includes("Spotkanie w Łodzi")), "a note lands on the timeline");
    await shot(browser, "03-person");

    // Deals: drag a card to the next stage.
    await (await byTest(browser, "nav-deals")).click();
    await waitFor(browser, "the board", async () => (await allByTest(browser, "board-column")).length > 1);
    const columns = await allByTest(browser, "board-column");
    let from = null;
    for (const column of columns) {
      if ((await column.$$('[data-testid="deal-card"]')).length > 0) { from = column; break; }
    }
    check(from !== null, "the board shows deals");
    const stages = [];
    for (const column of columns) stages.push(await column.getAttribute("data-stage"));
    const fromIndex = stages.indexOf(await from.getAttribute("data-stage"));
    const to = columns[(fromIndex + 1) % columns.length];
    const countOf = async (column) => Number(await (await column.$('[data-testid="stage-count"]')).getText());
    const before = [await countOf(from), await countOf(to)];
    const card = (await from.$$('[data-testid="deal-card"]'))[0];
    await browser.action("pointer")
      .move({ origin: card })
      .down()
      .move({ origin: card, x: 20, y: 5 })
      .move({ origin: to })
      .up()
      .perform();
    await waitFor(browser, "the card in its new stage", async () => (await countOf(to)) === before[1] + 1);
    check((await countOf(from)) === before[0] - 1, "dragging a card moves the deal and the stage counts follow");
    await shot(browser, "04-board");

    // The dashboard and the palette.
    await (await byTest(browser, "nav-dashboard")).click();
    await (await byTest(browser, "chart-by-stage")).waitForDisplayed({ timeout: TIMEOUT });
    await (await byTest(browser, "chart-forecast")).waitForDisplayed({ timeout: TIMEOUT });
    await shot(browser, "05-dashboard");
    await browser.keys(["Control", "k"]);
    const palette = await byTest(browser, "palette-input");
    await palette.waitForDisplayed({ timeout: TIMEOUT });
    await palette.setValue("lodz");
    await waitFor(browser, "palette hits", async () => (await allByTest(browser, "palette-hit")).length > 0);
    check(true, "Ctrl+K finds records with folded diacritics (lodz → Łódź)");
    await shot(browser, "06-palette");
    await browser.keys("Escape");

    // Everything typed reached the server.
    await waitFor(browser, "everything pushed", async () => (await syncState(browser)) === "synced");

    // English.
    await (await byTest(browser, "nav-settings")).click();
    const language = await byTest(browser, "language-select");
    await language.selectByAttribute("value", "en");
    await waitFor(browser, "English labels", async () => (await (await byTest(browser, "nav-people")).getText()).includes("People"));
    await shot(browser, "07-settings-en");
  } finally {
    await browser.deleteSession();
  }
}

async function restartOfflineAndSignOut() {
  const browser = await openApp();
  try {
    // Signed in from the saved session and the keychain: no sign-in form.
    const people = await byTest(browser, "nav-people");
    await people.waitForDisplayed({ timeout: TIMEOUT });
    check(!(await (await byTest(browser, "signin-email")).isExisting()), "a restart stays signed in");
    await people.click();
    const count = await byTest(browser, "list-count");
    await waitFor(browser, "people after a restart", async () => Number(await count.getAttribute("data-total")) > 0);
    await (await byTest(browser, "nav-settings")).click();
    await (await byTest(browser, "signout")).click();
    await (await byTest(browser, "signin-email")).waitForDisplayed({ timeout: TIMEOUT });
    check(!keychainHasToken(), "sign-out removes the token from the keychain");
    await shot(browser, "08-signed-out");
  } finally {
    await browser.deleteSession();
  }
}

try {
  console.log("desktop E2E: first run");
  await firstRun();
  console.log("desktop E2E: restart, then sign out");
  await restartOfflineAndSignOut();
  console.log("desktop E2E: passed");
} catch (error) {
  console.error(`desktop E2E failed: ${error.stack ?? error}`);
  process.exit(1);
}
