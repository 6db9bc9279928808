/**
 * The CronJob controller (pkg/controller/cronjob/cronjob_controllerv2.go, 1.32): at each scheduled time it creates
 * a Job named `<cronjob>-<scheduled time in minutes since the epoch>`, honouring concurrencyPolicy,
 * startingDeadlineSeconds and suspend, tracks the active Jobs and prunes finished ones beyond the history limits.
 * It re-queues itself for 100 ms after the next scheduled time on the virtual clock.
 */
import type { CronJob, Job } from 'kubernetes-types/batch/v1';
import type { ObjectReference } from 'kubernetes-types/core/v1';
import { Controller } from '../../client/controller';
import { enqueueForOwner } from '../../client/event-mappers';
import { CONTROLLER_UID_INDEX, controllerUidIndexFunc } from '../../client/indexer';
import { controllerRef, splitKey } from '../../client/object-keys';
import { isAlreadyExists, isNotFound } from '../../client/api-result';
import type { ReconcileResult } from '../../client/reconciler';
import type { EventRecorder } from '../../record/event-recorder';
import type { ControllerContext } from '../controller-context';
import { CRONJOBS, JOBS } from '../history/resources';
import { newControllerRef } from '../history/pods';
import { nowMs, parseTime } from '../history/time';
import { jobFinishedCondition } from '../job/job-util';
import { CronParseError, parseStandard, type Schedule } from './cron-schedule';
import { formatRFC1123Z, TimeZone } from './time-zone';

const CONTROLLER_NAME = 'cronjob-controller';
export const CRONJOB_SCHEDULED_TIMESTAMP_ANNOTATION = 'batch.kubernetes.io/cronjob-scheduled-timestamp';
/** nextScheduleDelta: sync a little after the scheduled instant. */
const NEXT_SCHEDULE_DELTA_MS = 100;
const TOO_MANY_MISSED = 100;

/** getJobName: `<cronjob>-<scheduled time in minutes since the epoch>`, deterministic so a run is created once. */
export function jobNameFor(cronJobName: string, scheduledEpochMs: number): string {
  return `${cronJobName}-${Math.floor(scheduledEpochMs / 60_000)}`;
}

/** formatSchedule: the schedule with the time zone folded in as `TZ=<zone>`. */
function formatSchedule(cj: CronJob, recorder: EventRecorder): string {
  const schedule = cj.spec!.schedule;
  if (schedule.includes('TZ')) {
    recorder.event(
      cj,
      'Warning',
      'UnsupportedSchedule',
      `CRON_TZ or TZ used in schedule ${JSON.stringify(schedule)} is not officially supported, see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/ for more details`,
    );
    return schedule;
  }
  if (cj.spec?.timeZone != null && TimeZone.load(cj.spec.timeZone)) return `TZ=${cj.spec.timeZone} ${schedule}`;
  return schedule;
}

interface MostRecent {
  /** The latest missed activation at or before now, if any. */
  mostRecent?: number;
  missed: number;
  earliest: number;
}

/** mostRecentScheduleTime: walks the activations between `earliest` and now. */
function mostRecentScheduleTime(earliest: number, now: number, sched: Schedule): MostRecent {
  let missed = 0;
  let mostRecent: number | undefined;
  for (let t = sched.next(earliest); t !== undefined && t <= now; t = sched.next(t)) {
    mostRecent = t;
    missed++;
    // Beyond a few thousand misses only the count's order of magnitude matters; skip ahead.
    if (missed > 10_000) {
      const last = mostRecentFromEnd(now, sched, t);
      if (last !== undefined) mostRecent = last;
      break;
    }
  }
  return { mostRecent, missed, earliest };
}

/** The last activation at or before `now`, searching back from it in growing windows. */
function mostRecentFromEnd(now: number, sched: Schedule, floor: number): number | undefined {
  for (let window = 60_000; window < 400 * 86_400_000; window *= 4) {
    const from = Math.max(floor, now - window);
    let last: number | undefined;
    for (let t = sched.next(from); t !== undefined && t <= now; t = sched.next(t)) last = t;
    if (last !== undefined) return last;
  }
  return undefined;
}

