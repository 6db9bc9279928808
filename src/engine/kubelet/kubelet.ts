/**
 * The kubelet of one node, a client of the apiserver like any other: it registers its Node, renews its Lease
 * every 10 s, reports node status every 10 s (patching only on change, or every 5 minutes), watches the pods
 * bound to it (`fieldSelector=spec.nodeName=NODE`), admits them, runs them through pod workers on the machine's
 * container runtime, writes their status and — once a deleted pod's containers are gone — removes it from the API.
 * Static pods come from manifests and are published as mirror pods.
 *
 * `stop()` is a dead kubelet on a live machine: no heartbeats, no status, but containers keep running.
 */
import type { Lease } from 'kubernetes-types/coordination/v1';
import type { ConfigMap, Node, NodeStatus, PersistentVolumeClaim, Pod, PodStatus, Secret, Service } from 'kubernetes-types/core/v1';
import type { Engine } from '../engine';
import type { Timer } from '../clock/virtual-clock';
import { KubeClient, type ResourceClient } from '../client/rest-client';
import { SharedInformerFactory } from '../client/informer-factory';
import type { SharedIndexInformer } from '../client/informer';
import { isAlreadyExists, isNotFound } from '../client/api-result';
import { registerTarget } from '../client/clock-target';
import { unwrapTombstone } from '../client/object-keys';
import type { ApiEndpoint } from '../apiserver/types';
import type { ResourceRegistry } from '../apiserver/registry';
import { EventRecorder } from '../record/event-recorder';
import type { RuntimeHost } from '../runtime/host';
import { fakeDigest } from '../runtime/images';
import type { NodeSpec } from '../nodes/topology';
import { admitPod } from './admission';
import { Backoff } from './backoff';
import type { ConfigSource } from './container-config';
import { ImageManager, type ImageStore } from './image-manager';
import { HostLocalIpam } from './ipam';
import { microTime, rfc3339Nano, type LogOptions } from './logs';
import { initialNode, nodeStatus, statusChanged } from './node-status';
import { PodWorker, type PodWorkerHost } from './pod-worker';
import type { ImageConfig } from '../runtime/images';
import type { HostDisk } from './volumes';

export const NODE_STATUS_UPDATE_MS = 10_000;
export const NODE_STATUS_REPORT_MS = 5 * 60_000;
export const NODE_LEASE_DURATION_S = 40;
export const NODE_LEASE_RENEW_MS = 10_000;

export interface KubeletOptions {
  spec: NodeSpec;
  /** containerd's image store and the machine's disk: they outlive the kubelet. */
  imageStore: ImageStore;
  disk: HostDisk;
  /** Static pod manifests (/etc/kubernetes/manifests). */
  staticPods?: Pod[];
  /** Configs for images preloaded on the machine that no registry in the catalog serves. */
  preloadedImage?: (reference: string) => ImageConfig | undefined;
  runtimeHost?: RuntimeHost;
  /** Times the machine has booted (bootID changes with it). */
  bootCount?: number;
}

export type LogsResult = { ok: true; text: string } | { ok: false; code: number; reason: string; message: string };

export interface ContainerUsage {
  name: string;
  startTime: string;
  cpu: { time: string; usageNanoCores: number };
  memory: { time: string; workingSetBytes: number; usageBytes: number };
}

/** The kubelet's /stats/summary, trimmed to what metrics-server reads. */
export interface StatsSummary {
  node: { nodeName: string; startTime: string; cpu: { time: string; usageNanoCores: number }; memory: { time: string; workingSetBytes: number; usageBytes: number; availableBytes: number } };
  pods: { podRef: { name: string; namespace: string; uid: string }; startTime: string; containers: ContainerUsage[]; cpu: { time: string; usageNanoCores: number }; memory: { time: string; workingSetBytes: number; usageBytes: number } }[];
}

const MIRROR_ANNOTATION = 'kubernetes.io/config.mirror';

export class Kubelet {
  readonly nodeName: string;
  readonly client: KubeClient;
  readonly images: ImageManager;
  readonly ipam: HostLocalIpam;
  private readonly target: string;
  private readonly recorder: EventRecorder;
  private readonly pods: ResourceClient<Pod>;
  private readonly nodes: ResourceClient<Node>;
  private readonly leases: ResourceClient<Lease>;
  private readonly restartBackoff = new Backoff();
  private readonly workers = new Map<string, PodWorker>();
  private readonly staticPods = new Map<string, Pod>();
  private informers?: SharedInformerFactory;
  private podInformer?: SharedIndexInformer<Pod>;
  private serviceInformer?: SharedIndexInformer<Service>;
  private running = false;
  private nodeUID?: string;
  private lease?: Lease;
  private lastReported?: NodeStatus;
  private lastReportMs = -Infinity;
  private readonly startedAtMs: number;
  private readonly workerHost: PodWorkerHost;

