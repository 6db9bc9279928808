/**
 * cloud-controller-manager: the process that runs the cloud provider's controllers apart from
 * kube-controller-manager, with its own connection (`cloud-controller-manager`), informers and event recorder.
 * This simulated cloud (cloud-provider-kind's behaviour) runs the service load-balancer controller.
 */
import type { Engine } from '../engine';
import type { ApiEndpoint } from '../apiserver/types';
import type { ResourceRegistry } from '../apiserver/registry';
import { KubeClient } from '../client/rest-client';
import { SharedInformerFactory } from '../client/informer-factory';
import { DecisionLog } from '../client/decision-log';
import type { Controller } from '../client/controller';
import { makeRecorderFactory, type ControllerContext } from '../controllers/controller-context';
import { newServiceLBController, SERVICE_LB_CONTROLLER, type ServiceLBOptions } from '../controllers/service/service-lb-controller';

export interface CloudControllerManagerOptions extends ServiceLBOptions {
  /** `--controllers`; default all (`service-lb-controller`). */
  controllers?: string[];
}

export class CloudControllerManager {
  readonly context: ControllerContext;
  readonly controllers = new Map<string, Controller>();

  constructor(engine: Engine, endpoint: ApiEndpoint, registry: ResourceRegistry, opts: CloudControllerManagerOptions = {}) {
    const client = new KubeClient(endpoint, registry, 'cloud-controller-manager');
    this.context = {
      engine,
      client,
      informers: new SharedInformerFactory(engine, client),
      decisions: new DecisionLog(),
      recorder: makeRecorderFactory(engine, client),
    };
    const all: Record<string, () => Controller> = {
      [SERVICE_LB_CONTROLLER]: () => newServiceLBController(this.context, opts),
    };
    for (const name of opts.controllers ?? Object.keys(all)) {
      const make = all[name];
      if (make) this.controllers.set(name, make());
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
