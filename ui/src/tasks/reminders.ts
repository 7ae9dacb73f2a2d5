//! Reminders: a desktop notification for each task due today, once per day per task. What
//! was shown is remembered on this device, so a restart does not repeat it.

import { useEffect } from "react";
import { usePlatform } from "../app/context";
import { useRecordsChanged } from "../app/useData";
import { useT } from "../i18n/I18n";
import { todayIso } from "../i18n/format";

const KEY = "localspace.reminded";
/** How often the app looks again (a day may roll over while it is open). */
const EVERY_MS = 10 * 60 * 1000;

function shown(day: string): Set<string> {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? "{}") as { day?: string; ids?: string[] };
    return new Set(saved.day === day ? saved.ids ?? [] : []);
  } catch {
    return new Set();
  }
}

export function useTaskReminders(me: string) {
  const platform = usePlatform();
  const { t } = useT();
  const check = () => {
    const day = todayIso();
    platform.invoke("tasks", { bucket: "today", assignee: me, limit: 200 }).then(
      (r) => {
        const done = shown(day);
        let changed = false;
        for (const task of r.tasks) {
          if (done.has(task.id) || task.done) continue;
          platform.notify(t("tasks.reminderTitle"), task.title ?? "");
          done.add(task.id);
          changed = true;
        }
        if (changed) localStorage.setItem(KEY, JSON.stringify({ day, ids: [...done] }));
      },
      () => {},
    );
  };
  useEffect(() => {
    check();
    const timer = setInterval(check, EVERY_MS);
    return () => clearInterval(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [platform, me]);
  useRecordsChanged(["task"], check);
}
