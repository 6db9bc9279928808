/**
 * The garbage collector (pkg/controller/garbagecollector): watches every deletable resource, keeps the
 * ownerReference graph, and
 * - deletes dependents whose owners are all gone (background), after confirming through the API that each owner
 *   is really absent or replaced (uid check) — an informer may simply not have seen it yet;
 * - for an owner deleted in the foreground (`foregroundDeletion` finalizer), deletes its dependents first —
 *   those with dependents of their own in the foreground too — and removes the finalizer once no dependent with
 *   blockOwnerDeletion is left;
 * - for an owner deleted with `orphan` propagation (`orphan` finalizer), removes its ownerReferences from the
 *   dependents, then the finalizer.
 * The apiserver turns DeleteOptions.propagationPolicy into those finalizers.
 *
 * Work items are `delete:<uid>` (attemptToDelete) and `orphan:<uid>` (attemptToOrphan) on one queue.
 */
import type { OwnerReference } from 'kubernetes-types/meta/v1';
import { parseApiVersion, apiVersionOf, type ResourceInfo } from '../../apiserver/registry';
import { Controller } from '../../client/controller';
import { isConflict, isNotFound } from '../../client/api-result';
import { unwrapTombstone } from '../../client/object-keys';
import type { ReconcileResult } from '../../client/reconciler';
import type { KubeClient, KubeObject, ResourceClient } from '../../client/rest-client';
import type { ControllerContext } from '../controller-context';
import { DependencyGraph, GraphNode, referencesDiffs, type ObjectIdentity } from './graph';

export const FOREGROUND_FINALIZER = 'foregroundDeletion';
export const ORPHAN_FINALIZER = 'orphan';
const NAME = 'garbage-collector-controller';

/** Resources never collected (upstream's ignoredResources). */
const IGNORED = new Set(['/events', 'events.k8s.io/events']);

const hasFinalizer = (obj: KubeObject | undefined, f: string) => !!obj?.metadata?.finalizers?.includes(f);
const deleting = (obj: KubeObject | undefined) => !!obj?.metadata?.deletionTimestamp;

/** The resources the collector watches: list + watch + delete, one (preferred) version per group resource. */
export function monitoredResources(resources: readonly ResourceInfo[]): ResourceInfo[] {
  const byGroupResource = new Map<string, ResourceInfo>();
  for (const r of resources) {
    if (r.aggregated || !['list', 'watch', 'delete'].every((v) => r.verbs.includes(v))) continue;
    const key = `${r.group}/${r.plural}`;
    if (IGNORED.has(key)) continue;
    const seen = byGroupResource.get(key);
    if (!seen || (seen.version !== seen.storageVersion && r.version === r.storageVersion)) byGroupResource.set(key, r);
  }
  return [...byGroupResource.values()];
}

export class GarbageCollector {
  readonly graph = new DependencyGraph();
  readonly controller: Controller;
  private readonly client: KubeClient;

  constructor(ctx: ControllerContext) {
    this.client = ctx.client.as(NAME);
    this.controller = new Controller(ctx.engine, NAME, { reconcile: (key) => this.reconcile(key) }, { decisionLog: ctx.decisions });
    for (const info of monitoredResources(ctx.client.registry.list())) {
      const informer = ctx.informers.informerFor({ group: info.group, version: info.version, resource: info.plural });
      const apiVersion = apiVersionOf(info.group, info.version);
      const identity = (obj: KubeObject): ObjectIdentity => ({
        apiVersion,
        kind: info.kind,
        name: obj.metadata?.name ?? '',
        namespace: obj.metadata?.namespace ?? '',
        uid: obj.metadata?.uid ?? '',
      });
      // Registered so work waits for every monitor to sync (upstream waits for the graph to be built).
      this.controller.watches(informer, () => []);
      informer.addEventHandler({
        onAdd: (obj) => this.observe(undefined, obj, identity(obj)),
        onUpdate: (oldObj, obj) => {
          if (oldObj.metadata?.resourceVersion !== obj.metadata?.resourceVersion) this.observe(oldObj, obj, identity(obj));
        },
        onDelete: (obj) => {
          const last = unwrapTombstone(obj);
          this.observeDeletion(identity(last));
        },
      });
    }
  }

  // The graph builder ---------------------------------------------------------------------------------------

  private enqueueDelete(node: GraphNode): void {
    this.controller.enqueue(`delete:${node.uid}`);
  }

