//! Performance marks the desktop E2E reads through WebDriver (`performance.getEntriesByType`).
//! They only report; nothing in the app depends on them.
//!
//! - `ls:first-list` / `ls:cold-start`: the first list painted, measured from the web view's
//!   time origin (the page load).
//! - `ls:search-keypress`: a key typed in a list's search box until the list for that text is
//!   painted (includes the search box's debounce).
//! - `ls:search-query`: from the debounce handing the text to the list until it is painted
//!   (the query, the rows and the paint).
//! - `ls:list-call`: the `list` command of a search, from the call to its answer (the Rust
//!   query and the IPC both ways); then `ls:list-commit` (the answer until React committed
//!   the rows) and `ls:list-paint` (the commit until the frame after it).

let firstListDone = false;
let typed: { text: string; at: number } | null = null;
let applied: { text: string; at: number } | null = null;

/** After the browser has painted what the current render put on screen. */
function afterPaint(run: () => void) {
  requestAnimationFrame(() => setTimeout(run, 0));
}

function measure(name: string, start: number, end: number) {
  try {
    performance.measure(name, { start, end });
  } catch {
    // An engine without User Timing Level 3 options: nothing to report.
  }
}

/** A key typed in a list's search box; `text` is the box's new value. */
export function searchTyped(text: string) {
  typed = { text, at: performance.now() };
}

/** The debounced text reached the list's query. */
export function searchApplied(text: string | null) {
  applied = text === null ? null : { text, at: performance.now() };
}

/** A list's rows for the filter text `text` were committed to the screen. */
export function listShown(text: string | null) {
  const sinceTyped = typed;
  const sinceApplied = applied;
  const committed = performance.now();
  if (text !== null && answered !== null) measure("ls:list-commit", answered, committed);
  answered = null;
  afterPaint(() => {
    const end = performance.now();
    if (text !== null) measure("ls:list-paint", committed, end);
    if (!firstListDone) {
      firstListDone = true;
      performance.mark("ls:first-list", { startTime: end });
      measure("ls:cold-start", 0, end);
    }
    if (text === null) return;
    if (sinceTyped && sinceTyped.text === text) {
      measure("ls:search-keypress", sinceTyped.at, end);
      if (typed === sinceTyped) typed = null;
    }
    if (sinceApplied && sinceApplied.text === text) {
      measure("ls:search-query", sinceApplied.at, end);
      if (applied === sinceApplied) applied = null;
    }
  });
}

let answered: number | null = null;

/** A search's first `list` page was asked for at `start` and answered now. */
export function listAnswered(start: number) {
  answered = performance.now();
  measure("ls:list-call", start, answered);
}
