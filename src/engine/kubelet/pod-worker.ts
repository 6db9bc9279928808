/**
 * One pod on one node, as the kubelet's pod worker and kuberuntime manager drive it: sandbox and IP, volumes,
 * image pulls, init containers (sidecars included), containers started and restarted with CrashLoopBackOff,
 * probes, OOM kills, graceful termination with preStop hooks, logs — and the API status that results.
 *
 * `sync(now)` is level-based: it catches every container up to `now`, acts on what is due, writes the status if it
 * changed and returns when it next needs to run. The kubelet calls it on pod events and on that alarm.
 */
import type { Container, ContainerState, ContainerStateTerminated, ContainerStatus, Pod, PodStatus, Probe } from 'kubernetes-types/core/v1';
import { startContainer, type RunningContainer } from '../runtime/container';
import type { ImageConfig } from '../runtime/images';
import { fakeDigest } from '../runtime/images';
import { PodNetwork } from '../runtime/network';
import type { RuntimeHost } from '../runtime/host';
import type { Volume } from '../runtime/fs/volume';
import { parseValue } from '../scheduler/util/quantity';
import { Backoff, goSeconds } from './backoff';
import { buildEnvironment, type ConfigSource } from './container-config';
import type { ImageEvent, ImageManager } from './image-manager';
import { ContainerLog, renderLog, type LogOptions } from './logs';
import { ConditionClock, getPhase, podConditions, type PodPhase } from './pod-phase';
import { runProbe, type ProbeType } from './probes';
import { containerMounts, setUpVolumes, type HostDisk } from './volumes';

/** What a pod worker needs from its kubelet. */
export interface PodWorkerHost {
  readonly nodeName: string;
  readonly nodeIP: string;
  readonly epochMs: number;
  timestamp(simMs: number): string;
  readonly images: ImageManager;
  readonly config: ConfigSource;
  readonly disk: HostDisk;
  /** Restart back-off shared by the node's pods (keyed per pod and container). */
  readonly restartBackoff: Backoff;
  readonly runtimeHost: RuntimeHost;
  allocateIP(podUID: string): string | undefined;
  releaseIP(podUID: string): void;
  event(pod: Pod, type: 'Normal' | 'Warning', reason: string, message: string, fieldPath?: string): void;
  /** The status manager: patch pods/status when it changed. */
  writeStatus(pod: Pod, status: PodStatus): void;
  /** The final DELETE (grace 0) once a deleted pod's containers are gone. */
  deletePod(pod: Pod): void;
}

/** Re-sync after errors (image pull in back-off, config errors): the pod worker's back-off period. */
const ERROR_RESYNC_MS = 10_000;
/** Minimum time between SIGTERM and SIGKILL (minimumGracePeriodInSeconds). */
const MIN_GRACE_MS = 2_000;

interface ProbeState {
  probe: Probe;
  nextAtMs: number;
  successes: number;
  failures: number;
}

interface Stopping {
  signalAtMs: number;
  killAtMs: number;
  signaled: boolean;
}

interface Instance {
  run: RunningContainer;
  id: string;
  image: ImageConfig;
  startedAtMs: number;
  oomAtMs?: number;
  oomKilled?: boolean;
  stopping?: Stopping;
  probes: Partial<Record<ProbeType, ProbeState>>;
  wakeAtMs?: number;
}

interface ContainerSlot {
  spec: Container;
  kind: 'init' | 'sidecar' | 'regular';
  fieldPath: string;
  instance?: Instance;
  /** The latest instance's end, while it is not running. */
  exited?: ContainerStateTerminated;
  exitedAtMs?: number;
  /** The instance before that (status.lastState). */
  last?: ContainerStateTerminated;
  waiting?: { reason: string; message?: string };
  retryAtMs?: number;
  runs: number;
  restartCount: number;
  ready: boolean;
  started: boolean;
  log: ContainerLog;
  image?: ImageConfig;
  /** The exit that a back-off event was already recorded for. */
  backoffNotedFor?: number;
}

