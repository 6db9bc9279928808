/**
 * What kube-controller-manager hands each controller: one connection (a client named after the controller, as
 * upstream gives each controller its own service account), the process's shared informers, an event recorder and
 * the decision log the UI reads.
 */
import type { Engine } from '../engine';
import type { KubeClient } from '../client/rest-client';
import type { SharedInformerFactory } from '../client/informer-factory';
import type { DecisionLog } from '../client/decision-log';
import type { Controller } from '../client/controller';
import { EventRecorder } from '../record/event-recorder';

export interface ControllerContext {
  engine: Engine;
  /** The process's connection; `client.as(name)` names requests after a controller. */
  client: KubeClient;
  informers: SharedInformerFactory;
  decisions: DecisionLog;
  recorder(component: string): EventRecorder;
}

/** Builds a controller (not yet started) from the shared context. */
export type ControllerConstructor = (ctx: ControllerContext) => Controller;

export function makeRecorderFactory(engine: Engine, client: KubeClient): (component: string) => EventRecorder {
  const recorders = new Map<string, EventRecorder>();
  return (component) => {
    let r = recorders.get(component);
    if (!r) recorders.set(component, (r = new EventRecorder(engine, client.as(component), { component })));
    return r;
  };
}
