/**
 * PV protection (pkg/controller/volume/pvprotection): a volume being deleted keeps its
 * `kubernetes.io/pv-protection` finalizer while it is Bound to a claim; once unbound, the finalizer goes.
 */
import type { PersistentVolume } from 'kubernetes-types/core/v1';
import { Controller } from '../../client/controller';
import { isNotFound } from '../../client/api-result';
import type { ControllerContext } from '../controller-context';
import { PVS, PV_PROTECTION_FINALIZER } from '../persistentvolume/annotations';

const CONTROLLER_NAME = 'pv-protection-controller';

export function newPVProtectionController(ctx: ControllerContext): Controller {
  const volumes = ctx.informers.informerFor<PersistentVolume>(PVS);
  const api = ctx.client.as(CONTROLLER_NAME).resource<PersistentVolume>(PVS);
  return new Controller(
    ctx.engine,
    CONTROLLER_NAME,
    {
      reconcile(name) {
        const volume = volumes.lister.get(name);
        if (!volume) return { note: 'volume gone' };
        const finalizers = volume.metadata?.finalizers ?? [];
        if (!finalizers.includes(PV_PROTECTION_FINALIZER) || !volume.metadata?.deletionTimestamp) return { note: 'nothing to do' };
        if (volume.status?.phase === 'Bound') return { note: 'volume is bound' };
        const updated = structuredClone(volume);
        updated.metadata!.finalizers = finalizers.filter((f) => f !== PV_PROTECTION_FINALIZER);
        const res = api.update('', updated);
        if (!res.ok && !isNotFound(res.status)) return { error: res.status.message };
        return { note: 'removed pv-protection finalizer' };
      },
    },
    { decisionLog: ctx.decisions },
  ).watches(volumes, undefined, { update: (_o, n) => !!n.metadata?.deletionTimestamp });
}
