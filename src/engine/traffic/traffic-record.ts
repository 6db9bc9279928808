/**
 * Everything that crosses the wire is recorded, so the UI can animate it and tests can assert on it.
 */
export interface TrafficRecord {
  /** Increasing id, unique within a run. */
  id: number;
  /** Sim time in milliseconds. */
  t: number;
  /** `request`: a client called the apiserver (or the apiserver called etcd); `watch`: a notification went out. */
  kind: 'request' | 'watch' | 'store';
  from: string;
  to: string;
  /** Kubernetes verb: get, list, watch, create, update, patch, delete, deletecollection; for watch events ADDED… */
  verb: string;
  method?: string;
  path?: string;
  group?: string;
  resource?: string;
  subresource?: string;
  namespace?: string;
  name?: string;
  /** HTTP status for requests. */
  status?: number;
  /** Status reason for failures (NotFound, Conflict, Invalid, …). */
  reason?: string;
}

export type TrafficListener = (record: TrafficRecord) => void;

/** A bounded log of traffic; listeners see each record as it happens. */
export class TrafficLog {
  private records: TrafficRecord[] = [];
  private nextId = 1;
  private listeners = new Set<TrafficListener>();

  constructor(private readonly capacity = 10_000) {}

  record(r: Omit<TrafficRecord, 'id'>): TrafficRecord {
    const full = { id: this.nextId++, ...r } as TrafficRecord;
    this.records.push(full);
    if (this.records.length > this.capacity * 1.5) this.records = this.records.slice(-this.capacity);
    for (const l of this.listeners) l(full);
    return full;
  }

  recent(limit = this.capacity): readonly TrafficRecord[] {
    return this.records.slice(-limit);
  }

  subscribe(listener: TrafficListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