  constructor(
    private readonly engine: Engine,
    endpoint: ApiEndpoint,
    registry: ResourceRegistry,
    private readonly opts: KubeletOptions,
  ) {
    this.nodeName = opts.spec.name;
    this.client = new KubeClient(endpoint, registry, `kubelet/${this.nodeName}`);
    this.pods = this.client.resource<Pod>({ group: '', version: 'v1', resource: 'pods' });
    this.nodes = this.client.resource<Node>({ group: '', version: 'v1', resource: 'nodes' });
    this.leases = this.client.resource<Lease>({ group: 'coordination.k8s.io', version: 'v1', resource: 'leases' });
    this.recorder = new EventRecorder(engine, this.client, { component: 'kubelet', host: this.nodeName });
    this.images = new ImageManager(opts.imageStore, { preloaded: opts.preloadedImage });
    this.ipam = new HostLocalIpam(opts.spec.podCIDR);
    this.target = registerTarget(engine, `kubelet/${this.nodeName}`, (t) => this.onTimer(t));
    this.startedAtMs = engine.now();
    for (const p of opts.staticPods ?? []) {
      const pod = this.staticPodFor(p);
      this.staticPods.set(pod.metadata?.name as string, pod);
    }
    this.workerHost = this.makeWorkerHost();
  }

  get isRunning(): boolean {
    return this.running;
  }

  /** Starts (or restarts) the kubelet process: registration, heartbeats, the pod watch, static pods. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.informers = new SharedInformerFactory(this.engine, this.client);
    this.podInformer = this.informers.informerFor<Pod>({ group: '', version: 'v1', resource: 'pods' }, { fieldSelector: `spec.nodeName=${this.nodeName}` });
    this.serviceInformer = this.informers.informerFor<Service>({ group: '', version: 'v1', resource: 'services' });
    this.podInformer.addEventHandler({
      onAdd: (p) => this.onPod(p),
      onUpdate: (_o, p) => this.onPod(p),
      onDelete: (p) => this.onPodDeleted(unwrapTombstone(p)),
    });
    this.engine.clock.schedule(0, this.target, 'register');
  }

  /** The kubelet process dies: nothing is reported any more; containers keep running unobserved. */
  stop(): void {
    if (!this.running) return;
    this.running = false;
    this.informers?.shutdown();
    this.informers = undefined;
    for (const key of ['register', 'lease', 'status']) this.engine.clock.cancel(this.target, key);
    for (const uid of this.workers.keys()) this.engine.clock.cancel(this.target, `pod:${uid}`);
  }

  /** The machine loses power: the kubelet stops and every container is gone. */
  powerOff(): void {
    this.stop();
    for (const w of this.workers.values()) w.powerLoss();
    this.workers.clear();
  }

  // Timers ----------------------------------------------------------------------------------------------------

  private onTimer(t: Timer): void {
    if (!this.running) return;
    if (t.key === 'register') this.register();
    else if (t.key === 'lease') this.renewLease();
    else if (t.key === 'status') this.updateNodeStatus();
    else if (t.key.startsWith('pod:')) this.syncPod(t.key.slice(4));
  }

  private register(): void {
    const node: Node = { ...initialNode(this.opts.spec), status: this.computeStatus(undefined) };
    const created = this.nodes.create('', node);
    if (created.ok) {
      this.nodeUID = created.value.metadata?.uid;
      this.lastReported = created.value.status;
      this.lastReportMs = this.engine.now();
    } else if (isAlreadyExists(created.status)) {
      const existing = this.nodes.get('', this.nodeName);
      if (!existing.ok) return void this.engine.clock.schedule(NODE_STATUS_UPDATE_MS, this.target, 'register');
      this.nodeUID = existing.value.metadata?.uid;
      this.lastReported = existing.value.status;
      this.lastReportMs = -Infinity;
      this.updateNodeStatus();
    } else {
      this.engine.clock.schedule(NODE_STATUS_UPDATE_MS, this.target, 'register');
      return;
    }
    this.renewLease();
    this.engine.clock.schedule(NODE_STATUS_UPDATE_MS, this.target, 'status');
    this.informers?.start();
    for (const pod of this.staticPods.values()) this.ensureStaticPod(pod);
  }

