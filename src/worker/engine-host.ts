/**
 * Hosts one simulated cluster for a UI: answers protocol commands, paces the clock, observes the cluster as the
 * `pilothouse-ui` client and sends what changed at most once per frame. Wall time and posting are injected, so the
 * same host runs in the worker and in tests.
 */
import { createCluster, type Cluster } from '../engine/cluster';
import type { TrafficRecord } from '../engine/traffic/traffic-record';
import type { ApiEndpoint, ApiRequest } from '../engine/apiserver/types';
import { applyManifests } from '../engine/kubectl/apply';
import { threeWayPatchFor } from '../engine/apiserver/kubernetes-hooks';
import type { KubectlWatch } from '../engine/kubectl';
import {
  PROTOCOL_VERSION,
  type Capabilities,
  type ComponentView,
  type EngineToUi,
  type ResourceView,
  type SimStatus,
  type TrafficView,
  type UiToEngine,
} from '../protocol/messages';
import { applyLines } from './apply-lines';
import { ClusterObserver } from './cluster-observer';
import { DecisionFeed } from './decision-feed';
import { DeltaBatcher, type BatchLimits } from './delta-batcher';
import { faultResource, nodeLifecycleOf, schedulerOf } from './engine-rooms';
import { inspectObject, uiEndpoint } from './inspect-object';
import { runKubectl as defaultKubectl, type KubectlRunner } from './kubectl-runner';
import { liveYaml } from './live-yaml';
import { breakNode, changeNodes, healNode } from './node-actions';
import { Pacer } from './pacer';
import { Breakpoints } from './breakpoints';
import { exportManifests } from './export-manifests';
import { evaluateCheck, type Check } from '../lessons/checks';
import { RequestCapture } from './request-capture';
import { UI_CLIENT } from './watched-resources';
import { MAX_RECORDED_ACTIONS, RECORDING_VERSION, validateRecording, type SessionAction, type SessionRecording } from '../protocol/recording';

export interface EngineHostOptions {
  post(message: EngineToUi): void;
  /** Wall milliseconds. */
  wall(): number;
  /** Minimum wall time between two batches. */
  frameMs?: number;
  sliceMs?: number;
  limits?: BatchLimits;
  kubectl?: KubectlRunner;
}

interface Session {
  cluster: Cluster;
  pacer: Pacer;
  observer: ClusterObserver;
  capture: RequestCapture;
  /** The apiserver as user-facing clients (kubectl, apply, actions) reach it: requests recorded with bodies. */
  userApi: ApiEndpoint;
  decisions: DecisionFeed;
  unsubscribe: () => void;
  /** This run's config and user actions; replayed on rewind, sent for share links. */
  recording: SessionRecording;
  /** The next recorded action to replay; `recording.actions.length` when the run is live. */
  cursor: number;
  /** Streaming commands opened in this run, by ordinal (recorded Ctrl+C names the n-th). */
  streamIds: number[];
}

interface Stream {
  watch: KubectlWatch;
  off: () => void;
  /** Output not yet sent; flushed with the next batch. */
  chunks: { stream: 'stdout' | 'stderr'; text: string }[];
  ended?: number;
  /** Opened by replay: it runs (its watch is part of the run) but nobody reads it. */
  muted: boolean;
}

/** What a live action answers; replayed actions answer nobody. */
type Reply = (message: EngineToUi) => void;

export class EngineHost {
  private session: Session | undefined;
  private config: { seed: number; workers: number; cluster?: SessionRecording['cluster'] } = { seed: 1, workers: 0 };
  private readonly batcher: DeltaBatcher;
  private lastFlush = -Infinity;
  private lastSent: SimStatus | undefined;
  private streams = new Map<number, Stream>();
  private nextStreamId = 1;
  /** Armed breakpoints survive a reset, as the user set them. */
  private readonly breakpoints = new Breakpoints();
  /** The furthest sim time this recording has been run to (the timeline's end). */
  private tip = 0;
  private recordingFull = false;

  constructor(private readonly options: EngineHostOptions) {
    this.batcher = new DeltaBatcher(options.limits);
  }

  get cluster(): Cluster | undefined {
    return this.session?.cluster;
  }

  /** Whether the loop should come back immediately (work is waiting) rather than after a short pause. */
  busy(): boolean {
    const s = this.session;
    if (!s || s.pacer.paused) return false;
    return s.pacer.speed === 'max' || s.pacer.behind() || this.batcher.backlog() > 0;
  }

  /** Streaming kubectl commands still open (for tests). */
  openStreams(): number {
    return this.streams.size;
  }

