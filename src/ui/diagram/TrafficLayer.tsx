/**
 * Traffic as dots travelling between diagram places: client → apiserver for requests, apiserver → etcd for store
 * writes, apiserver → watcher for notifications. Dots are plain DOM elements moved by the Web Animations API,
 * outside React; the layer only subscribes to the store's latest traffic and caps what it draws.
 */
import { useEffect, useRef, type RefObject } from 'react';
import { ViewportPortal } from '@xyflow/react';
import type { TrafficView } from '../../protocol/messages';
import { useUiStore } from '../store/ui-store';
import type { Rect } from './layout';
import { rectFor } from './traffic-endpoints';

// Each moving dot repaints what it crosses; a few per frame tell the story without costing frames.
const MAX_PER_BATCH = 4;
const MAX_LIVE = 24;
const DURATION_MS = 700;

const centre = (r: Rect) => ({ x: r.x + r.width / 2, y: r.y + r.height / 2 });

export function TrafficLayer({ places }: { places: RefObject<ReadonlyMap<string, Rect>> }) {
  const layer = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const spawn = (traffic: TrafficView[]) => {
      const root = layer.current;
      if (!root || document.hidden) return;
      let budget = Math.min(MAX_PER_BATCH, MAX_LIVE - root.childElementCount);
      for (const t of traffic) {
        if (budget-- <= 0) break;
        const from = rectFor(t.from, places.current);
        const to = rectFor(t.to, places.current);
        if (!from || !to || from === to) continue;
        const a = centre(from);
        const b = centre(to);
        const dot = document.createElement('div');
        dot.className = `traffic-dot traffic-${t.kind}${(t.status ?? 0) >= 400 ? ' traffic-failed' : ''}`;
        root.appendChild(dot);
        const animation = dot.animate(
          [{ transform: `translate(${a.x}px, ${a.y}px)` }, { transform: `translate(${b.x}px, ${b.y}px)` }],
          { duration: DURATION_MS, easing: 'ease-in-out' },
        );
        animation.onfinish = () => dot.remove();
        animation.oncancel = () => dot.remove();
      }
    };
    return useUiStore.subscribe((s, prev) => {
      if (s.lastTraffic !== prev.lastTraffic) spawn(s.lastTraffic);
    });
  }, [places]);
  return (
    <ViewportPortal>
      <div ref={layer} className="traffic-layer" aria-hidden="true" />
    </ViewportPortal>
  );
}
