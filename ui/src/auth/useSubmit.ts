//! Form submission with a busy flag and the error shown by its code.

import { useState } from "react";
import type { AppError } from "../platform/contract";
import { toAppError } from "../platform/types";

export function useSubmit() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const run = async (work: () => Promise<void>) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(toAppError(e));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, run };
}
