//! Dragging a card between columns with mouse events (mousedown, mousemove, mouseup), not
//! the HTML5 drag-and-drop API: WebDriver drives real mouse events, and WebKitGTK's
//! WebDriver does not synthesize HTML5 drag and drop.

import { useCallback, useEffect, useRef, useState } from "react";

/** Pixels the pointer must travel before a press becomes a drag (else it is a click). */
const THRESHOLD = 4;

export interface DragState {
  id: string;
  from: string;
  over: string | null;
  x: number;
  y: number;
  offsetX: number;
  offsetY: number;
  width: number;
}

/** The column under the pointer: the event's own target when it is inside a column, else
 *  the column whose box holds the point. */
function columnAt(e: MouseEvent): string | null {
  const hit = (e.target as Element | null)?.closest?.("[data-stage]");
  if (hit) return hit.getAttribute("data-stage");
  for (const col of document.querySelectorAll<HTMLElement>("[data-testid=board-column]")) {
    const r = col.getBoundingClientRect();
    if (e.clientX >= r.left && e.clientX <= r.right && e.clientY >= r.top && e.clientY <= r.bottom) return col.dataset.stage ?? null;
  }
  return null;
}

export function useCardDrag(onDrop: (id: string, from: string, to: string) => void) {
  const [drag, setDrag] = useState<DragState | null>(null);
  const pressed = useRef<{ id: string; from: string; x: number; y: number; el: HTMLElement } | null>(null);
  const dragging = useRef<DragState | null>(null);
  /** True right after a drag, so the click that follows mouseup does not open the card. */
  const justDragged = useRef(false);
  const drop = useRef(onDrop);
  drop.current = onDrop;

  useEffect(() => {
    const move = (e: MouseEvent) => {
      const p = pressed.current;
      if (!p) return;
      if (!dragging.current) {
        if (Math.abs(e.clientX - p.x) < THRESHOLD && Math.abs(e.clientY - p.y) < THRESHOLD) return;
        const r = p.el.getBoundingClientRect();
        dragging.current = { id: p.id, from: p.from, over: p.from, x: e.clientX, y: e.clientY, offsetX: p.x - r.left, offsetY: p.y - r.top, width: r.width || 240 };
        document.body.classList.add("dragging");
      }
      e.preventDefault();
      dragging.current = { ...dragging.current, x: e.clientX, y: e.clientY, over: columnAt(e) ?? dragging.current.over };
      setDrag(dragging.current);
    };
    const up = (e: MouseEvent) => {
      const d = dragging.current;
      pressed.current = null;
      dragging.current = null;
      document.body.classList.remove("dragging");
      if (!d) return;
      justDragged.current = true;
      setTimeout(() => (justDragged.current = false), 0);
      const to = columnAt(e) ?? d.over;
      setDrag(null);
      if (to && to !== d.from) drop.current(d.id, d.from, to);
    };
    window.addEventListener("mousemove", move);
    window.addEventListener("mouseup", up);
    return () => {
      window.removeEventListener("mousemove", move);
      window.removeEventListener("mouseup", up);
    };
  }, []);

  const onMouseDown = useCallback((e: React.MouseEvent<HTMLElement>, id: string, from: string) => {
    if (e.button !== 0) return;
    pressed.current = { id, from, x: e.clientX, y: e.clientY, el: e.currentTarget };
    // Keep the text from being selected while dragging.
    e.preventDefault();
    e.currentTarget.focus();
  }, []);

  return { drag, onMouseDown, wasDrag: () => justDragged.current };
}
