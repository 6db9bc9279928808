/**
 * The TTL-after-finished controller (pkg/controller/ttlafterfinished): a finished Job with
 * ttlSecondsAfterFinished is deleted (with its pods, in the foreground) that many seconds after it finished.
 */
import type { Job } from 'kubernetes-types/batch/v1';
import { Controller } from '../../client/controller';
import { isNotFound } from '../../client/api-result';
import { splitKey } from '../../client/object-keys';
import type { ControllerContext } from '../controller-context';
import { JOBS } from '../history/resources';
import { nowMs, parseTime } from '../history/time';
import { jobFinishedCondition } from './job-util';

const CONTROLLER_NAME = 'ttl-after-finished-controller';

/** When a finished Job with a TTL expires (epoch ms), or undefined when it never does. */
export function jobExpiresAt(job: Job): number | undefined {
  const ttl = job.spec?.ttlSecondsAfterFinished;
  if (ttl == null || job.metadata?.deletionTimestamp) return undefined;
  const finished = jobFinishedCondition(job);
  if (!finished) return undefined;
  const finishAt = parseTime(finished.lastTransitionTime);
  if (Number.isNaN(finishAt)) return undefined;
  return finishAt + ttl * 1000;
}

export function newTTLAfterFinishedController(ctx: ControllerContext): Controller {
  const jobs = ctx.informers.informerFor<Job>(JOBS);
  const api = ctx.client.as(CONTROLLER_NAME).resource<Job>(JOBS);
  return new Controller(
    ctx.engine,
    CONTROLLER_NAME,
    {
      reconcile(key) {
        const { namespace, name } = splitKey(key);
        const cached = jobs.lister.namespace(namespace).get(name);
        if (!cached) return { note: 'job gone' };
        const expireAt = jobExpiresAt(cached);
        if (expireAt === undefined) return { note: 'no TTL to enforce' };
        const left = expireAt - nowMs(ctx.engine);
        if (left > 0) return { requeueAfter: left, note: `expires in ${Math.ceil(left / 1000)}s` };
        // Re-read fresh before deleting: the TTL may have been changed since the cache saw it.
        const fresh = api.get(namespace, name);
        if (!fresh.ok) return isNotFound(fresh.status) ? { note: 'job gone' } : { error: fresh.status.message };
        const freshExpiry = jobExpiresAt(fresh.value);
        if (freshExpiry === undefined) return { note: 'no TTL to enforce' };
        if (freshExpiry > nowMs(ctx.engine)) return { requeueAfter: freshExpiry - nowMs(ctx.engine) };
        const res = api.delete(namespace, name, { propagationPolicy: 'Foreground', preconditions: { uid: fresh.value.metadata?.uid } });
        if (!res.ok && !isNotFound(res.status)) return { error: res.status.message };
        return { note: `deleted expired job ${key}` };
      },
    },
    { decisionLog: ctx.decisions },
  ).watches(jobs, undefined, { update: (_old, cur) => jobFinishedCondition(cur) !== undefined && cur.spec?.ttlSecondsAfterFinished != null });
}
