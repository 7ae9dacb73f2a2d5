// Offline and back: the server stops, the app keeps accepting edits and says it is
// offline; the server restarts (same data), the app pushes, and a second device signed in
// to the same account sees every record and every edit.

import {
  allByTest, byTest, check, click, listTotal, nav, shot, timelineTexts, type, waitFor, waitForSync, TIMEOUT,
} from "../lib/app.mjs";
import { secondDevice } from "../lib/device.mjs";
import { startServer, stopServer } from "../lib/server.mjs";

export async function workOffline(browser, r) {
  await stopServer();
  console.log("  (server stopped)");
  await nav(browser, "people");
  await listTotal(browser, "the people list", (n) => n === 1);
  await (await allByTest(browser, "list-row"))[0].click();
  const city = await byTest(browser, "field-city");
  await city.waitForDisplayed({ timeout: TIMEOUT });
  await city.setValue(r.offlineCity);
  await browser.keys("Enter");
  await type(browser, "note-input", r.offlineNote);
  await click(browser, "note-add");
  await waitFor(browser, "the offline note on the timeline", async () => (await timelineTexts(browser)).some((t) => t.includes(r.offlineNote)));
  check(true, "edits are accepted while the server is down");
  await waitForSync(browser, "offline", "the indicator to say offline");
  const indicator = await byTest(browser, "sync-indicator");
  await waitFor(browser, "the edits waiting", async () => /\d/.test(await indicator.getText()));
  check(true, `the sync indicator says offline with edits waiting ("${await indicator.getText()}")`);
  await shot(browser, "30-offline-indicator");
}

export async function backOnline(browser, r, account) {
  await startServer();
  console.log("  (server restarted)");
  // Offline, the loop backs off (up to 2 min); a click on the indicator syncs now.
  await click(browser, "sync-indicator");
  await waitForSync(browser, "synced", "the offline edits pushed", 60_000);
  check(true, "after the restart the indicator says synced");
  await shot(browser, "31-back-online");

  const records = secondDevice(account.email, account.password);
  const find = (kind, test) => records.find((x) => x.kind === kind && test(x));
  const person = find("person", (x) => x.last_name === r.lastName);
  check(person?.first_name === r.firstName && person?.company === r.company, "device 2: the person, linked to the company");
  check(person?.city === r.offlineCity, "device 2: the person's city edited offline");
  check(!!find("company", (x) => x.name === r.company && x.city === r.companyCity), "device 2: the company");
  check(find("deal", (x) => x.title === r.deal)?.stage === r.secondStage, "device 2: the deal in the stage it was dragged to");
  check(!!find("task", (x) => x.title === r.dealTask && x.links?.includes(r.deal)), "device 2: the task on the deal");
  check(!!find("task", (x) => x.title === r.task), "device 2: the task from the Tasks screen");
  check(!!find("activity", (x) => x.body === r.dealNote), "device 2: the note on the deal");
  check(!!find("activity", (x) => x.body === r.offlineNote), "device 2: the note typed offline");
}
