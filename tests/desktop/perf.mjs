// Desktop performance run (`cargo xtask e2e --perf`): the app started on a replica of
// PEOPLE people (written by `localspace-demo --perf-replica`, signed in without a token, so
// it works offline and pushes nothing). Reports, does not assert:
//   - cold start: the app launched until the first list is painted, three launches
//     (`ls:cold-start` measures from the web view's time origin; the launch figure from the
//     moment the WebDriver session was asked for, so it includes starting the process);
//   - search as you type: a key typed in the people search box until the list for that
//     text is painted (`ls:search-keypress`, includes the box's 120 ms debounce) and from
//     the debounce to the paint (`ls:search-query`).
// The UI sets the marks (ui/src/app/perf.ts); this script reads them with browser.execute
// and writes PERF_OUT (JSON).

import { writeFileSync } from "node:fs";
import { byTest, clearByKeys, env, listTotal, openApp, shot, waitFor } from "./lib/app.mjs";

const PEOPLE = Number(env("PEOPLE"));
const LAUNCHES = 3;
const WORDS = ["kowal", "nowak", "wisn", "zielin", "lewan", "wojcik", "kam"];

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const percentile = (xs, p) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const round = (x) => Math.round(x * 10) / 10;

async function measures(browser, name) {
  return browser.execute((n) => performance.getEntriesByName(n, "measure").map((m) => m.duration), name);
}

async function coldStart() {
  const asked = Date.now();
  const browser = await openApp();
  await listTotal(browser, `${PEOPLE} people in the list`, (n) => n === PEOPLE);
  let timing = null;
  await waitFor(browser, "the first-list mark", async () => {
    timing = await browser.execute(() => {
      const mark = performance.getEntriesByName("ls:first-list", "mark")[0];
      return mark ? { inPage: mark.startTime, at: performance.timeOrigin + mark.startTime } : null;
    });
    return timing !== null;
  });
  return { browser, inPage: timing.inPage, launch: timing.at - asked };
}

async function searchAsYouType(browser) {
  const search = await byTest(browser, "list-search");
  for (const word of WORDS) {
    await clearByKeys(browser, search);
    await listTotal(browser, "the whole list", (n) => n === PEOPLE);
    for (const char of word) {
      const before = (await measures(browser, "ls:search-keypress")).length;
      await browser.keys(char);
      await waitFor(browser, `the list for a key in "${word}"`, async () => (await measures(browser, "ls:search-keypress")).length > before);
    }
  }
  await shot(browser, "perf-search");
  return {
    keypress: await measures(browser, "ls:search-keypress"),
    query: await measures(browser, "ls:search-query"),
    call: await measures(browser, "ls:list-call"),
    commit: await measures(browser, "ls:list-commit"),
    paint: await measures(browser, "ls:list-paint"),
  };
}

const inPage = [];
const launch = [];
let search = null;
try {
  for (let i = 0; i < LAUNCHES; i++) {
    const started = await coldStart();
    inPage.push(started.inPage);
    launch.push(started.launch);
    console.log(`  launch ${i + 1}: first list painted ${round(started.launch)} ms after launch (${round(started.inPage)} ms after page load)`);
    try {
      if (i === LAUNCHES - 1) {
        await shot(started.browser, "perf-people");
        search = await searchAsYouType(started.browser);
      }
    } finally {
      await started.browser.deleteSession();
    }
  }
  const result = {
    people: PEOPLE,
    cold_start_ms: round(median(launch)),
    cold_start_page_ms: round(median(inPage)),
    cold_start_first_ms: round(launch[0]),
    search_keypress_p50_ms: round(percentile(search.keypress, 50)),
    search_keypress_p95_ms: round(percentile(search.keypress, 95)),
    search_query_p50_ms: round(percentile(search.query, 50)),
    search_query_p95_ms: round(percentile(search.query, 95)),
    search_list_call_p50_ms: round(percentile(search.call, 50)),
    search_list_call_p95_ms: round(percentile(search.call, 95)),
    search_list_commit_p50_ms: round(percentile(search.commit, 50)),
    search_list_paint_p50_ms: round(percentile(search.paint, 50)),
    search_samples: search.keypress.length,
  };
  writeFileSync(env("PERF_OUT"), `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result, null, 2));
} catch (error) {
  console.error(`desktop perf failed: ${error.stack ?? error}`);
  process.exitCode = 1;
}
process.exit(process.exitCode ?? 0);