  handle(msg: UiToEngine): void {
    try {
      this.dispatch(msg);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.options.post({ type: 'error', message, ...('id' in msg ? { id: msg.id } : {}) });
    }
  }

  /** One turn of the loop: a slice of simulation, then a batch if a frame has passed. */
  pump(): void {
    const s = this.session;
    if (!s) return;
    s.pacer.tick();
    this.replayDue(s);
    const now = this.options.wall();
    if (now - this.lastFlush >= (this.options.frameMs ?? 16)) this.flush(now);
  }

  private dispatch(msg: UiToEngine): void {
    if (msg.type === 'init') {
      if (msg.version !== PROTOCOL_VERSION) {
        this.options.post({ type: 'error', message: `protocol version mismatch: UI ${msg.version}, engine ${PROTOCOL_VERSION}` });
        return;
      }
      this.config = { seed: msg.seed ?? 1, workers: msg.workers ?? 0 };
      this.start();
      return;
    }
    if (msg.type === 'reset') {
      this.start();
      return;
    }
    if (msg.type === 'load') {
      this.load(msg.recording, msg.id);
      return;
    }
    if (msg.type === 'ping') {
      this.options.post({ type: 'pong', id: msg.id });
      return;
    }
    if (msg.type === 'breakpoints') {
      this.breakpoints.set(msg.enabled);
      return;
    }
    const s = this.session;
    if (!s) throw new Error(`${msg.type} before init`);
    switch (msg.type) {
      case 'control':
        if (msg.action === 'pause') s.pacer.pause();
        else if (msg.action === 'play') s.pacer.play();
        else if (!s.pacer.atBarrier()) s.pacer.step();
        this.replayDue(s);
        this.flush(this.options.wall());
        return;
      case 'lessonCheck': {
        const result = evaluateCheck(uiEndpoint(s.cluster.apiserver), msg.check as Check, s.cluster.engine.epochMs + s.cluster.now());
        this.options.post({ type: 'lessonCheckResult', id: msg.id, ...result });
        return;
      }
      case 'exportManifests':
        this.options.post({ type: 'manifests', id: msg.id, yaml: exportManifests(s.cluster.apiserver, s.cluster.registry) });
        return;
      case 'seek':
        this.seek(msg.simTime);
        return;
      case 'recording':
        this.options.post({ type: 'recordingResult', id: msg.id, recording: structuredClone({ ...s.recording, until: s.cluster.now(), untilEvent: s.cluster.engine.eventsFired }) });
        return;
      case 'speed':
        s.pacer.speed = msg.speed;
        this.flush(this.options.wall());
        return;
      case 'apply':
        return this.act(s, { kind: 'apply', yaml: msg.yaml }, msg.id);
      case 'request':
        if (msg.request.method === 'GET') {
          const response = s.cluster.apiserver.request({ ...msg.request, client: msg.request.client ?? UI_CLIENT });
          this.options.post({ type: 'response', id: msg.id, response: structuredClone(response) });
          return;
        }
        return this.act(s, { kind: 'request', request: msg.request }, msg.id);
      case 'kubectl':
        return this.act(s, { kind: 'kubectl', commandLine: msg.commandLine, ...(msg.stdin !== undefined ? { stdin: msg.stdin } : {}) }, msg.id);
      case 'kubectlStop': {
        const ordinal = s.streamIds.indexOf(msg.streamId) + 1;
        if (ordinal > 0) this.act(s, { kind: 'kubectlStop', stream: ordinal });
        return;
      }
      case 'inspect':
        this.options.post({ type: 'inspectResult', id: msg.id, view: inspectObject(s.cluster, msg.key) });
        return;
      case 'requestDetail':
        this.options.post({ type: 'requestDetail', id: msg.id, detail: s.capture.get(msg.trafficId) });
        return;
      case 'fault':
        return this.act(s, { kind: 'fault', action: msg.action, faultType: msg.faultType, node: msg.node }, msg.id);
      case 'node':
        return this.act(s, { kind: 'node', action: msg.action, ...(msg.name !== undefined ? { name: msg.name } : {}) }, msg.id);
      case 'live':
        this.options.post({ type: 'liveYaml', id: msg.id, text: liveYaml(uiEndpoint(s.cluster.apiserver), s.cluster.registry, msg.yaml) });
        return;
    }
  }

