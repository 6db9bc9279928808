/**
 * kube-scheduler as a running component: a client of the apiserver with its own informers, cache and queue,
 * scheduling one pod per clock event (so the UI can step it) while it holds the `kube-scheduler` lease.
 *
 * Each cycle follows pkg/scheduler/schedule_one.go: pop, refresh the snapshot incrementally, run the framework
 * (filter, score, select, or PostFilter preemption), assume the pod in the cache, then bind it through
 * `pods/binding` as DefaultBinder does and record the `Scheduled` event — or, on failure, record
 * `FailedScheduling`, patch the PodScheduled=False condition (and nominatedNodeName) into the pod status and put
 * the pod back in the queue. Binding is synchronous here (one request on the same clock event); the watch then
 * confirms the assumed pod.
 */
import type { PersistentVolume, PersistentVolumeClaim, Pod, PodStatus } from 'kubernetes-types/core/v1';
import { ANN_SELECTED_NODE } from '../controllers/persistentvolume/annotations';
import type { VolumeBindingDecision } from './plugins/volume-binding';
import type { Engine } from '../engine';
import type { Timer } from '../clock/virtual-clock';
import type { ApiEndpoint } from '../apiserver/types';
import type { ResourceRegistry } from '../apiserver/registry';
import { isNotFound } from '../client/api-result';
import { registerTarget } from '../client/clock-target';
import type { SharedIndexInformer } from '../client/informer';
import { SharedInformerFactory } from '../client/informer-factory';
import { LeaderElector, leaderIdentity } from '../client/leader-election';
import { KubeClient, type ResourceClient } from '../client/rest-client';
import { EventRecorder } from '../record/event-recorder';
import { DecisionStore, boundNarration, unschedulableNarration, type AttemptOutcome, type SchedulingDecision } from './decision-store';
import { addAllEventHandlers, DEFAULT_SCHEDULER_NAME } from './event-handlers';
import { Cache } from './framework/cache';
import type { Framework } from './framework/framework';
import type { QueuedPodInfo } from './framework/interface';
import { newPodInfo, podPriority } from './framework/pod-info';
import { Snapshot } from './framework/snapshot';
import { listersFrom, requestListerInformers, type SchedulerInformers } from './informer-listers';
import { patchPodStatus, updatePodCondition } from './pod-status';
import { newDefaultFramework, type ProfileOptions } from './profile';
import { AssignedPodDelete, type ClusterEvent } from './queue/events';
import { SchedulingQueue, type SchedulingQueueOptions } from './queue/scheduling-queue';
import { ErrNoNodesAvailable, Scheduler, type ScheduleResult } from './schedule-one';

export interface KubeSchedulerOptions {
  /** The client name traffic records (`kube-scheduler`). */
  clientName?: string;
  /** The profile's schedulerName; pods naming another scheduler are left alone. */
  schedulerName?: string;
  /** Hostname for the leader-election identity `<hostname>_<uuid>`. */
  hostname?: string;
  /** Only the lease holder schedules (default true, as upstream's --leader-elect). */
  leaderElect?: boolean;
  /** Pods scheduled per clock event (default 1, so every cycle is a step the UI can show). */
  podsPerCycle?: number;
  percentageOfNodesToScore?: number;
  /** Node entries kept in each decision record. */
  maxDecisionNodes?: number;
  /** Pods whose latest decision is kept for `decisionFor` (default 500). */
  maxDecisionPods?: number;
  queue?: SchedulingQueueOptions;
  profile?: Omit<ProfileOptions, 'listers' | 'nominator'>;
}

/** Counters for the UI and benchmarks. */
export interface SchedulerStats {
  attempts: number;
  scheduled: number;
  unschedulable: number;
  errors: number;
  preemptions: number;
}

const SCHEDULE_KEY = 'schedule';
const FLUSH_BACKOFF_KEY = 'flushBackoffQ';
const FLUSH_UNSCHEDULABLE_KEY = 'flushUnschedulablePods';
const WAIT_FOR_SYNC_KEY = 'waitForCacheSync';
/** Upstream checks for stale unschedulable pods every 30 s. */
const FLUSH_UNSCHEDULABLE_PERIOD_MS = 30_000;
const CACHE_SYNC_POLL_MS = 100;
/** validation.NoteLengthLimit: event messages are cut to this many characters. */
const NOTE_LENGTH_LIMIT = 1024;

/** PodScheduled condition reasons (v1.PodReasonUnschedulable / PodReasonSchedulerError). */
type FailureReason = 'Unschedulable' | 'SchedulerError';

