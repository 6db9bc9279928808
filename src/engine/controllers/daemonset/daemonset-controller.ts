/**
 * The DaemonSet controller (pkg/controller/daemon, 1.32): one pod per eligible node. Pods are not bound by the
 * controller: each is created with a required node affinity `metadata.name In [<node>]` and the scheduler places
 * it. Nodes joining, leaving or changing taints/labels resync every DaemonSet. Template changes become
 * ControllerRevisions (`<ds>-<hash>`) and roll out node by node within maxUnavailable / maxSurge, or on delete.
 */
import type { ControllerRevision, DaemonSet, DaemonSetStatus } from 'kubernetes-types/apps/v1';
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { Controller } from '../../client/controller';
import { enqueueForOwner } from '../../client/event-mappers';
import { CONTROLLER_UID_INDEX, controllerUidIndexFunc } from '../../client/indexer';
import { objectKey, splitKey } from '../../client/object-keys';
import { isAlreadyExists, isNotFound } from '../../client/api-result';
import type { ReconcileResult } from '../../client/reconciler';
import type { ControllerContext } from '../controller-context';
import { computeTemplateHash, controllerRevisionName, equalRevision, newControllerRevision, nextRevision, sortRevisions, templatePatch } from '../history/controller-revision';
import { CONTROLLER_REVISIONS, DAEMONSETS, NODES, PODS } from '../history/resources';
import { isPodAvailable, isPodReady, newControllerRef, podFromTemplate } from '../history/pods';
import { nowMs, parseTime } from '../history/time';
import { addDaemonPodTolerations, nodeShouldRunDaemonPod, pinToNode, targetNodeName } from './node-fit';

const CONTROLLER_NAME = 'daemonset-controller';
/** apps.DefaultDaemonSetUniqueLabelKey. */
export const DAEMONSET_HASH_LABEL = 'controller-revision-hash';
/** extensions.DaemonSetTemplateGenerationKey (deprecated, still set). */
export const TEMPLATE_GENERATION_LABEL = 'pod-template-generation';

/** intstr.GetScaledValueFromIntOrPercent, rounding up. */
function scaled(value: number | string | undefined, total: number, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value === 'number') return value;
  const m = /^(\d+)%$/.exec(value);
  return m ? Math.ceil((Number(m[1]) * total) / 100) : Number(value) || 0;
}

const byCreation = (a: Pod, b: Pod) => parseTime(a.metadata?.creationTimestamp) - parseTime(b.metadata?.creationTimestamp) || (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? '');

