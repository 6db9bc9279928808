/**
 * Emptying a terminating namespace (pkg/controller/namespace/deletion/namespaced_resources_deleter.go): mark it
 * Terminating, delete every namespaced resource in it (deletecollection where supported, else one by one, with
 * background propagation), report what remains in the namespace's conditions, and once nothing is left remove
 * the `kubernetes` finalizer through /finalize, which lets the apiserver delete the namespace.
 */
import type { Namespace, Pod } from 'kubernetes-types/core/v1';
import { isConflict, isNotFound, toResult, type ApiResult } from '../../client/api-result';
import type { KubeClient, KubeObject } from '../../client/rest-client';
import { NamespaceConditionUpdater, type ContentTotals } from './conditions';
import { preferredNamespacedResources, type DiscoveredResource } from './discovery';

export const FINALIZER_KUBERNETES = 'kubernetes';
/** How long to wait for content with finalizers (finalizerEstimateSeconds). */
const FINALIZER_ESTIMATE_SECONDS = 15;

/** Content remains; look again in about `estimate` seconds (ResourcesRemainingError). */
export class ResourcesRemainingError extends Error {
  constructor(readonly estimate: number) {
    super(`some content remains in the namespace: estimate ${estimate} seconds before it is removed`);
  }
}

const NAMESPACES = { group: '', version: 'v1', resource: 'namespaces' };

export class NamespacedResourcesDeleter {
  constructor(
    private readonly client: KubeClient,
    private readonly now: () => string,
  ) {}

  /** One pass over a namespace. Throws ResourcesRemainingError or Error when it must be retried. */
  delete(name: string): string {
    const nsApi = this.client.resource<Namespace>(NAMESPACES);
    const got = nsApi.get('', name);
    if (!got.ok) {
      if (isNotFound(got.status)) return 'namespace gone';
      throw new Error(got.status.message);
    }
    let ns = got.value;
    if (!ns.metadata?.deletionTimestamp) return 'not being deleted';
    ns = this.retryOnConflict(ns, (cur) => this.markTerminating(cur));
    if (!ns.metadata?.deletionTimestamp) return 'not being deleted';
    if (!(ns.spec?.finalizers ?? []).includes(FINALIZER_KUBERNETES)) return 'already finalized';
    const estimate = this.deleteAllContent(ns);
    if (estimate > 0) throw new ResourcesRemainingError(estimate);
    this.retryOnConflict(ns, (cur) => this.finalize(cur));
    return `finalized namespace ${name}`;
  }

  private markTerminating(ns: Namespace): ApiResult<Namespace> {
    if (!ns.metadata?.deletionTimestamp || ns.status?.phase === 'Terminating') return { ok: true, value: ns };
    return this.client.resource<Namespace>(NAMESPACES).updateStatus('', { ...ns, status: { ...ns.status, phase: 'Terminating' } });
  }

  /** finalizeNamespace: PUT namespaces/<name>/finalize without our finalizer. */
  private finalize(ns: Namespace): ApiResult<Namespace> {
    const finalizers = [...new Set((ns.spec?.finalizers ?? []).filter((f) => f !== FINALIZER_KUBERNETES))].sort();
    const body: Namespace = { apiVersion: 'v1', kind: 'Namespace', metadata: ns.metadata, spec: { ...ns.spec, finalizers } };
    const res = this.client.raw({ method: 'PUT', path: `/api/v1/namespaces/${ns.metadata?.name}/finalize`, headers: { 'content-type': 'application/json', accept: 'application/json' }, body });
    return toResult<Namespace>(res);
  }

  private retryOnConflict(ns: Namespace, fn: (ns: Namespace) => ApiResult<Namespace>): Namespace {
    let latest = ns;
    for (;;) {
      const res = fn(latest);
      if (res.ok) return res.value;
      if (!isConflict(res.status)) throw new Error(res.status.message);
      const fresh = this.client.resource<Namespace>(NAMESPACES).get('', latest.metadata?.name ?? '');
      if (!fresh.ok) throw new Error(fresh.status.message);
      if (fresh.value.metadata?.uid !== latest.metadata?.uid) throw new Error('namespace uid has changed across retries');
      latest = fresh.value;
    }
  }