export function truncateMessage(message: string): string {
  if (message.length <= NOTE_LENGTH_LIMIT) return message;
  const suffix = ' ...';
  return message.slice(0, NOTE_LENGTH_LIMIT - suffix.length) + suffix;
}

const podRef = (pod: Pod): Pod => ({ apiVersion: 'v1', kind: 'Pod', metadata: pod.metadata });
const nsOf = (pod: Pod) => pod.metadata?.namespace ?? 'default';
const nameOf = (pod: Pod) => pod.metadata?.name ?? '';

export class KubeScheduler {
  readonly client: KubeClient;
  readonly informers: SharedInformerFactory;
  readonly cache = new Cache();
  readonly queue: SchedulingQueue;
  readonly framework: Framework;
  readonly algorithm: Scheduler;
  readonly decisions: DecisionStore;
  readonly recorder: EventRecorder;
  readonly elector: LeaderElector | undefined;
  readonly schedulerName: string;
  readonly target: string;
  readonly stats: SchedulerStats = { attempts: 0, scheduled: 0, unschedulable: 0, errors: 0, preemptions: 0 };
  private readonly podInformer: SharedIndexInformer<Pod>;
  private readonly listerInformers: SchedulerInformers;
  private readonly pods: ResourceClient<Pod>;
  private readonly snapshot = new Snapshot();
  private readonly podsPerCycle: number;
  private attemptsByPod = new Map<string, number>();
  private leading = false;
  private started = false;

  constructor(
    private readonly engine: Engine,
    endpoint: ApiEndpoint,
    registry: ResourceRegistry,
    opts: KubeSchedulerOptions = {},
  ) {
    this.client = new KubeClient(endpoint, registry, opts.clientName ?? 'kube-scheduler');
    this.schedulerName = opts.schedulerName ?? DEFAULT_SCHEDULER_NAME;
    this.podsPerCycle = Math.max(1, opts.podsPerCycle ?? 1);
    this.informers = new SharedInformerFactory(engine, this.client);
    this.pods = this.client.resource<Pod>({ group: '', version: 'v1', resource: 'pods' });
    // Terminated pods hold no resources: the scheduler's pod informer never sees them.
    this.podInformer = this.informers.informerFor<Pod>({ group: '', version: 'v1', resource: 'pods' }, { fieldSelector: 'status.phase!=Succeeded,status.phase!=Failed' });
    const nodeInformer = this.informers.informerFor({ group: '', version: 'v1', resource: 'nodes' });
    this.listerInformers = requestListerInformers(this.informers);

    let queue: SchedulingQueue | undefined;
    this.framework = newDefaultFramework({
      ...opts.profile,
      listers: listersFrom(this.listerInformers),
      nominator: { nominatedPodsForNode: (node) => queue?.nominatedPodsForNode(node) ?? [] },
    });
    this.queue = queue = new SchedulingQueue(this.framework, opts.queue);
    this.algorithm = new Scheduler(this.framework, { percentageOfNodesToScore: opts.percentageOfNodesToScore, maxDecisionNodes: opts.maxDecisionNodes });
    this.decisions = new DecisionStore(opts.maxDecisionPods);
    this.recorder = new EventRecorder(engine, this.client, { component: this.schedulerName });
    this.target = registerTarget(engine, this.client.clientName, (t) => this.onTimer(t));

    addAllEventHandlers(
      {
        cache: this.cache,
        queue: this.queue,
        schedulerNames: new Set([this.schedulerName]),
        now: () => engine.now(),
        queueChanged: () => this.wake(),
        onClusterEvent: (event, moved) => this.onClusterEvent(event, moved),
      },
      {
        pods: this.podInformer,
        nodes: nodeInformer as never,
        persistentVolumes: this.listerInformers.persistentVolumes,
        persistentVolumeClaims: this.listerInformers.persistentVolumeClaims,
        storageClasses: this.listerInformers.storageClasses,
      },
    );

    if (opts.leaderElect ?? true) {
      this.elector = new LeaderElector(engine, this.client, {
        lock: { namespace: 'kube-system', name: 'kube-scheduler' },
        identity: leaderIdentity(opts.hostname ?? 'control-plane', engine.rng),
        onStartedLeading: () => this.startLeading(),
        onStoppedLeading: () => this.stopLeading(),
      });
    }
  }

