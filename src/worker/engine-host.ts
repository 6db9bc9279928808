/**
 * Hosts one simulated cluster for a UI: answers protocol commands, paces the clock, observes the cluster as the
 * `pilothouse-ui` client and sends what changed at most once per frame. Wall time and posting are injected, so the
 * same host runs in the worker and in tests.
 */
import { createCluster, type Cluster } from '../engine/cluster';
import type { TrafficRecord } from '../engine/traffic/traffic-record';
import type { ApiRequest } from '../engine/apiserver/types';
import {
  PROTOCOL_VERSION,
  type ComponentView,
  type EngineToUi,
  type SimStatus,
  type TrafficView,
  type UiToEngine,
} from '../protocol/messages';
import { applyLines } from './apply-lines';
import { ClusterObserver } from './cluster-observer';
import { DeltaBatcher, type BatchLimits } from './delta-batcher';
import { runKubectl as defaultKubectl, type KubectlRunner } from './kubectl-runner';
import { Pacer } from './pacer';
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
  unsubscribe: () => void;
}

export class EngineHost {
  private session: Session | undefined;
  private config = { seed: 1, workers: 0 };
  private readonly batcher: DeltaBatcher;
  private lastFlush = -Infinity;
  private lastSent: SimStatus | undefined;

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
    return s.pacer.speed === 'max' || this.batcher.backlog() > 0;
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
      case 'apply':
        this.options.post({ type: 'applyResult', id: msg.id, lines: applyLines(s.cluster.apply(msg.yaml, { client: 'kubectl' })) });
        return;
      case 'request': {
        const req: ApiRequest = { ...msg.request, client: msg.request.client ?? UI_CLIENT };
        const response = s.cluster.apiserver.request(req);
        this.options.post({ type: 'response', id: msg.id, response: structuredClone(response) });
        return;
      }
      case 'kubectl': {
        const out = (this.options.kubectl ?? defaultKubectl)(s.cluster, msg.commandLine);
        this.options.post({ type: 'kubectlResult', id: msg.id, ...out });
        return;
      }
    }
  }

  private start(): void {
    const previous = this.session;
    if (previous) {
      previous.observer.stop();
      previous.unsubscribe();
    }
    this.batcher.clear();
    const cluster = createCluster({ seed: this.config.seed, workers: this.config.workers });
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
      this.batcher.addTraffic(view);
    });
    const observer = new ClusterObserver(cluster, this.batcher);
    this.session = { cluster, pacer, observer, unsubscribe };
    const sim = this.status();
    this.lastSent = sim;
    this.options.post({ type: 'ready', version: PROTOCOL_VERSION, components: controlPlane(), sim });
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
