/**
 * cloud-controller-manager's service controller (k8s.io/cloud-provider/controllers/service): for every Service
 * of type LoadBalancer without a loadBalancerClass, provision a load balancer — a cleanup finalizer first,
 * `EnsuringLoadBalancer`, then, once the cloud has built it (a few seconds, so `kubectl get svc` shows
 * `<pending>` meanwhile), the address in status.loadBalancer.ingress and `EnsuredLoadBalancer`. A Service that
 * stops wanting one (type change, deletion) gets `DeletingLoadBalancer` / `DeletedLoadBalancer`, its status
 * cleared and the finalizer removed.
 */
import type { Service } from 'kubernetes-types/core/v1';
import { Controller } from '../../client/controller';
import { isNotFound } from '../../client/api-result';
import { splitKey } from '../../client/object-keys';
import type { ControllerContext } from '../controller-context';
import { SERVICES } from '../../network/resources';
import { addressesInUse, allocateAddress, DEFAULT_LB_POOL, type AddressPool } from '../../cloud/load-balancer-pool';

export const SERVICE_LB_CONTROLLER = 'service-lb-controller';
/** The event source upstream's service controller records under. */
const EVENT_COMPONENT = 'service-controller';
export const LB_CLEANUP_FINALIZER = 'service.kubernetes.io/load-balancer-cleanup';

export interface ServiceLBOptions {
  pool?: AddressPool;
  /** How long the cloud takes to build a load balancer (ms). */
  provisioningDelayMs?: number;
}

const wantsLoadBalancer = (svc: Service) => svc.spec?.type === 'LoadBalancer' && !svc.spec.loadBalancerClass;

export function newServiceLBController(ctx: ControllerContext, opts: ServiceLBOptions = {}): Controller {
  const pool = opts.pool ?? DEFAULT_LB_POOL;
  const delayMs = opts.provisioningDelayMs ?? 3000;
  const services = ctx.informers.informerFor<Service>(SERVICES);
  const api = ctx.client.as(SERVICE_LB_CONTROLLER).resource<Service>(SERVICES);
  const recorder = ctx.recorder(EVENT_COMPONENT);
  /** When provisioning of each Service's load balancer (by uid) began. */
  const provisioning = new Map<string, number>();

  const setFinalizers = (svc: Service, finalizers: string[]) =>
    api.patch(svc.metadata!.namespace!, svc.metadata!.name!, 'merge', { metadata: { finalizers: finalizers.length ? finalizers : null, resourceVersion: svc.metadata!.resourceVersion } });

  const cleanup = (svc: Service) => {
    const hasStatus = (svc.status?.loadBalancer?.ingress ?? []).length > 0;
    provisioning.delete(svc.metadata!.uid!);
    recorder.event(svc, 'Normal', 'DeletingLoadBalancer', 'Deleting load balancer');
    if (hasStatus) {
      const r = api.patch(svc.metadata!.namespace!, svc.metadata!.name!, 'merge', { status: { loadBalancer: { ingress: null } } }, { subresource: 'status' });
      if (!r.ok && !isNotFound(r.status)) return { error: r.status.message };
    }
    recorder.event(svc, 'Normal', 'DeletedLoadBalancer', 'Deleted load balancer');
    const r = setFinalizers(svc, (svc.metadata?.finalizers ?? []).filter((f) => f !== LB_CLEANUP_FINALIZER));
    if (!r.ok && !isNotFound(r.status)) return { error: r.status.message };
    return { note: 'deleted load balancer' };
  };

  const reconcile = (key: string) => {
    const { namespace, name } = splitKey(key);
    const svc = services.lister.namespace(namespace).get(name);
    if (!svc) return { note: 'service gone' };
    const hasFinalizer = svc.metadata?.finalizers?.includes(LB_CLEANUP_FINALIZER) ?? false;
    if (svc.metadata?.deletionTimestamp || !wantsLoadBalancer(svc)) {
      return hasFinalizer ? cleanup(svc) : { note: 'no load balancer wanted' };
    }
    if ((svc.status?.loadBalancer?.ingress ?? []).length > 0 && hasFinalizer) return { note: 'load balancer in place' };

    const uid = svc.metadata!.uid!;
    const began = provisioning.get(uid);
    if (began === undefined) {
      if (!hasFinalizer) {
        const r = setFinalizers(svc, [...(svc.metadata?.finalizers ?? []), LB_CLEANUP_FINALIZER]);
        if (!r.ok) return { error: r.status.message };
      }
      recorder.event(svc, 'Normal', 'EnsuringLoadBalancer', 'Ensuring load balancer');
      provisioning.set(uid, ctx.engine.now());
      return { requeueAfter: delayMs, note: 'ensuring load balancer' };
    }
    const remaining = began + delayMs - ctx.engine.now();
    if (remaining > 0) return { requeueAfter: remaining, note: 'load balancer being built' };

    const ip = allocateAddress(pool, svc, addressesInUse(services.lister.list(), uid));
    if (!ip) {
      recorder.event(svc, 'Warning', 'SyncLoadBalancerFailed', `Error syncing load balancer: failed to ensure load balancer: no available IPs in pool ${pool.first}-${pool.last}`);
      return { error: 'no addresses left in the pool' };
    }
    const r = api.patch(namespace, name, 'merge', { status: { loadBalancer: { ingress: [{ ip, ipMode: 'VIP' }] } } }, { subresource: 'status' });
    if (!r.ok) return { error: r.status.message };
    provisioning.delete(uid);
    recorder.event(svc, 'Normal', 'EnsuredLoadBalancer', 'Ensured load balancer');
    return { note: `load balancer at ${ip}` };
  };

  return new Controller(ctx.engine, SERVICE_LB_CONTROLLER, { reconcile }, { decisionLog: ctx.decisions }).watches(services);
}
