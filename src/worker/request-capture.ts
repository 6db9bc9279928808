/**
 * Keeps what clients sent: the engine's traffic records carry no bodies, so the worker wraps the ApiEndpoint the
 * user-facing clients (kubectl, the editor's apply, the UI's actions) use and remembers the last N requests' verb,
 * path and body under the id of the traffic record the apiserver wrote for them.
 */
import type { ApiEndpoint, ApiRequest } from '../engine/apiserver/types';
import type { TrafficListener } from '../engine/traffic/traffic-record';
import type { RequestDetail } from '../protocol/messages';

export interface TrafficSource {
  subscribe(listener: TrafficListener): () => void;
}

export class RequestCapture {
  private details = new Map<number, RequestDetail>();
  private pending: ApiRequest | undefined;
  private readonly off: () => void;

  /** Subscribe before anyone who asks `has(id)` while the record is delivered (listeners run in order). */
  constructor(
    traffic: TrafficSource,
    readonly capacity = 200,
  ) {
    this.off = traffic.subscribe((r) => {
      const req = this.pending;
      if (!req || r.kind !== 'request' || r.from !== req.client) return;
      this.pending = undefined;
      const detail: RequestDetail = { trafficId: r.id, t: r.t, client: r.from, method: req.method, verb: r.verb, path: req.path, status: r.status ?? 0 };
      const query = definedEntries(req.query);
      if (query) detail.query = query;
      const contentType = req.headers?.['content-type'];
      if (contentType) detail.contentType = contentType;
      if (req.body !== undefined) detail.body = structuredClone(req.body);
      this.details.set(r.id, detail);
      if (this.details.size > this.capacity) this.details.delete(this.details.keys().next().value as number);
    });
  }

  /** The endpoint to hand a client: same behaviour, requests remembered. */
  wrap(api: ApiEndpoint): ApiEndpoint {
    return {
      request: (req) => {
        this.pending = req;
        try {
          return api.request(req);
        } finally {
          this.pending = undefined;
        }
      },
      watch: (req, onEvent, onClose) => api.watch(req, onEvent, onClose),
    };
  }

  has(trafficId: number): boolean {
    return this.details.has(trafficId);
  }

  get(trafficId: number): RequestDetail | undefined {
    return this.details.get(trafficId);
  }

  dispose(): void {
    this.off();
  }
}

function definedEntries(query: Record<string, string | undefined> | undefined): Record<string, string> | undefined {
  if (!query) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(query)) if (v !== undefined) out[k] = v;
  return Object.keys(out).length > 0 ? out : undefined;
}
