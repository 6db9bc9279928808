/**
 * The Deployment controller (pkg/controller/deployment/deployment_controller.go): claims the ReplicaSets its
 * selector matches and drives them by strategy — RollingUpdate or Recreate — or only scales them when the
 * Deployment is paused or was resized, keeping revisions, conditions and status as `kubectl rollout` reads them.
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import { labelSelectorAsMatcher } from '../../apiserver/selectors/labels';
import { Controller } from '../../client/controller';
import { CONTROLLER_UID_INDEX, controllerUidIndexFunc } from '../../client/indexer';
import { controllerRef, objectKey, splitKey } from '../../client/object-keys';
import type { ReconcileResult } from '../../client/reconciler';
import type { KubeObject, ResourceClient } from '../../client/rest-client';
import type { ControllerContext } from '../controller-context';
import { ControllerRefManager, newControllerRef, recheckOwner } from '../replicaset/controller-ref-manager';
import { rolloutRecreate, type PodMap } from './recreate';
import { rolloutRolling } from './rolling';
import { DEPLOYMENT_API_VERSION, DEPLOYMENT_KIND, DeploymentSyncer, SyncError } from './sync';

const DEPLOYMENTS = { group: 'apps', version: 'v1', resource: 'deployments' };
const REPLICA_SETS = { group: 'apps', version: 'v1', resource: 'replicasets' };
const PODS = { group: '', version: 'v1', resource: 'pods' };
const NAME = 'deployment-controller';

export function newDeploymentController(ctx: ControllerContext): Controller {
  const dInformer = ctx.informers.informerFor<Deployment>(DEPLOYMENTS);
  const rsInformer = ctx.informers.informerFor<ReplicaSet>(REPLICA_SETS, { indexers: { [CONTROLLER_UID_INDEX]: controllerUidIndexFunc } });
  const podInformer = ctx.informers.informerFor<Pod>(PODS, { indexers: { [CONTROLLER_UID_INDEX]: controllerUidIndexFunc } });
  const client = ctx.client.as(NAME);
  const dApi = client.resource<Deployment>(DEPLOYMENTS);
  const rsApi = client.resource<ReplicaSet>(REPLICA_SETS);
  const recorder = ctx.recorder(NAME);
  const deps = {
    rsApi,
    dApi,
    cachedReplicaSet: (ns: string, name: string) => rsInformer.lister.namespace(ns).get(name),
    recorder,
    nowMs: () => ctx.engine.epochMs + ctx.engine.now(),
    timestamp: () => ctx.engine.timestamp(),
  };

  /** The Deployment controlling a ReplicaSet, or — for an orphan — every Deployment whose selector matches it. */
  const deploymentsFor = (rs: ReplicaSet): string[] => {
    const ns = rs.metadata?.namespace ?? '';
    const ref = controllerRef(rs);
    if (ref) {
      if (ref.kind !== DEPLOYMENT_KIND) return [];
      const d = dInformer.lister.namespace(ns).get(ref.name);
      return d && d.metadata?.uid === ref.uid ? [objectKey(d)] : [];
    }
    return dInformer.lister
      .namespace(ns)
      .list()
      .filter((d) => {
        const sel = labelSelectorAsMatcher(d.spec?.selector);
        return sel.ok && !sel.selector.empty && sel.selector.matches(rs.metadata?.labels);
      })
      .map(objectKey);
  };

  /** getDeploymentForPod, for Recreate Deployments waiting for old pods to go. */
  const recreateDeploymentFor = (pod: Pod): string[] => {
    const ref = controllerRef(pod);
    if (!ref || ref.kind !== 'ReplicaSet') return [];
    const rs = rsInformer.lister.namespace(pod.metadata?.namespace ?? '').get(ref.name);
    if (!rs || rs.metadata?.uid !== ref.uid) return [];
    return deploymentsFor(rs).filter((key) => dInformer.indexer.getByKey(key)?.spec?.strategy?.type === 'Recreate');
  };

  function claimReplicaSets(d: Deployment): { rsList: ReplicaSet[]; error?: string } {
    const sel = labelSelectorAsMatcher(d.spec?.selector);
    if (!sel.ok) return { rsList: [], error: `deployment ${d.metadata?.namespace}/${d.metadata?.name} has invalid label selector: ${sel.error}` };
    const all = rsInformer.lister.namespace(d.metadata?.namespace ?? '').list();
    const manager = new ControllerRefManager<ReplicaSet>(
      d,
      newControllerRef(d, DEPLOYMENT_API_VERSION, DEPLOYMENT_KIND),
      sel.selector,
      rsApi,
      recheckOwner(dApi as unknown as ResourceClient<KubeObject>, d, DEPLOYMENT_KIND),
    );
    const claimed = manager.claim(all);
    return { rsList: claimed.claimed.map((rs) => structuredClone(rs)), error: claimed.errors.length ? claimed.errors.join('; ') : undefined };
  }

  function podMapFor(d: Deployment, rsList: ReplicaSet[]): PodMap {
    const map: PodMap = new Map(rsList.map((rs) => [rs.metadata?.uid ?? '', [] as Pod[]]));
    const sel = labelSelectorAsMatcher(d.spec?.selector);
    if (!sel.ok) return map;
    for (const pod of podInformer.lister.namespace(d.metadata?.namespace ?? '').list(sel.selector)) {
      const ref = controllerRef(pod);
      if (ref && map.has(ref.uid)) map.get(ref.uid)!.push(pod);
    }
    return map;
  }

  function syncDeployment(key: string): ReconcileResult {
    const { namespace, name } = splitKey(key);
    const cached = dInformer.lister.namespace(namespace).get(name);
    if (!cached) return { note: 'deployment gone' };
    const d = structuredClone(cached);
    const s = new DeploymentSyncer(deps);
    const sel = d.spec?.selector;
    if (sel && Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0) {
      s.event(d, 'Warning', 'SelectingAll', 'This deployment is selecting all pods. A non-empty selector is required.');
      if ((d.status?.observedGeneration ?? 0) < (d.metadata?.generation ?? 0)) {
        d.status = { ...d.status, observedGeneration: d.metadata?.generation };
        dApi.updateStatus(namespace, d);
      }
      return { note: 'selecting all pods' };
    }
    const { rsList, error } = claimReplicaSets(d);
    if (error) return { error };
    const podMap = podMapFor(d, rsList);
    let note: string;
    if (d.metadata?.deletionTimestamp) {
      s.syncStatusOnly(d, rsList);
      note = 'being deleted: status only';
    } else {
      s.checkPausedConditions(d);
      if (d.spec?.paused) {
        s.sync(d, rsList);
        note = 'paused: scaled only';
      } else if (s.isScalingEvent(d, rsList)) {
        s.sync(d, rsList);
        note = 'scaling event: scaled proportionally';
      } else if (d.spec?.strategy?.type === 'Recreate') {
        rolloutRecreate(s, d, rsList, podMap);
        note = 'Recreate rollout';
      } else {
        rolloutRolling(s, d, rsList);
        note = 'RollingUpdate rollout';
      }
    }
    if (s.requeue.rateLimited) return { requeue: true, note };
    if (s.requeue.after !== undefined) return { requeueAfter: s.requeue.after, note: `${note}; rechecking progress deadline` };
    return { note };
  }

  const reconcile = (key: string): ReconcileResult => {
    try {
      return syncDeployment(key);
    } catch (err) {
      if (err instanceof SyncError) return { error: err.message };
      throw err;
    }
  };

  return new Controller(ctx.engine, NAME, { reconcile }, { decisionLog: ctx.decisions })
    .watches(dInformer)
    .watches(rsInformer, deploymentsFor)
    .watches(podInformer, recreateDeploymentFor, { create: () => false, update: () => false });
}
