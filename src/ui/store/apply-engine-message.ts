/**
 * The one place engine messages change UI state (like xyflow's applyNodeChanges): a pure function from the state
 * and a message to the fields that change. Unchanged slices keep their identity so selectors don't re-render.
 */
import type { EngineToUi, TrafficView } from '../../protocol/messages';
import type { EngineState } from './engine-slice';
import { narrate } from '../traffic/narrate';

/** How many narrated traffic lines the feed keeps. */
export const FEED_LIMIT = 500;

/** A GET answered 404 is how clients ask "does it exist?" (kubectl apply does it first), not a failure. */
function isFailure(t: TrafficView): boolean {
  const status = t.status ?? 0;
  return status >= 400 && !(status === 404 && t.verb === 'get');
}

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
      if (message.traffic.length > 0 || message.droppedTraffic > 0) {
        const lines = message.traffic.map((t) => ({ id: t.id, t: t.t, text: narrate(t), failed: isFailure(t) }));
        next.feed = [...state.feed, ...lines].slice(-FEED_LIMIT);
        next.lastTraffic = message.traffic;
        next.droppedTraffic = state.droppedTraffic + message.droppedTraffic;
      }
      return next;
    }
    case 'error':
      return { error: message.message };
    default:
      return {};
  }
}
