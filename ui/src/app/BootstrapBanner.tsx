//! The first sync of a new device downloads every record: a progress bar while it runs.

import { useEffect, useState } from "react";
import type { Progress } from "../platform/contract";
import { useT } from "../i18n/I18n";
import { ProgressBar } from "../ui/ProgressBar";
import { usePlatform } from "./context";

export function BootstrapBanner() {
  const { t, number } = useT();
  const platform = usePlatform();
  const [progress, setProgress] = useState<Progress | null>(null);
  useEffect(() => {
    let hide: ReturnType<typeof setTimeout> | undefined;
    const stop = platform.onEvent((e) => {
      if (e.type !== "bootstrap") return;
      clearTimeout(hide);
      setProgress(e.progress);
      if (e.progress.total > 0 && e.progress.done >= e.progress.total) hide = setTimeout(() => setProgress(null), 1500);
    });
    return () => {
      stop();
      clearTimeout(hide);
    };
  }, [platform]);
  if (!progress) return null;
  return (
    <div className="banner">
      <ProgressBar
        testId="bootstrap-progress"
        done={progress.done}
        total={progress.total}
        label={`${t("bootstrap.title")} — ${t("bootstrap.progress", { done: number(progress.done), total: number(progress.total) })}`}
      />
    </div>
  );
}