  /** A user action: recorded at this exact point of the run (dropping a rewound future), then performed. */
  private act(s: Session, action: SessionAction, id?: number): void {
    const rec = s.recording;
    if (s.cursor < rec.actions.length) {
      // Acting in the past starts a new branch: the old future is gone.
      rec.actions.length = s.cursor;
      s.pacer.barrier = undefined;
      this.tip = s.cluster.now();
    }
    if (rec.actions.length < MAX_RECORDED_ACTIONS) {
      rec.actions.push({ at: s.cluster.now(), event: s.cluster.engine.eventsFired, action });
      s.cursor = rec.actions.length;
    } else if (!this.recordingFull) {
      this.recordingFull = true;
      this.options.post({ type: 'error', message: `this run has more than ${MAX_RECORDED_ACTIONS} actions: later ones are not recorded, so share links and rewinding stop at that point` });
    }
    this.perform(s, action, id === undefined ? undefined : this.options.post, id ?? 0);
  }

  /** Carries out an action, live (answering `reply`) or replayed (answering nobody). */
  private perform(s: Session, action: SessionAction, reply: Reply | undefined, id: number): void {
    switch (action.kind) {
      case 'apply': {
        const result = applyManifests(s.userApi, s.cluster.registry, action.yaml, { client: 'kubectl', threeWayPatch: threeWayPatchFor });
        reply?.({ type: 'applyResult', id, lines: applyLines(result, action.yaml) });
        return;
      }
      case 'request': {
        const req: ApiRequest = { ...action.request, client: action.request.client ?? UI_CLIENT };
        const response = s.userApi.request(req);
        reply?.({ type: 'response', id, response: structuredClone(response) });
        return;
      }
      case 'kubectl': {
        const out = (this.options.kubectl ?? defaultKubectl)(s.cluster, action.commandLine, s.userApi, action.stdin);
        const answer: Extract<EngineToUi, { type: 'kubectlResult' }> = { type: 'kubectlResult', id, stdout: out.stdout, stderr: out.stderr, exitCode: out.exitCode };
        if (out.edit) answer.edit = { ref: out.edit.ref, text: out.edit.text };
        if (out.watch) answer.streamId = this.openStream(s, out.watch, reply === undefined);
        reply?.(answer);
        return;
      }
      case 'kubectlStop': {
        const stream = this.streams.get(s.streamIds[action.stream - 1]);
        stream?.watch.stop(); // ends it: onEnd queues the end message for the next flush
        return;
      }
      case 'fault': {
        const outcome = action.action === 'break' ? breakNode(s.cluster, s.userApi, action.node, action.faultType) : healNode(s.cluster, s.userApi, action.node, action.faultType);
        reply?.({ type: 'actionResult', id, ...outcome });
        return;
      }
      case 'node':
        reply?.({ type: 'actionResult', id, ...changeNodes(s.cluster, action.action, action.name) });
        return;
    }
  }

  /** Replays the recorded actions that are due where the clock now stands (after a tick or a step). */
  private replayDue(s: Session): void {
    const actions = s.recording.actions;
    while (s.cursor < actions.length) {
      const next = actions[s.cursor];
      s.pacer.barrier = { event: next.event, at: next.at };
      const fired = s.cluster.engine.eventsFired;
      if (fired > next.event || (fired === next.event && s.cluster.now() > next.at)) {
        // Should never happen with a deterministic engine; if it does, say so and carry on live.
        this.options.post({ type: 'error', message: `replay diverged before action ${s.cursor + 1} (${next.action.kind}); continuing live from here` });
        actions.length = s.cursor;
        break;
      }
      if (!s.pacer.atBarrier()) return;
      s.cursor++;
      this.perform(s, next.action, undefined, 0);
    }
    s.pacer.barrier = undefined;
  }

  /**
   * Runs the recording, as fast as the engine goes, up to sim time `t`: every recorded action at its exact point,
   * then the clock to `t`. From a fresh cluster this rebuilds the run as it was.
   */
  private fastForward(s: Session, t: number, eventsAtT?: number): void {
    const engine = s.cluster.engine;
    const actions = s.recording.actions;
    /** Fires the recorded run's events up to the `event`-th, then moves the clock to `at` firing nothing more. */
    const reach = (event: number, at: number) => {
      while (engine.eventsFired < event && engine.step()) {
        /* the events that came before */
      }
      return engine.eventsFired === event && engine.moveClockTo(at);
    };
    while (s.cursor < actions.length && actions[s.cursor].at < t) {
      const next = actions[s.cursor];
      if (!reach(next.event, next.at)) return this.replayDue(s); // diverged: replayDue says so
      s.cursor++;
      this.perform(s, next.action, undefined, 0);
    }
    // At `t` itself: stop where the run stood (before an action due at `t`, or at the recorded event count).
    const next = actions[s.cursor];
    const stopAt = next && next.at === t ? next.event : eventsAtT;
    if (stopAt !== undefined && reach(stopAt, t)) {
      s.pacer.resync();
      return;
    }
    if (t > engine.now()) engine.advance(t - engine.now());
    s.pacer.resync();
  }