export function newCronJobController(ctx: ControllerContext): Controller {
  const cronJobs = ctx.informers.informerFor<CronJob>(CRONJOBS);
  const jobs = ctx.informers.informerFor<Job>(JOBS, { indexers: { [CONTROLLER_UID_INDEX]: controllerUidIndexFunc } });
  const client = ctx.client.as(CONTROLLER_NAME);
  const cronApi = client.resource<CronJob>(CRONJOBS);
  const jobsApi = client.resource<Job>(JOBS);
  const recorder = ctx.recorder(CONTROLLER_NAME);
  const now = () => nowMs(ctx.engine);

  const inActiveList = (cj: CronJob, uid: string | undefined) => (cj.status?.active ?? []).some((r) => r.uid === uid);
  const deleteFromActiveList = (cj: CronJob, uid: string | undefined) => {
    cj.status!.active = (cj.status!.active ?? []).filter((r) => r.uid !== uid);
  };

  /** deleteJob: background deletion, then out of the active list. */
  function deleteJob(cj: CronJob, job: Job): boolean {
    const res = jobsApi.delete(job.metadata!.namespace!, job.metadata!.name!, { propagationPolicy: 'Background' });
    if (!res.ok && !isNotFound(res.status)) {
      recorder.event(cj, 'Warning', 'FailedDelete', `Deleted job: ${res.status.message}`);
      return false;
    }
    deleteFromActiveList(cj, job.metadata?.uid);
    recorder.event(cj, 'Normal', 'SuccessfulDelete', `Deleted job ${job.metadata?.name}`);
    return true;
  }

  /** cleanupFinishedJobs: the oldest finished Jobs beyond the history limits go. */
  function cleanupFinishedJobs(cj: CronJob, owned: Job[]): boolean {
    const successful: Job[] = [];
    const failed: Job[] = [];
    for (const j of owned) {
      const c = jobFinishedCondition(j);
      if (c?.type === 'Complete') successful.push(j);
      else if (c?.type === 'Failed') failed.push(j);
    }
    let updated = false;
    const removeOldest = (list: Job[], limit: number | undefined) => {
      if (limit == null) return;
      const excess = list.length - limit;
      if (excess <= 0) return;
      const byStart = [...list].sort((a, b) => {
        const sa = parseTime(a.status?.startTime);
        const sb = parseTime(b.status?.startTime);
        if (Number.isNaN(sa) !== Number.isNaN(sb)) return Number.isNaN(sa) ? 1 : -1;
        return sa - sb || (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? '');
      });
      for (const j of byStart.slice(0, excess)) if (deleteJob(cj, j)) updated = true;
    };
    removeOldest(successful, cj.spec?.successfulJobsHistoryLimit);
    removeOldest(failed, cj.spec?.failedJobsHistoryLimit);
    return updated;
  }

  /** nextScheduleTimeDuration: how long until 100 ms past the next activation. */
  function nextScheduleDelay(cj: CronJob, sched: Schedule): number | undefined {
    const t = now();
    const earliest = parseTime(cj.status?.lastScheduleTime ?? cj.metadata?.creationTimestamp);
    const { mostRecent, missed } = mostRecentScheduleTime(earliest, t, sched);
    const from = mostRecent ?? (missed === 0 ? earliest : t);
    const next = sched.next(from);
    return next === undefined ? undefined : next + NEXT_SCHEDULE_DELTA_MS - t;
  }

  function syncCronJob(cj: CronJob, owned: Job[]): { requeueAfter?: number; updateStatus: boolean; error?: string; note?: string } {
    let updateStatus = false;
    const children = new Set<string>();
    for (const j of owned) {
      children.add(j.metadata!.uid!);
      const found = inActiveList(cj, j.metadata?.uid);
      const finished = jobFinishedCondition(j);
      if (!found && !finished) {
        const fresh = cronApi.get(cj.metadata!.namespace!, cj.metadata!.name!);
        if (fresh.ok && inActiveList(fresh.value, j.metadata?.uid)) continue;
        recorder.event(cj, 'Warning', 'UnexpectedJob', `Saw a job that the controller did not create or forgot: ${j.metadata?.name}`);
      } else if (found && finished) {
        deleteFromActiveList(cj, j.metadata?.uid);
        recorder.event(cj, 'Normal', 'SawCompletedJob', `Saw completed job: ${j.metadata?.name}, condition: ${finished.type}`);
        updateStatus = true;
      } else if (finished && finished.type === 'Complete' && j.status?.completionTime) {
        // A finished Job need not be active for its completion to count.
        const last = parseTime(cj.status?.lastSuccessfulTime);
        if (Number.isNaN(last) || parseTime(j.status.completionTime) > last) {
          cj.status!.lastSuccessfulTime = j.status.completionTime;
          updateStatus = true;
        }
      }
    }
    for (const ref of [...(cj.status?.active ?? [])]) {
      if (children.has(ref.uid ?? '')) continue;
      const got = jobsApi.get(ref.namespace ?? cj.metadata!.namespace!, ref.name ?? '');
      if (!got.ok && isNotFound(got.status)) {
        recorder.event(cj, 'Normal', 'MissingJob', `Active job went missing: ${ref.name}`);
        deleteFromActiveList(cj, ref.uid);
        updateStatus = true;
      } else if (!got.ok) return { updateStatus, error: got.status.message };
    }
    if (cj.metadata?.deletionTimestamp) return { updateStatus, note: 'cronjob being deleted' };
    if (cj.spec?.timeZone != null && !TimeZone.load(cj.spec.timeZone)) {
      recorder.event(cj, 'Warning', 'UnknownTimeZone', `invalid timeZone: ${JSON.stringify(cj.spec.timeZone)}: unknown time zone ${cj.spec.timeZone}`);
      return { updateStatus, note: 'unknown time zone' };
    }
    if (cj.spec?.suspend) return { updateStatus, note: 'suspended' };

    let sched: Schedule;
    try {
      sched = parseStandard(formatSchedule(cj, recorder));
    } catch (err) {
      const msg = err instanceof CronParseError ? err.message : String(err);
      recorder.event(cj, 'Warning', 'UnparseableSchedule', `unparseable schedule: ${JSON.stringify(cj.spec?.schedule)} : ${msg}`);
      return { updateStatus, note: 'unparseable schedule' };
    }

    // nextScheduleTime: the latest activation since the last one (or creation), within the starting deadline.
    const t = now();
    let earliest = parseTime(cj.status?.lastScheduleTime ?? cj.metadata?.creationTimestamp);
    const sds = cj.spec?.startingDeadlineSeconds;
    if (sds != null) earliest = Math.max(earliest, t - sds * 1000);
    const recent = mostRecentScheduleTime(earliest, t, sched);
    if (recent.missed > TOO_MANY_MISSED) {
      recorder.event(
        cj,
        'Warning',
        'TooManyMissedTimes',
        `too many missed start times: ${recent.missed}. Set or decrease .spec.startingDeadlineSeconds or check clock skew`,
      );
    }
    const scheduled = recent.mostRecent;
    if (scheduled === undefined) {
      if (sched.next(earliest) === undefined) {
        recorder.event(cj, 'Warning', 'InvalidSchedule', `invalid schedule: ${cj.spec?.schedule} : time difference between two schedules is less than 1 second`);
        return { updateStatus, note: 'schedule never fires' };
      }
      return { updateStatus, requeueAfter: nextScheduleDelay(cj, sched), note: 'no unmet start time' };
    }
    if (sds != null && scheduled + sds * 1000 < t) {
      recorder.event(cj, 'Warning', 'MissSchedule', `Missed scheduled time to start a job: ${formatRFC1123Z(scheduled)}`);
      return { updateStatus, requeueAfter: nextScheduleDelay(cj, sched), note: 'missed starting window' };
    }
    const name = jobNameFor(cj.metadata!.name!, scheduled);
    if ((cj.status?.active ?? []).some((r) => r.name === name) || parseTime(cj.status?.lastScheduleTime) === scheduled) {
      return { updateStatus, requeueAfter: nextScheduleDelay(cj, sched), note: 'scheduled time already processed' };
    }
    if (cj.spec?.concurrencyPolicy === 'Forbid' && (cj.status?.active?.length ?? 0) > 0) {
      recorder.event(cj, 'Normal', 'JobAlreadyActive', 'Not starting job because prior execution is running and concurrency policy is Forbid');
      return { updateStatus, requeueAfter: nextScheduleDelay(cj, sched), note: 'forbid: previous run still active' };
    }
    if (cj.spec?.concurrencyPolicy === 'Replace') {
      for (const ref of [...(cj.status?.active ?? [])]) {
        const got = jobsApi.get(ref.namespace ?? cj.metadata!.namespace!, ref.name ?? '');
        if (!got.ok) {
          recorder.event(cj, 'Warning', 'FailedGet', `Get job: ${got.status.message}`);
          return { updateStatus, error: got.status.message };
        }
        if (!deleteJob(cj, got.value)) return { updateStatus, error: `could not replace job ${ref.namespace}/${ref.name}` };
        updateStatus = true;
      }
    }

    const job = jobFromTemplate(cj, scheduled, sched.location);
    const created = jobsApi.create(cj.metadata!.namespace!, job);
    let jobResp: Job;
    if (created.ok) {
      jobResp = created.value;
      recorder.event(cj, 'Normal', 'SuccessfulCreate', `Created job ${jobResp.metadata?.name}`);
    } else if (isAlreadyExists(created.status)) {
      const got = jobsApi.get(cj.metadata!.namespace!, name);
      if (!got.ok) return { updateStatus, error: got.status.message };
      jobResp = got.value;
      const ref = controllerRef(jobResp);
      if (ref?.uid !== cj.metadata?.uid || inActiveList(cj, jobResp.metadata?.uid)) return { updateStatus, note: 'job already exists' };
    } else {
      recorder.event(cj, 'Warning', 'FailedCreate', `Error creating job: ${created.status.message}`);
      return { updateStatus, error: created.status.message };
    }
    const ref: ObjectReference = {
      kind: 'Job',
      namespace: jobResp.metadata?.namespace,
      name: jobResp.metadata?.name,
      uid: jobResp.metadata?.uid,
      apiVersion: 'batch/v1',
      resourceVersion: jobResp.metadata?.resourceVersion,
    };
    cj.status!.active = [...(cj.status!.active ?? []), ref];
    cj.status!.lastScheduleTime = ctx.engine.timestamp(scheduled - ctx.engine.epochMs);
    return { updateStatus: true, requeueAfter: nextScheduleDelay(cj, sched), note: `created job ${jobResp.metadata?.name}` };
  }

  function sync(key: string): ReconcileResult {
    const { namespace, name } = splitKey(key);
    const cached = cronJobs.lister.namespace(namespace).get(name);
    if (!cached) return { note: 'cronjob gone' };
    const owned = jobs.indexer.byIndex(CONTROLLER_UID_INDEX, cached.metadata!.uid!).filter((j) => j.metadata?.namespace === namespace);
    const cj = structuredClone(cached);
    cj.status ??= {};
    const cleaned = cleanupFinishedJobs(cj, owned);
    const r = syncCronJob(cj, owned);
    if (cleaned || r.updateStatus) {
      if (cj.status.active?.length === 0) delete cj.status.active;
      const res = cronApi.updateStatus(namespace, cj);
      if (!res.ok) return { error: res.status.message };
    }
    if (r.error) return { error: r.error };
    return r.requeueAfter !== undefined && r.requeueAfter > 0 ? { requeueAfter: r.requeueAfter, note: r.note } : { note: r.note };
  }

  return new Controller(ctx.engine, CONTROLLER_NAME, { reconcile: sync }, { decisionLog: ctx.decisions })
    .watches(cronJobs)
    .watches(jobs, enqueueForOwner<Job>('CronJob', 'batch/v1'));
}

/** getJobFromTemplate2: the Job for one scheduled run. */
function jobFromTemplate(cj: CronJob, scheduled: number, location: TimeZone): Job {
  const tpl = cj.spec!.jobTemplate;
  const annotations = { ...(tpl.metadata?.annotations ?? {}) };
  const zone = cj.spec?.timeZone != null ? (TimeZone.load(cj.spec.timeZone) ?? location) : location;
  annotations[CRONJOB_SCHEDULED_TIMESTAMP_ANNOTATION] = zone.formatRFC3339(scheduled);
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name: jobNameFor(cj.metadata!.name!, scheduled),
      labels: { ...(tpl.metadata?.labels ?? {}) },
      annotations,
      ownerReferences: [newControllerRef(cj, 'batch/v1', 'CronJob')],
    },
    spec: structuredClone(tpl.spec),
  };
}
