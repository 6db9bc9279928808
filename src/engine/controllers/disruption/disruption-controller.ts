/**
 * The disruption controller (pkg/controller/disruption): keeps each PodDisruptionBudget's status —
 * currentHealthy (ready pods not being deleted and not just evicted), desiredHealthy (minAvailable, or expected
 * minus maxUnavailable), expectedPods (the pods' controllers' scale, or the pod count for an integer
 * minAvailable), disruptionsAllowed, disruptedPods (evictions the apiserver approved, kept 2 minutes), the
 * DisruptionAllowed condition (SufficientPods / InsufficientPods / SyncFailed) and observedGeneration. The
 * eviction subresource decrements disruptionsAllowed between two syncs.
 */
import type { Pod, ReplicationController } from 'kubernetes-types/core/v1';
import type { Deployment, ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';
import type { OwnerReference } from 'kubernetes-types/meta/v1';
import { Controller } from '../../client/controller';
import type { SharedIndexInformer } from '../../client/informer';
import { controllerRef, splitKey, unwrapTombstone } from '../../client/object-keys';
import type { ReconcileResult } from '../../client/reconciler';
import type { ResourceClient } from '../../client/rest-client';
import { isConflict } from '../../client/api-result';
import { parseApiVersion } from '../../apiserver/registry';
import type { ControllerContext } from '../controller-context';
import { nowMs, parseTime } from '../history/time';
import { isPodReady } from '../nodelifecycle/node-util';
import { conditionsAreUpToDate, pdbSelects, scaledValue, setStatusCondition, updateDisruptionAllowedCondition, DISRUPTION_ALLOWED, SYNC_FAILED, type PdbStatus } from './pdb-util';

export const CONTROLLER_NAME = 'disruption-controller';
/** How long an approved eviction keeps a pod out of currentHealthy before the controller gives up on it. */
export const DELETION_TIMEOUT_MS = 2 * 60_000;

const PDBS = { group: 'policy', version: 'v1', resource: 'poddisruptionbudgets' };

export class DisruptionController {
  readonly controller: Controller;
  private readonly pdbs: SharedIndexInformer<PodDisruptionBudget>;
  private readonly pods: SharedIndexInformer<Pod>;
  private readonly rcs: SharedIndexInformer<ReplicationController>;
  private readonly rss: SharedIndexInformer<ReplicaSet>;
  private readonly deployments: SharedIndexInformer<Deployment>;
  private readonly statefulSets: SharedIndexInformer<StatefulSet>;
  private readonly api: ResourceClient<PodDisruptionBudget>;

  constructor(private readonly ctx: ControllerContext) {
    const client = ctx.client.as(CONTROLLER_NAME);
    this.api = client.resource<PodDisruptionBudget>(PDBS);
    this.pdbs = ctx.informers.informerFor<PodDisruptionBudget>(PDBS);
    this.pods = ctx.informers.informerFor<Pod>({ group: '', version: 'v1', resource: 'pods' });
    this.rcs = ctx.informers.informerFor<ReplicationController>({ group: '', version: 'v1', resource: 'replicationcontrollers' });
    this.rss = ctx.informers.informerFor<ReplicaSet>({ group: 'apps', version: 'v1', resource: 'replicasets' });
    this.deployments = ctx.informers.informerFor<Deployment>({ group: 'apps', version: 'v1', resource: 'deployments' });
    this.statefulSets = ctx.informers.informerFor<StatefulSet>({ group: 'apps', version: 'v1', resource: 'statefulsets' });
    const none = { create: () => false, update: () => false, delete: () => false };
    this.controller = new Controller(ctx.engine, CONTROLLER_NAME, { reconcile: (key) => this.sync(key) }, { decisionLog: ctx.decisions })
      .watches(this.pdbs)
      .watches(this.pods, (p) => this.pdbKeysFor(unwrapTombstone(p)))
      .watches(this.rcs, () => [], none)
      .watches(this.rss, () => [], none)
      .watches(this.deployments, () => [], none)
      .watches(this.statefulSets, () => [], none);
  }

  /** getPdbForPod: upstream picks the first matching PDB (and warns when there are several). */
  private pdbKeysFor(pod: Pod): string[] {
    const ns = pod.metadata?.namespace ?? '';
    const pdb = this.pdbs.lister.namespace(ns).list().find((p) => pdbSelects(p, pod));
    return pdb ? [`${ns}/${pdb.metadata?.name}`] : [];
  }

  private sync(key: string): ReconcileResult {
    const { namespace, name } = splitKey(key);
    const pdb = this.pdbs.lister.namespace(namespace).get(name);
    if (!pdb) return { note: 'PodDisruptionBudget deleted' };
    try {
      return this.trySync(pdb);
    } catch (err) {
      return this.failSafe(pdb, err instanceof Error ? err.message : String(err));
    }
  }

  private trySync(pdb: PodDisruptionBudget): ReconcileResult {
    const recorder = this.ctx.recorder('controllermanager');
    const pods = this.pods.lister.namespace(pdb.metadata!.namespace!).list().filter((p) => pdbSelects(pdb, p));
    if (pods.length === 0) recorder.event(pdb, 'Normal', 'NoPods', 'No matching pods found');
    const { expected, desired, unmanaged } = this.expectedPodCount(pdb, pods);
    if (unmanaged.length > 0) {
      recorder.event(
        pdb,
        'Warning',
        'UnmanagedPods',
        `Pods selected by this PodDisruptionBudget (selector: ${JSON.stringify(pdb.spec?.selector)}) were found to be unmanaged. As a result, the status of the PDB cannot be calculated correctly, which may result in undefined behavior. To account for these pods please set ".spec.minAvailable" field of the PDB to an integer value.`,
      );
    }
    const now = nowMs(this.ctx.engine);
    const { disrupted, recheckAt } = this.disruptedPodMap(pods, pdb, now);
    const currentHealthy = pods.filter((p) => !p.metadata?.deletionTimestamp && !(p.metadata!.name! in disrupted) && isPodReady(p)).length;
    let allowed = currentHealthy - desired;
    if (expected <= 0 || allowed <= 0) allowed = 0;
    const s = pdb.status;
    const same =
      s?.currentHealthy === currentHealthy &&
      s.desiredHealthy === desired &&
      s.expectedPods === expected &&
      s.disruptionsAllowed === allowed &&
      JSON.stringify(s.disruptedPods ?? {}) === JSON.stringify(disrupted) &&
      s.observedGeneration === pdb.metadata?.generation &&
      conditionsAreUpToDate(pdb);
    const note = `healthy ${currentHealthy}/${desired} of ${expected}, ${allowed} disruption(s) allowed`;
    const recheck = recheckAt !== undefined ? { requeueAfter: Math.max(1, recheckAt - now) } : {};
    if (same) return { ...recheck, note };
    const status: PdbStatus = {
      currentHealthy,
      desiredHealthy: desired,
      expectedPods: expected,
      disruptionsAllowed: allowed,
      ...(Object.keys(disrupted).length ? { disruptedPods: disrupted } : {}),
      observedGeneration: pdb.metadata?.generation,
      conditions: [...(pdb.status?.conditions ?? [])],
    };
    updateDisruptionAllowedCondition(status, this.ctx.engine.timestamp());
    const res = this.api.updateStatus(pdb.metadata!.namespace!, { ...pdb, status });
    if (!res.ok) return isConflict(res.status) ? { error: res.status.message ?? 'conflict' } : this.failSafe(pdb, res.status.message ?? 'update failed');
    return { ...recheck, note };
  }

  /** failSafe: if the status cannot be computed, at least allow no disruption. */
  private failSafe(pdb: PodDisruptionBudget, message: string): ReconcileResult {
    const status: PdbStatus = { currentHealthy: 0, desiredHealthy: 0, expectedPods: 0, ...structuredClone(pdb.status ?? {}), disruptionsAllowed: 0 };
    status.conditions = setStatusCondition([...(status.conditions ?? [])], { type: DISRUPTION_ALLOWED, status: 'False', reason: SYNC_FAILED, message, observedGeneration: status.observedGeneration }, this.ctx.engine.timestamp());
    this.api.updateStatus(pdb.metadata!.namespace!, { ...pdb, status });
    return { error: message };
  }

  private expectedPodCount(pdb: PodDisruptionBudget, pods: Pod[]): { expected: number; desired: number; unmanaged: string[] } {
    const spec = pdb.spec ?? {};
    if (spec.maxUnavailable != null) {
      const { expected, unmanaged } = this.expectedScale(pods);
      const max = scaledValue(spec.maxUnavailable, expected);
      if (max instanceof Error) throw max;
      return { expected, desired: Math.max(0, expected - max), unmanaged };
    }
    if (spec.minAvailable != null) {
      if (typeof spec.minAvailable === 'number') return { expected: pods.length, desired: spec.minAvailable, unmanaged: [] };
      const { expected, unmanaged } = this.expectedScale(pods);
      const min = scaledValue(spec.minAvailable, expected);
      if (min instanceof Error) throw min;
      return { expected, desired: min, unmanaged };
    }
    return { expected: 0, desired: 0, unmanaged: [] };
  }

  /** getExpectedScale: the sum of the scale of every controller owning the selected pods. */
  private expectedScale(pods: Pod[]): { expected: number; unmanaged: string[] } {
    const scales = new Map<string, number>();
    const unmanaged: string[] = [];
    for (const pod of pods) {
      const ref = controllerRef(pod);
      if (!ref) {
        unmanaged.push(pod.metadata!.name!);
        continue;
      }
      if (scales.has(ref.uid)) continue;
      const found = this.controllerScale(ref, pod.metadata!.namespace!);
      if (!found) throw new Error(`found no controllers for pod "${pod.metadata!.name}"`);
      scales.set(found.uid, found.scale);
    }
    return { expected: [...scales.values()].reduce((a, b) => a + b, 0), unmanaged };
  }

  /** The finders, in upstream's order: RC, Deployment (through its ReplicaSet), ReplicaSet, StatefulSet, /scale. */
  private controllerScale(ref: OwnerReference, ns: string): { uid: string; scale: number } | undefined {
    const group = parseApiVersion(ref.apiVersion).group;
    if (ref.kind === 'ReplicationController' && group === '') {
      const rc = this.rcs.lister.namespace(ns).get(ref.name);
      if (rc?.metadata?.uid === ref.uid) return { uid: ref.uid, scale: rc.spec?.replicas ?? 1 };
    }
    if (ref.kind === 'ReplicaSet' && (group === 'apps' || group === 'extensions')) {
      const rs = this.rss.lister.namespace(ns).get(ref.name);
      if (rs?.metadata?.uid !== ref.uid) return undefined;
      const owner = controllerRef(rs);
      if (owner?.kind === 'Deployment') {
        const d = this.deployments.lister.namespace(ns).get(owner.name);
        return d?.metadata?.uid === owner.uid ? { uid: owner.uid, scale: d.spec?.replicas ?? 1 } : undefined;
      }
      return { uid: ref.uid, scale: rs.spec?.replicas ?? 1 };
    }
    if (ref.kind === 'StatefulSet' && group === 'apps') {
      const ss = this.statefulSets.lister.namespace(ns).get(ref.name);
      if (ss?.metadata?.uid === ref.uid) return { uid: ref.uid, scale: ss.spec?.replicas ?? 1 };
    }
    // Any other kind with a /scale subresource.
    // An unknown kind throws `no matches for kind …`, which fails the sync as upstream's RESTMapping error does.
    const client: ResourceClient = this.ctx.client.as(CONTROLLER_NAME).forKind(ref.apiVersion, ref.kind);
    if (!client.info.subresources.some((s) => s.name === 'scale')) return undefined;
    const scale = client.getScale(ns, ref.name);
    if (!scale.ok || scale.value.metadata?.uid !== ref.uid) return undefined;
    return { uid: ref.uid, scale: scale.value.spec?.replicas ?? 0 };
  }

  /** buildDisruptedPodMap: approved evictions still expected to happen, and when to look again. */
  private disruptedPodMap(pods: Pod[], pdb: PodDisruptionBudget, now: number): { disrupted: Record<string, string>; recheckAt?: number } {
    const recorded = pdb.status?.disruptedPods ?? {};
    const disrupted: Record<string, string> = {};
    let recheckAt: number | undefined;
    for (const pod of pods) {
      if (pod.metadata?.deletionTimestamp) continue;
      const at = recorded[pod.metadata!.name!];
      if (!at) continue;
      const expectedDeletion = parseTime(at) + DELETION_TIMEOUT_MS;
      if (expectedDeletion < now) {
        this.ctx.recorder('controllermanager').event(pod, 'Warning', 'NotDeleted', `Pod was expected by PDB ${pdb.metadata?.namespace}/${pdb.metadata?.namespace} to be deleted but it wasn't`);
        continue;
      }
      if (recheckAt === undefined || expectedDeletion < recheckAt) recheckAt = expectedDeletion;
      disrupted[pod.metadata!.name!] = at;
    }
    return { disrupted, recheckAt };
  }
}

export function newDisruptionController(ctx: ControllerContext): Controller {
  return new DisruptionController(ctx).controller;
}