  /** Time travel: the cluster as it was at sim time `t` (rebuilt from the recording when `t` is in the past), paused. */
  private seek(t: number): void {
    const s = this.session!;
    const target = Math.max(0, Math.min(Math.floor(t), Math.max(this.tip, s.cluster.now())));
    this.tip = Math.max(this.tip, s.cluster.now());
    if (target < s.cluster.now()) {
      this.start({ ...s.recording, actions: s.recording.actions }, true);
    }
    const now = this.session!;
    now.pacer.pause();
    this.fastForward(now, target);
    // Stop before an action recorded at this very instant: Play (or Step) replays it, a new action replaces it.
    const next = now.recording.actions[now.cursor];
    now.pacer.barrier = next ? { event: next.event, at: next.at } : undefined;
    this.flush(this.options.wall());
  }

  /** Opens a shared or saved run: a fresh cluster of its shape, fast-forwarded to where it was recorded, paused. */
  private load(input: unknown, id: number): void {
    const checked = validateRecording(input);
    if (!checked.ok) {
      this.options.post({ type: 'loadResult', id, ok: false, message: `This link cannot be opened: ${checked.error}.` });
      return;
    }
    const recording = structuredClone(checked.recording);
    this.config = { seed: recording.seed, workers: recording.workers, ...(recording.cluster ? { cluster: recording.cluster } : {}) };
    this.start(recording, false);
    const s = this.session!;
    s.pacer.pause();
    this.tip = recording.until;
    this.fastForward(s, recording.until, recording.untilEvent);
    this.replayDue(s);
    this.flush(this.options.wall());
    this.options.post({ type: 'loadResult', id, ok: true, message: `Opened a run of ${recording.actions.length} action(s) at ${formatMs(recording.until)}.` });
  }

  private openStream(s: Session, watch: KubectlWatch, muted: boolean): number {
    const id = this.nextStreamId++;
    const stream: Stream = { watch, off: () => undefined, chunks: [], muted };
    s.streamIds.push(id);
    this.streams.set(id, stream);
    stream.off = watch.subscribe(
      (chunk) => stream.chunks.push(chunk),
      (code) => (stream.ended = code),
    );
    return id;
  }

  private closeStreams(): void {
    for (const stream of this.streams.values()) {
      stream.off();
      stream.watch.stop();
    }
    this.streams.clear();
  }

  /** Sends what streaming commands wrote since the last frame, and their ends. */
  private flushStreams(): void {
    for (const [id, stream] of this.streams) {
      const chunks = stream.chunks.splice(0);
      if (!stream.muted) for (const c of chunks) this.options.post({ type: 'kubectlStream', streamId: id, stream: c.stream, text: c.text });
      if (stream.ended !== undefined) {
        if (!stream.muted) this.options.post({ type: 'kubectlStreamEnd', streamId: id, exitCode: stream.ended });
        stream.off();
        this.streams.delete(id);
      }
    }
  }

