// Billing in the real window. An admin renews through Settings → Payments (12 months,
// 5 seats, CRM + automation), sees the quote line by line, pays with the test provider,
// finds the invoice under History and its e-mail with the PDF in the server's outbox, then
// schedules a downgrade for the end of the term. Then the server's clock moves past the
// end of a trial (`POST /dev/v1/clock`): the app of that account learns it on its next pass
// (nothing to send), shows the blocked banner with the day the trial ended and the day of
// deletion, turns its edit controls off and keeps its records.

import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  allByTest, byTest, check, click, env, listTotal, nav, shot, textsOf, type, waitFor, waitForSync, TIMEOUT,
} from "../lib/app.mjs";
import { serverUrl } from "../lib/server.mjs";

/** Text as shown, with the non-breaking spaces of amounts as plain spaces. */
const plain = (text) => text.replace(/\s+/g, " ");

/** Settings → Payments: renew, pay, the invoice in History and in the outbox. */
export async function renewInApp(browser, buyer) {
  await nav(browser, "settings");
  await click(browser, "settings-tab-payments");
  await (await byTest(browser, "payments-current")).waitForDisplayed({ timeout: TIMEOUT });
  const plan = await byTest(browser, "renew-plan");
  await plan.waitForDisplayed({ timeout: TIMEOUT });
  await plan.selectByAttribute("value", "crm_automation");
  // The trial's 5 seats and the 12-month term are the form's defaults; say so, then fill in
  // the buyer.
  check((await (await byTest(browser, "renew-seats")).getValue()) === "5", "the form offers the account's 5 seats");
  check((await (await byTest(browser, "renew-months")).getValue()) === "12", "the form offers a 12-month term");
  await type(browser, "renew-address", buyer.address);
  await type(browser, "renew-nip", buyer.nip);
  await type(browser, "renew-email", buyer.email);

  const quote = await byTest(browser, "quote");
  await quote.waitForDisplayed({ timeout: TIMEOUT });
  let lines = [];
  await waitFor(browser, "the quote for CRM + automation", async () => {
    lines = (await textsOf(await allByTest(browser, "quote-line"))).map(plain);
    return lines.length === 2 && /99[,.]00/.test(lines[0]) && lines[0].includes("× 5") && lines[0].includes("× 12");
  });
  // Polish or English amounts: 5 940,00 zł / PLN 5,940.00.
  check(/5[ ,]940[,.]00/.test(lines[0]), `the plan line shows its arithmetic ("${lines[0]}")`);
  check(lines[1].includes("10%") && /-(PLN )?594[,.]00/.test(lines[1]), `the 10% term discount is its own line ("${lines[1]}")`);
  const gross = plain(await (await byTest(browser, "quote-gross")).getText());
  check(/6[ ,]575[,.]58/.test(gross), `the quote totals 6 575,58 zł gross (${gross})`);
  await shot(browser, "40-payments-quote");

  await click(browser, "renew-pay");
  const outcome = await byTest(browser, "renew-outcome");
  await outcome.waitForDisplayed({ timeout: TIMEOUT });
  check((await outcome.getAttribute("data-status")) === "paid", "the test provider takes the payment");
  const number = (await outcome.getText()).match(/FV\/\d{4}\/\d{2}\/\d{4}/)?.[0];
  check(!!number, `the outcome names the VAT invoice (${number})`);
  await waitFor(browser, "the invoice in Payments → History", async () =>
    (await textsOf(await allByTest(browser, "invoice-row"))).some((row) => row.includes(number)),
  );
  const row = plain((await textsOf(await allByTest(browser, "invoice-row"))).find((r) => r.includes(number)));
  check(/6[ ,]575[,.]58/.test(row), `History lists ${number} with its gross (${row})`);
  await waitFor(browser, "the current plan to say CRM + automation", async () =>
    (await (await byTest(browser, "payments-current")).getText()).includes("automat"),
  );
  await shot(browser, "41-payments-paid");

  // The e-mail with the PDF, in the server's outbox (.eml files).
  const outbox = join(env("SERVER_DIR"), "outbox");
  const file = `${number.replaceAll("/", "-")}.pdf`;
  const mails = readdirSync(outbox)
    .map((name) => readFileSync(join(outbox, name), "utf8"))
    .filter((text) => text.includes(file));
  check(mails.length === 1, `one e-mail carries ${file}`);
  check(mails[0].includes(buyer.email), `it went to the invoice address ${buyer.email}`);
  check(mails[0].includes("Content-Type: application/pdf") && mails[0].includes("JVBERi0"), "the attachment is the PDF itself");
  return number;
}