  private observe(oldObj: KubeObject | undefined, obj: KubeObject, identity: ObjectIdentity): void {
    if (!identity.uid) return;
    const owners = obj.metadata?.ownerReferences ?? [];
    let node = this.graph.get(identity.uid);
    if (node?.virtual) {
      // The owner we only knew by reference shows up: it becomes a real node with its real identity.
      node.virtual = false;
      node.identity = identity;
    }
    if (!node) {
      node = new GraphNode(identity);
      node.owners = [...owners];
      node.beingDeleted = deleting(obj);
      node.deletingDependents = deleting(obj) && hasFinalizer(obj, FOREGROUND_FINALIZER);
      this.graph.add(node);
      this.linkToOwners(node, owners);
    } else {
      const diff = referencesDiffs(node.owners, owners);
      if (diff.added.length + diff.removed.length + diff.changed.length > 0) {
        // Owners waiting for this dependent to go (foreground) must re-check once it no longer blocks them.
        const unblocked = [...diff.removed, ...diff.changed.filter((c) => c.old.blockOwnerDeletion && !c.next.blockOwnerDeletion).map((c) => c.old)];
        for (const ref of unblocked) {
          const owner = this.graph.get(ref.uid);
          if (owner?.deletingDependents) this.enqueueDelete(owner);
        }
        node.owners = [...owners];
        this.linkToOwners(node, diff.added);
        for (const ref of diff.removed) this.graph.get(ref.uid)?.dependents.delete(node);
      }
      if (deleting(obj)) node.beingDeleted = true;
    }
    this.processTransitions(oldObj, obj, node);
  }

  private linkToOwners(node: GraphNode, refs: OwnerReference[]): void {
    for (const ref of refs) {
      let owner = this.graph.get(ref.uid);
      if (!owner) {
        owner = new GraphNode({ apiVersion: ref.apiVersion, kind: ref.kind, name: ref.name, uid: ref.uid, namespace: this.ownerNamespace(ref, node) });
        owner.virtual = true;
        this.graph.add(owner);
        this.enqueueDelete(owner);
      }
      owner.dependents.add(node);
    }
  }

  private ownerNamespace(ref: OwnerReference, dependent: GraphNode): string {
    const { group, version } = parseApiVersion(ref.apiVersion);
    const info = this.client.registry.forKind(group, version, ref.kind);
    return info && !info.namespaced ? '' : dependent.identity.namespace;
  }

  private processTransitions(oldObj: KubeObject | undefined, obj: KubeObject, node: GraphNode): void {
    const wasOrphaning = deleting(oldObj) && hasFinalizer(oldObj, ORPHAN_FINALIZER);
    if (deleting(obj) && hasFinalizer(obj, ORPHAN_FINALIZER) && !wasOrphaning) this.controller.enqueue(`orphan:${node.uid}`);
    const wasForeground = deleting(oldObj) && hasFinalizer(oldObj, FOREGROUND_FINALIZER);
    if (deleting(obj) && hasFinalizer(obj, FOREGROUND_FINALIZER) && !wasForeground) {
      node.deletingDependents = true;
      for (const dep of node.dependents) this.enqueueDelete(dep);
      this.enqueueDelete(node);
    }
  }

  private observeDeletion(identity: ObjectIdentity): void {
    const node = this.graph.get(identity.uid);
    if (!node) return;
    this.removeNode(node);
  }

  /** Drops a node; its dependents may now be garbage, and owners waiting for it may finish. */
  private removeNode(node: GraphNode): void {
    this.graph.remove(node);
    for (const dep of node.dependents) this.enqueueDelete(dep);
    for (const ref of node.owners) {
      const owner = this.graph.get(ref.uid);
      if (owner?.deletingDependents) this.enqueueDelete(owner);
    }
  }

  // Workers -------------------------------------------------------------------------------------------------

  private reconcile(key: string): ReconcileResult {
    const i = key.indexOf(':');
    const node = this.graph.get(key.slice(i + 1));
    if (!node) return { note: 'no longer in the graph' };
    try {
      return key.startsWith('orphan:') ? this.attemptToOrphan(node) : this.attemptToDelete(node);
    } catch (err) {
      return { error: err instanceof Error ? err.message : String(err) };
    }
  }

  private api(identity: Pick<ObjectIdentity, 'apiVersion' | 'kind'>): ResourceClient<KubeObject> {
    return this.client.forKind(identity.apiVersion, identity.kind);
  }

  private attemptToDelete(item: GraphNode): ReconcileResult {
    if (item.beingDeleted && !item.deletingDependents) return { note: 'already being deleted' };
    const latest = this.api(item.identity).get(item.identity.namespace, item.identity.name);
    if (!latest.ok && !isNotFound(latest.status)) return { error: latest.status.message };
    if (!latest.ok || latest.value.metadata?.uid !== item.uid) {
      // Absent (or replaced under the same name): drop the node — a virtual one was never there.
      this.removeNode(item);
      return { note: `${item.identity.kind} ${item.identity.name} is gone` };
    }
    if (item.virtual) {
      // It exists but no informer reported it yet: look again later.
      return { requeue: true, note: 'owner exists but is not observed yet' };
    }
    if (item.deletingDependents) return this.processDeletingDependents(item);
    const refs = latest.value.metadata?.ownerReferences ?? [];
    if (refs.length === 0) return { note: 'no owners' };
    const { solid, dangling, waiting } = this.classifyReferences(item, refs);
    if (solid.length > 0) {
      if (dangling.length === 0 && waiting.length === 0) return { note: 'has a live owner' };
      const uids = [...dangling, ...waiting].map((r) => r.uid);
      this.patchOwnerRefs(item, { metadata: { ownerReferences: uids.map((uid) => ({ $patch: 'delete', uid })), uid: item.uid } });
      return { note: `removed references to gone or deleting owners ${uids.join(', ')}` };
    }
    if (waiting.length > 0 && item.dependents.size > 0) {
      for (const dep of item.dependents) {
        if (!dep.deletingDependents) continue;
        // A cycle of foreground deletions: stop blocking our owners so it can resolve.
        const unblocked = refs.map((r) => (r.blockOwnerDeletion ? { ...r, blockOwnerDeletion: false } : r));
        this.patchOwnerRefs(item, { metadata: { ownerReferences: unblocked, uid: item.uid } });
        break;
      }
      return this.deleteObject(item, 'Foreground');
    }
    const policy = hasFinalizer(latest.value, ORPHAN_FINALIZER) ? 'Orphan' : hasFinalizer(latest.value, FOREGROUND_FINALIZER) ? 'Foreground' : 'Background';
    return this.deleteObject(item, policy);
  }

