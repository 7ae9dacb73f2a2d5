// A new account's first records, all through the forms: a pipeline with two stages
// (Settings), a company, a person at that company, a deal; the deal dragged to the next
// stage on the board; a task and a note on the deal; a task from the Tasks screen.

import {
  allByTest, byTest, check, click, listTotal, nav, notificationsSent, shot, timelineTexts, type, waitFor, waitForSync, TIMEOUT,
} from "../lib/app.mjs";

async function recordPage(browser, title) {
  const heading = await byTest(browser, "record-title");
  await waitFor(browser, `the record page of ${title}`, async () => (await heading.isExisting()) && (await heading.getText()) === title);
}

export async function pipeline(browser, r) {
  await nav(browser, "settings");
  await click(browser, "settings-tab-pipelines");
  await type(browser, "pipeline-new-name", r.pipeline);
  await click(browser, "pipeline-add");
  await waitFor(browser, "the new pipeline", async () => (await allByTest(browser, "stage-row")).length === 1);
  await type(browser, "stage-new-name", r.secondStage);
  await type(browser, "stage-new-probability", "60");
  await click(browser, "stage-add");
  await waitFor(browser, "the second stage", async () => (await allByTest(browser, "stage-row")).length === 2);
  check(true, "a pipeline with two stages is set up in Settings");
  await shot(browser, "20-settings-pipelines");
}

export async function company(browser, r) {
  await nav(browser, "companies");
  await listTotal(browser, "the empty companies list", (n) => n === 0);
  await click(browser, "new-record");
  await type(browser, "create-name", r.company);
  await type(browser, "create-city", r.companyCity);
  await shot(browser, "10-company-form");
  await click(browser, "create-submit");
  await recordPage(browser, r.company);
  check(true, "a company is created through the form");
}

export async function person(browser, r) {
  await nav(browser, "people");
  await listTotal(browser, "the empty people list", (n) => n === 0);
  await click(browser, "new-record");
  await type(browser, "create-first_name", r.firstName);
  await type(browser, "create-last_name", r.lastName);
  await type(browser, "create-company", r.company.slice(0, 5));
  const option = await byTest(browser, "refpicker-option");
  await option.waitForDisplayed({ timeout: TIMEOUT });
  await option.click();
  await waitFor(browser, "the picked company", async () => (await (await byTest(browser, "create-company")).getValue()) === r.company);
  await click(browser, "create-submit");
  await recordPage(browser, `${r.firstName} ${r.lastName}`);
  check((await (await byTest(browser, "field-company")).getValue()) === r.company, "a person is created at the company through the form");
  await nav(browser, "people");
  await listTotal(browser, "the person in the list", (n) => n === 1);
  await shot(browser, "11-people-new-account");
}

export async function deal(browser, r) {
  await nav(browser, "deals");
  await waitFor(browser, "the board", async () => (await allByTest(browser, "board-column")).length === 2);
  await click(browser, "new-record");
  await type(browser, "create-title", r.deal);
  await type(browser, "create-value", r.dealValue);
  await click(browser, "create-submit");
  await recordPage(browser, r.deal);
  check(true, "a deal is created through the form");

  // On the board: the deal is in the first stage; drag it to the second.
  await nav(browser, "deals");
  await waitFor(browser, "the board again", async () => (await allByTest(browser, "board-column")).length === 2);
  const columns = await allByTest(browser, "board-column");
  const countOf = async (column) => Number(await (await column.$('[data-testid="stage-count"]')).getText());
  await waitFor(browser, "the deal on the board", async () => (await countOf(columns[0])) === 1);
  const card = await columns[0].$('[data-testid="deal-card"]');
  check((await card.getText()).includes(r.deal), "the new deal is in the first stage");
  await browser.action("pointer")
    .move({ origin: card })
    .down()
    .move({ origin: card, x: 20, y: 5 })
    .move({ origin: columns[1] })
    .up()
    .perform();
  await waitFor(browser, "the card in the second stage", async () => (await countOf(columns[1])) === 1);
  check((await countOf(columns[0])) === 0, "dragging the card moves the deal to the next stage");
  await shot(browser, "12-board-new-account");

  // A task and a note on the deal's page.
  await (await columns[1].$('[data-testid="deal-card"]')).click();
  await recordPage(browser, r.deal);
  await type(browser, "record-task-title", r.dealTask);
  await browser.keys("Enter");
  await waitFor(browser, "the task on the deal", async () => (await allByTest(browser, "task-row")).length === 1);
  await type(browser, "note-input", r.dealNote);
  await click(browser, "note-add");
  await waitFor(browser, "the note on the timeline", async () => (await timelineTexts(browser)).some((t) => t.includes(r.dealNote)));
  check(true, "a task and a note are added on the deal's page");
}

export async function task(browser, r) {
  await nav(browser, "tasks");
  await click(browser, "new-record");
  await type(browser, "create-title", r.task);
  await click(browser, "create-submit");
  await waitFor(browser, "the task due today", async () => {
    for (const row of await allByTest(browser, "task-row")) if ((await row.getText()).includes(r.task)) return true;
    return false;
  });
  check(true, "a task is added from the Tasks screen (due today)");
  // The reminder for a task due today reaches the desktop's notification service (D-Bus).
  await waitFor(browser, "the reminder notification", async () => notificationsSent().includes(r.task));
  check(true, "a reminder for the task due today is shown as a desktop notification");
  await waitForSync(browser, "synced", "everything pushed");
}
