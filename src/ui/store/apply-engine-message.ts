/**
 * The one place engine messages change UI state (like xyflow's applyNodeChanges): a pure function from the state
 * and a message to the fields that change. Unchanged slices keep their identity so selectors don't re-render.
 */
import type { EngineToUi, TrafficView } from '../../protocol/messages';
import type { EngineState, FeedLine } from './engine-slice';
import { narrate } from '../traffic/narrate';

/** How many narration lines the feed keeps. */
export const FEED_LIMIT = 500;

/** A GET answered 404 is how clients ask "does it exist?" (kubectl apply does it first), not a failure. */
function isFailure(t: TrafficView): boolean {
  const status = t.status ?? 0;
  return status >= 400 && !(status === 404 && t.verb === 'get');
}

let decisionSeq = 0;

export function applyEngineMessage(state: EngineState, message: EngineToUi): Partial<EngineState> {
  switch (message.type) {
    case 'ready':
      return {
        connected: true,
        error: undefined,
        components: message.components,
        sim: message.sim,
        objects: new Map(),
        feed: [],
        lastTraffic: [],
        droppedTraffic: 0,
        resources: message.resources,
        capabilities: message.capabilities,
      };
    case 'batch': {
      const next: Partial<EngineState> = { sim: message.sim };
      if (message.deltas.length > 0) {
        const objects = new Map(state.objects);
        let components = state.components;
        for (const d of message.deltas) {
          if (d.op === 'upsert') objects.set(d.object.key, d.object);
          else if (d.op === 'delete') objects.delete(d.key);
          else components = components.map((c) => (c.id === d.component.id ? d.component : c));
        }
        next.objects = objects;
        if (components !== state.components) next.components = components;
      }
      const decisions = message.decisions ?? [];
      if (message.traffic.length > 0 || message.droppedTraffic > 0 || decisions.length > 0) {
        const lines: FeedLine[] = message.traffic.map((t) => ({
          key: `t:${t.id}`,
          t: t.t,
          text: narrate(t),
          failed: isFailure(t),
          kind: 'traffic',
          trafficId: t.id,
          ...(t.detail ? { detail: true } : {}),
        }));
        for (const d of decisions) lines.push({ key: `d:${++decisionSeq}`, t: d.t, text: d.text, failed: d.error === true, kind: d.source });
        // Decisions and traffic of one batch interleave by sim time (stable: traffic first at equal times).
        lines.sort((a, b) => a.t - b.t);
        next.feed = [...state.feed, ...lines].slice(-FEED_LIMIT);
        if (message.traffic.length > 0 || message.droppedTraffic > 0) {
          next.lastTraffic = message.traffic;
          next.droppedTraffic = state.droppedTraffic + message.droppedTraffic;
        }
      }
      return next;
    }
    case 'error':
      return { error: message.message };
    default:
      return {};
  }
}