export function newDaemonSetController(ctx: ControllerContext): Controller {
  const dsInformer = ctx.informers.informerFor<DaemonSet>(DAEMONSETS);
  const pods = ctx.informers.informerFor<Pod>(PODS, { indexers: { [CONTROLLER_UID_INDEX]: controllerUidIndexFunc } });
  const nodes = ctx.informers.informerFor<Node>(NODES);
  const revisionsInformer = ctx.informers.informerFor<ControllerRevision>(CONTROLLER_REVISIONS, { indexers: { [CONTROLLER_UID_INDEX]: controllerUidIndexFunc } });
  const client = ctx.client.as(CONTROLLER_NAME);
  const dsApi = client.resource<DaemonSet>(DAEMONSETS);
  const podsApi = client.resource<Pod>(PODS);
  const revisionsApi = client.resource<ControllerRevision>(CONTROLLER_REVISIONS);
  const recorder = ctx.recorder(CONTROLLER_NAME);
  const now = () => nowMs(ctx.engine);

  /** IsPodUpdated: the pod carries the current hash or template generation. */
  const isPodUpdated = (ds: DaemonSet, pod: Pod, hash: string) =>
    pod.metadata?.labels?.[DAEMONSET_HASH_LABEL] === hash || pod.metadata?.labels?.[TEMPLATE_GENERATION_LABEL] === String(ds.metadata?.generation);
  const available = (ds: DaemonSet, pod: Pod) => isPodAvailable(pod, ds.spec?.minReadySeconds ?? 0, now());

  // -------------------------------------------------------------------------------------------------------
  // History (constructHistory, cleanupHistory).

  function constructHistory(ds: DaemonSet): { cur?: ControllerRevision; old: ControllerRevision[]; error?: string } {
    const all = sortRevisions(revisionsInformer.indexer.byIndex(CONTROLLER_UID_INDEX, ds.metadata!.uid!));
    const hash = computeTemplateHash(ds.spec?.template, ds.status?.collisionCount);
    const name = controllerRevisionName(ds.metadata!.name!, hash);
    const data = templatePatch(ds.spec?.template);
    const candidate = newControllerRevision(ds, newControllerRef(ds, 'apps/v1', 'DaemonSet'), ds.spec?.template?.metadata?.labels, data, nextRevision(all), name, {
      [DAEMONSET_HASH_LABEL]: hash,
    });
    let cur = all.find((r) => r.metadata?.labels?.[DAEMONSET_HASH_LABEL] === hash || equalRevision(r, candidate));
    const old = all.filter((r) => r !== cur);
    const max = all.reduce((m, r) => Math.max(m, r.revision), 0);
    if (cur && cur.revision < max) {
      // An older template is current again: bump it to the newest revision.
      const bumped = structuredClone(cur);
      bumped.revision = max + 1;
      const res = revisionsApi.update(ds.metadata!.namespace!, bumped);
      if (!res.ok) return { old, error: res.status.message };
      cur = res.value;
    } else if (!cur) {
      const res = revisionsApi.create(ds.metadata!.namespace!, candidate);
      if (res.ok) cur = res.value;
      else if (isAlreadyExists(res.status)) {
        const existing = revisionsApi.get(ds.metadata!.namespace!, name);
        if (existing.ok && equalRevision(existing.value, candidate)) cur = existing.value;
        else {
          // A hash collision: bump collisionCount so the next sync hashes differently.
          const bumpedStatus = { ...ds, status: { ...(ds.status ?? {}), collisionCount: (ds.status?.collisionCount ?? 0) + 1 } } as DaemonSet;
          dsApi.updateStatus(ds.metadata!.namespace!, bumpedStatus);
          return { old, error: 'found a hash collision for DaemonSet - bumping collisionCount' };
        }
      } else return { old, error: res.status.message };
    }
    // Keep the hash label on the current revision (it is how pods are matched to it).
    return { cur, old };
  }

  function cleanupHistory(ds: DaemonSet, old: ControllerRevision[], owned: Pod[]): void {
    const limit = ds.spec?.revisionHistoryLimit ?? 10;
    const live = new Set(owned.map((p) => p.metadata?.labels?.[DAEMONSET_HASH_LABEL]).filter(Boolean));
    const deletable = old.filter((r) => !live.has(r.metadata?.labels?.[DAEMONSET_HASH_LABEL]));
    for (const r of deletable.slice(0, Math.max(0, old.length - limit))) revisionsApi.delete(ds.metadata!.namespace!, r.metadata!.name!);
  }

  // -------------------------------------------------------------------------------------------------------

  /** getNodesToDaemonPods: live (and, for status, terminal) pods by the node they are on or pinned to. */
  function podsByNode(owned: Pod[]): Map<string, Pod[]> {
    const out = new Map<string, Pod[]>();
    for (const pod of owned) {
      if (pod.metadata?.deletionTimestamp && pod.status?.phase !== 'Running' && pod.status?.phase !== 'Pending') continue;
      const node = targetNodeName(pod);
      if (!node) continue;
      out.set(node, [...(out.get(node) ?? []), pod]);
    }
    return out;
  }

  function createPod(ds: DaemonSet, nodeName: string, hash: string): string | undefined {
    const template = structuredClone(ds.spec!.template);
    addDaemonPodTolerations(template.spec!);
    template.metadata = { ...(template.metadata ?? {}), labels: { ...(template.metadata?.labels ?? {}), [TEMPLATE_GENERATION_LABEL]: String(ds.metadata?.generation ?? 1), [DAEMONSET_HASH_LABEL]: hash } };
    const pod = podFromTemplate(template, ds.metadata!.name!, newControllerRef(ds, 'apps/v1', 'DaemonSet'));
    pod.spec!.affinity = pinToNode(pod.spec!.affinity, nodeName);
    const res = podsApi.create(ds.metadata!.namespace!, pod);
    if (!res.ok) {
      recorder.event(ds, 'Warning', 'FailedCreate', `Error creating: ${res.status.message}`);
      return res.status.message;
    }
    recorder.event(ds, 'Normal', 'SuccessfulCreate', `Created pod: ${res.value.metadata?.name}`);
    return undefined;
  }

  function deletePod(ds: DaemonSet, name: string): string | undefined {
    const res = podsApi.delete(ds.metadata!.namespace!, name);
    if (!res.ok) {
      if (isNotFound(res.status)) return undefined;
      recorder.event(ds, 'Warning', 'FailedDelete', `Error deleting: ${res.status.message}`);
      return res.status.message;
    }
    recorder.event(ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${name}`);
    return undefined;
  }

  /** syncNodes: the deletions, then one pod per node that needs one. */
  function syncNodes(ds: DaemonSet, toDelete: string[], toCreate: string[], hash: string): string | undefined {
    let error: string | undefined;
    for (const name of toDelete) error = deletePod(ds, name) ?? error;
    for (const node of toCreate) {
      const err = createPod(ds, node, hash);
      if (err) return err;
    }
    return error;
  }

  /** manage: podsShouldBeRunningOnNode for every node. Returns how many writes it made. */
  function manage(ds: DaemonSet, nodeList: Node[], byNode: Map<string, Pod[]>, hash: string): { writes: number; error?: string } {
    const surge = scaled(ds.spec?.updateStrategy?.rollingUpdate?.maxSurge as number | string | undefined, 1, 0) > 0 && ds.spec?.updateStrategy?.type !== 'OnDelete';
    const toCreate: string[] = [];
    const toDelete: string[] = [];
    const known = new Set(nodeList.map((n) => n.metadata!.name!));
    for (const node of nodeList) {
      const nodeName = node.metadata!.name!;
      const { shouldRun, shouldContinueRunning } = nodeShouldRunDaemonPod(node, ds);
      const onNode = byNode.get(nodeName) ?? [];
      if (shouldRun && onNode.length === 0) {
        toCreate.push(nodeName);
      } else if (shouldContinueRunning) {
        const running: Pod[] = [];
        for (const pod of onNode) {
          if (pod.metadata?.deletionTimestamp) continue;
          if (pod.status?.phase === 'Failed') {
            recorder.event(ds, 'Warning', 'FailedDaemonPod', `Found failed daemon pod ${pod.metadata?.namespace}/${pod.metadata?.name} on node ${nodeName}, will try to kill it`);
            toDelete.push(pod.metadata!.name!);
          } else if (pod.status?.phase === 'Succeeded') toDelete.push(pod.metadata!.name!);
          else running.push(pod);
        }
        running.sort(byCreation);
        if (!surge) for (const extra of running.slice(1)) toDelete.push(extra.metadata!.name!);
        else {
          let oldestNew: Pod | undefined;
          let oldestOld: Pod | undefined;
          for (const pod of running) {
            if (pod.metadata?.labels?.[DAEMONSET_HASH_LABEL] === hash) {
              if (!oldestNew) oldestNew = pod;
              else toDelete.push(pod.metadata!.name!);
            } else if (!oldestOld) oldestOld = pod;
            else toDelete.push(pod.metadata!.name!);
          }
        }
      } else if (onNode.length > 0) {
        for (const pod of onNode) if (!pod.metadata?.deletionTimestamp) toDelete.push(pod.metadata!.name!);
      }
    }
    // Unscheduled pods pinned to nodes that no longer exist can never run: remove them.
    for (const [nodeName, onNode] of byNode) {
      if (known.has(nodeName)) continue;
      for (const pod of onNode) if (!pod.spec?.nodeName && !pod.metadata?.deletionTimestamp) toDelete.push(pod.metadata!.name!);
    }
    const error = syncNodes(ds, toDelete, toCreate, hash);
    return { writes: toDelete.length + toCreate.length, error };
  }

  /** findUpdatedPodsOnNode: the one new and one old pod on a node; false when there are several of either. */
  function updatedPodsOnNode(ds: DaemonSet, onNode: Pod[], hash: string): { newPod?: Pod; oldPod?: Pod } | undefined {
    let newPod: Pod | undefined;
    let oldPod: Pod | undefined;
    for (const pod of onNode) {
      if (pod.metadata?.deletionTimestamp) continue;
      if (isPodUpdated(ds, pod, hash)) {
        if (newPod) return undefined;
        newPod = pod;
      } else {
        if (oldPod) return undefined;
        oldPod = pod;
      }
    }
    return { newPod, oldPod };
  }

  /** rollingUpdate (update.go): replace old pods within maxUnavailable, or surge new ones within maxSurge. */
  function rollingUpdate(ds: DaemonSet, nodeList: Node[], byNode: Map<string, Pod[]>, hash: string): string | undefined {
    const desired = nodeList.filter((n) => nodeShouldRunDaemonPod(n, ds).shouldRun).length;
    const ru = ds.spec?.updateStrategy?.rollingUpdate;
    const maxSurge = scaled(ru?.maxSurge as number | string | undefined, desired, 0);
    let maxUnavailable = scaled(ru?.maxUnavailable as number | string | undefined, desired, 1);
    if (maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;
    const entries = [...byNode.entries()].sort(([a], [b]) => a.localeCompare(b));
    if (maxSurge === 0) {
      let numUnavailable = 0;
      const allowed: string[] = [];
      const candidates: string[] = [];
      for (const [, onNode] of entries) {
        const found = updatedPodsOnNode(ds, onNode, hash);
        if (!found) {
          numUnavailable++;
          continue;
        }
        const { newPod, oldPod } = found;
        if ((!oldPod && !newPod) || (oldPod && newPod)) {
          // The manage loop creates or deletes here; meanwhile the node counts as unavailable.
          numUnavailable++;
          continue;
        }
        if (newPod) {
          if (!available(ds, newPod)) numUnavailable++;
          continue;
        }
        if (!available(ds, oldPod!)) allowed.push(oldPod!.metadata!.name!);
        else if (numUnavailable < maxUnavailable) candidates.push(oldPod!.metadata!.name!);
      }
      const remaining = Math.min(Math.max(0, maxUnavailable - numUnavailable), candidates.length);
      return syncNodes(ds, [...allowed, ...candidates.slice(0, remaining)], [], hash);
    }
    let numSurge = 0;
    const oldToDelete: string[] = [];
    const allowedNew: string[] = [];
    const candidateNew: string[] = [];
    for (const [nodeName, onNode] of entries) {
      const found = updatedPodsOnNode(ds, onNode, hash);
      if (!found) {
        numSurge++;
        continue;
      }
      const { newPod, oldPod } = found;
      if (!oldPod) continue;
      if (!newPod) {
        if (!available(ds, oldPod)) {
          const node = nodeList.find((n) => n.metadata?.name === nodeName);
          if (!node || !nodeShouldRunDaemonPod(node, ds).shouldRun) oldToDelete.push(oldPod.metadata!.name!);
          else allowedNew.push(nodeName);
        } else if (numSurge < maxSurge) candidateNew.push(nodeName);
        continue;
      }
      if (!available(ds, newPod)) {
        numSurge++;
        continue;
      }
      oldToDelete.push(oldPod.metadata!.name!);
    }
    const remaining = Math.min(Math.max(0, maxSurge - numSurge), candidateNew.length);
    return syncNodes(ds, oldToDelete, [...allowedNew, ...candidateNew.slice(0, remaining)], hash);
  }

  function computeStatus(ds: DaemonSet, nodeList: Node[], byNode: Map<string, Pod[]>, hash: string): DaemonSetStatus {
    let desired = 0;
    let current = 0;
    let misscheduled = 0;
    let ready = 0;
    let availableCount = 0;
    let updated = 0;
    for (const node of nodeList) {
      const { shouldRun } = nodeShouldRunDaemonPod(node, ds);
      const onNode = byNode.get(node.metadata!.name!) ?? [];
      if (shouldRun) {
        desired++;
        if (onNode.length === 0) continue;
        current++;
        const pod = [...onNode].sort(byCreation)[0];
        if (isPodReady(pod)) {
          ready++;
          if (available(ds, pod)) availableCount++;
        }
        if (isPodUpdated(ds, pod, hash)) updated++;
      } else if (onNode.length > 0) misscheduled++;
    }
    const status: DaemonSetStatus = {
      currentNumberScheduled: current,
      numberMisscheduled: misscheduled,
      desiredNumberScheduled: desired,
      numberReady: ready,
      observedGeneration: ds.metadata?.generation,
      updatedNumberScheduled: updated,
      numberAvailable: availableCount,
      numberUnavailable: desired - availableCount,
    };
    if (ds.status?.collisionCount) status.collisionCount = ds.status.collisionCount;
    if (ds.status?.conditions) status.conditions = ds.status.conditions;
    return status;
  }

  function sync(key: string): ReconcileResult {
    const { namespace, name } = splitKey(key);
    const cached = dsInformer.lister.namespace(namespace).get(name);
    if (!cached) return { note: 'daemonset gone' };
    const ds = structuredClone(cached);
    const nodeList = nodes.lister.list().sort((a, b) => (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''));
    if (ds.metadata?.deletionTimestamp) return { note: 'daemonset being deleted' };
    const history = constructHistory(ds);
    if (history.error || !history.cur) return { error: history.error ?? 'no current revision' };
    const hash = history.cur.metadata?.labels?.[DAEMONSET_HASH_LABEL] ?? '';
    const owned = pods.indexer.byIndex(CONTROLLER_UID_INDEX, ds.metadata!.uid!).filter((p) => p.metadata?.namespace === namespace);
    const byNode = podsByNode(owned);
    const managed = manage(ds, nodeList, byNode, hash);
    let error = managed.error;
    // Like upstream's expectations: the update step waits until the informer has seen this sync's own writes.
    if (managed.writes === 0 && !error && ds.spec?.updateStrategy?.type !== 'OnDelete') error = rollingUpdate(ds, nodeList, byNode, hash);
    cleanupHistory(ds, history.old, owned);
    const status = computeStatus(ds, nodeList, byNode, hash);
    if (JSON.stringify(normalize(cached.status)) !== JSON.stringify(normalize(status))) {
      const res = dsApi.updateStatus(namespace, { ...ds, status: omitZero(status) });
      if (!res.ok) return { error: res.status.message };
    }
    if (error) return { error };
    const minReady = ds.spec?.minReadySeconds ?? 0;
    if (minReady > 0 && status.numberReady !== status.numberAvailable) return { requeueAfter: minReady * 1000, note: 'waiting for minReadySeconds' };
    return { note: `desired=${status.desiredNumberScheduled} current=${status.currentNumberScheduled} ready=${status.numberReady} updated=${status.updatedNumberScheduled}` };
  }

  const controller = new Controller(ctx.engine, CONTROLLER_NAME, { reconcile: sync }, { decisionLog: ctx.decisions })
    .watches(dsInformer)
    .watches(pods, enqueueForOwner<Pod>('DaemonSet', 'apps/v1'))
    .watches(revisionsInformer, () => [])
    // Any node change may change where every DaemonSet should run.
    .watches(nodes, () => dsInformer.lister.list().map(objectKey), {
      update: (o, n) => JSON.stringify([o.metadata?.labels, o.spec?.taints, o.spec?.unschedulable]) !== JSON.stringify([n.metadata?.labels, n.spec?.taints, n.spec?.unschedulable]),
    });
  return controller;
}

/** Go omits zero-valued optional status fields. */
function omitZero(status: DaemonSetStatus): DaemonSetStatus {
  const out: Record<string, unknown> = { ...status };
  for (const k of ['updatedNumberScheduled', 'numberAvailable', 'numberUnavailable', 'collisionCount']) if (out[k] === 0) delete out[k];
  return out as unknown as DaemonSetStatus;
}

function normalize(status: DaemonSetStatus | undefined): DaemonSetStatus {
  const s = omitZero({ currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0, ...(status ?? {}) });
  return Object.fromEntries(Object.entries(s).sort(([a], [b]) => a.localeCompare(b))) as DaemonSetStatus;
}