  /**
   * A new cluster. With a recording, it is that run's cluster with the recording kept for replay (rewind keeps the
   * clock controls as they were); without, a fresh run with an empty recording.
   */
  private start(recording?: SessionRecording, keepControls = true): void {
    const previous = this.session;
    if (previous) {
      previous.observer.stop();
      previous.decisions.stop();
      previous.capture.dispose();
      previous.unsubscribe();
    }
    this.closeStreams();
    this.batcher.clear();
    const shape = this.config.cluster;
    const cluster = createCluster({
      seed: this.config.seed,
      workers: this.config.workers,
      ...(shape?.zones ? { zones: shape.zones } : {}),
      ...(shape?.cpu || shape?.memory ? { nodeShape: { ...(shape.cpu ? { cpu: shape.cpu } : {}), ...(shape.memory ? { memory: shape.memory } : {}) } } : {}),
    });
    if (!recording) {
      this.tip = 0;
      this.recordingFull = false;
    }
    // First subscriber, so a request's body is known when the record reaches the listener below.
    const capture = new RequestCapture(cluster.engine.traffic);
    const pacer = new Pacer(cluster.engine, { wall: this.options.wall, sliceMs: this.options.sliceMs });
    if (previous && keepControls) {
      pacer.speed = previous.pacer.speed;
      if (previous.pacer.paused) pacer.pause();
    }
    // A create's request record has no name (it was POSTed to the collection); the store write just before it
    // carries the key, so the narration can still say which object was created.
    let lastStoreKey: string | undefined;
    const unsubscribe = cluster.engine.traffic.subscribe((r) => {
      if (r.from === UI_CLIENT || r.to === UI_CLIENT) return;
      const view = trafficView(r);
      if (r.kind === 'store') lastStoreKey = r.path;
      else if (r.kind === 'request' && r.verb === 'create' && !view.name && r.status === 201 && lastStoreKey) {
        view.name = lastStoreKey.slice(lastStoreKey.lastIndexOf('/') + 1);
      }
      if (capture.has(r.id)) view.detail = true;
      this.batcher.addTraffic(view);
    });
    const observer = new ClusterObserver(cluster, this.batcher, undefined, (resource, type, obj) => {
      if (type === 'DELETED') return this.breakpoints.forget(resource.plural, obj);
      const hit = this.breakpoints.observe(resource.plural, obj);
      if (!hit || pacer.paused) return;
      pacer.pause();
      this.options.post({ type: 'breakpointHit', kind: hit.kind, message: hit.message, simTime: cluster.now() });
    });
    const decisions = new DecisionFeed(cluster, (line) => this.batcher.addDecision(line));
    const fresh: SessionRecording = { version: RECORDING_VERSION, seed: this.config.seed, workers: this.config.workers, ...(this.config.cluster ? { cluster: this.config.cluster } : {}), actions: [], until: 0 };
    this.session = { cluster, pacer, observer, capture, userApi: capture.wrap(cluster.apiserver), decisions, unsubscribe, recording: recording ?? fresh, cursor: 0, streamIds: [] };
    const sim = this.status();
    this.lastSent = sim;
    this.options.post({ type: 'ready', version: PROTOCOL_VERSION, components: controlPlane(), sim, resources: resourceViews(cluster), capabilities: capabilities(cluster) });
  }

  private status(): SimStatus {
    const s = this.session!;
    this.tip = Math.max(this.tip, s.cluster.now());
    return {
      simTime: s.cluster.now(),
      paused: s.pacer.paused,
      speed: s.pacer.speed,
      events: s.pacer.events,
      queued: s.cluster.engine.clock.size(),
      tip: this.tip,
    };
  }

  private flush(now: number): void {
    this.lastFlush = now;
    this.session?.decisions.poll();
    this.flushStreams();
    const sim = this.status();
    const changed = !this.lastSent || (Object.keys(sim) as (keyof SimStatus)[]).some((k) => sim[k] !== this.lastSent![k]);
    if (!changed && !this.batcher.hasWork()) return;
    this.lastSent = sim;
    this.options.post({ type: 'batch', sim, ...this.batcher.take() });
  }
}

function trafficView(r: TrafficRecord): TrafficView {
  const view: TrafficView = { id: r.id, t: r.t, kind: r.kind, from: r.from, to: r.to, verb: r.verb };
  if (r.resource) view.resource = r.resource;
  if (r.subresource) view.subresource = r.subresource;
  if (r.namespace) view.namespace = r.namespace;
  if (r.name) view.name = r.name;
  if (r.kind === 'store' && r.path) view.path = r.path;
  if (r.status !== undefined) view.status = r.status;
  if (r.reason) view.reason = r.reason;
  return view;
}

function resourceViews(cluster: Cluster): ResourceView[] {
  return cluster.registry
    .list()
    .filter((r) => r.version === r.storageVersion && !r.plural.includes('/'))
    .map((r) => ({ plural: r.plural, singular: r.singular, kind: r.kind, group: r.group, shortNames: [...r.shortNames], namespaced: r.namespaced }));
}

function capabilities(cluster: Cluster): Capabilities {
  return { faults: faultResource(cluster) !== undefined, nodeLifecycle: nodeLifecycleOf(cluster) !== undefined, scheduler: schedulerOf(cluster) !== undefined };
}

/** The control plane as drawn; the components themselves arrive with their rooms. */
function controlPlane(): ComponentView[] {
  const node = 'control-plane';
  return (['etcd', 'kube-apiserver', 'kube-scheduler', 'kube-controller-manager', 'cloud-controller-manager'] as const).map((kind) => ({
    id: `${kind}-${node}`,
    kind,
    node,
    healthy: true,
  }));
}

/** `1m30.5s`-style sim time for messages. */
function formatMs(ms: number): string {
  const m = Math.floor(ms / 60_000);
  const sec = (ms % 60_000) / 1000;
  return m > 0 ? `${m}m${sec}s` : `${sec}s`;
}