export class PodWorker {
  pod: Pod;
  readonly uid: string;
  private slots: ContainerSlot[] = [];
  private network?: PodNetwork;
  private volumes?: Map<string, Volume>;
  private podIP?: string;
  private startTime?: string;
  private terminating = false;
  private phase: PodPhase = 'Pending';
  private conditionClock: ConditionClock;
  private lastStatus?: string;
  private sandboxRetryAtMs?: number;
  private deleted = false;
  /** Nothing left to do: terminal and cleaned up, or deleted. */
  done = false;

  constructor(
    pod: Pod,
    private readonly host: PodWorkerHost,
    private readonly opts: { hostNetwork?: boolean; restartCountFrom?: Pod } = {},
  ) {
    this.pod = pod;
    this.uid = pod.metadata?.uid ?? '';
    this.conditionClock = new ConditionClock(pod.status?.conditions ?? []);
    const previous = new Map((opts.restartCountFrom?.status?.containerStatuses ?? []).map((s) => [s.name, s]));
    for (const c of pod.spec?.initContainers ?? []) this.slots.push(this.slot(c, c.restartPolicy === 'Always' ? 'sidecar' : 'init', `spec.initContainers{${c.name}}`));
    for (const c of pod.spec?.containers ?? []) {
      const s = this.slot(c, 'regular', `spec.containers{${c.name}}`);
      const prev = previous.get(c.name);
      // A kubelet that finds a pod it ran before (restart, reboot) continues its restart count.
      if (prev && (prev.state?.running || prev.state?.terminated || prev.lastState?.terminated)) s.restartCount = prev.restartCount + (prev.state?.running ? 1 : 0);
      this.slots.push(s);
    }
    if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') {
      this.phase = pod.status.phase;
      this.done = true;
    }
  }

  private slot(spec: Container, kind: ContainerSlot['kind'], fieldPath: string): ContainerSlot {
    return { spec, kind, fieldPath, runs: 0, restartCount: 0, ready: false, started: false, log: new ContainerLog() };
  }

  get isTerminal(): boolean {
    return this.phase === 'Succeeded' || this.phase === 'Failed';
  }

  /** The latest object from the API (spec is immutable for containers; metadata and deletion matter). */
  update(pod: Pod): void {
    this.pod = pod;
  }

  /** Forgets what was last written, so the next sync writes the whole status again (a failed or lost write). */
  forceStatus(): void {
    this.lastStatus = undefined;
  }

  /** The pod is gone from the API (force delete): everything is killed now. */
  forget(nowMs: number): void {
    this.deleted = true;
    for (const s of this.slots) if (s.instance && !s.instance.run.exit) s.instance.run.kill(nowMs);
    this.teardown();
    this.done = true;
  }

  /** The machine lost power: processes vanish without a trace. */
  powerLoss(): void {
    this.slots.forEach((s) => (s.instance = undefined));
    this.done = true;
  }

  // ---------------------------------------------------------------------------------------------------------

  sync(nowMs: number): number | undefined {
    if (this.done) return undefined;
    for (let i = 0; i < 50; i++) if (!this.step(nowMs)) break;
    this.publish(nowMs);
    if (this.terminating && this.slots.every((s) => !s.instance)) {
      this.finishTermination(nowMs);
      return undefined;
    }
    if (this.isTerminal && this.slots.every((s) => !s.instance)) {
      // Finished on its own: the sandbox goes, the API object stays until someone deletes it.
      this.teardown();
      this.done = true;
      return undefined;
    }
    return this.nextWake(nowMs);
  }

  /** One pass of the reconcile; true when it changed something that calls for another pass at the same instant. */
  private step(nowMs: number): boolean {
    let changed = false;
    // 1. Catch every running container up to now.
    for (const s of this.slots) if (s.instance && this.advance(s, nowMs)) changed = true;
    if (!this.terminating && this.pod.metadata?.deletionTimestamp) {
      this.beginTermination(nowMs, this.deletionGraceMs());
      return true;
    }
    if (this.terminating || this.isTerminal) return changed;
    // 2. Sandbox: IP and volumes.
    if (!this.network) {
      if (this.sandboxRetryAtMs !== undefined && nowMs < this.sandboxRetryAtMs) return changed;
      if (!this.createSandbox(nowMs)) return changed;
      changed = true;
    }
    // 3. Probes due.
    for (const s of this.slots) if (s.instance && this.runProbes(s, nowMs)) changed = true;
    // 4. Init containers in order, then the app containers.
    let initDone = true;
    for (const s of this.slots.filter((x) => x.kind !== 'regular')) {
      if (s.kind === 'sidecar') {
        if (!s.instance && this.wantsStart(s, nowMs) && this.start(s, nowMs)) changed = true;
        if (!s.started) {
          initDone = false;
          break;
        }
        continue;
      }
      if (s.exited?.exitCode === 0 && !s.instance) continue;
      if (s.instance) {
        initDone = false;
        break;
      }
      if (s.exited && (this.pod.spec?.restartPolicy ?? 'Always') === 'Never') {
        initDone = false;
        break;
      }
      if (this.wantsStart(s, nowMs) && this.start(s, nowMs)) changed = true;
      initDone = false;
      break;
    }
    if (initDone) {
      for (const s of this.slots.filter((x) => x.kind === 'regular')) {
        if (s.instance) continue;
        if (s.exited && !this.shouldRestart(s)) continue;
        if (this.wantsStart(s, nowMs) && this.start(s, nowMs)) changed = true;
      }
    }
    // 5. A pod whose app containers all finished for good is done: sidecars are stopped, the phase is terminal.
    const regular = this.slots.filter((s) => s.kind === 'regular');
    if (initDone && regular.length > 0 && regular.every((s) => !s.instance && s.exited && !this.shouldRestart(s))) {
      for (const s of this.slots) if (s.instance && !s.instance.stopping) this.stopContainer(s, nowMs, this.podGraceMs(), undefined);
      if (this.slots.every((s) => !s.instance)) {
        this.phase = this.computePhase(false);
        changed = true;
      }
    }
    const failedInit = this.slots.find((s) => s.kind === 'init' && s.exited && s.exited.exitCode !== 0 && !s.instance);
    if (failedInit && (this.pod.spec?.restartPolicy ?? 'Always') === 'Never') {
      for (const s of this.slots) if (s.instance && !s.instance.stopping) this.stopContainer(s, nowMs, this.podGraceMs(), undefined);
      if (this.slots.every((s) => !s.instance)) this.phase = 'Failed';
    }
    return changed;
  }

  private createSandbox(nowMs: number): boolean {
    const ip = this.opts.hostNetwork || this.pod.spec?.hostNetwork ? this.host.nodeIP : this.host.allocateIP(this.uid);
    if (!ip) {
      this.host.event(this.pod, 'Warning', 'FailedCreatePodSandBox', `Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox: plugin type="host-local" failed (add): failed to allocate for range 0: no IP addresses available in range set`);
      this.sandboxRetryAtMs = nowMs + ERROR_RESYNC_MS;
      return false;
    }
    const mounted = setUpVolumes(this.pod, this.host.config, this.host.disk, this.facts(ip), this.volumes);
    if (!mounted.ok) {
      if (!(this.opts.hostNetwork || this.pod.spec?.hostNetwork)) this.host.releaseIP(this.uid);
      this.host.event(this.pod, 'Warning', 'FailedMount', mounted.message);
      this.sandboxRetryAtMs = nowMs + ERROR_RESYNC_MS;
      return false;
    }
    this.volumes = mounted.volumes;
    this.podIP = ip;
    this.network = new PodNetwork();
    this.sandboxRetryAtMs = undefined;
    return true;
  }

  private facts(podIP = this.podIP) {
    return { podIP, hostIP: this.host.nodeIP, nodeName: this.host.nodeName };
  }

  // Starting --------------------------------------------------------------------------------------------------

  private backoffKey(s: ContainerSlot): string {
    return `${this.pod.metadata?.name}_${this.pod.metadata?.namespace}_${this.uid}_${s.spec.name}`;
  }

  private podRef(): string {
    return `${this.pod.metadata?.name}_${this.pod.metadata?.namespace}(${this.uid})`;
  }

  /** doBackOff: a container that ran before waits out its back-off; the wait shows as CrashLoopBackOff. */
  private wantsStart(s: ContainerSlot, nowMs: number): boolean {
    if (s.retryAtMs !== undefined && nowMs < s.retryAtMs) return false;
    if (s.exited && s.exitedAtMs !== undefined) {
      const key = this.backoffKey(s);
      const backoff = this.host.restartBackoff;
      if (backoff.isInBackOffSince(key, s.exitedAtMs, nowMs)) {
        const message = `back-off ${goSeconds(backoff.get(key))} restarting failed container=${s.spec.name} pod=${this.podRef()}`;
        s.waiting = { reason: 'CrashLoopBackOff', message };
        s.retryAtMs = s.exitedAtMs + backoff.get(key);
        if (s.backoffNotedFor !== s.exitedAtMs) {
          s.backoffNotedFor = s.exitedAtMs;
          this.host.event(this.pod, 'Warning', 'BackOff', `Back-off restarting failed container ${s.spec.name} in pod ${this.podRef()}`, s.fieldPath);
        }
        return false;
      }
      backoff.next(key, s.exitedAtMs);
    }
    return true;
  }

  private shouldRestart(s: ContainerSlot): boolean {
    if (s.kind === 'sidecar') return true;
    const policy = this.pod.spec?.restartPolicy ?? 'Always';
    if (policy === 'Always') return s.kind === 'regular' || (s.exited?.exitCode ?? 0) !== 0;
    if (policy === 'OnFailure') return (s.exited?.exitCode ?? 0) !== 0;
    return false;
  }

  private start(s: ContainerSlot, nowMs: number): boolean {
    const emit = (e: ImageEvent) => this.host.event(this.pod, e.type, e.reason, e.message, s.fieldPath);
    const pulled = this.host.images.ensure(this.uid, s.spec, nowMs, emit);
    if (pulled.status === 'pulling') {
      s.retryAtMs = pulled.doneAtMs;
      if (!s.exited) s.waiting = { reason: 'ContainerCreating' };
      return false;
    }
    if (pulled.status === 'error') {
      s.waiting = { reason: pulled.reason, message: pulled.message };
      s.retryAtMs = pulled.reason === 'ErrImagePull' ? nowMs + 1000 : (pulled.retryAtMs ?? nowMs + ERROR_RESYNC_MS);
      if (pulled.reason === 'ErrImagePull' || pulled.reason === 'ImagePullBackOff') this.host.event(this.pod, 'Warning', 'Failed', `Error: ${pulled.reason}`, s.fieldPath);
      return true;
    }
    s.retryAtMs = undefined;
    const image = pulled.image;
    const env = buildEnvironment(this.pod, s.spec, this.host.config, this.facts());
    if (!env.ok) {
      s.waiting = { reason: 'CreateContainerConfigError', message: env.message };
      s.retryAtMs = nowMs + ERROR_RESYNC_MS;
      this.host.event(this.pod, 'Warning', 'Failed', `Error: ${env.message}`, s.fieldPath);
      return true;
    }
    const started = startContainer(
      {
        name: s.spec.name,
        image,
        command: s.spec.command,
        args: s.spec.args,
        env: env.env,
        workingDir: s.spec.workingDir,
        mounts: containerMounts(s.spec, this.volumes ?? new Map()),
        podName: this.pod.metadata?.name ?? '',
        hostname: this.pod.spec?.hostname,
        podIP: this.podIP,
        network: this.network,
        startMs: nowMs,
        epochMs: this.host.epochMs,
      },
      this.host.runtimeHost,
    );
    s.image = image;
    const restarting = s.runs > 0;
    if (restarting) {
      s.last = s.exited;
      s.restartCount++;
      s.log.rotate();
    }
    s.runs++;
    s.exited = undefined;
    s.exitedAtMs = undefined;
    s.waiting = undefined;
    const id = `containerd://${fakeDigest(`${this.uid}/${s.spec.name}/${s.runs}`).slice(7)}`;
    if (!started.ok) {
      this.host.event(this.pod, 'Warning', 'Failed', `Error: ${started.message}`, s.fieldPath);
      s.exited = { exitCode: started.exitCode, reason: started.reason, message: started.message, startedAt: '1970-01-01T00:00:00Z', finishedAt: this.host.timestamp(nowMs), containerID: id };
      s.exitedAtMs = nowMs;
      return true;
    }
    this.host.event(this.pod, 'Normal', 'Created', `Created container: ${s.spec.name}`, s.fieldPath);
    this.host.event(this.pod, 'Normal', 'Started', `Started container ${s.spec.name}`, s.fieldPath);
    const instance: Instance = { run: started.container, id, image, startedAtMs: nowMs, probes: {} };
    const limit = parseValue(s.spec.resources?.limits?.memory as string | undefined);
    if (limit > 0 && image.memoryBytes > limit) {
      // Resident memory grows over the start-up; the cgroup limit is hit on the way.
      instance.oomAtMs = nowMs + Math.max(1, Math.floor((Math.max(image.startupMs, 100) * limit) / image.memoryBytes));
    }
    const schedule = (type: ProbeType, probe: Probe | undefined) => {
      if (probe) instance.probes[type] = { probe, nextAtMs: nowMs + (probe.initialDelaySeconds ?? 0) * 1000, successes: 0, failures: 0 };
    };
    schedule('startup', s.spec.startupProbe);
    if (!s.spec.startupProbe) {
      schedule('liveness', s.spec.livenessProbe);
      schedule('readiness', s.spec.readinessProbe);
    }
    s.instance = instance;
    s.started = !s.spec.startupProbe;
    s.ready = s.started && !s.spec.readinessProbe && s.kind !== 'init';
    this.advance(s, nowMs);
    return true;
  }

  // Running ---------------------------------------------------------------------------------------------------

  /** Steps the container's processes to now; handles stop signals, OOM and the exit. True when it exited. */
  private advance(s: ContainerSlot, nowMs: number): boolean {
    const inst = s.instance;
    if (!inst) return false;
    const until = Math.min(nowMs, inst.oomAtMs ?? Infinity, inst.stopping && !inst.stopping.signaled ? inst.stopping.signalAtMs : Infinity);
    let r = inst.run.advance(until);
    s.log.append(r.output);
    if (!r.exit && inst.oomAtMs !== undefined && nowMs >= inst.oomAtMs) {
      inst.oomKilled = true;
      inst.run.kill(inst.oomAtMs);
      r = inst.run.advance(inst.oomAtMs);
      s.log.append(r.output);
    }
    if (!r.exit && inst.stopping) {
      if (!inst.stopping.signaled && nowMs >= inst.stopping.signalAtMs) {
        inst.stopping.signaled = true;
        inst.run.stop(inst.stopping.signalAtMs);
      }
      r = inst.run.advance(Math.min(nowMs, inst.stopping.killAtMs));
      s.log.append(r.output);
      if (!r.exit && nowMs >= inst.stopping.killAtMs) {
        inst.run.kill(inst.stopping.killAtMs);
        r = inst.run.advance(inst.stopping.killAtMs);
        s.log.append(r.output);
      }
    }
    if (!r.exit) {
      if (nowMs > until) {
        r = inst.run.advance(nowMs);
        s.log.append(r.output);
      }
      inst.wakeAtMs = r.wakeAtMs;
      if (!r.exit) return false;
    }
    const exit = r.exit;
    const reason = inst.oomKilled ? 'OOMKilled' : exit.code === 0 ? 'Completed' : 'Error';
    s.exited = {
      exitCode: exit.code,
      reason,
      startedAt: this.host.timestamp(inst.startedAtMs),
      finishedAt: this.host.timestamp(exit.atMs),
      containerID: inst.id,
    };
    s.exitedAtMs = exit.atMs;
    s.instance = undefined;
    s.ready = false;
    if (s.kind === 'sidecar') s.started = false;
    s.retryAtMs = undefined;
    return true;
  }

  private runProbes(s: ContainerSlot, nowMs: number): boolean {
    const inst = s.instance;
    if (!inst || inst.stopping || !this.network) return false;
    let changed = false;
    for (const type of ['startup', 'liveness', 'readiness'] as ProbeType[]) {
      const st = inst.probes[type];
      if (!st || nowMs < st.nextAtMs || !s.instance) continue;
      const p = st.probe;
      st.nextAtMs = nowMs + (p.periodSeconds ?? 10) * 1000;
      const outcome = runProbe(p, { container: inst.run, spec: s.spec, network: this.network, podIP: this.podIP ?? '' }, nowMs);
      if (outcome.ok) {
        st.failures = 0;
        st.successes++;
        if (st.successes < (p.successThreshold ?? 1)) continue;
        if (type === 'startup') {
          delete inst.probes.startup;
          s.started = true;
          const after = (probe: Probe | undefined, t: ProbeType) => {
            if (probe) inst.probes[t] = { probe, nextAtMs: Math.max(nowMs, inst.startedAtMs + (probe.initialDelaySeconds ?? 0) * 1000), successes: 0, failures: 0 };
          };
          after(s.spec.livenessProbe, 'liveness');
          after(s.spec.readinessProbe, 'readiness');
          if (!s.spec.readinessProbe && s.kind !== 'init') s.ready = true;
          changed = true;
        } else if (type === 'readiness' && !s.ready) {
          s.ready = true;
          changed = true;
        }
        continue;
      }
      st.successes = 0;
      st.failures++;
      const label = { startup: 'Startup', liveness: 'Liveness', readiness: 'Readiness' }[type];
      this.host.event(this.pod, 'Warning', 'Unhealthy', `${label} probe failed: ${outcome.output}`, s.fieldPath);
      if (st.failures < (p.failureThreshold ?? 3)) continue;
      if (type === 'readiness') {
        if (s.ready) changed = true;
        s.ready = false;
        continue;
      }
      // Liveness or startup failed for good: the container is killed and restarted per restartPolicy.
      st.failures = 0;
      this.host.event(this.pod, 'Normal', 'Killing', `Container ${s.spec.name} failed ${type} probe, will be restarted`, s.fieldPath);
      const grace = p.terminationGracePeriodSeconds !== undefined ? p.terminationGracePeriodSeconds * 1000 : this.podGraceMs();
      this.stopContainer(s, nowMs, grace, undefined);
      s.ready = false;
      changed = true;
    }
    return changed;
  }

  // Stopping --------------------------------------------------------------------------------------------------

  private podGraceMs(): number {
    return (this.pod.spec?.terminationGracePeriodSeconds ?? 30) * 1000;
  }

  private deletionGraceMs(): number {
    const g = this.pod.metadata?.deletionGracePeriodSeconds ?? this.pod.spec?.terminationGracePeriodSeconds ?? 30;
    return g * 1000;
  }

  /** killContainer: preStop hook, then the stop signal, then SIGKILL when the grace period runs out. */
  private stopContainer(s: ContainerSlot, nowMs: number, graceMs: number, killingMessage: string | undefined): void {
    const inst = s.instance;
    if (!inst || inst.stopping) return;
    if (killingMessage) this.host.event(this.pod, 'Normal', 'Killing', killingMessage, s.fieldPath);
    let hookMs = 0;
    const preStop = s.spec.lifecycle?.preStop;
    if (preStop && graceMs > 0) {
      if (preStop.exec) {
        const r = inst.run.exec(preStop.exec.command ?? [], nowMs);
        if (r.ok) {
          const st = r.process.step(nowMs + graceMs);
          hookMs = st.exit ? st.exit.atMs - nowMs : graceMs;
          if (st.exit && st.exit.code !== 0) this.host.event(this.pod, 'Warning', 'FailedPreStopHook', 'PreStopHook failed', s.fieldPath);
        } else {
          this.host.event(this.pod, 'Warning', 'FailedPreStopHook', 'PreStopHook failed', s.fieldPath);
        }
      } else if (preStop.sleep) {
        hookMs = Math.min(graceMs, preStop.sleep.seconds * 1000);
      } else if (preStop.httpGet && this.network) {
        const port = typeof preStop.httpGet.port === 'number' ? preStop.httpGet.port : Number(preStop.httpGet.port);
        inst.run.handleHttp(port, { method: 'GET', host: this.podIP ?? '', path: preStop.httpGet.path ?? '/', headers: {} }, nowMs);
      }
    }
    const signalAtMs = nowMs + hookMs;
    const killAtMs = graceMs === 0 ? nowMs : Math.max(nowMs + graceMs, signalAtMs + MIN_GRACE_MS);
    inst.stopping = { signalAtMs, killAtMs, signaled: false };
    this.advance(s, nowMs);
  }

  private beginTermination(nowMs: number, graceMs: number): void {
    this.terminating = true;
    this.host.images.forgetPod(this.uid);
    for (const s of this.slots) {
      if (s.instance) this.stopContainer(s, nowMs, graceMs, `Stopping container ${s.spec.name}`);
      s.retryAtMs = undefined;
    }
  }

  private finishTermination(nowMs: number): void {
    if (!this.isTerminal) this.phase = this.computePhase(true);
    this.publish(nowMs);
    this.teardown();
    this.done = true;
    if (this.pod.metadata?.deletionTimestamp && !this.deleted) this.host.deletePod(this.pod);
  }

  private teardown(): void {
    if (this.podIP && !(this.opts.hostNetwork || this.pod.spec?.hostNetwork)) this.host.releaseIP(this.uid);
    this.network = undefined;
    this.host.images.forgetPod(this.uid);
  }

  // Status ----------------------------------------------------------------------------------------------------

  private computePhase(podIsTerminal: boolean): PodPhase {
    const init = this.slots.filter((s) => s.kind !== 'regular').map((s) => this.containerStatus(s));
    const regular = this.slots.filter((s) => s.kind === 'regular').map((s) => this.containerStatus(s));
    return getPhase(this.pod, init, regular, podIsTerminal);
  }

  private containerState(s: ContainerSlot): { state: ContainerState; lastState: ContainerState } {
    const last = s.last ? { terminated: s.last } : {};
    if (s.instance) return { state: { running: { startedAt: this.host.timestamp(s.instance.startedAtMs) } }, lastState: last };
    if (s.exited) {
      if (s.waiting && !this.terminating && !this.isTerminal) return { state: { waiting: s.waiting }, lastState: { terminated: s.exited } };
      return { state: { terminated: s.exited }, lastState: last };
    }
    const initsPending = s.kind === 'regular' && this.slots.some((x) => x.kind !== 'regular' && !(x.kind === 'sidecar' ? x.started : x.exited?.exitCode === 0));
    const waiting = s.waiting ?? { reason: s.kind === 'init' || initsPending ? 'PodInitializing' : 'ContainerCreating' };
    return { state: { waiting }, lastState: last };
  }

  private containerStatus(s: ContainerSlot): ContainerStatus {
    const { state, lastState } = this.containerState(s);
    const image = s.image;
    const id = s.instance?.id ?? s.exited?.containerID;
    const status: ContainerStatus = {
      name: s.spec.name,
      state,
      lastState,
      ready: s.ready,
      restartCount: s.restartCount,
      image: image ? image.reference : (s.spec.image ?? ''),
      imageID: image ? image.repoDigest : '',
      ...(id ? { containerID: id } : {}),
      started: !!s.instance && s.started,
    };
    if (id && s.spec.volumeMounts?.length) {
      status.volumeMounts = s.spec.volumeMounts.map((m) => ({ name: m.name, mountPath: m.mountPath, ...(m.readOnly ? { readOnly: true, recursiveReadOnly: 'Disabled' } : {}) }));
    }
    return status;
  }

  private publish(nowMs: number): void {
    const now = this.host.timestamp(nowMs);
    if (!this.startTime) this.startTime = this.pod.status?.startTime ?? now;
    const init = this.slots.filter((s) => s.kind !== 'regular').map((s) => this.containerStatus(s));
    const regular = this.slots.filter((s) => s.kind === 'regular').map((s) => this.containerStatus(s));
    if (!this.isTerminal) this.phase = getPhase(this.pod, init, regular, false);
    const existing = this.pod.status?.conditions ?? [];
    const status: PodStatus = {
      phase: this.phase,
      conditions: podConditions(this.pod, { sandboxReady: !!this.network, phase: this.phase, initStatuses: init, statuses: regular, existing }, this.conditionClock, now),
      hostIP: this.host.nodeIP,
      hostIPs: [{ ip: this.host.nodeIP }],
      ...(this.podIP ? { podIP: this.podIP, podIPs: [{ ip: this.podIP }] } : {}),
      startTime: this.startTime,
      ...(init.length ? { initContainerStatuses: init } : {}),
      containerStatuses: regular,
      ...(this.pod.status?.qosClass ? { qosClass: this.pod.status.qosClass } : {}),
    };
    const text = JSON.stringify(status);
    if (text === this.lastStatus) return;
    this.lastStatus = text;
    this.host.writeStatus(this.pod, status);
  }

  private nextWake(nowMs: number): number | undefined {
    let at = Infinity;
    const consider = (t: number | undefined) => {
      if (t !== undefined && t > nowMs && t < at) at = t;
    };
    consider(this.sandboxRetryAtMs);
    for (const s of this.slots) {
      consider(s.retryAtMs);
      const inst = s.instance;
      if (!inst) continue;
      consider(inst.wakeAtMs);
      consider(inst.oomAtMs);
      if (inst.stopping) {
        if (!inst.stopping.signaled) consider(inst.stopping.signalAtMs);
        consider(inst.stopping.killAtMs);
      }
      for (const p of Object.values(inst.probes)) consider(p?.nextAtMs);
    }
    return Number.isFinite(at) ? at : undefined;
  }

  // Reads for the API -----------------------------------------------------------------------------------------

  containerNames(): string[] {
    return this.slots.map((s) => s.spec.name);
  }

  /** `kubectl logs`: the container's current (or previous) log, or why there is none. */
  logs(container: string, opts: LogOptions): { ok: true; text: string } | { ok: false; message: string } {
    const s = this.slots.find((x) => x.spec.name === container);
    if (!s) return { ok: false, message: `container ${container} is not valid for pod ${this.pod.metadata?.name}` };
    if (opts.previous) {
      if (!s.log.previous) return { ok: false, message: `previous terminated container "${container}" in pod "${this.pod.metadata?.name}" not found` };
      return { ok: true, text: renderLog(s.log.previous, this.host.epochMs, opts) };
    }
    if (s.runs === 0) {
      const reason = this.containerState(s).state.waiting?.reason ?? 'ContainerCreating';
      return { ok: false, message: `container "${container}" in pod "${this.pod.metadata?.name}" is waiting to start: ${reason}` };
    }
    return { ok: true, text: renderLog(s.log.current, this.host.epochMs, opts) };
  }

  /** Per-container usage for the summary API (CPU in nanocores, memory in bytes). */
  usage(nowMs: number): { name: string; startedAtMs: number; cpuNanoCores: number; memoryBytes: number }[] {
    const out = [];
    for (const s of this.slots) {
      const inst = s.instance;
      if (!inst) continue;
      const startup = Math.max(inst.image.startupMs, 1);
      const warm = Math.min(1, (nowMs - inst.startedAtMs) / startup);
      const seed = parseInt(fakeDigest(`${this.uid}/${s.spec.name}`).slice(7, 13), 16);
      const idleMilli = 1 + (seed % 4);
      const cpuMilli = warm < 1 ? 150 : idleMilli;
      let memory = Math.round(inst.image.memoryBytes * Math.max(0.2, warm));
      const limit = parseValue(s.spec.resources?.limits?.memory as string | undefined);
      if (limit > 0) memory = Math.min(memory, limit);
      out.push({ name: s.spec.name, startedAtMs: inst.startedAtMs, cpuNanoCores: cpuMilli * 1_000_000, memoryBytes: memory });
    }
    return out;
  }
}
