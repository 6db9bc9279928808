/**
 * Printers of the autoscaling group. HorizontalPodAutoscalers are printed from their v2 shape; a v1 object (CPU
 * utilisation fields) is read as the single Resource metric it converts to.
 */
import type { HorizontalPodAutoscaler as HPAv1 } from 'kubernetes-types/autoscaling/v1';
import type { HorizontalPodAutoscaler, MetricSpec, MetricStatus } from 'kubernetes-types/autoscaling/v2';
import { DOC } from './descriptions';
import { quantityString } from './quantity';
import { translateTimestampSince } from './time';
import { AGE_COLUMN, NAME_COLUMN, column, type Printer } from './types';

/** Quantity.String() of a *Quantity: `<nil>` when unset. */
const q = (value: string | number | undefined): string => (value === undefined || value === null ? '<nil>' : quantityString(value));

/** The metrics and statuses of either served version. */
function metricsOf(obj: HorizontalPodAutoscaler & HPAv1): [MetricSpec[], MetricStatus[]] {
  const v1Target = (obj.spec as HPAv1['spec'])?.targetCPUUtilizationPercentage;
  if ('metrics' in (obj.spec ?? {}) || v1Target === undefined) return [obj.spec?.metrics ?? [], obj.status?.currentMetrics ?? []];
  const specs: MetricSpec[] = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: v1Target } } }];
  const current = (obj.status as HPAv1['status'])?.currentCPUUtilizationPercentage;
  const statuses: MetricStatus[] =
    current === undefined ? [] : [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: current } } }];
  return [specs, statuses];
}

/** formatHPAMetrics: `cpu: 50%/80%`, `<unknown>` for a missing current value, the first two then `+ N more...`. */
export function formatHPAMetrics(specs: readonly MetricSpec[], statuses: readonly MetricStatus[]): string {
  if (specs.length === 0) return '<none>';
  const list: string[] = [];
  const max = 2;
  specs.forEach((spec, i) => {
    const status: MetricStatus | undefined = statuses[i];
    switch (spec.type) {
      case 'External':
      case 'Object': {
        const source = spec.type === 'External' ? spec.external : spec.object;
        const current = spec.type === 'External' ? status?.external?.current : status?.object?.current;
        const hasStatus = spec.type === 'External' ? !!status?.external : !!status?.object;
        if (source?.target?.averageValue !== undefined) {
          const cur = hasStatus && current?.averageValue !== undefined ? q(current.averageValue) : '<unknown>';
          list.push(`${cur}/${q(source.target.averageValue)} (avg)`);
        } else {
          const cur = hasStatus ? q(current?.value) : '<unknown>';
          list.push(`${cur}/${q(source?.target?.value)}`);
        }
        break;
      }
      case 'Pods': {
        const cur = status?.pods ? q(status.pods.current?.averageValue) : '<unknown>';
        list.push(`${cur}/${q(spec.pods?.target?.averageValue)}`);
        break;
      }
      case 'Resource':
      case 'ContainerResource': {
        const source = spec.type === 'Resource' ? spec.resource : spec.containerResource;
        const current = spec.type === 'Resource' ? status?.resource : status?.containerResource;
        const name = source?.name ?? '';
        if (source?.target?.averageValue !== undefined) {
          const cur = current ? q(current.current?.averageValue) : '<unknown>';
          list.push(`${name}: ${cur}/${q(source.target.averageValue)}`);
        } else {
          const utilization = current?.current?.averageUtilization;
          const cur = current && utilization !== undefined ? `${utilization}%` : '<unknown>';
          const target = source?.target?.averageUtilization !== undefined ? `${source.target.averageUtilization}%` : '<auto>';
          list.push(`${name}: ${cur}/${target}`);
        }
        break;
      }
      default:
        list.push('<unknown type>');
    }
  });
  if (list.length > max) return `${list.slice(0, max).join(', ')} + ${list.length - max} more...`;
  return list.join(', ');
}

export const horizontalPodAutoscalerPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Reference', 'string', DOC['hpa.scaleTargetRef']),
    column('Targets', 'string', DOC['hpa.metrics']),
    column('MinPods', 'string', DOC['hpa.minReplicas']),
    column('MaxPods', 'string', DOC['hpa.maxReplicas']),
    column('Replicas', 'string', DOC['hpa.currentReplicas']),
    AGE_COLUMN,
  ],
  row(obj: HorizontalPodAutoscaler & HPAv1, nowMs) {
    const [specs, statuses] = metricsOf(obj);
    const ref = obj.spec?.scaleTargetRef;
    const minReplicas = obj.spec?.minReplicas;
    return [
      obj.metadata?.name ?? '',
      `${ref?.kind ?? ''}/${ref?.name ?? ''}`,
      formatHPAMetrics(specs, statuses),
      minReplicas !== undefined && minReplicas !== null ? String(minReplicas) : '<unset>',
      obj.spec?.maxReplicas ?? 0,
      obj.status?.currentReplicas ?? 0,
      translateTimestampSince(obj.metadata?.creationTimestamp, nowMs),
    ];
  },
};
