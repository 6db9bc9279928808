/**
 * PVC protection (pkg/controller/volume/pvcprotection): a claim being deleted keeps its
 * `kubernetes.io/pvc-protection` finalizer while a scheduled, not-yet-finished pod uses it, so data is not pulled
 * from under a running pod; the finalizer goes once no such pod remains.
 */
import type { PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1';
import { Controller } from '../../client/controller';
import { enqueueFromMap } from '../../client/event-mappers';
import { splitKey } from '../../client/object-keys';
import { isNotFound } from '../../client/api-result';
import type { ControllerContext } from '../controller-context';
import { PODS, PVCS, PVC_PROTECTION_FINALIZER, podClaimNames } from '../persistentvolume/annotations';

const CONTROLLER_NAME = 'pvc-protection-controller';
const PODS_BY_CLAIM = 'pvcProtectionPodsByClaim';

/** podIsShutDown: a finished pod no longer holds its claims. */
const podIsShutDown = (pod: Pod) => pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';

/** A pod counts once scheduled: the kubelet refuses to start pods whose claim is being deleted. */
export function podUsesClaim(pod: Pod, claimName: string): boolean {
  return !!pod.spec?.nodeName && !podIsShutDown(pod) && podClaimNames(pod).includes(claimName);
}

export function newPVCProtectionController(ctx: ControllerContext): Controller {
  const claims = ctx.informers.informerFor<PersistentVolumeClaim>(PVCS);
  const pods = ctx.informers.informerFor<Pod>(PODS, {
    indexers: { [PODS_BY_CLAIM]: (p) => podClaimNames(p).map((c) => `${p.metadata?.namespace}/${c}`) },
  });
  const api = ctx.client.as(CONTROLLER_NAME).resource<PersistentVolumeClaim>(PVCS);
  return new Controller(
    ctx.engine,
    CONTROLLER_NAME,
    {
      reconcile(key) {
        const { namespace, name } = splitKey(key);
        const claim = claims.lister.namespace(namespace).get(name);
        if (!claim) return { note: 'claim gone' };
        const finalizers = claim.metadata?.finalizers ?? [];
        if (!finalizers.includes(PVC_PROTECTION_FINALIZER) || !claim.metadata?.deletionTimestamp) return { note: 'nothing to do' };
        const users = pods.indexer.byIndex(PODS_BY_CLAIM, key).filter((p) => podUsesClaim(p, name));
        if (users.length > 0) return { note: `in use by pod ${users[0].metadata?.name}` };
        const updated = structuredClone(claim);
        updated.metadata!.finalizers = finalizers.filter((f) => f !== PVC_PROTECTION_FINALIZER);
        const res = api.update(namespace, updated);
        if (!res.ok && !isNotFound(res.status)) return { error: res.status.message };
        return { note: 'removed pvc-protection finalizer' };
      },
    },
    { decisionLog: ctx.decisions },
  )
    .watches(claims, undefined, { update: (_o, n) => !!n.metadata?.deletionTimestamp })
    .watches(
      pods,
      enqueueFromMap((p) => podClaimNames(p).map((c) => `${p.metadata?.namespace}/${c}`)),
      { create: () => false },
    );
}
