//! Toasts at the bottom: short confirmations, errors, and "Undo" after a delete.

import { useCallback, useRef, useState, type ReactNode } from "react";
import { ToastContext, type Toast } from "../app/context";
import { useT } from "../i18n/I18n";

export function Toasts({ children }: { children: ReactNode }) {
  const { t } = useT();
  const [toasts, setToasts] = useState<Toast[]>([]);
  const next = useRef(1);
  const dismiss = (id: number) => setToasts((ts) => ts.filter((x) => x.id !== id));
  const show = useCallback((toast: Omit<Toast, "id">) => {
    const id = next.current++;
    setToasts((ts) => [...ts.slice(-3), { ...toast, id }]);
    setTimeout(() => dismiss(id), toast.action ? 8000 : 4000);
  }, []);
  return (
    <ToastContext.Provider value={show}>
      {children}
      <div className="toasts" role="status" aria-live="polite">
        {toasts.map((x) => (
          <div key={x.id} className={`toast ${x.tone ?? "info"}`} data-testid="toast">
            <span>{x.text}</span>
            {x.action && (
              <button
                type="button"
                className="link-btn"
                data-testid="toast-action"
                onClick={() => {
                  x.action!.run();
                  dismiss(x.id);
                }}
              >
                {x.action.label}
              </button>
            )}
            <button type="button" className="icon-btn" aria-label={t("common.close")} onClick={() => dismiss(x.id)}>
              ×
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}
