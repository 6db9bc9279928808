/**
 * Dragging a node card onto the Failure zone: pointer tracking outside React Flow (node cards are not React Flow
 * draggable, so the layout keeps its places), a ghost that follows the pointer, and a drop test against the zone.
 */
import { create } from 'zustand';

export interface NodeDrag {
  node: string;
  x: number;
  y: number;
  /** The pointer is over the Failure zone. */
  over: boolean;
}

export const useNodeDrag = create<{ drag: NodeDrag | undefined }>(() => ({ drag: undefined }));

export const FAILURE_ZONE_ATTR = 'data-failure-zone';

function overFailureZone(x: number, y: number): boolean {
  const zone = document.querySelector(`[${FAILURE_ZONE_ATTR}]`);
  if (!zone) return false;
  const r = zone.getBoundingClientRect();
  return x >= r.left && x <= r.right && y >= r.top && y <= r.bottom;
}

/** Pixels the pointer must travel before a press becomes a drag (so clicks stay clicks). */
const DRAG_THRESHOLD = 5;

/** Call from a card's pointerdown; `onDrop` runs when the card is released over the Failure zone. */
export function beginNodeDrag(event: { clientX: number; clientY: number; button: number }, node: string, onDrop: (node: string) => void): void {
  if (event.button !== 0) return;
  const start = { x: event.clientX, y: event.clientY };
  let dragging = false;
  const move = (e: PointerEvent) => {
    if (!dragging && Math.hypot(e.clientX - start.x, e.clientY - start.y) < DRAG_THRESHOLD) return;
    dragging = true;
    useNodeDrag.setState({ drag: { node, x: e.clientX, y: e.clientY, over: overFailureZone(e.clientX, e.clientY) } });
  };
  const up = (e: PointerEvent) => {
    window.removeEventListener('pointermove', move);
    window.removeEventListener('pointerup', up);
    useNodeDrag.setState({ drag: undefined });
    if (dragging && overFailureZone(e.clientX, e.clientY)) onDrop(node);
  };
  window.addEventListener('pointermove', move);
  window.addEventListener('pointerup', up);
}
