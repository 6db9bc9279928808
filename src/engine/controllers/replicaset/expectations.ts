/**
 * ControllerExpectations (pkg/controller/controller_utils.go): what a controller has asked the apiserver to do
 * and not yet seen in its informer. While creations or deletions are outstanding, the controller does not act
 * on its (stale) cache again, so a burst of pod events never doubles a scale-up. Expectations expire after five
 * minutes in case a watch event is lost. Deletions are tracked by pod key (UIDTrackingControllerExpectations),
 * so only the deletions the controller asked for count.
 */
export const EXPECTATIONS_TIMEOUT_MS = 5 * 60_000;

interface Expectation {
  add: number;
  del: number;
  timestamp: number;
  /** Keys of the pods whose deletion is expected. */
  deleting: Set<string>;
}

export class ControllerExpectations {
  private items = new Map<string, Expectation>();

  constructor(private readonly now: () => number) {}

  /** True when the controller may sync `key`: nothing outstanding, nothing recorded, or the record expired. */
  satisfied(key: string): boolean {
    const e = this.items.get(key);
    if (!e) return true;
    if (e.add <= 0 && e.del <= 0) return true;
    return this.now() - e.timestamp > EXPECTATIONS_TIMEOUT_MS;
  }

  expectCreations(key: string, adds: number): void {
    this.items.set(key, { add: adds, del: 0, timestamp: this.now(), deleting: new Set() });
  }

  expectDeletions(key: string, podKeys: string[]): void {
    this.items.set(key, { add: 0, del: podKeys.length, timestamp: this.now(), deleting: new Set(podKeys) });
  }

  creationObserved(key: string): void {
    const e = this.items.get(key);
    if (e) e.add--;
  }

  /** A pod the controller meant to delete is gone (or going); others do not count. */
  deletionObserved(key: string, podKey: string): void {
    const e = this.items.get(key);
    if (!e || !e.deleting.delete(podKey)) return;
    e.del--;
  }

  delete(key: string): void {
    this.items.delete(key);
  }

  /** Outstanding counts, for the decision log and tests. */
  pending(key: string): { add: number; del: number } | undefined {
    const e = this.items.get(key);
    return e ? { add: e.add, del: e.del } : undefined;
  }
}
