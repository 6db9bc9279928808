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

/** Controllers by their upstream names (`--controllers`), in start order. */
export const CONTROLLERS: Record<string, ControllerConstructor> = {
  serviceaccount: newServiceAccountsController,
  'root-ca-certificate-publisher': newRootCACertPublisher,
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
