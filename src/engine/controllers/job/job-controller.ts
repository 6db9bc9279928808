/**
 * The Job controller (pkg/controller/job/job_controller.go, 1.32): runs pods from the Job's template until
 * enough succeed, retrying failures with exponential back-off up to backoffLimit, within activeDeadlineSeconds.
 *
 * Pods carry the `batch.kubernetes.io/job-tracking` finalizer so none is forgotten: a finished pod's UID is first
 * written to `.status.uncountedTerminatedPods`, then its finalizer is removed, then it is moved into the
 * succeeded/failed counters. Terminal conditions come in two steps (JobManagedBy/JobPodReplacementPolicy are on in
 * 1.32): `SuccessCriteriaMet` or `FailureTarget` first, `Complete` or `Failed` once no pod is left terminating.
 */
import type { Job, JobCondition } from 'kubernetes-types/batch/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import { Controller } from '../../client/controller';
import { CONTROLLER_UID_INDEX, controllerUidIndexFunc } from '../../client/indexer';
import { controllerRef, splitKey, unwrapTombstone } from '../../client/object-keys';
import { isNotFound } from '../../client/api-result';
import type { ReconcileResult } from '../../client/reconciler';
import type { ControllerContext } from '../controller-context';
import { JOBS, PODS } from '../history/resources';
import { compareActivePodsForDeletion, isPodActive, isPodReady, isPodTerminating, newControllerRef, podFromTemplate } from '../history/pods';
import { nowMs, parseTime } from '../history/time';
import { BackoffStore, remainingBackoff, type BackoffRecord } from './backoff';
import {
  DEFAULT_JOB_POD_FAILURE_BACKOFF_MS,
  JOB_COMPLETION_INDEX_ANNOTATION,
  JOB_COMPLETION_INDEX_ENV,
  JOB_COMPLETION_INDEX_LABEL,
  JOB_TRACKING_FINALIZER,
  JobConditionType,
  JobReason,
  MAX_JOB_POD_FAILURE_BACKOFF_MS,
  MAX_UNCOUNTED_PODS,
  SYNC_JOB_BATCH_PERIOD_MS,
} from './constants';
import { completionIndex, IndexSet, UNKNOWN_COMPLETION_INDEX } from './indexes';
import { matchPodFailurePolicy } from './pod-failure-policy';
import { matchSuccessPolicy } from './success-policy';
import { isJobFinished, jobFinishedCondition } from './job-util';

const CONTROLLER_NAME = 'job-controller';
const ORPHAN_PREFIX = 'orphan-pod:';

interface SyncContext {
  job: Job;
  pods: Pod[];
  activePods: Pod[];
  ready: number;
  terminating: number;
  succeeded: number;
  failed: number;
  uncountedSucceeded: Set<string>;
  uncountedFailed: Set<string>;
  finishedCondition?: JobCondition;
  newBackoffRecord: BackoffRecord;
  prevSucceededIndexes: IndexSet;
  succeededIndexes: IndexSet;
}

export const hasTrackingFinalizer = (pod: Pod) => pod.metadata?.finalizers?.includes(JOB_TRACKING_FINALIZER) ?? false;
const jobSuspended = (job: Job) => job.spec?.suspend === true;
const isIndexedJob = (job: Job) => job.spec?.completionMode === 'Indexed';
/** podReplacementPolicy Failed: a replacement waits until the old pod has fully failed. */
const onlyReplaceFailedPods = (job: Job) => job.spec?.podReplacementPolicy === 'Failed' || !!job.spec?.podFailurePolicy;

/** isPodFailed: Failed, or (unless only failed pods are replaced) deleted before succeeding. */
function isPodFailed(pod: Pod, job: Job): boolean {
  if (pod.status?.phase === 'Failed') return true;
  if (onlyReplaceFailedPods(job)) return false;
  return !!pod.metadata?.deletionTimestamp && pod.status?.phase !== 'Succeeded';
}

function newCondition(type: string, status: string, reason: string, message: string, now: string): JobCondition {
  return { type, status, reason, message, lastProbeTime: now, lastTransitionTime: now };
}

