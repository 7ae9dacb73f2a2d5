// The seeded demo account (a small sales team's records): search as you type, a record
// edit, the palette with folded diacritics, and a screenshot of every main screen.

import {
  allByTest, byTest, check, clearByKeys, click, listTotal, nav, shot, timelineTexts, type, waitFor, TIMEOUT,
} from "../lib/app.mjs";

async function openFirstRow(browser) {
  await (await allByTest(browser, "list-row"))[0].click();
  await (await byTest(browser, "record-title")).waitForDisplayed({ timeout: TIMEOUT });
  // The fields come with the kind's schema, a moment after the record.
  await waitFor(browser, "the record's fields", async () => (await browser.$$('[data-testid^="field-"]')).length > 0);
}

export async function tour(browser) {
  // People: the list, search as you type, a record page with an edit and a note.
  await nav(browser, "people");
  const total = await listTotal(browser, "the seeded people", (n) => n > 0);
  check(total >= 10, `the people list shows the seeded people (${total})`);
  await shot(browser, "40-people");
  const search = await byTest(browser, "list-search");
  await search.setValue("a");
  await listTotal(browser, "search results", (n) => n > 0 && n < total);
  check(true, "search as you type narrows the list");
  await shot(browser, "41-people-search");
  await clearByKeys(browser, search);
  await listTotal(browser, "the whole list again", (n) => n === total);
  await openFirstRow(browser);
  const city = await byTest(browser, "field-city");
  await type(browser, "field-city", "Łódź");
  await browser.keys("Enter");
  await waitFor(browser, "the city saved", async () => (await city.getValue()) === "Łódź");
  await (await byTest(browser, "note-input")).setValue("Spotkanie w Łodzi — oferta do piątku");
  await click(browser, "note-add");
  await waitFor(browser, "the note on the timeline", async () => (await timelineTexts(browser)).some((t) => t.includes("Spotkanie w Łodzi")));
  check(true, "a note lands on the timeline");
  await shot(browser, "42-person");

  await nav(browser, "companies");
  await listTotal(browser, "the seeded companies", (n) => n > 0);
  await shot(browser, "43-companies");
  await openFirstRow(browser);
  await shot(browser, "44-company");

  await nav(browser, "deals");
  await waitFor(browser, "the board", async () => (await allByTest(browser, "deal-card")).length > 1);
  await shot(browser, "45-deals-board");
  await click(browser, "view-list");
  await listTotal(browser, "the deals list", (n) => n > 0);
  await shot(browser, "46-deals-list");
  await openFirstRow(browser);
  await shot(browser, "47-deal");
  await nav(browser, "deals");
  await click(browser, "view-board");

  await nav(browser, "tasks");
  await (await byTest(browser, "tasks-tab-today")).waitForDisplayed({ timeout: TIMEOUT });
  await waitFor(browser, "the task counts", async () => (await (await byTest(browser, "tasks-count-today")).getText()) !== "");
  await shot(browser, "48-tasks");

  await nav(browser, "spaces");
  await listTotal(browser, "the spaces list", (n) => n >= 0);
  await shot(browser, "49-spaces");

  await nav(browser, "dashboard");
  await (await byTest(browser, "chart-by-stage")).waitForDisplayed({ timeout: TIMEOUT });
  await (await byTest(browser, "chart-forecast")).waitForDisplayed({ timeout: TIMEOUT });
  await shot(browser, "50-dashboard");

  await browser.keys(["Control", "k"]);
  const palette = await byTest(browser, "palette-input");
  await palette.waitForDisplayed({ timeout: TIMEOUT });
  await palette.setValue("lodz");
  await waitFor(browser, "palette hits", async () => (await allByTest(browser, "palette-hit")).length > 0);
  check(true, "Ctrl+K finds records with folded diacritics (lodz → Łódź)");
  await shot(browser, "51-palette");
  await browser.keys("Escape");

  await nav(browser, "settings");
  await click(browser, "settings-tab-profile");
  await (await byTest(browser, "language-select")).waitForDisplayed({ timeout: TIMEOUT });
  await shot(browser, "52-settings-profile");
  await click(browser, "settings-tab-coworkers");
  await waitFor(browser, "the coworkers", async () => (await allByTest(browser, "coworker-row")).length > 1);
  await shot(browser, "53-settings-coworkers");
  await click(browser, "settings-tab-pipelines");
  await (await byTest(browser, "pipeline-editor")).waitForDisplayed({ timeout: TIMEOUT });
  await shot(browser, "54-settings-pipelines");
  await click(browser, "settings-tab-fields");
  await (await byTest(browser, "customfield-new-label")).waitForDisplayed({ timeout: TIMEOUT });
  await shot(browser, "55-settings-fields");
  await click(browser, "settings-tab-data");
  await (await byTest(browser, "basic-export")).waitForDisplayed({ timeout: TIMEOUT });
  await shot(browser, "57-settings-data");

  await click(browser, "settings-tab-profile");
  const language = await byTest(browser, "language-select");
  await language.waitForDisplayed({ timeout: TIMEOUT });
  await language.selectByAttribute("value", "en");
  await waitFor(browser, "English labels", async () => (await (await byTest(browser, "nav-people")).getText()).includes("People"));
  await shot(browser, "56-settings-en");
}
