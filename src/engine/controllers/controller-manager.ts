/**
 * kube-controller-manager: one process hosting the cluster's controllers, sharing one set of informers
 * (cmd/kube-controller-manager/app). Each controller is a level-based reconciler in its own folder; this file
 * only assembles and starts them.
 */
import type { Engine } from '../engine';
import type { ApiEndpoint } from '../apiserver/types';
import type { ResourceRegistry } from '../apiserver/registry';
import { KubeClient } from '../client/rest-client';
import { SharedInformerFactory } from '../client/informer-factory';
import { DecisionLog } from '../client/decision-log';
import type { Controller } from '../client/controller';
import { makeRecorderFactory, type ControllerContext, type ControllerConstructor } from './controller-context';
import { newServiceAccountsController } from './serviceaccount/serviceaccounts-controller';
import { newRootCACertPublisher } from './rootcacertpublisher/publisher';
import { newReplicaSetController } from './replicaset/replicaset-controller';
import { newReplicationController } from './replicationcontroller/replication-controller';
import { newDeploymentController } from './deployment/deployment-controller';
import { newGarbageCollector } from './garbagecollector/garbage-collector';
import { newNamespaceController } from './namespace/namespace-controller';
import { newJobController } from './job/job-controller';
import { newTTLAfterFinishedController } from './job/ttl-after-finished-controller';
import { newCronJobController } from './cronjob/cronjob-controller';
import { newStatefulSetController } from './statefulset/statefulset-controller';
import { newDaemonSetController } from './daemonset/daemonset-controller';
import { newEndpointsController } from './endpoints/endpoints-controller';
import { newEndpointSliceController } from './endpointslice/endpointslice-controller';
import { newNodeLifecycleController } from './nodelifecycle/node-lifecycle-controller';
import { newTaintEvictionController } from './tainteviction/taint-eviction-controller';
import { newDisruptionController } from './disruption/disruption-controller';
import { newPodGCController } from './podgc/pod-gc-controller';
import { newPersistentVolumeBinderController } from './persistentvolume/pv-controller';
import { newPVCProtectionController } from './pvcprotection/pvc-protection-controller';
import { newPVProtectionController } from './pvprotection/pv-protection-controller';
import { newResourceQuotaController } from './resourcequota/resource-quota-controller';
import { newHorizontalPodAutoscalerController } from './horizontalpodautoscaler/hpa-controller';

/** Controllers by their upstream names (`--controllers`), in start order. */
export const CONTROLLERS: Record<string, ControllerConstructor> = {
  serviceaccount: newServiceAccountsController,
  'root-ca-certificate-publisher': newRootCACertPublisher,
  replicaset: newReplicaSetController,
  replicationcontroller: newReplicationController,
  deployment: newDeploymentController,
  garbagecollector: newGarbageCollector,
  namespace: newNamespaceController,
  job: newJobController,
  'ttl-after-finished': newTTLAfterFinishedController,
  cronjob: newCronJobController,
  statefulset: newStatefulSetController,
  daemonset: newDaemonSetController,
  endpoint: newEndpointsController,
  endpointslice: (ctx) => newEndpointSliceController(ctx),
  'node-lifecycle-controller': newNodeLifecycleController,
  'taint-eviction-controller': newTaintEvictionController,
  disruption: newDisruptionController,
  podgc: newPodGCController,
  'persistentvolume-binder': newPersistentVolumeBinderController,
  'pvc-protection': newPVCProtectionController,
  'pv-protection': newPVProtectionController,
  resourcequota: newResourceQuotaController,
  horizontalpodautoscaling: newHorizontalPodAutoscalerController,
};

export class KubeControllerManager {
  readonly context: ControllerContext;
  readonly controllers = new Map<string, Controller>();

  constructor(engine: Engine, endpoint: ApiEndpoint, registry: ResourceRegistry, opts: { name?: string; controllers?: string[] } = {}) {
    const client = new KubeClient(endpoint, registry, opts.name ?? 'kube-controller-manager');
    this.context = {
      engine,
      client,
      informers: new SharedInformerFactory(engine, client),
      decisions: new DecisionLog(),
      recorder: makeRecorderFactory(engine, client),
    };
    for (const name of opts.controllers ?? Object.keys(CONTROLLERS)) {
      const make = CONTROLLERS[name];
      if (make) this.controllers.set(name, make(this.context));
    }
  }

  start(): void {
    this.context.informers.start();
    for (const c of this.controllers.values()) c.start();
  }

  stop(): void {
    for (const c of this.controllers.values()) c.stop();
  }
}