  private computeStatus(previous: NodeStatus | undefined): NodeStatus {
    return nodeStatus({
      spec: this.opts.spec,
      bootCount: this.opts.bootCount ?? 0,
      images: this.opts.imageStore.list(),
      previous: previous?.conditions,
      now: this.engine.timestamp(),
      ready: { ok: true },
    });
  }

  /** tryUpdateNodeStatus: read the Node, patch its status when something changed or the report is due. */
  private updateNodeStatus(): void {
    this.engine.clock.schedule(NODE_STATUS_UPDATE_MS, this.target, 'status');
    const current = this.nodes.get('', this.nodeName);
    if (!current.ok) {
      if (isNotFound(current.status)) this.engine.clock.schedule(0, this.target, 'register');
      return;
    }
    const next = this.computeStatus(current.value.status);
    const due = this.engine.now() - this.lastReportMs >= NODE_STATUS_REPORT_MS;
    if (!due && !statusChanged(current.value.status, next)) return;
    const patched = this.nodes.patch('', this.nodeName, 'strategic', { status: next }, { subresource: 'status' });
    if (patched.ok) {
      this.lastReported = patched.value.status;
      this.lastReportMs = this.engine.now();
    }
  }

  /** The node lease: create it once, then an update with a fresh renewTime every 10 s. */
  private renewLease(): void {
    this.engine.clock.schedule(NODE_LEASE_RENEW_MS, this.target, 'lease');
    const renewTime = microTime(this.engine.epochMs + this.engine.now());
    if (this.lease) {
      const updated = this.leases.update('kube-node-lease', { ...this.lease, spec: { ...this.lease.spec, renewTime } });
      if (updated.ok) {
        this.lease = updated.value;
        return;
      }
      this.lease = undefined;
    }
    const got = this.leases.get('kube-node-lease', this.nodeName);
    if (got.ok) {
      const updated = this.leases.update('kube-node-lease', { ...got.value, spec: { ...got.value.spec, holderIdentity: this.nodeName, leaseDurationSeconds: NODE_LEASE_DURATION_S, renewTime } });
      if (updated.ok) this.lease = updated.value;
      return;
    }
    const created = this.leases.create('kube-node-lease', {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: {
        name: this.nodeName,
        namespace: 'kube-node-lease',
        ...(this.nodeUID ? { ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: this.nodeName, uid: this.nodeUID }] } : {}),
      },
      spec: { holderIdentity: this.nodeName, leaseDurationSeconds: NODE_LEASE_DURATION_S, renewTime },
    });
    if (created.ok) this.lease = created.value;
  }

  // Pods ------------------------------------------------------------------------------------------------------

  private onPod(pod: Pod): void {
    const annotations = pod.metadata?.annotations ?? {};
    if (annotations[MIRROR_ANNOTATION] !== undefined) return;
    const uid = pod.metadata?.uid as string;
    const existing = this.workers.get(uid);
    if (existing) {
      existing.update(withKind(pod));
      this.scheduleSync(uid, 0);
      return;
    }
    if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') return;
    if (!pod.metadata?.deletionTimestamp) {
      const node = this.nodeObject();
      const admitted = [...this.workers.values()].filter((w) => !w.isTerminal && !w.done).map((w) => w.pod);
      const verdict = node ? admitPod(pod, node, admitted) : ({ admit: true } as const);
      if (!verdict.admit) {
        this.recorder.event(withKind(pod), 'Warning', verdict.reason, verdict.message);
        this.pods.patch(pod.metadata?.namespace ?? '', pod.metadata?.name ?? '', 'merge', { status: { phase: 'Failed', reason: verdict.reason, message: `Pod was rejected: ${verdict.message}` } }, { subresource: 'status' });
        return;
      }
    }
    this.workers.set(uid, new PodWorker(withKind(pod), this.workerHost, { restartCountFrom: pod }));
    this.scheduleSync(uid, 0);
  }

  private onPodDeleted(pod: Pod): void {
    const annotations = pod.metadata?.annotations ?? {};
    if (annotations[MIRROR_ANNOTATION] !== undefined) {
      // Someone deleted a mirror pod: the static pod still runs, so the kubelet publishes it again.
      const s = this.staticPods.get(pod.metadata?.name ?? '');
      if (s && this.running) this.ensureStaticPod(s);
      return;
    }
    const uid = pod.metadata?.uid as string;
    const w = this.workers.get(uid);
    if (!w) return;
    w.forget(this.engine.now());
    this.workers.delete(uid);
    this.engine.clock.cancel(this.target, `pod:${uid}`);
  }

  private scheduleSync(uid: string, delayMs: number): void {
    this.engine.clock.scheduleEarliest(delayMs, this.target, `pod:${uid}`);
  }

  private syncPod(uid: string): void {
    const w = this.workers.get(uid);
    if (!w) return;
    const now = this.engine.now();
    const next = w.sync(now);
    if (w.done) {
      // Terminal pods keep their worker (for logs) until the API object goes away.
      return;
    }
    if (next !== undefined) this.engine.clock.schedule(next - now, this.target, `pod:${uid}`);
  }

  private nodeObject(): Node | undefined {
    const status = this.lastReported ?? this.computeStatus(undefined);
    const node = initialNode(this.opts.spec);
    return { ...node, status };
  }

  // Static pods -----------------------------------------------------------------------------------------------

  /** A manifest as the file source hands it to the kubelet: named after the node, with a content-hash UID. */
  private staticPodFor(manifest: Pod): Pod {
    const name = `${manifest.metadata?.name}-${this.nodeName}`;
    const hash = fakeDigest(JSON.stringify(manifest) + this.nodeName).slice(7, 39);
    const pod: Pod = structuredClone(manifest);
    pod.metadata = {
      ...pod.metadata,
      name,
      namespace: pod.metadata?.namespace ?? 'default',
      uid: hash,
      annotations: {
        ...pod.metadata?.annotations,
        'kubernetes.io/config.hash': hash,
        'kubernetes.io/config.seen': rfc3339Nano(this.engine.epochMs + this.engine.now()),
        'kubernetes.io/config.source': 'file',
      },
    };
    pod.spec = { ...pod.spec, nodeName: this.nodeName, containers: pod.spec?.containers ?? [] } as Pod['spec'];
    return withKind(pod);
  }

  private ensureStaticPod(pod: Pod): void {
    const uid = pod.metadata?.uid as string;
    const ns = pod.metadata?.namespace as string;
    const hash = pod.metadata?.annotations?.['kubernetes.io/config.hash'] as string;
    // The mirror gets its own UID from the apiserver; the static pod's is the config hash.
    const { uid: _staticUID, ...meta } = pod.metadata ?? {};
    const mirror: Pod = {
      ...structuredClone(pod),
      metadata: {
        ...meta,
        annotations: { ...meta.annotations, [MIRROR_ANNOTATION]: hash },
        ...(this.nodeUID ? { ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: this.nodeName, uid: this.nodeUID, controller: true }] } : {}),
      },
    };
    const created = this.pods.create(ns, mirror);
    if (!created.ok && !isAlreadyExists(created.status)) return;
    let worker = this.workers.get(uid);
    if (!worker) {
      worker = new PodWorker(pod, this.workerHost, { hostNetwork: true });
      this.workers.set(uid, worker);
    } else {
      // The status manager will write the full status to the new mirror pod.
      worker.update(pod);
      worker.forceStatus();
    }
    this.scheduleSync(uid, 0);
  }

  // The host the pod workers run on ---------------------------------------------------------------------------

  private makeWorkerHost(): PodWorkerHost {
    const engine = this.engine;
    const get = <T>(resource: string, ns: string, name: string): T | undefined => {
      const r = this.client.resource<T & { metadata?: object }>({ group: '', version: 'v1', resource }).get(ns, name);
      return r.ok ? (r.value as T) : undefined;
    };
    const config: ConfigSource = {
      configMap: (ns, name) => get<ConfigMap>('configmaps', ns, name),
      secret: (ns, name) => get<Secret>('secrets', ns, name),
      persistentVolumeClaim: (ns, name) => get<PersistentVolumeClaim>('persistentvolumeclaims', ns, name),
      services: (ns) => (this.serviceInformer?.lister.list() ?? []).filter((s) => s.metadata?.namespace === ns || (s.metadata?.namespace === 'default' && s.metadata?.name === 'kubernetes')),
    };
    return {
      nodeName: this.nodeName,
      nodeIP: this.opts.spec.internalIP,
      epochMs: engine.epochMs,
      timestamp: (ms) => engine.timestamp(ms),
      images: this.images,
      config,
      disk: this.opts.disk,
      restartBackoff: this.restartBackoff,
      runtimeHost: this.opts.runtimeHost ?? {},
      allocateIP: (uid) => this.ipam.allocate(uid),
      releaseIP: (uid) => this.ipam.release(uid),
      event: (pod, type, reason, message, fieldPath) => {
        if (this.running) this.recorder.event(pod, type, reason, message, fieldPath);
      },
      writeStatus: (pod, status) => this.writeStatus(pod, status),
      deletePod: (pod) => {
        if (!this.running) return;
        this.pods.delete(pod.metadata?.namespace ?? '', pod.metadata?.name ?? '', { gracePeriodSeconds: 0, preconditions: { uid: pod.metadata?.uid } });
      },
    };
  }

  /** The status manager's patch: the whole kubelet-owned status, removed fields nulled. */
  private writeStatus(pod: Pod, status: PodStatus): void {
    if (!this.running) return;
    const body: Record<string, unknown> = { ...status };
    for (const k of ['podIP', 'podIPs', 'initContainerStatuses', 'reason', 'message', 'nominatedNodeName'] as const) if (!(k in status)) body[k] = null;
    const r = this.pods.patch(pod.metadata?.namespace ?? '', pod.metadata?.name ?? '', 'merge', { status: body }, { subresource: 'status' });
    if (!r.ok) this.workers.get(pod.metadata?.uid as string)?.forceStatus();
  }

  // Reads -----------------------------------------------------------------------------------------------------

  private workerFor(namespace: string, name: string): PodWorker | undefined {
    for (const w of this.workers.values()) if (w.pod.metadata?.namespace === namespace && w.pod.metadata?.name === name) return w;
    return undefined;
  }

  /** The kubelet's /containerLogs endpoint, which the apiserver's pods/log proxies to. */
  logs(namespace: string, name: string, container: string, opts: LogOptions = {}): LogsResult {
    const w = this.workerFor(namespace, name);
    // Not synced here yet: the container has not been created.
    if (!w) return { ok: false, code: 400, reason: 'BadRequest', message: `container "${container}" in pod "${name}" is waiting to start: ContainerCreating` };
    const r = w.logs(container, opts);
    return r.ok ? r : { ok: false, code: 400, reason: 'BadRequest', message: r.message };
  }

  /** /stats/summary for metrics-server. */
  summary(): StatsSummary {
    const now = this.engine.now();
    const time = this.engine.timestamp(now);
    const pods: StatsSummary['pods'] = [];
    let cpu = 0;
    let mem = 0;
    for (const w of this.workers.values()) {
      if (w.done) continue;
      const usage = w.usage(now);
      if (usage.length === 0) continue;
      const containers: ContainerUsage[] = usage.map((u) => ({
        name: u.name,
        startTime: this.engine.timestamp(u.startedAtMs),
        cpu: { time, usageNanoCores: u.cpuNanoCores },
        memory: { time, workingSetBytes: u.memoryBytes, usageBytes: u.memoryBytes },
      }));
      const podCpu = usage.reduce((a, u) => a + u.cpuNanoCores, 0);
      const podMem = usage.reduce((a, u) => a + u.memoryBytes, 0);
      cpu += podCpu;
      mem += podMem;
      pods.push({
        podRef: { name: w.pod.metadata?.name ?? '', namespace: w.pod.metadata?.namespace ?? '', uid: w.uid },
        startTime: w.pod.status?.startTime ?? time,
        containers,
        cpu: { time, usageNanoCores: podCpu },
        memory: { time, workingSetBytes: podMem, usageBytes: podMem },
      });
    }
    // The node itself: system daemons on top of the pods.
    const systemCpu = 60_000_000;
    const systemMem = 600 * 1024 * 1024;
    const capacityBytes = kibToBytes(this.opts.spec.shape.memory);
    return {
      node: {
        nodeName: this.nodeName,
        startTime: this.engine.timestamp(this.startedAtMs),
        cpu: { time, usageNanoCores: cpu + systemCpu },
        memory: { time, workingSetBytes: mem + systemMem, usageBytes: mem + systemMem, availableBytes: Math.max(0, capacityBytes - mem - systemMem) },
      },
      pods,
    };
  }

  /** Running pod workers (for the UI and tests). */
  podUIDs(): string[] {
    return [...this.workers.keys()];
  }
}

function kibToBytes(q: string): number {
  const m = /^(\d+)(Ki|Mi|Gi)?$/.exec(q);
  if (!m) return 0;
  return Number(m[1]) * ({ Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3 }[m[2] ?? ''] ?? 1);
}

/** Objects from a list carry no apiVersion/kind; events need them on the involved object. */
function withKind(pod: Pod): Pod {
  return pod.apiVersion && pod.kind ? pod : { ...pod, apiVersion: 'v1', kind: 'Pod' };
}