  /** deleteAllContent: returns the estimate (seconds) before the namespace is empty; 0 when it is. */
  private deleteAllContent(ns: Namespace): number {
    const namespace = ns.metadata?.name ?? '';
    const conditions = new NamespaceConditionUpdater(this.now());
    const errors: string[] = [];
    const discovered = preferredNamespacedResources(this.client);
    if (discovered.failedGroups.length > 0) {
      errors.push(`discovery failed for ${discovered.failedGroups.join(', ')}`);
      conditions.processDiscoveryFailure(discovered.failedGroups);
    }
    const totals: ContentTotals = { remainingByResource: new Map(), remainingByFinalizer: new Map() };
    let estimate = 0;
    for (const r of discovered.resources.filter((x) => x.verbs.includes('delete'))) {
      const res = this.deleteAllContentFor(r, namespace);
      if (res.error) {
        errors.push(res.error);
        conditions.processDeleteContentError(res.error);
      }
      estimate = Math.max(estimate, res.estimate);
      if (res.remaining > 0) {
        totals.remainingByResource.set(`${r.resource}.${r.group}`, res.remaining);
        for (const [f, n] of res.finalizers) totals.remainingByFinalizer.set(f, (totals.remainingByFinalizer.get(f) ?? 0) + n);
      }
    }
    conditions.processContentTotals(totals);
    const updated = structuredClone(ns);
    updated.status ??= {};
    // Condition updates are best effort, as upstream (a conflict is retried on the next pass).
    if (conditions.update(updated.status as NonNullable<Namespace['status']>)) this.client.resource<Namespace>(NAMESPACES).updateStatus('', updated);
    if (errors.length > 0) throw new Error(errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`);
    return estimate;
  }

  private deleteAllContentFor(r: DiscoveredResource, namespace: string): { estimate: number; remaining: number; finalizers: Map<string, number>; error?: string } {
    const api = this.client.resource<KubeObject>({ group: r.group, version: r.version, resource: r.resource });
    const finalizers = new Map<string, number>();
    const estimate = r.group === '' && r.resource === 'pods' ? this.estimateGracefulTerminationForPods(namespace) : 0;
    if (r.verbs.includes('deletecollection')) {
      const res = api.deleteCollection(namespace, { propagationPolicy: 'Background' });
      if (!res.ok) return { estimate, remaining: 0, finalizers, error: res.status.message };
    } else {
      const list = api.list(namespace);
      if (!list.ok) return { estimate, remaining: 0, finalizers, error: list.status.message };
      for (const item of list.value.items) {
        const res = api.delete(namespace, item.metadata?.name ?? '', { propagationPolicy: 'Background' });
        if (!res.ok && !isNotFound(res.status)) return { estimate, remaining: 0, finalizers, error: res.status.message };
      }
    }
    if (!r.verbs.includes('list')) return { estimate, remaining: 0, finalizers };
    const left = api.list(namespace);
    if (!left.ok) return { estimate, remaining: 0, finalizers, error: left.status.message };
    const items = left.value.items;
    for (const item of items) for (const f of item.metadata?.finalizers ?? []) finalizers.set(f, (finalizers.get(f) ?? 0) + 1);
    if (items.length > 0 && estimate === 0) {
      if (finalizers.size > 0) return { estimate: FINALIZER_ESTIMATE_SECONDS, remaining: items.length, finalizers };
      return { estimate, remaining: items.length, finalizers, error: `unexpected items still remain in namespace: ${namespace} for gvr: ${r.group}/${r.version}, Resource=${r.resource}` };
    }
    return { estimate, remaining: items.length, finalizers };
  }

  /** The longest termination grace period among the namespace's unfinished pods. */
  private estimateGracefulTerminationForPods(namespace: string): number {
    const list = this.client.resource<Pod>({ group: '', version: 'v1', resource: 'pods' }).list(namespace);
    if (!list.ok) return 0;
    let estimate = 0;
    for (const pod of list.value.items) {
      const phase = pod.status?.phase;
      if (phase === 'Succeeded' || phase === 'Failed') continue;
      estimate = Math.max(estimate, pod.spec?.terminationGracePeriodSeconds ?? 0);
    }
    return estimate;
  }
}
