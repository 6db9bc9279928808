/**
 * The EndpointSliceTracker: remembers the resourceVersion of every slice this controller wrote, so a reconcile
 * that runs before the informer has seen its own writes knows its cache is stale (and retries) instead of
 * creating duplicate slices.
 */
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';

const DELETED = -1;

const rvOf = (s: EndpointSlice) => Number(s.metadata?.resourceVersion ?? 0);

export class EndpointSliceTracker {
  private readonly byService = new Map<string, Map<string, number>>();

  /** Records a slice as written (created or updated) with the version the server returned. */
  written(serviceKey: string, slice: EndpointSlice): void {
    this.slices(serviceKey).set(slice.metadata!.name!, rvOf(slice));
  }

  expectDeletion(serviceKey: string, sliceName: string): void {
    this.slices(serviceKey).set(sliceName, DELETED);
  }

  deleteService(serviceKey: string): void {
    this.byService.delete(serviceKey);
  }

  /** True when the cache lacks a slice we wrote, holds an older version, or still holds one we deleted. */
  stale(serviceKey: string, cached: readonly EndpointSlice[]): boolean {
    const expected = this.byService.get(serviceKey);
    if (!expected) return false;
    const byName = new Map(cached.map((s) => [s.metadata!.name!, s]));
    for (const [name, rv] of expected) {
      const seen = byName.get(name);
      if (rv === DELETED) {
        if (seen) return true;
        expected.delete(name);
      } else if (!seen || rvOf(seen) < rv) {
        return true;
      }
    }
    return false;
  }

  private slices(serviceKey: string): Map<string, number> {
    let m = this.byService.get(serviceKey);
    if (!m) this.byService.set(serviceKey, (m = new Map()));
    return m;
  }
}