/** ensureJobConditionStatus: sets an existing condition, or adds it when it should be True. */
function ensureCondition(job: Job, type: string, status: string, reason: string, message: string, now: string): boolean {
  const conditions = (job.status!.conditions ??= []);
  const existing = conditions.find((c) => c.type === type);
  if (existing) {
    if (existing.status === status && existing.reason === reason && existing.message === message) return false;
    Object.assign(existing, newCondition(type, status, reason, message, now));
    return true;
  }
  if (status !== 'True') return false;
  conditions.push(newCondition(type, status, reason, message, now));
  return true;
}

export function newJobController(ctx: ControllerContext): Controller {
  const jobsInformer = ctx.informers.informerFor<Job>(JOBS);
  const podsInformer = ctx.informers.informerFor<Pod>(PODS, { indexers: { [CONTROLLER_UID_INDEX]: controllerUidIndexFunc } });
  const client = ctx.client.as(CONTROLLER_NAME);
  const jobsApi = client.resource<Job>(JOBS);
  const podsApi = client.resource<Pod>(PODS);
  const recorder = ctx.recorder(CONTROLLER_NAME);
  const backoffStore = new BackoffStore();
  const now = () => nowMs(ctx.engine);
  const timestamp = () => ctx.engine.timestamp();

  // ---------------------------------------------------------------------------------------------------------
  // Pod control: creations and deletions, with the events upstream's RealPodControl records.

  function createPod(job: Job, pod: Pod): string | undefined {
    const res = podsApi.create(job.metadata!.namespace!, pod);
    if (!res.ok) {
      recorder.event(job, 'Warning', 'FailedCreate', `Error creating: ${res.status.message}`);
      return res.status.message;
    }
    recorder.event(job, 'Normal', 'SuccessfulCreate', `Created pod: ${res.value.metadata?.name}`);
    return undefined;
  }

  function deletePod(job: Job, pod: Pod): boolean {
    const res = podsApi.delete(pod.metadata!.namespace!, pod.metadata!.name!);
    if (!res.ok) {
      if (isNotFound(res.status)) return true;
      recorder.event(job, 'Warning', 'FailedDelete', `Error deleting: ${res.status.message}`);
      return false;
    }
    recorder.event(job, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata!.name}`);
    return true;
  }

  function removeTrackingFinalizer(pod: Pod): boolean {
    if (!hasTrackingFinalizer(pod)) return true;
    const res = podsApi.patch(pod.metadata!.namespace!, pod.metadata!.name!, 'strategic', {
      metadata: { [`$deleteFromPrimitiveList/finalizers`]: [JOB_TRACKING_FINALIZER] },
    });
    return res.ok || isNotFound(res.status);
  }

  // ---------------------------------------------------------------------------------------------------------

  function podsForJob(job: Job): Pod[] {
    // Pods this Job controls (adoption of orphans matching the selector is not simulated).
    return podsInformer.indexer.byIndex(CONTROLLER_UID_INDEX, job.metadata!.uid!).filter((p) => p.metadata?.namespace === job.metadata?.namespace);
  }

  function updateStatus(job: Job): { job?: Job; error?: string } {
    const res = jobsApi.updateStatus(job.metadata!.namespace!, withoutEmptyLists(job));
    return res.ok ? { job: res.value } : { error: res.status.message };
  }

  /** getNewFinishedPods: finished pods still holding the finalizer and not yet in uncountedTerminatedPods. */
  function newFinishedPods(c: SyncContext): { succeeded: Pod[]; failed: Pod[] } {
    const succeeded: Pod[] = [];
    const failed: Pod[] = [];
    for (const p of c.pods) {
      if (!hasTrackingFinalizer(p)) continue;
      const uid = p.metadata!.uid!;
      if (p.status?.phase === 'Succeeded' && !c.uncountedSucceeded.has(uid)) succeeded.push(p);
      else if (isPodFailed(p, c.job) && !c.uncountedFailed.has(uid) && p.status?.phase !== 'Succeeded') failed.push(p);
    }
    return { succeeded, failed };
  }

  function pastActiveDeadline(job: Job): boolean {
    const ads = job.spec?.activeDeadlineSeconds;
    if (ads == null || !job.status?.startTime || jobSuspended(job)) return false;
    return now() - parseTime(job.status.startTime) >= ads * 1000;
  }

  /** pastBackoffLimitOnFailure: restartPolicy OnFailure counts container restarts instead of failed pods. */
  function pastBackoffLimitOnFailure(job: Job, pods: Pod[]): boolean {
    if (job.spec?.template?.spec?.restartPolicy !== 'OnFailure') return false;
    let restarts = 0;
    for (const p of pods) {
      if (p.status?.phase !== 'Running' && p.status?.phase !== 'Pending') continue;
      for (const s of [...(p.status?.initContainerStatuses ?? []), ...(p.status?.containerStatuses ?? [])]) restarts += s.restartCount ?? 0;
    }
    const limit = job.spec?.backoffLimit ?? 6;
    return limit === 0 ? restarts > 0 : restarts >= limit;
  }

  /** The failure condition: FailureTarget first in 1.32 (delayTerminalCondition), Failed after the pods are gone. */
  const failureCondition = (reason: string, message: string) => newCondition(JobConditionType.FailureTarget, 'True', reason, message, timestamp());
  const successCondition = () => newCondition(JobConditionType.SuccessCriteriaMet, 'True', JobReason.CompletionsReached, 'Reached expected number of succeeded pods', timestamp());

  /** firstPendingIndexes: the lowest indexes neither succeeded nor being worked on. */
  function firstPendingIndexes(c: SyncContext, count: number, completions: number): number[] {
    const active = new Set(c.activePods.map(completionIndex));
    const out: number[] = [];
    for (let i = 0; i < completions && out.length < count; i++) if (!c.succeededIndexes.has(i) && !active.has(i)) out.push(i);
    return out;
  }

  /** activePodsForRemoval: for Indexed Jobs, duplicate and out-of-range indexes go first. */
  function activePodsForRemoval(job: Job, pods: Pod[], atLeast: number): Pod[] {
    const chosen: Pod[] = [];
    let rest = [...pods];
    if (isIndexedJob(job)) {
      const completions = job.spec?.completions ?? 0;
      const seen = new Set<number>();
      rest = [];
      for (const p of [...pods].sort((a, b) => completionIndex(a) - completionIndex(b))) {
        const ix = completionIndex(p);
        if (ix === UNKNOWN_COMPLETION_INDEX || ix >= completions || seen.has(ix)) chosen.push(p);
        else {
          seen.add(ix);
          rest.push(p);
        }
      }
    }
    rest.sort(compareActivePodsForDeletion);
    while (chosen.length < atLeast && rest.length > 0) chosen.push(rest.shift()!);
    return chosen;
  }

  /** deleteJobPods: finalizer first, then the pod. Returns how many (and how many ready) went. */
  function deleteJobPods(job: Job, pods: Pod[]): { removed: number; removedReady: number; error?: string } {
    let removed = 0;
    let removedReady = 0;
    let error: string | undefined;
    for (const p of pods) {
      if (!removeTrackingFinalizer(p) || !deletePod(job, p)) {
        error = `deleting pod ${p.metadata?.name}`;
        continue;
      }
      removed++;
      if (isPodReady(p)) removedReady++;
    }
    return { removed, removedReady, error };
  }

  /** manageJob: creates or deletes pods so `active` matches what the Job wants. */
  function manageJob(c: SyncContext): { active: number; error?: string; requeueAfter?: number } {
    const job = c.job;
    const active = c.activePods.length;
    const parallelism = job.spec?.parallelism ?? 1;
    if (jobSuspended(job)) {
      const r = deleteJobPods(job, activePodsForRemoval(job, c.activePods, active));
      c.terminating += r.removed;
      c.ready -= r.removedReady;
      return { active: active - r.removed, error: r.error };
    }
    let wantActive: number;
    const completions = job.spec?.completions;
    if (completions == null) wantActive = c.succeeded > 0 ? active : parallelism;
    else wantActive = Math.max(0, Math.min(completions - c.succeeded, parallelism));

    const rmAtLeast = Math.max(0, active - wantActive);
    const toDelete = activePodsForRemoval(job, c.activePods, rmAtLeast);
    if (toDelete.length > 0) {
      const r = deleteJobPods(job, toDelete);
      c.terminating += r.removed;
      c.ready -= r.removedReady;
      // Deletion takes precedence: creations wait for the next sync.
      return { active: active - r.removed, error: r.error };
    }

    const terminating = onlyReplaceFailedPods(job) ? c.terminating : 0;
    let diff = wantActive - terminating - active;
    if (diff <= 0) return { active };
    const wait = remainingBackoff(c.newBackoffRecord, now(), DEFAULT_JOB_POD_FAILURE_BACKOFF_MS, MAX_JOB_POD_FAILURE_BACKOFF_MS);
    if (wait > 0) return { active, requeueAfter: wait };
    let indexes: number[] = [];
    if (isIndexedJob(job)) {
      indexes = firstPendingIndexes(c, diff, completions ?? 0);
      diff = indexes.length;
    }
    const template = structuredClone(job.spec!.template);
    if (isIndexedJob(job)) addCompletionIndexEnv(template.spec!);
    const templateFinalizers = (template.metadata ??= {}).finalizers ?? [];
    if (!templateFinalizers.includes(JOB_TRACKING_FINALIZER)) template.metadata.finalizers = [...templateFinalizers, JOB_TRACKING_FINALIZER];
    const ref = newControllerRef(job, 'batch/v1', 'Job');
    for (let i = 0; i < diff; i++) {
      const pod = podFromTemplate(template, job.metadata!.name!, ref);
      if (isIndexedJob(job)) {
        const ix = indexes[i];
        pod.metadata!.annotations = { ...(pod.metadata!.annotations ?? {}), [JOB_COMPLETION_INDEX_ANNOTATION]: String(ix) };
        pod.metadata!.labels = { ...(pod.metadata!.labels ?? {}), [JOB_COMPLETION_INDEX_LABEL]: String(ix) };
        pod.spec!.hostname = `${job.metadata!.name}-${ix}`;
        pod.metadata!.generateName = podGenerateNameWithIndex(job.metadata!.name!, ix);
      }
      const err = createPod(job, pod);
      if (err) return { active: active + i, error: err };
    }
    return { active: active + diff };
  }

  /** trackJobStatusAndRemoveFinalizers, flushUncountedAndRemoveFinalizers and enactJobFinished. */
  function trackStatus(c: SyncContext, key: string, needsFlushIn: boolean): string | undefined {
    let needsFlush = needsFlushIn;
    const indexed = isIndexedJob(c.job);
    const completions = c.job.spec?.completions ?? 0;
    const uncounted = c.job.status!.uncountedTerminatedPods!;
    uncounted.succeeded ??= [];
    uncounted.failed ??= [];
    const pods = indexed ? [...c.pods].sort((a, b) => completionIndex(a) - completionIndex(b)) : c.pods;
    const withFinalizer = new Set(c.pods.filter(hasTrackingFinalizer).map((p) => p.metadata!.uid!));
    if (cleanUncounted(c.job, withFinalizer)) needsFlush = true;

    const toRemoveFinalizer: Pod[] = [];
    const newSucceededIndexes: number[] = [];
    const terminal = c.finishedCondition && c.finishedCondition.type !== JobConditionType.SuccessCriteriaMet;
    for (const pod of pods) {
      if (!hasTrackingFinalizer(pod)) continue;
      const uid = pod.metadata!.uid!;
      const considerFailed = isPodFailed(pod, c.job);
      const canRemove = !!c.job.metadata?.deletionTimestamp || !!c.finishedCondition || pod.status?.phase === 'Succeeded' || considerFailed;
      if (!canRemove) continue;
      toRemoveFinalizer.push(pod);
      if (pod.status?.phase === 'Succeeded' && !c.uncountedFailed.has(uid)) {
        if (indexed) {
          const ix = completionIndex(pod);
          if (ix !== UNKNOWN_COMPLETION_INDEX && ix < completions && !c.prevSucceededIndexes.has(ix)) {
            newSucceededIndexes.push(ix);
            needsFlush = true;
          }
        } else if (!c.uncountedSucceeded.has(uid)) {
          needsFlush = true;
          uncounted.succeeded.push(uid);
        }
      } else if (considerFailed || terminal) {
        const ix = completionIndex(pod);
        if (!c.uncountedFailed.has(uid) && (!indexed || (ix !== UNKNOWN_COMPLETION_INDEX && ix < completions))) {
          if (matchPodFailurePolicy(c.job.spec?.podFailurePolicy, pod).countFailed) {
            needsFlush = true;
            uncounted.failed.push(uid);
          }
        }
      }
      if (newSucceededIndexes.length + uncounted.succeeded.length + uncounted.failed.length >= MAX_UNCOUNTED_PODS) break;
    }
    if (indexed) {
      c.succeededIndexes = c.succeededIndexes.with(newSucceededIndexes);
      const text = c.succeededIndexes.toString();
      if (text !== (c.job.status!.completedIndexes ?? '')) needsFlush = true;
      c.job.status!.succeeded = c.succeededIndexes.total();
      c.job.status!.completedIndexes = text;
    }
    if (c.finishedCondition?.type === JobConditionType.FailureTarget) {
      c.job.status!.conditions = [...(c.job.status!.conditions ?? []), c.finishedCondition];
      needsFlush = true;
      c.finishedCondition = newCondition(JobConditionType.Failed, 'True', c.finishedCondition.reason!, c.finishedCondition.message!, timestamp());
    }
    if (c.finishedCondition?.type === JobConditionType.SuccessCriteriaMet) {
      if (!c.job.status!.conditions?.some((x) => x.type === JobConditionType.SuccessCriteriaMet && x.status === 'True')) {
        c.job.status!.conditions = [...(c.job.status!.conditions ?? []), c.finishedCondition];
        needsFlush = true;
      }
      c.finishedCondition = newCondition(JobConditionType.Complete, 'True', c.finishedCondition.reason!, c.finishedCondition.message!, timestamp());
    }

    // Flush: record the uncounted pods before any finalizer goes, so none is lost.
    if (needsFlush) {
      const r = updateStatus(c.job);
      if (r.error) return `adding uncounted pods to status: ${r.error}`;
      c.job = r.job!;
      c.job.status ??= {};
      c.job.status.uncountedTerminatedPods ??= {};
      backoffStore.update(key, c.newBackoffRecord);
      needsFlush = false;
    }
    let rmError: string | undefined;
    for (const p of toRemoveFinalizer) {
      if (removeTrackingFinalizer(p)) withFinalizer.delete(p.metadata!.uid!);
      else rmError = `removing tracking finalizer from pod ${p.metadata?.name}`;
    }
    if (cleanUncounted(c.job, withFinalizer)) needsFlush = true;
    if (rmError) {
      if (needsFlush) updateStatus(c.job);
      return rmError;
    }
    const finished = enactJobFinished(c);
    if (finished) needsFlush = true;
    if (needsFlush) {
      const r = updateStatus(c.job);
      if (r.error) return `removing uncounted pods from status: ${r.error}`;
      c.job = r.job!;
      if (finished) recordJobFinished(c.job, c.finishedCondition!);
    }
    return undefined;
  }

  /** cleanUncountedPodsWithoutFinalizers: uncounted UIDs whose finalizer is gone move into the counters. */
  function cleanUncounted(job: Job, withFinalizer: Set<string>): boolean {
    const status = job.status!;
    const uncounted = status.uncountedTerminatedPods!;
    let updated = false;
    const keepS = (uncounted.succeeded ?? []).filter((u) => withFinalizer.has(u));
    if (keepS.length !== (uncounted.succeeded ?? []).length) {
      status.succeeded = (status.succeeded ?? 0) + (uncounted.succeeded!.length - keepS.length);
      uncounted.succeeded = keepS;
      updated = true;
    }
    const keepF = (uncounted.failed ?? []).filter((u) => withFinalizer.has(u));
    if (keepF.length !== (uncounted.failed ?? []).length) {
      status.failed = (status.failed ?? 0) + (uncounted.failed!.length - keepF.length);
      uncounted.failed = keepF;
      updated = true;
    }
    return updated;
  }

  /** enactJobFinished: the terminal condition, once nothing is uncounted or terminating. */
  function enactJobFinished(c: SyncContext): boolean {
    const cond = c.finishedCondition;
    if (!cond) return false;
    const u = c.job.status?.uncountedTerminatedPods;
    if ((u?.succeeded?.length ?? 0) + (u?.failed?.length ?? 0) > 0) return false;
    if (c.terminating > 0) return false;
    ensureCondition(c.job, cond.type, cond.status, cond.reason ?? '', cond.message ?? '', cond.lastTransitionTime!);
    if (cond.type === JobConditionType.Complete) c.job.status!.completionTime = cond.lastTransitionTime;
    return true;
  }

  function recordJobFinished(job: Job, cond: JobCondition): void {
    if (cond.type === JobConditionType.Complete) {
      if (job.spec?.completions != null && (job.status?.succeeded ?? 0) > job.spec.completions) {
        recorder.event(job, 'Warning', 'TooManySucceededPods', 'Too many succeeded pods running after completion count reached');
      }
      recorder.event(job, 'Normal', 'Completed', 'Job completed');
    } else {
      recorder.event(job, 'Warning', cond.reason ?? '', cond.message ?? '');
    }
  }

  // ---------------------------------------------------------------------------------------------------------

  function syncJob(key: string): ReconcileResult {
    const { namespace, name } = splitKey(key);
    const cached = jobsInformer.lister.namespace(namespace).get(name);
    if (!cached) {
      backoffStore.remove(key);
      return { note: 'job gone' };
    }
    if (isJobFinished(cached)) {
      backoffStore.remove(key);
      return { note: `job finished (${jobFinishedCondition(cached)?.type})` };
    }
    const job = structuredClone(cached);
    if (job.spec?.completionMode && job.spec.completionMode !== 'NonIndexed' && job.spec.completionMode !== 'Indexed') {
      recorder.event(job, 'Warning', 'UnknownCompletionMode', 'Skipped Job sync because completion mode is unknown');
      return { note: 'unknown completion mode' };
    }
    job.status ??= {};
    job.status.uncountedTerminatedPods ??= {};
    const original = cached.status ?? {};
    const pods = podsForJob(job);
    const activePods = pods.filter(isPodActive);
    const c: SyncContext = {
      job,
      pods,
      activePods,
      ready: activePods.filter(isPodReady).length,
      terminating: pods.filter(isPodTerminating).length,
      succeeded: 0,
      failed: 0,
      uncountedSucceeded: new Set(job.status.uncountedTerminatedPods.succeeded ?? []),
      uncountedFailed: new Set(job.status.uncountedTerminatedPods.failed ?? []),
      newBackoffRecord: { failuresAfterLastSuccess: 0 },
      prevSucceededIndexes: new IndexSet(),
      succeededIndexes: new IndexSet(),
    };
    let active = activePods.length;
    const fresh = newFinishedPods(c);
    c.succeeded = (job.status.succeeded ?? 0) + fresh.succeeded.length + c.uncountedSucceeded.size;
    const nonIgnoredFailed = fresh.failed.filter((p) => matchPodFailurePolicy(job.spec?.podFailurePolicy, p).countFailed).length;
    c.failed = (job.status.failed ?? 0) + nonIgnoredFailed + c.uncountedFailed.size;

    if (!job.status.startTime && !jobSuspended(job)) job.status.startTime = timestamp();
    c.newBackoffRecord = backoffStore.next(key, fresh.succeeded, fresh.failed, now());

    let requeueAfter: number | undefined;
    const backoffLimit = job.spec?.backoffLimit ?? 6;
    const conditions = job.status.conditions ?? [];
    c.finishedCondition = conditions.find((x) => x.type === JobConditionType.SuccessCriteriaMet && x.status === 'True');
    if (!c.finishedCondition) {
      const target = conditions.find((x) => x.type === JobConditionType.FailureTarget && x.status === 'True');
      if (target) c.finishedCondition = newCondition(JobConditionType.Failed, 'True', target.reason ?? '', target.message ?? '', timestamp());
      else if (job.spec?.podFailurePolicy) {
        for (const p of pods) {
          if (!isPodFailed(p, job)) continue;
          const m = matchPodFailurePolicy(job.spec.podFailurePolicy, p);
          if (m.failJobMessage) {
            c.finishedCondition = newCondition(JobConditionType.FailureTarget, 'True', JobReason.PodFailurePolicy, m.failJobMessage, timestamp());
            break;
          }
        }
      }
    }
    if (!c.finishedCondition) {
      if (c.failed > backoffLimit || pastBackoffLimitOnFailure(job, pods)) {
        c.finishedCondition = failureCondition(JobReason.BackoffLimitExceeded, 'Job has reached the specified backoff limit');
      } else if (pastActiveDeadline(job)) {
        c.finishedCondition = failureCondition(JobReason.DeadlineExceeded, 'Job was active longer than specified deadline');
      } else if (job.spec?.activeDeadlineSeconds != null && !jobSuspended(job)) {
        requeueAfter = job.spec.activeDeadlineSeconds * 1000 - (now() - parseTime(job.status.startTime));
      }
    }
    if (isIndexedJob(job)) {
      const completions = job.spec?.completions ?? 0;
      c.prevSucceededIndexes = IndexSet.parse(job.status.completedIndexes, completions);
      const fromPods = pods.filter((p) => p.status?.phase === 'Succeeded').map(completionIndex).filter((ix) => ix !== UNKNOWN_COMPLETION_INDEX && ix < completions);
      c.succeededIndexes = c.prevSucceededIndexes.with(fromPods);
      c.succeeded = c.succeededIndexes.total();
      if (!c.finishedCondition) {
        const msg = matchSuccessPolicy(job.spec?.successPolicy, completions, c.succeededIndexes);
        if (msg) c.finishedCondition = newCondition(JobConditionType.SuccessCriteriaMet, 'True', JobReason.SuccessPolicy, msg, timestamp());
      }
    }

    let suspendChanged = false;
    let manageError: string | undefined;
    if (c.finishedCondition) {
      // Finished (either way): what still runs is deleted, keeping its finalizer until it is counted.
      let deleted = 0;
      let deletedReady = 0;
      for (const p of c.activePods) {
        if (deletePod(job, p)) {
          deleted++;
          if (isPodReady(p)) deletedReady++;
        } else manageError = `deleting pod ${p.metadata?.name}`;
      }
      if (deleted !== active) c.finishedCondition = undefined;
      active -= deleted;
      c.terminating += deleted;
      c.ready -= deletedReady;
    } else {
      let manageCalled = false;
      if (!job.metadata?.deletionTimestamp) {
        const r = manageJob(c);
        active = r.active;
        manageError = r.error;
        if (r.requeueAfter !== undefined) requeueAfter = Math.min(requeueAfter ?? Infinity, r.requeueAfter);
        manageCalled = true;
      }
      const completions = job.spec?.completions;
      const complete = completions == null ? c.succeeded > 0 && active === 0 : c.succeeded >= completions && active === 0;
      if (complete) c.finishedCondition = successCondition();
      else if (manageCalled) {
        if (jobSuspended(job)) {
          if (ensureCondition(job, JobConditionType.Suspended, 'True', 'JobSuspended', 'Job suspended', timestamp())) {
            suspendChanged = true;
            recorder.event(job, 'Normal', 'Suspended', 'Job suspended');
          }
        } else if (ensureCondition(job, JobConditionType.Suspended, 'False', 'JobResumed', 'Job resumed', timestamp())) {
          suspendChanged = true;
          recorder.event(job, 'Normal', 'Resumed', 'Job resumed');
          // activeDeadlineSeconds counts continuous activity: resuming restarts the clock.
          job.status.startTime = timestamp();
        }
      }
    }

    const needsStatusUpdate =
      suspendChanged || active !== (original.active ?? 0) || c.ready !== original.ready || c.terminating !== original.terminating || job.status.startTime !== original.startTime;
    job.status.active = active;
    job.status.ready = c.ready;
    job.status.terminating = c.terminating;
    const err = trackStatus(c, key, needsStatusUpdate);
    if (err) return { error: `tracking status: ${err}` };
    if (manageError) return { error: manageError };
    const finished = isJobFinished(c.job);
    const note = finished ? `job ${jobFinishedCondition(c.job)?.type}` : `active=${active} succeeded=${c.succeeded} failed=${c.failed}`;
    return requeueAfter !== undefined && requeueAfter > 0 && !finished ? { requeueAfter, note } : { note };
  }

  /** syncOrphanPod: a pod whose Job is gone (or finished) gives up the tracking finalizer. */
  function syncOrphanPod(podKey: string): ReconcileResult {
    const { namespace, name } = splitKey(podKey);
    const pod = podsInformer.lister.namespace(namespace).get(name);
    if (!pod || !hasTrackingFinalizer(pod)) return { note: 'orphan pod settled' };
    const ref = controllerRef(pod);
    if (ref && ref.kind === 'Job') {
      const job = jobsInformer.lister.namespace(namespace).get(ref.name);
      if (job && job.metadata?.uid === ref.uid && !isJobFinished(job)) return { note: 'pod has a live job' };
    }
    return removeTrackingFinalizer(pod) ? { note: `removed finalizer from orphan pod ${name}` } : { error: 'removing finalizer' };
  }

  const controller = new Controller(
    ctx.engine,
    CONTROLLER_NAME,
    { reconcile: (key) => (key.startsWith(ORPHAN_PREFIX) ? syncOrphanPod(key.slice(ORPHAN_PREFIX.length)) : syncJob(key)) },
    { decisionLog: ctx.decisions },
  )
    .watches(jobsInformer)
    // Pod events reach the queue through the batching handler below; this only makes the controller wait for the cache.
    .watches(podsInformer, () => []);

  /** A pod event syncs its Job a batch period later (enqueueSyncJobBatched), or releases an orphan's finalizer. */
  const onPod = (obj: Pod) => {
    const pod = unwrapTombstone(obj);
    const ref = controllerRef(pod);
    const ns = pod.metadata?.namespace ?? '';
    if (ref?.kind === 'Job') {
      const job = jobsInformer.lister.namespace(ns).get(ref.name);
      if (job && job.metadata?.uid === ref.uid) {
        controller.queue.addAfter(`${ns}/${ref.name}`, SYNC_JOB_BATCH_PERIOD_MS);
        return;
      }
    }
    if (hasTrackingFinalizer(pod)) controller.enqueue(`${ORPHAN_PREFIX}${ns}/${pod.metadata?.name}`);
  };
  podsInformer.addEventHandler({ onAdd: onPod, onUpdate: (_old, cur) => onPod(cur), onDelete: (p) => onPod(unwrapTombstone(p)) });
  return controller;
}

/** The status as Go serialises it: empty lists are omitted (`uncountedTerminatedPods: {}`). */
function withoutEmptyLists(job: Job): Job {
  const out = structuredClone(job);
  const status = out.status!;
  if (status.conditions?.length === 0) delete status.conditions;
  if (status.completedIndexes === '') delete status.completedIndexes;
  const u = status.uncountedTerminatedPods;
  if (u?.succeeded?.length === 0) delete u.succeeded;
  if (u?.failed?.length === 0) delete u.failed;
  return out;
}

/** addCompletionIndexEnvVariables: JOB_COMPLETION_INDEX from the pod's annotation, in every container. */
function addCompletionIndexEnv(spec: NonNullable<Pod['spec']>): void {
  const env = { name: JOB_COMPLETION_INDEX_ENV, valueFrom: { fieldRef: { fieldPath: `metadata.annotations['${JOB_COMPLETION_INDEX_ANNOTATION}']` } } };
  for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
    if (c.env?.some((e) => e.name === JOB_COMPLETION_INDEX_ENV)) continue;
    c.env = [...(c.env ?? []), structuredClone(env)];
  }
}

/** podGenerateNameWithIndex: `<job>-<index>-`, the job name truncated to keep the pod name within 63 characters. */
function podGenerateNameWithIndex(jobName: string, index: number): string {
  const appendIndex = `-${index}-`;
  let generateNamePrefix = jobName + appendIndex;
  if (generateNamePrefix.length > 58) generateNamePrefix = jobName.slice(0, 58 - appendIndex.length) + appendIndex;
  return generateNamePrefix;
}
