/**
 * Kubernetes Events, recorded as client-go's tools/record does for every component: a core/v1 Event named
 * `<object>.<hex nanoseconds>` about an involved object, with reason, message, source and counts.
 *
 * The EventCorrelator's behaviour is kept: an identical event (same source, object, type, reason, message) seen
 * again within 10 minutes increments `count` and `lastTimestamp` on the existing Event (a PATCH) instead of creating
 * a new one; more than 10 similar events (differing only in message) within 10 minutes collapse into one whose
 * message starts `(combined from similar events): `; and a token bucket per source+object (burst 25, one token per
 * 5 minutes) drops event spam, as upstream does.
 */
import type { ObjectReference } from 'kubernetes-types/core/v1';
import type { Engine } from '../engine';
import type { KubeClient, KubeObject } from '../client/rest-client';

export type EventType = 'Normal' | 'Warning';

const AGGREGATE_WINDOW_MS = 10 * 60_000;
const AGGREGATE_MAX_SIMILAR = 10;
const SPAM_BURST = 25;
const SPAM_REFILL_MS = 5 * 60_000;
const CACHE_LIMIT = 4096;

interface SeenEvent {
  name: string;
  namespace: string;
  count: number;
  firstTimestamp: string;
  lastSeenMs: number;
}

interface SimilarEvents {
  messages: Set<string>;
  firstMs: number;
}

interface Bucket {
  tokens: number;
  lastMs: number;
}

export interface EventSource {
  /** `deployment-controller`, `default-scheduler`, `kubelet`, `node-controller` … */
  component: string;
  /** The node, for kubelet events. */
  host?: string;
}

/**
 * One recorder per component (upstream: one EventBroadcaster per process, a recorder per controller). The
 * correlation caches are per recorder, as upstream's are per broadcaster.
 */
export class EventRecorder {
  private seen = new Map<string, SeenEvent>();
  private similar = new Map<string, SimilarEvents>();
  private buckets = new Map<string, Bucket>();

  constructor(
    private readonly engine: Engine,
    private readonly client: KubeClient,
    readonly source: EventSource,
  ) {}

  /** Records an event about `obj` (`Eventf`). */
  event(obj: KubeObject, type: EventType, reason: string, message: string, fieldPath?: string): void {
    const ref = referenceTo(obj, fieldPath);
    if (!ref) return;
    const nowMs = this.engine.now();
    const objectKey = `${ref.kind}/${ref.namespace ?? ''}/${ref.name}/${ref.uid ?? ''}`;
    if (!this.allow(`${this.source.component}/${this.source.host ?? ''}/${objectKey}`, nowMs)) return;

    // Aggregation: many similar events (same reason, differing message) become one combined event.
    const similarKey = `${this.source.component}/${objectKey}/${type}/${reason}`;
    let similar = this.similar.get(similarKey);
    if (!similar || nowMs - similar.firstMs > AGGREGATE_WINDOW_MS) {
      similar = { messages: new Set(), firstMs: nowMs };
      this.similar.set(similarKey, similar);
    }
    similar.messages.add(message);
    const effectiveMessage = similar.messages.size > AGGREGATE_MAX_SIMILAR ? `(combined from similar events): ${message}` : message;
    const dedupeKey = similar.messages.size > AGGREGATE_MAX_SIMILAR ? `${similarKey}/combined` : `${similarKey}/${message}`;

    const namespace = ref.namespace || 'default';
    const timestamp = this.engine.timestamp(nowMs);
    const events = this.client.resource({ group: '', version: 'v1', resource: 'events' });
    const prior = this.seen.get(dedupeKey);
    if (prior && nowMs - prior.lastSeenMs <= AGGREGATE_WINDOW_MS) {
      const count = prior.count + 1;
      const patched = events.patch(prior.namespace, prior.name, 'strategic', { count, lastTimestamp: timestamp, message: effectiveMessage });
      if (patched.ok) {
        this.seen.set(dedupeKey, { ...prior, count, lastSeenMs: nowMs });
        return;
      }
      // The old event is gone (expired or deleted): fall through and create a fresh one.
    }
    const name = `${ref.name}.${hexNanos(this.engine)}`;
    const created = events.create(namespace, {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace },
      involvedObject: ref,
      reason,
      message: effectiveMessage,
      source: this.source.host ? { component: this.source.component, host: this.source.host } : { component: this.source.component },
      firstTimestamp: timestamp,
      lastTimestamp: timestamp,
      count: 1,
      type,
      eventTime: null,
      reportingComponent: this.source.component,
      reportingInstance: this.source.host ?? '',
    } as KubeObject);
    if (created.ok) {
      if (this.seen.size > CACHE_LIMIT) this.seen.delete(this.seen.keys().next().value as string);
      this.seen.set(dedupeKey, { name, namespace, count: 1, firstTimestamp: timestamp, lastSeenMs: nowMs });
    }
  }

  /** The spam filter: a token bucket per source and object. */
  private allow(key: string, nowMs: number): boolean {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = { tokens: SPAM_BURST, lastMs: nowMs };
      this.buckets.set(key, bucket);
    }
    const refill = Math.floor((nowMs - bucket.lastMs) / SPAM_REFILL_MS);
    if (refill > 0) {
      bucket.tokens = Math.min(SPAM_BURST, bucket.tokens + refill);
      bucket.lastMs += refill * SPAM_REFILL_MS;
    }
    if (bucket.tokens <= 0) return false;
    bucket.tokens--;
    return true;
  }
}

/** An ObjectReference to `obj` (reference.GetReference). */
export function referenceTo(obj: KubeObject, fieldPath?: string): ObjectReference | undefined {
  const meta = obj.metadata;
  if (!meta?.name || !obj.kind) return undefined;
  const ref: ObjectReference = { kind: obj.kind, name: meta.name };
  if (meta.namespace) ref.namespace = meta.namespace;
  if (meta.uid) ref.uid = meta.uid;
  if (obj.apiVersion) ref.apiVersion = obj.apiVersion;
  if (meta.resourceVersion) ref.resourceVersion = meta.resourceVersion;
  if (fieldPath) ref.fieldPath = fieldPath;
  return ref;
}

/**
 * `%x` of UnixNano, as upstream names events. Sim time has millisecond resolution; the sub-millisecond digits come
 * from the seeded RNG, so names stay unique and runs stay repeatable.
 */
function hexNanos(engine: Engine): string {
  return (BigInt(engine.epochMs + engine.now()) * 1_000_000n + BigInt(engine.rng.int(1_000_000))).toString(16);
}
