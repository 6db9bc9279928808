/**
 * Compact projections of API objects: what the diagram and lists draw. The full object stays in the engine; the
 * inspector reads it with a GET of the summary's key.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import { podPrinter } from '../engine/apiserver/printers/pod';
import type { EventSummary, ObjectSummary, OwnerRef } from '../protocol/messages';

type Obj = Record<string, any>;

export interface SummaryResource {
  group: string;
  plural: string;
  kind: string;
}

/**
 * `nowMs` is wall-epoch milliseconds for the sim's current instant (pod STATUS reads it for Terminating);
 * `epochMs` is the epoch of sim time 0, to turn timestamps back into sim time.
 */
export function summarize(resource: SummaryResource, key: string, obj: Obj, nowMs: number, epochMs = 0): ObjectSummary {
  const meta: Obj = obj.metadata ?? {};
  const summary: ObjectSummary = {
    key,
    kind: resource.kind,
    resource: resource.plural,
    group: resource.group,
    name: meta.name ?? '',
    uid: meta.uid ?? '',
    resourceVersion: meta.resourceVersion ?? '',
  };
  if (meta.namespace) summary.namespace = meta.namespace;
  if (meta.creationTimestamp) summary.creationTimestamp = meta.creationTimestamp;
  if (meta.labels && Object.keys(meta.labels).length > 0) summary.labels = meta.labels;
  const owner = controllerOf(meta);
  if (owner) summary.owner = owner;
  Object.assign(summary, kindFields(resource, obj, nowMs, epochMs));
  return summary;
}

function controllerOf(meta: Obj): OwnerRef | undefined {
  const refs: Obj[] = meta.ownerReferences ?? [];
  const ref = refs.find((r) => r.controller) ?? refs[0];
  return ref ? { kind: ref.kind, name: ref.name, uid: ref.uid } : undefined;
}

const replicas = (ready: number | undefined, desired: number | undefined) => `${ready ?? 0}/${desired ?? 0}`;

function kindFields(resource: SummaryResource, obj: Obj, nowMs: number, epochMs: number): Partial<ObjectSummary> {
  const spec: Obj = obj.spec ?? {};
  const status: Obj = obj.status ?? {};
  switch (`${resource.group}/${resource.plural}`) {
    case '/pods': {
      const cells = podPrinter.row(obj as Pod, nowMs);
      const restarts = Number.parseInt(String(cells[3]), 10) || 0;
      return {
        status: String(cells[2]),
        ready: String(cells[1]),
        ...(restarts > 0 ? { restarts } : {}),
        ...(spec.nodeName ? { nodeName: spec.nodeName } : {}),
      };
    }
    case '/nodes': {
      const ready = (status.conditions ?? []).find((c: Obj) => c.type === 'Ready');
      let text = ready?.status === 'True' ? 'Ready' : ready ? 'NotReady' : 'Unknown';
      if (spec.unschedulable) text += ',SchedulingDisabled';
      return { status: text };
    }
    case '/namespaces':
    case '/persistentvolumeclaims':
    case '/persistentvolumes':
      return status.phase ? { status: status.phase } : {};
    case '/services':
      return {
        serviceType: spec.type ?? 'ClusterIP',
        ...(spec.clusterIP ? { clusterIP: spec.clusterIP } : {}),
        ...(spec.selector && Object.keys(spec.selector).length > 0 ? { selector: spec.selector } : {}),
      };
    case 'discovery.k8s.io/endpointslices':
      return {
        serviceName: obj.metadata?.labels?.['kubernetes.io/service-name'],
        endpoints: (obj.endpoints ?? []).map((e: Obj) => ({
          ...(e.targetRef?.name ? { pod: e.targetRef.name } : {}),
          ...(e.nodeName ? { nodeName: e.nodeName } : {}),
          ready: e.conditions?.ready !== false,
        })),
      };
    case 'pilothouse.dev/faults': {
      const created = Date.parse(obj.metadata?.creationTimestamp ?? '');
      return {
        fault: {
          type: spec.type ?? '',
          targetKind: spec.target?.kind ?? '',
          targetName: spec.target?.name ?? '',
          since: Number.isFinite(created) ? Math.max(0, created - epochMs) : 0,
        },
      };
    }
    case 'apps/deployments':
    case 'apps/replicasets':
    case 'apps/statefulsets':
      return { ready: replicas(status.readyReplicas, spec.replicas ?? 1) };
    case 'apps/daemonsets':
      return { ready: replicas(status.numberReady, status.desiredNumberScheduled) };
    case 'batch/jobs':
      return { ready: replicas(status.succeeded, spec.completions ?? 1) };
    case '/events':
      return { event: eventFields(obj) };
    default:
      return {};
  }
}

function eventFields(e: Obj): EventSummary {
  const involved: Obj = e.involvedObject ?? e.regarding ?? {};
  return {
    type: e.type ?? '',
    reason: e.reason ?? '',
    message: e.message ?? e.note ?? '',
    object: `${String(involved.kind ?? '').toLowerCase()}/${involved.name ?? ''}`,
    count: e.count ?? e.series?.count ?? 1,
    lastSeen: e.lastTimestamp ?? e.series?.lastObservedTime ?? e.eventTime ?? e.metadata?.creationTimestamp ?? '',
    source: e.source?.component ?? e.reportingComponent ?? e.reportingController ?? '',
  };
}
