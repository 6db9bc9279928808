/**
 * Object keys and tombstones as client-go's cache package defines them: `namespace/name` (or `name` for
 * cluster-scoped objects), and DeletedFinalStateUnknown for deletions an informer only learned of by re-listing.
 */
import type { OwnerReference } from 'kubernetes-types/meta/v1';
import type { KubeObject } from './rest-client';

/** cache.MetaNamespaceKeyFunc. */
export function objectKey(obj: KubeObject | DeletedFinalStateUnknown<KubeObject>): string {
  if (obj instanceof DeletedFinalStateUnknown) return obj.key;
  const ns = obj.metadata?.namespace;
  const name = obj.metadata?.name ?? '';
  return ns ? `${ns}/${name}` : name;
}

/** cache.SplitMetaNamespaceKey: `ns/name` ⇒ {namespace: ns, name}; `name` ⇒ {namespace: '', name}. */
export function splitKey(key: string): { namespace: string; name: string } {
  const i = key.indexOf('/');
  return i < 0 ? { namespace: '', name: key } : { namespace: key.slice(0, i), name: key.slice(i + 1) };
}

/**
 * Handed to onDelete when a watch was missed and a re-list found the object gone: the last state the cache knew,
 * which may be stale.
 */
export class DeletedFinalStateUnknown<T> {
  constructor(
    readonly key: string,
    readonly obj: T,
  ) {}
}

/** The object of a delete notification, whether it came straight from a watch or as a tombstone. */
export function unwrapTombstone<T>(obj: T | DeletedFinalStateUnknown<T>): T {
  return obj instanceof DeletedFinalStateUnknown ? obj.obj : obj;
}

/** metav1.GetControllerOf: the ownerReference with controller: true. */
export function controllerRef(obj: KubeObject): OwnerReference | undefined {
  return obj.metadata?.ownerReferences?.find((r) => r.controller === true);
}