/** The change form of a paid term: a downgrade is scheduled for the day after it. */
export async function scheduleDowngrade(browser) {
  const plan = await byTest(browser, "change-plan");
  await plan.waitForDisplayed({ timeout: TIMEOUT });
  await plan.selectByAttribute("value", "crm");
  await (await byTest(browser, "change-downgrade")).waitForDisplayed({ timeout: TIMEOUT });
  await click(browser, "change-submit");
  const outcome = await byTest(browser, "change-outcome");
  await outcome.waitForDisplayed({ timeout: TIMEOUT });
  check((await outcome.getAttribute("data-status")) === "scheduled", "a downgrade is scheduled, not charged");
  const scheduled = await byTest(browser, "payments-scheduled");
  await scheduled.waitForDisplayed({ timeout: TIMEOUT });
  check((await scheduled.getText()).includes("CRM"), `the plan shows the scheduled change ("${await scheduled.getText()}")`);
  check((await (await byTest(browser, "payments-current")).getText()).includes("automat"), "the paid plan stays until the term ends");
  await shot(browser, "42-payments-scheduled");
}

/**
 * An upload past the pooled quota is refused before any byte is sent, with the free space
 * in the window. The native picker answers `LOCALSPACE_PICK_FILE` in a debug app (xtask sets
 * it); the server counts 1,000 bytes per "GB" here (`lib/server.mjs`), so the paid 40 GB
 * are 40,000 bytes and a 64,000-byte file does not fit.
 */
export async function uploadOverQuota(browser) {
  writeFileSync(env("LOCALSPACE_PICK_FILE"), Buffer.alloc(64_000, 7));
  await nav(browser, "companies");
  await listTotal(browser, "the company", (n) => n === 1);
  await (await allByTest(browser, "list-row"))[0].click();
  await (await byTest(browser, "files-panel")).waitForDisplayed({ timeout: TIMEOUT });
  await click(browser, "file-attach");
  const refused = await byTest(browser, "quota-exceeded");
  await refused.waitForDisplayed({ timeout: TIMEOUT });
  const text = plain(await refused.getText());
  check(text.includes("over-quota.bin") && text.includes("64 kB") && text.includes("40 kB"), `the quota message names the file, its size and the free space ("${text}")`);
  check((await allByTest(browser, "file-row")).length === 0, "nothing was attached");
  await shot(browser, "43-quota-exceeded");
}

/** Moves the whole server's clock (dev builds only) and runs its lifecycle pass. */
async function advanceServerClock(days) {
  const answer = await fetch(`${serverUrl()}/dev/v1/clock`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ advance_days: days }),
  });
  if (!answer.ok) throw new Error(`POST /dev/v1/clock: ${answer.status} ${await answer.text()}`);
  return answer.json();
}

/** The account as the server has it now: a sign-in answers with it (a blocked account still
 *  signs in, to read, export and renew). */
async function serverAccount(email, password) {
  const answer = await fetch(`${serverUrl()}/api/v1/sessions`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password, device: "desktop E2E check" }),
  });
  if (!answer.ok) throw new Error(`POST /api/v1/sessions: ${answer.status} ${await answer.text()}`);
  return (await answer.json()).account;
}

/** Whether the element is turned off, also by a disabled fieldset around it. */
async function isOff(browser, id) {
  const el = await byTest(browser, id);
  await el.waitForExist({ timeout: TIMEOUT });
  return browser.execute((e) => e.matches(":disabled"), el);
}

