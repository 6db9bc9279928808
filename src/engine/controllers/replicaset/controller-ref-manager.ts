/**
 * ControllerRefManager (pkg/controller/controller_ref_manager.go): a controller claims the objects its selector
 * matches. It keeps what it already controls and still matches, adopts matching orphans (an ownerReference with
 * `controller: true, blockOwnerDeletion: true`), and releases what it controls but no longer matches. Adoption
 * first re-reads the controller from the API (canAdopt), so a controller being deleted never adopts.
 * Adopt and release are strategic-merge patches keyed on the owner's uid, as upstream sends them.
 */
import type { OwnerReference } from 'kubernetes-types/meta/v1';
import type { LabelSelectorMatcher } from '../../apiserver/selectors/labels';
import { isNotFound } from '../../client/api-result';
import { controllerRef } from '../../client/object-keys';
import type { KubeObject, ResourceClient } from '../../client/rest-client';

export interface ClaimResult<T> {
  claimed: T[];
  errors: string[];
}

/** metav1.NewControllerRef. */
export function newControllerRef(owner: KubeObject, apiVersion: string, kind: string): OwnerReference {
  return { apiVersion, kind, name: owner.metadata?.name ?? '', uid: owner.metadata?.uid ?? '', controller: true, blockOwnerDeletion: true };
}

export class ControllerRefManager<T extends KubeObject> {
  private canAdoptResult: string | null | undefined;

  constructor(
    private readonly owner: KubeObject,
    private readonly ownerRef: OwnerReference,
    private readonly selector: LabelSelectorMatcher,
    /** The API of the claimed objects (pods, replicasets). */
    private readonly api: ResourceClient<T>,
    /** Re-reads the owner from the API: an error message when it is gone, replaced or being deleted. */
    private readonly recheckOwner: () => string | null,
  ) {}

  claim(objs: T[]): ClaimResult<T> {
    const claimed: T[] = [];
    const errors: string[] = [];
    for (const obj of objs) {
      const res = this.claimOne(obj);
      if (res === true) claimed.push(obj);
      else if (typeof res === 'string') errors.push(res);
    }
    return { claimed, errors };
  }

  /** true: ours; false: not ours; string: an error (retry later). */
  private claimOne(obj: T): boolean | string {
    const ref = controllerRef(obj);
    const ownerUid = this.owner.metadata?.uid;
    const matches = this.selector.matches(obj.metadata?.labels);
    if (ref) {
      if (ref.uid !== ownerUid) return false;
      if (matches) return true;
      if (this.owner.metadata?.deletionTimestamp) return false;
      return this.patch(obj, { metadata: { ownerReferences: [{ $patch: 'delete', uid: ownerUid }], uid: obj.metadata?.uid } });
    }
    if (this.owner.metadata?.deletionTimestamp || !matches) return false;
    if (obj.metadata?.deletionTimestamp) return false;
    if (this.owner.metadata?.namespace && this.owner.metadata.namespace !== obj.metadata?.namespace) return false;
    const cannot = this.canAdopt();
    if (cannot) return cannot;
    const adopted = this.patch(obj, { metadata: { ownerReferences: [this.ownerRef], uid: obj.metadata?.uid } });
    return adopted === false ? true : adopted === true ? false : adopted;
  }

  /** false on success, true when the object is gone, else the error. */
  private patch(obj: T, body: unknown): boolean | string {
    const res = this.api.patch(obj.metadata?.namespace ?? '', obj.metadata?.name ?? '', 'strategic', body);
    if (res.ok) return false;
    if (isNotFound(res.status)) return true;
    return res.status.message ?? 'patch failed';
  }

  private canAdopt(): string | null {
    if (this.canAdoptResult === undefined) this.canAdoptResult = this.recheckOwner();
    return this.canAdoptResult;
  }
}

/**
 * RecheckDeletionTimestamp: the owner as the API has it now must be the same object (uid) and not being
 * deleted, else adoption is refused with upstream's messages.
 */
export function recheckOwner(api: ResourceClient<KubeObject>, owner: KubeObject, kind: string): () => string | null {
  return () => {
    const ns = owner.metadata?.namespace ?? '';
    const name = owner.metadata?.name ?? '';
    const fresh = api.get(ns, name);
    if (!fresh.ok) return fresh.status.message ?? 'get failed';
    if (fresh.value.metadata?.uid !== owner.metadata?.uid) {
      return `original ${kind} ${ns}/${name} is gone: got uid ${fresh.value.metadata?.uid}, wanted ${owner.metadata?.uid}`;
    }
    if (fresh.value.metadata?.deletionTimestamp) return `${kind} ${ns}/${name} has just been deleted at ${fresh.value.metadata.deletionTimestamp}`;
    return null;
  };
}
