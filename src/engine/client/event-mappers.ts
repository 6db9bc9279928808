/**
 * How informer events become reconcile keys (controller-runtime's handler package): the object's own key, its
 * controller owner's key, or anything a mapping function derives. Updates enqueue from both the old and the new
 * object, so an ownership change reaches both owners; deletes see through tombstones.
 */
import { parseApiVersion } from '../apiserver/registry';
import { controllerRef, objectKey } from './object-keys';
import type { KubeObject } from './rest-client';

export type KeyMapper<T> = (obj: T) => string[];

/** handler.EnqueueRequestForObject: `namespace/name` of the object itself. */
export const enqueueForObject = <T extends KubeObject>(obj: T): string[] => [objectKey(obj)];

/**
 * handler.EnqueueRequestForOwner with OnlyControllerOwner: the key of the object's controller, if it is of
 * `ownerKind` (in `ownerApiVersion`'s group, when given). Owners live in the dependent's namespace.
 */
export function enqueueForOwner<T extends KubeObject>(ownerKind: string, ownerApiVersion?: string): KeyMapper<T> {
  const group = ownerApiVersion === undefined ? undefined : parseApiVersion(ownerApiVersion).group;
  return (obj) => {
    const ref = controllerRef(obj);
    if (!ref || ref.kind !== ownerKind) return [];
    if (group !== undefined && parseApiVersion(ref.apiVersion).group !== group) return [];
    const ns = obj.metadata?.namespace;
    return [ns ? `${ns}/${ref.name}` : ref.name];
  };
}

/** handler.EnqueueRequestsFromMapFunc. */
export const enqueueFromMap = <T extends KubeObject>(fn: (obj: T) => string[]): KeyMapper<T> => fn;