/** The signed-in (demo) account is on its trial: move past its end and see the app blocked,
 *  saying since when and until when, with its edit controls turned off. */
export async function blockedAfterTrial(browser) {
  await nav(browser, "people");
  const before = await listTotal(browser, "the people list", (n) => n > 0);
  check(!(await isOff(browser, "new-record")), "New person is on before the trial ends");
  const moved = await advanceServerClock(15);
  check(moved.lifecycle_steps >= 1, `15 days on (${moved.now}) the lifecycle pass blocks the trial`);

  // The next pass learns it from the pull, with nothing to send: the app turns read-only.
  await click(browser, "sync-indicator");
  await waitForSync(browser, "blocked", "the indicator to say blocked");
  const banner = await byTest(browser, "blocked-banner");
  await banner.waitForDisplayed({ timeout: TIMEOUT });
  check(true, `the blocked banner shows ("${plain(await banner.getText())}")`);
  check(
    (await (await byTest(browser, "blocked-renew")).isExisting()) || (await (await byTest(browser, "blocked-contact")).isExisting()),
    "the banner offers renewal (admin) or says to contact the admin",
  );
  const indicator = await byTest(browser, "sync-indicator");
  check((await indicator.getAttribute("data-state")) === "blocked", `the indicator says the account is read-only ("${await indicator.getText()}")`);

  // The banner's days are the server's: the trial's last day and the deletion day.
  const account = await serverAccount(env("DEMO_EMAIL"), env("DEMO_PASSWORD"));
  check(
    account.status === "blocked" && account.paid_until === null && !!account.access_ended && !!account.deletion_on,
    `the server says the trial ended on ${account.access_ended} and deletes the account on ${account.deletion_on}`,
  );
  const title = await byTest(browser, "blocked-title");
  await waitFor(browser, "the banner to name the day the trial ended", async () => (await title.getAttribute("data-day")) === account.access_ended);
  check(/^(Okres próbny zakończył się|Your trial ended on) \d/.test(plain(await title.getText())), `the banner says the trial ended on ${account.access_ended} ("${plain(await title.getText())}")`);
  const deletion = await byTest(browser, "blocked-deletion");
  check(
    (await deletion.getAttribute("data-day")) === account.deletion_on && /\d{4}\.?\s*$/.test(plain(await deletion.getText())),
    `the banner says the data is deleted on ${account.deletion_on} unless a plan is bought ("${plain(await deletion.getText())}")`,
  );

  // Read-only, visibly: creating is off with a tooltip saying why; search and export stay.
  const create = await byTest(browser, "new-record");
  check(await isOff(browser, "new-record"), `New person is off ("${await create.getAttribute("title")}")`);
  check(await isOff(browser, "import-button"), "Import is off");
  check(!(await isOff(browser, "export-button")) && !(await isOff(browser, "list-search")), "search and Export stay on");
  await shot(browser, "61-blocked-people");
  // A record still opens and reads; its fields and the note box are off, so no note can be
  // typed to be refused.
  await (await allByTest(browser, "list-row"))[0].click();
  await (await byTest(browser, "record-title")).waitForDisplayed({ timeout: TIMEOUT });
  check((await isOff(browser, "note-input")) && (await isOff(browser, "note-add")), "the note box is off");
  check(await isOff(browser, "record-delete"), "Delete is off");
  // Text fields are read-only, not disabled: their text can be selected and copied.
  const city = await byTest(browser, "field-city");
  await city.waitForExist({ timeout: TIMEOUT });
  const selected = await browser.execute((e) => {
    e.focus();
    e.select();
    return { readOnly: e.readOnly, off: e.matches(":disabled"), chosen: e.value.substring(e.selectionStart, e.selectionEnd), value: e.value };
  }, city);
  check(selected.readOnly && !selected.off && selected.chosen === selected.value, `the city's text can be selected to copy ("${selected.chosen}")`);
  await shot(browser, "60-blocked-banner");
  await nav(browser, "people");
  await listTotal(browser, "the same people, still readable", (n) => n === before);
  check(true, `all ${before} people are still there to read`);
}
