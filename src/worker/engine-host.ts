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
import { RequestCapture } from './request-capture';
import { UI_CLIENT } from './watched-resources';

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
}

interface Stream {
  watch: KubectlWatch;
  off: () => void;
  /** Output not yet sent; flushed with the next batch. */
  chunks: { stream: 'stdout' | 'stderr'; text: string }[];
  ended?: number;
}

export class EngineHost {
  private session: Session | undefined;
  private config = { seed: 1, workers: 0 };
  private readonly batcher: DeltaBatcher;
  private lastFlush = -Infinity;
  private lastSent: SimStatus | undefined;
  private streams = new Map<number, Stream>();
  private nextStreamId = 1;
  /** Armed breakpoints survive a reset, as the user set them. */
  private readonly breakpoints = new Breakpoints();

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
        else s.pacer.step();
        this.flush(this.options.wall());
        return;
      case 'speed':
        s.pacer.speed = msg.speed;
        this.flush(this.options.wall());
        return;
      case 'apply': {
        const result = applyManifests(s.userApi, s.cluster.registry, msg.yaml, { client: 'kubectl', threeWayPatch: threeWayPatchFor });
        this.options.post({ type: 'applyResult', id: msg.id, lines: applyLines(result, msg.yaml) });
        return;
      }
      case 'request': {
        const req: ApiRequest = { ...msg.request, client: msg.request.client ?? UI_CLIENT };
        const response = s.cluster.apiserver.request(req);
        this.options.post({ type: 'response', id: msg.id, response: structuredClone(response) });
        return;
      }
      case 'kubectl': {
        const out = (this.options.kubectl ?? defaultKubectl)(s.cluster, msg.commandLine, s.userApi, msg.stdin);
        const answer: Extract<EngineToUi, { type: 'kubectlResult' }> = { type: 'kubectlResult', id: msg.id, stdout: out.stdout, stderr: out.stderr, exitCode: out.exitCode };
        if (out.edit) answer.edit = { ref: out.edit.ref, text: out.edit.text };
        if (out.watch) answer.streamId = this.openStream(out.watch);
        this.options.post(answer);
        return;
      }
      case 'kubectlStop': {
        const stream = this.streams.get(msg.streamId);
        stream?.watch.stop(); // ends it: onEnd queues the end message for the next flush
        return;
      }
      case 'inspect':
        this.options.post({ type: 'inspectResult', id: msg.id, view: inspectObject(s.cluster, msg.key) });
        return;
      case 'requestDetail':
        this.options.post({ type: 'requestDetail', id: msg.id, detail: s.capture.get(msg.trafficId) });
        return;
      case 'fault': {
        const outcome = msg.action === 'break' ? breakNode(s.cluster, s.userApi, msg.node, msg.faultType) : healNode(s.cluster, s.userApi, msg.node, msg.faultType);
        this.options.post({ type: 'actionResult', id: msg.id, ...outcome });
        return;
      }
      case 'node':
        this.options.post({ type: 'actionResult', id: msg.id, ...changeNodes(s.cluster, msg.action, msg.name) });
        return;
      case 'live':
        this.options.post({ type: 'liveYaml', id: msg.id, text: liveYaml(uiEndpoint(s.cluster.apiserver), s.cluster.registry, msg.yaml) });
        return;
    }
  }

  private openStream(watch: KubectlWatch): number {
    const id = this.nextStreamId++;
    const stream: Stream = { watch, off: () => undefined, chunks: [] };
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
      for (const c of stream.chunks.splice(0)) this.options.post({ type: 'kubectlStream', streamId: id, stream: c.stream, text: c.text });
      if (stream.ended !== undefined) {
        this.options.post({ type: 'kubectlStreamEnd', streamId: id, exitCode: stream.ended });
        stream.off();
        this.streams.delete(id);
      }
    }
  }

  private start(): void {
    const previous = this.session;
    if (previous) {
      previous.observer.stop();
      previous.decisions.stop();
      previous.capture.dispose();
      previous.unsubscribe();
    }
    this.closeStreams();
    this.batcher.clear();
    const cluster = createCluster({ seed: this.config.seed, workers: this.config.workers });
    // First subscriber, so a request's body is known when the record reaches the listener below.
    const capture = new RequestCapture(cluster.engine.traffic);
    const pacer = new Pacer(cluster.engine, { wall: this.options.wall, sliceMs: this.options.sliceMs });
    if (previous) {
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
    this.session = { cluster, pacer, observer, capture, userApi: capture.wrap(cluster.apiserver), decisions, unsubscribe };
    const sim = this.status();
    this.lastSent = sim;
    this.options.post({ type: 'ready', version: PROTOCOL_VERSION, components: controlPlane(), sim, resources: resourceViews(cluster), capabilities: capabilities(cluster) });
  }

  private status(): SimStatus {
    const s = this.session!;
    return {
      simTime: s.cluster.now(),
      paused: s.pacer.paused,
      speed: s.pacer.speed,
      events: s.pacer.events,
      queued: s.cluster.engine.clock.size(),
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
