/**
 * The ResourceQuota controller (pkg/controller/resourcequota): keeps every quota's status — `hard` copied from
 * the spec, `used` recalculated from the namespace's objects by the quota evaluators (evaluators.ts).
 *
 * Upstream recalculates on quota changes, on replenishment (objects deleted or finishing) and on a full resync
 * every 5 minutes, while the admission plugin charges new objects into `used` as it admits them. Here the
 * admission plugin checks against live usage instead of writing `used`, so the controller also recalculates when
 * objects are added: `used` converges within the same instant.
 */
import type { ResourceQuota } from 'kubernetes-types/core/v1';
import { Controller } from '../../client/controller';
import { objectKey, splitKey, unwrapTombstone } from '../../client/object-keys';
import type { SharedIndexInformer } from '../../client/informer';
import type { KubeObject } from '../../client/rest-client';
import type { ControllerContext } from '../controller-context';
import { nowMs } from '../history/time';
import { calculateUsage, objectsCountedBy } from './evaluators';
import { canonical, mask, type ResourceList } from './resource-list';

const CONTROLLER_NAME = 'resourcequota-controller';
/** --resource-quota-sync-period. */
const RESYNC_MS = 5 * 60_000;
const RESOURCE_QUOTAS = { group: '', version: 'v1', resource: 'resourcequotas' };

const sameList = (a: ResourceList | undefined, b: ResourceList | undefined) => JSON.stringify(sortKeys(a ?? {})) === JSON.stringify(sortKeys(b ?? {}));
const sortKeys = (l: ResourceList) => Object.fromEntries(Object.entries(l).sort(([x], [y]) => x.localeCompare(y)));

export function newResourceQuotaController(ctx: ControllerContext): Controller {
  const quotas = ctx.informers.informerFor<ResourceQuota>(RESOURCE_QUOTAS);
  const api = ctx.client.as(CONTROLLER_NAME).resource<ResourceQuota>(RESOURCE_QUOTAS);
  const registry = ctx.client.registry;
  /** Informers of the kinds some quota counts, started on first need (upstream: quotable resources by discovery). */
  const counted = new Map<string, SharedIndexInformer<KubeObject>>();
  // Declared before the informer handlers that enqueue into it run (they fire only after start).
  const controllerRef: { current?: Controller } = {};

  const enqueueQuotasOf = (obj: KubeObject) => {
    const ns = unwrapTombstone(obj).metadata?.namespace;
    if (!ns) return;
    for (const q of quotas.lister.namespace(ns).list()) controllerRef.current?.enqueue(objectKey(q));
  };

  const informerFor = (group: string, plural: string): SharedIndexInformer<KubeObject> | undefined => {
    const id = `${group}/${plural}`;
    let informer = counted.get(id);
    if (informer) return informer;
    const r = registry.list().find((x) => x.group === group && x.plural === plural && x.version === x.storageVersion && !x.aggregated);
    if (!r || !r.verbs.includes('list')) return undefined;
    informer = ctx.informers.informerFor({ group, version: r.version, resource: plural });
    informer.addEventHandler({ onAdd: enqueueQuotasOf, onUpdate: (_o, n) => enqueueQuotasOf(n), onDelete: (o) => enqueueQuotasOf(unwrapTombstone(o)) });
    counted.set(id, informer);
    return informer;
  };

  const controller = new Controller(
    ctx.engine,
    CONTROLLER_NAME,
    {
      reconcile(key) {
        const { namespace, name } = splitKey(key);
        const quota = quotas.lister.namespace(namespace).get(name);
        if (!quota) return { note: 'quota gone' };
        const hard = canonical((quota.spec?.hard ?? {}) as ResourceList);
        // Every kind this quota counts must be in the cache before its usage means anything.
        const pending: string[] = [];
        for (const n of Object.keys(hard)) {
          const target = objectsCountedBy(n);
          const informer = target && informerFor(target.group, target.plural);
          if (informer && !informer.hasSynced()) pending.push(n);
        }
        if (pending.length > 0) return { requeueAfter: 100, note: `waiting for caches of ${pending.join(', ')}` };
        const list = (group: string, plural: string) => (counted.get(`${group}/${plural}`)?.lister.namespace(namespace).list() ?? []) as Record<string, any>[];
        const used = mask({ ...(quota.status?.used as ResourceList | undefined), ...calculateUsage(quota, list, nowMs(ctx.engine)) }, Object.keys(hard));
        if (sameList(hard, quota.status?.hard as ResourceList) && sameList(used, quota.status?.used as ResourceList)) {
          return { requeueAfter: RESYNC_MS, note: 'usage unchanged' };
        }
        const updated = structuredClone(quota);
        updated.status = { hard, used };
        const res = api.updateStatus(namespace, updated);
        if (!res.ok) return { error: res.status.message };
        return { requeueAfter: RESYNC_MS, note: `used ${Object.entries(used).map(([k, v]) => `${k}=${v}`).join(',')}` };
      },
    },
    { decisionLog: ctx.decisions },
  ).watches(quotas);
  controllerRef.current = controller;
  return controller;
}
