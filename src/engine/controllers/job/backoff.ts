/**
 * The pod-failure back-off of a Job (backoff_utils.go): how many pods failed since the last success and when the
 * last failed. New pods wait 10 s × 2^(failures−1), capped, after that last failure.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import { parseTime } from '../history/time';

export interface BackoffRecord {
  failuresAfterLastSuccess: number;
  /** Epoch ms. */
  lastFailureTime?: number;
}

/** When a pod finished: its containers' last finishedAt, its Ready=False transition, its deletion, or now. */
export function finishedTime(pod: Pod, now: number): number {
  let latest = NaN;
  for (const s of [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])]) {
    const t = parseTime(s.state?.terminated?.finishedAt);
    if (!Number.isNaN(t) && (Number.isNaN(latest) || t > latest)) latest = t;
  }
  if (!Number.isNaN(latest)) return latest;
  const notReady = pod.status?.conditions?.find((c) => c.type === 'Ready' && c.status === 'False');
  const readyFalse = parseTime(notReady?.lastTransitionTime);
  if (!Number.isNaN(readyFalse)) return readyFalse;
  const deleted = parseTime(pod.metadata?.deletionTimestamp);
  return Number.isNaN(deleted) ? now : deleted;
}

export class BackoffStore {
  private records = new Map<string, BackoffRecord>();

  get(key: string): BackoffRecord {
    return this.records.get(key) ?? { failuresAfterLastSuccess: 0 };
  }

  update(key: string, record: BackoffRecord): void {
    this.records.set(key, record);
  }

  remove(key: string): void {
    this.records.delete(key);
  }

  /** newBackoffRecord: the stored record advanced by the pods that finished since the last sync. */
  next(key: string, newSucceeded: Pod[], newFailed: Pod[], now: number): BackoffRecord {
    const record = { ...this.get(key) };
    const byFinish = (pods: Pod[]) => pods.map((p) => finishedTime(p, now)).sort((a, b) => a - b);
    const failed = byFinish(newFailed);
    if (newSucceeded.length === 0) {
      if (failed.length === 0) return record;
      return { failuresAfterLastSuccess: record.failuresAfterLastSuccess + failed.length, lastFailureTime: failed[failed.length - 1] };
    }
    const succeeded = byFinish(newSucceeded);
    const lastSuccess = succeeded[succeeded.length - 1];
    const after = failed.filter((t) => t > lastSuccess);
    return after.length === 0 ? { failuresAfterLastSuccess: 0 } : { failuresAfterLastSuccess: after.length, lastFailureTime: after[after.length - 1] };
  }
}

/** getRemainingTimeForFailuresCount: how long new pods must still wait (0 when they may be created now). */
export function remainingBackoff(record: BackoffRecord, now: number, baseMs: number, maxMs: number): number {
  if (record.failuresAfterLastSuccess === 0 || record.lastFailureTime === undefined) return 0;
  let delay = baseMs;
  for (let i = 1; i < record.failuresAfterLastSuccess; i++) {
    delay *= 2;
    if (delay >= maxMs) {
      delay = maxMs;
      break;
    }
  }
  const elapsed = now - record.lastFailureTime;
  return delay < elapsed ? 0 : delay - elapsed;
}
