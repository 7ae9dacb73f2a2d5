//! A value the user edits in place, taken from what is stored: replaced when the stored value
//! changes (another device, a save), never when the component appears. Copying the stored
//! value in from an effect also ran once after the first paint, so anything typed before
//! that effect ran was overwritten (`useDraft.test.tsx` shows it).

import { useState, type Dispatch, type SetStateAction } from "react";

export function useDraft<T>(fromStored: () => T, storedKey: string): [T, Dispatch<SetStateAction<T>>] {
  const [draft, setDraft] = useState(fromStored);
  const [shown, setShown] = useState(storedKey);
  if (shown !== storedKey) {
    // Adjusting state while rendering: React renders again at once, before anything paints.
    setShown(storedKey);
    setDraft(fromStored());
  }
  return [draft, setDraft];
}