  /** Starts the informers; once they have synced, campaigns for the lease (or starts scheduling right away). */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.informers.start();
    this.engine.clock.schedule(0, this.target, WAIT_FOR_SYNC_KEY);
  }

  stop(): void {
    this.elector?.stop();
    this.stopLeading();
    this.informers.shutdown();
  }

  isLeader(): boolean {
    return this.leading;
  }

  /** The latest scheduling attempt for a pod (kept for the most recent pods), for the UI. */
  decisionFor(namespace: string, name: string): SchedulingDecision | undefined {
    return this.decisions.get(namespace, name);
  }

  /** One line per scheduling attempt and cluster event, oldest first. */
  narrations(): readonly { time: number; text: string }[] {
    return this.decisions.narrations();
  }

  // ---- the loop ----------------------------------------------------------------------------------------------

  private onTimer(timer: Timer): void {
    switch (timer.key) {
      case WAIT_FOR_SYNC_KEY:
        if (!this.informers.hasSynced()) {
          this.engine.clock.schedule(CACHE_SYNC_POLL_MS, this.target, WAIT_FOR_SYNC_KEY);
        } else if (this.elector) {
          this.elector.run();
        } else {
          this.startLeading();
        }
        return;
      case SCHEDULE_KEY:
        if (!this.leading) return;
        for (let i = 0; i < this.podsPerCycle; i++) if (!this.scheduleOne()) break;
        this.wake();
        return;
      case FLUSH_BACKOFF_KEY:
        if (!this.leading) return;
        this.queue.flushBackoffQCompleted(this.engine.now());
        this.wake();
        return;
      case FLUSH_UNSCHEDULABLE_KEY:
        if (!this.leading) return;
        this.queue.flushUnschedulablePodsLeftover(this.engine.now());
        this.wake();
        return;
    }
  }

  private startLeading(): void {
    this.leading = true;
    this.wake();
  }

  private stopLeading(): void {
    this.leading = false;
    for (const key of [SCHEDULE_KEY, FLUSH_BACKOFF_KEY, FLUSH_UNSCHEDULABLE_KEY]) this.engine.clock.cancel(this.target, key);
  }

  /** Arms the timers the queue's state calls for: a cycle now, the next backoff expiry, the leftover flush. */
  private wake(): void {
    if (!this.leading) return;
    const clock = this.engine.clock;
    const counts = this.queue.counts();
    if (counts.activeQ > 0) clock.scheduleEarliest(0, this.target, SCHEDULE_KEY);
    const expiry = this.queue.nextBackoffExpiry();
    if (expiry !== undefined) clock.scheduleEarliest(Math.max(0, expiry - this.engine.now()), this.target, FLUSH_BACKOFF_KEY);
    if (counts.unschedulablePods > 0 && !clock.pending(this.target, FLUSH_UNSCHEDULABLE_KEY)) {
      clock.schedule(FLUSH_UNSCHEDULABLE_PERIOD_MS, this.target, FLUSH_UNSCHEDULABLE_KEY);
    }
  }

  /** One scheduling cycle and its binding; false when the queue was empty. */
  private scheduleOne(): boolean {
    const q = this.queue.pop();
    if (!q) return false;
    const pod = q.podInfo.pod;
    // A pod being deleted, or one already assumed, is not scheduled again (skipPodSchedule).
    if (pod.metadata?.deletionTimestamp || this.cache.isAssumedPod(pod)) {
      this.queue.done(pod);
      return true;
    }
    this.stats.attempts++;
    this.cache.updateSnapshot(this.snapshot);
    const result = this.algorithm.scheduleOne(q.podInfo, this.snapshot, this.engine.rng);
    if (result.kind === 'Scheduled') this.assumeAndBind(q, result);
    else if (result.kind === 'Unschedulable') this.handleUnschedulable(q, result);
    else if (result.message === ErrNoNodesAvailable) this.fail(q, 'Unschedulable', result.message, undefined, 'Unschedulable', result);
    else this.fail(q, 'SchedulerError', result.message, '', 'Error', result);
    return true;
  }

  private assumeAndBind(q: QueuedPodInfo, result: Extract<ScheduleResult, { kind: 'Scheduled' }>): void {
    const pod = q.podInfo.pod;
    const host = result.suggestedHost;
    const assumed: Pod = { ...pod, spec: { ...pod.spec!, nodeName: host } };
    this.cache.assumePod(assumed);
    this.queue.deleteNominatedPod(pod);
    // VolumeBinding PreBind: claims of WaitForFirstConsumer classes learn their node (the provisioner creates the
    // volume there) and chosen pre-existing volumes are bound to their claims. (Upstream then waits for the claims
    // to bind before binding the pod; here the kubelet waits instead, keeping the pod in ContainerCreating.)
    const volumeError = result.volumeBinding ? this.bindVolumes(result.volumeBinding, host) : undefined;
    if (volumeError) {
      this.cache.forgetPod(assumed);
      this.fail(q, 'SchedulerError', volumeError, '', 'BindingFailed', result);
      return;
    }
    // DefaultBinder: POST pods/<name>/binding.
    const bound = this.pods.bind(nsOf(pod), {
      metadata: { name: nameOf(pod), namespace: nsOf(pod), uid: pod.metadata?.uid },
      target: { kind: 'Node', name: host },
    });
    this.cache.finishBinding(assumed);
    if (!bound.ok) {
      // The pod's resources are free again: pods waiting for room may fit now.
      this.cache.forgetPod(assumed);
      const moved = this.queue.moveAllToActiveOrBackoffQueue(AssignedPodDelete, assumed, undefined, this.engine.now());
      if (moved > 0) this.wake();
      this.fail(q, 'SchedulerError', bound.status.message ?? 'binding failed', '', 'BindingFailed', result);
      return;
    }
    this.queue.done(pod);
    this.stats.scheduled++;
    this.recorder.event(podRef(assumed), 'Normal', 'Scheduled', `Successfully assigned ${nsOf(pod)}/${nameOf(pod)} to ${host}`);
    const chosen = result.topScores.find((s) => s.name === host);
    const why = {
      totalScore: chosen?.totalScore ?? 0,
      scores: chosen?.scores ?? [],
      feasibleNodes: result.feasibleNodes,
      onlyFeasible: result.feasibleNodes === 1,
    };
    this.recordDecision(q, 'Scheduled', { node: host, why, record: result.decision, narration: boundNarration(nameOf(pod), host, why) });
  }

  /** The API updates of VolumeBinding's PreBind; an error message when one is refused. */
  private bindVolumes(decision: VolumeBindingDecision, host: string): string | undefined {
    const claims = this.client.resource<PersistentVolumeClaim>({ group: '', version: 'v1', resource: 'persistentvolumeclaims' });
    const volumes = this.client.resource<PersistentVolume>({ group: '', version: 'v1', resource: 'persistentvolumes' });
    for (const { claim, volume } of decision.claimsToBind) {
      const claimRef = { kind: 'PersistentVolumeClaim', apiVersion: 'v1', namespace: claim.metadata?.namespace, name: claim.metadata?.name, uid: claim.metadata?.uid };
      const r = volumes.patch('', volume.metadata?.name ?? '', 'merge', { spec: { claimRef } });
      if (!r.ok) return `binding volumes: ${r.status.message ?? 'failed to bind PersistentVolume'}`;
    }
    for (const claim of decision.claimsToProvision) {
      const r = claims.patch(claim.metadata?.namespace ?? 'default', claim.metadata?.name ?? '', 'merge', { metadata: { annotations: { [ANN_SELECTED_NODE]: host } } });
      if (!r.ok) return `binding volumes: ${r.status.message ?? 'failed to annotate PersistentVolumeClaim'}`;
    }
    return undefined;
  }

  private handleUnschedulable(q: QueuedPodInfo, result: Extract<ScheduleResult, { kind: 'Unschedulable' }>): void {
    q.unschedulablePlugins = result.fitError.diagnosis.unschedulablePlugins;
    q.pendingPlugins = result.fitError.diagnosis.pendingPlugins;
    const nominated = result.nominatedNodeName;
    if (nominated && result.victims.length > 0) this.prepareCandidate(q.podInfo.pod, nominated, result.victims);
    this.fail(q, 'Unschedulable', result.message, nominated, 'Unschedulable', result);
  }

  /**
   * handleSchedulingFailure: back into the queue (unless the pod is gone or was bound meanwhile), the
   * nomination recorded, the `FailedScheduling` event, and the PodScheduled=False condition patched in.
   * `nominated` undefined leaves the pod's nomination as it is; a string (even empty) overrides it.
   */
  private fail(q: QueuedPodInfo, reason: FailureReason, message: string, nominated: string | undefined, outcome: AttemptOutcome, result: ScheduleResult): void {
    const pod = q.podInfo.pod;
    const now = this.engine.now();
    if (outcome === 'Error' || outcome === 'BindingFailed') this.stats.errors++;
    else this.stats.unschedulable++;
    const cached = this.podInformer.lister.namespace(nsOf(pod)).get(nameOf(pod));
    if (!cached || cached.spec?.nodeName) {
      this.queue.done(pod);
    } else {
      q.podInfo = newPodInfo(cached);
      this.queue.addUnschedulableIfNotPresent(q, this.queue.currentSchedulingCycle, now);
    }
    this.queue.addNominatedPod(q.podInfo.pod, nominated ?? q.podInfo.pod.status?.nominatedNodeName ?? '');
    this.wake();

    this.recorder.event(podRef(pod), 'Warning', 'FailedScheduling', truncateMessage(message));
    const oldStatus: PodStatus = pod.status ?? {};
    const newStatus: PodStatus = { ...oldStatus };
    const conditionChanged = updatePodCondition(newStatus, { type: 'PodScheduled', status: 'False', reason, message, lastProbeTime: null as unknown as undefined }, this.engine.timestamp());
    const nominationChanged = nominated !== undefined && (oldStatus.nominatedNodeName ?? '') !== nominated;
    if (nominationChanged) {
      if (nominated) newStatus.nominatedNodeName = nominated;
      else delete newStatus.nominatedNodeName;
    }
    if (conditionChanged || nominationChanged) patchPodStatus(this.pods, pod, oldStatus, newStatus);

    const victims = result.kind === 'Unschedulable' ? result.victims.map((v) => `${nsOf(v)}/${nameOf(v)}`) : [];
    this.recordDecision(q, outcome, {
      message,
      nominatedNodeName: nominated || undefined,
      victims: victims.length > 0 ? victims : undefined,
      record: result.decision,
      narration: unschedulableNarration(nameOf(pod), message, nominated, victims),
    });
  }

  /**
   * DefaultPreemption's prepareCandidate: each victim gets the DisruptionTarget condition, is deleted and gets
   * the `Preempted` event; lower-priority pods nominated to the same node lose their nomination.
   */
  private prepareCandidate(preemptor: Pod, node: string, victims: Pod[]): void {
    this.stats.preemptions++;
    const now = this.engine.timestamp();
    for (const victim of victims) {
      const oldStatus: PodStatus = victim.status ?? {};
      const newStatus: PodStatus = { ...oldStatus };
      const changed = updatePodCondition(newStatus, {
        type: 'DisruptionTarget',
        status: 'True',
        reason: 'PreemptionByScheduler',
        message: `${preemptor.spec?.schedulerName || this.schedulerName}: preempting to accommodate a higher priority pod`,
      }, now);
      if (changed) patchPodStatus(this.pods, victim, oldStatus, newStatus);
      const deleted = this.pods.delete(nsOf(victim), nameOf(victim));
      if (!deleted.ok && !isNotFound(deleted.status)) continue;
      this.recorder.event(podRef(victim), 'Normal', 'Preempted', `Preempted by pod ${preemptor.metadata?.uid ?? ''} on node ${node}`);
    }
    const prio = podPriority(preemptor);
    for (const pi of this.queue.nominatedPodsForNode(node)) {
      const p = pi.pod;
      if (podPriority(p) >= prio || p.metadata?.uid === preemptor.metadata?.uid || !p.status?.nominatedNodeName) continue;
      const newStatus: PodStatus = { ...p.status };
      delete newStatus.nominatedNodeName;
      patchPodStatus(this.pods, p, p.status, newStatus);
    }
  }

  private recordDecision(q: QueuedPodInfo, outcome: AttemptOutcome, rest: Omit<SchedulingDecision, 'namespace' | 'name' | 'uid' | 'time' | 'attempt' | 'outcome'>): void {
    const pod = q.podInfo.pod;
    const key = q.podInfo.key;
    const attempt = (this.attemptsByPod.get(key) ?? 0) + 1;
    this.attemptsByPod.delete(key);
    this.attemptsByPod.set(key, attempt);
    if (this.attemptsByPod.size > this.decisions.maxPods) this.attemptsByPod.delete(this.attemptsByPod.keys().next().value as string);
    this.decisions.record({ namespace: nsOf(pod), name: nameOf(pod), uid: pod.metadata?.uid ?? '', time: this.engine.now(), attempt, outcome, ...rest });
  }

  private onClusterEvent(event: ClusterEvent, moved: number): void {
    if (moved > 0) this.decisions.narrate(this.engine.now(), `scheduler: ${event.label} moved ${moved} pod(s) back to the active or backoff queue`);
  }
}