  /** classifyReferences: owners confirmed alive (solid), absent or replaced (dangling), or deleting in the foreground. */
  private classifyReferences(item: GraphNode, refs: OwnerReference[]): { solid: OwnerReference[]; dangling: OwnerReference[]; waiting: OwnerReference[] } {
    const solid: OwnerReference[] = [];
    const dangling: OwnerReference[] = [];
    const waiting: OwnerReference[] = [];
    for (const ref of refs) {
      const owner = this.api(ref).get(this.ownerNamespace(ref, item), ref.name);
      if (!owner.ok) {
        if (!isNotFound(owner.status)) throw new Error(owner.status.message);
        dangling.push(ref);
      } else if (owner.value.metadata?.uid !== ref.uid) {
        dangling.push(ref);
      } else if (deleting(owner.value) && hasFinalizer(owner.value, FOREGROUND_FINALIZER)) {
        waiting.push(ref);
      } else {
        solid.push(ref);
      }
    }
    return { solid, dangling, waiting };
  }

  private deleteObject(item: GraphNode, policy: 'Orphan' | 'Foreground' | 'Background'): ReconcileResult {
    const res = this.api(item.identity).delete(item.identity.namespace, item.identity.name, { propagationPolicy: policy, preconditions: { uid: item.uid } });
    if (!res.ok && !isNotFound(res.status)) return { error: res.status.message };
    return { note: `deleted ${item.identity.kind} ${item.identity.name} (${policy})` };
  }

  /** processDeletingDependentsItem: finish when no blocking dependent is left, else push them along. */
  private processDeletingDependents(item: GraphNode): ReconcileResult {
    const blocking = item.blockingDependents();
    if (blocking.length === 0) return this.removeFinalizer(item, FOREGROUND_FINALIZER);
    for (const dep of blocking) if (!dep.deletingDependents) this.enqueueDelete(dep);
    return { note: `waiting for ${blocking.length} dependents` };
  }

  private attemptToOrphan(owner: GraphNode): ReconcileResult {
    for (const dep of [...owner.dependents]) {
      const res = this.api(dep.identity).patch(dep.identity.namespace, dep.identity.name, 'strategic', { metadata: { ownerReferences: [{ $patch: 'delete', uid: owner.uid }], uid: dep.uid } });
      if (!res.ok && !isNotFound(res.status)) return { error: `orphaning ${dep.identity.name}: ${res.status.message}` };
    }
    return this.removeFinalizer(owner, ORPHAN_FINALIZER);
  }

  private patchOwnerRefs(item: GraphNode, body: unknown): void {
    const res = this.api(item.identity).patch(item.identity.namespace, item.identity.name, 'strategic', body);
    if (!res.ok && !isNotFound(res.status)) throw new Error(res.status.message);
  }

  /** removeFinalizer: read, drop the finalizer, write with the read resourceVersion; retry on conflict. */
  private removeFinalizer(item: GraphNode, finalizer: string): ReconcileResult {
    const api = this.api(item.identity);
    for (let attempt = 0; attempt < 5; attempt++) {
      const cur = api.get(item.identity.namespace, item.identity.name);
      if (!cur.ok) return isNotFound(cur.status) ? { note: 'gone' } : { error: cur.status.message };
      if (cur.value.metadata?.uid !== item.uid) return { note: 'replaced' };
      const finalizers = cur.value.metadata?.finalizers ?? [];
      if (!finalizers.includes(finalizer)) return { note: `no ${finalizer} finalizer` };
      const res = api.patch(item.identity.namespace, item.identity.name, 'merge', {
        metadata: { finalizers: finalizers.filter((f) => f !== finalizer), resourceVersion: cur.value.metadata?.resourceVersion },
      });
      if (res.ok || isNotFound(res.status)) return { note: `removed ${finalizer} finalizer from ${item.identity.kind} ${item.identity.name}` };
      if (!isConflict(res.status)) return { error: res.status.message };
    }
    return { error: 'conflict removing finalizer' };
  }
}

export function newGarbageCollector(ctx: ControllerContext): Controller {
  return new GarbageCollector(ctx).controller;
}
