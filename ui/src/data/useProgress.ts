//! Follows the progress events of one long job (`export` or `import`) while it runs.

import { useEffect, useState } from "react";
import type { Progress } from "../platform/contract";
import { usePlatform } from "../app/context";

export function useProgress(type: "export" | "import", active: boolean): Progress | null {
  const platform = usePlatform();
  const [progress, setProgress] = useState<Progress | null>(null);
  useEffect(() => {
    if (!active) {
      setProgress(null);
      return;
    }
    return platform.onEvent((e) => {
      if (e.type === type) setProgress(e.progress);
    });
  }, [platform, type, active]);
  return progress;
}
