/**
 * Completion indexes of Indexed Jobs (indexed_job_utils.go): reading a pod's index, and sets of indexes kept as
 * ordered intervals whose text form is `.status.completedIndexes` — `1,3-5,7`.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import { JOB_COMPLETION_INDEX_ANNOTATION } from './constants';

export const UNKNOWN_COMPLETION_INDEX = -1;

/** getCompletionIndex: the annotation as a non-negative integer, or -1. */
export function completionIndex(pod: Pod): number {
  const v = pod.metadata?.annotations?.[JOB_COMPLETION_INDEX_ANNOTATION];
  if (v === undefined || !/^\d+$/.test(v)) return UNKNOWN_COMPLETION_INDEX;
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : UNKNOWN_COMPLETION_INDEX;
}

export interface Interval {
  first: number;
  last: number;
}

/** A set of indexes as sorted, disjoint, non-adjacent intervals (orderedIntervals). */
export class IndexSet {
  constructor(readonly intervals: Interval[] = []) {}

  static of(indexes: Iterable<number>): IndexSet {
    return new IndexSet().with([...indexes]);
  }

  /** parseIndexesFromString: `1,3-5` within [0, completions); malformed parts are skipped. */
  static parse(text: string | undefined | null, completions: number): IndexSet {
    const out: number[] = [];
    for (const part of (text ?? '').split(',')) {
      const m = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
      if (!m) continue;
      const first = Number(m[1]);
      const last = Math.min(m[2] === undefined ? first : Number(m[2]), completions - 1);
      for (let i = first; i <= last; i++) out.push(i);
    }
    return IndexSet.of(out);
  }

  /** withOrderedIndexes: this set plus the given indexes. */
  with(indexes: number[]): IndexSet {
    const all = new Set<number>(indexes);
    for (const { first, last } of this.intervals) for (let i = first; i <= last; i++) all.add(i);
    const sorted = [...all].sort((a, b) => a - b);
    const intervals: Interval[] = [];
    for (const i of sorted) {
      const lastInterval = intervals[intervals.length - 1];
      if (lastInterval && lastInterval.last + 1 === i) lastInterval.last = i;
      else intervals.push({ first: i, last: i });
    }
    return new IndexSet(intervals);
  }

  has(i: number): boolean {
    return this.intervals.some((iv) => iv.first <= i && i <= iv.last);
  }

  total(): number {
    return this.intervals.reduce((n, iv) => n + iv.last - iv.first + 1, 0);
  }

  toArray(): number[] {
    const out: number[] = [];
    for (const { first, last } of this.intervals) for (let i = first; i <= last; i++) out.push(i);
    return out;
  }

  toString(): string {
    return this.intervals.map((iv) => (iv.first === iv.last ? String(iv.first) : `${iv.first}-${iv.last}`)).join(',');
  }
}
