/**
 * HorizontalPodAutoscaler between autoscaling/v1 and autoscaling/v2 (the storage version), as
 * pkg/apis/autoscaling/v1/conversion.go does: v1 has only a CPU utilization target, so every other metric, the
 * current metrics, the conditions and the scaling behavior ride along in annotations and come back on the way in.
 */
type Obj = Record<string, any>;

export const METRIC_SPECS_ANNOTATION = 'autoscaling.alpha.kubernetes.io/metrics';
export const METRIC_STATUSES_ANNOTATION = 'autoscaling.alpha.kubernetes.io/current-metrics';
export const CONDITIONS_ANNOTATION = 'autoscaling.alpha.kubernetes.io/conditions';
export const BEHAVIOR_ANNOTATION = 'autoscaling.alpha.kubernetes.io/behavior';
const ROUND_TRIP = [METRIC_SPECS_ANNOTATION, METRIC_STATUSES_ANNOTATION, CONDITIONS_ANNOTATION, BEHAVIOR_ANNOTATION];

const defined = (o: Obj): Obj => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

// --- v2 metric ⇄ v1 (v2beta1-shaped) metric, used only inside the annotations ---------------------------------

function metricSpecToV1(m: Obj): Obj {
  const t = (x: Obj | undefined) => x?.target ?? {};
  switch (m.type) {
    case 'Resource':
      return { type: 'Resource', resource: defined({ name: m.resource?.name, targetAverageUtilization: t(m.resource).averageUtilization, targetAverageValue: t(m.resource).averageValue }) };
    case 'ContainerResource':
      return { type: 'ContainerResource', containerResource: defined({ name: m.containerResource?.name, container: m.containerResource?.container, targetAverageUtilization: t(m.containerResource).averageUtilization, targetAverageValue: t(m.containerResource).averageValue }) };
    case 'Pods':
      return { type: 'Pods', pods: defined({ metricName: m.pods?.metric?.name, selector: m.pods?.metric?.selector, targetAverageValue: t(m.pods).averageValue }) };
    case 'Object':
      return { type: 'Object', object: defined({ target: m.object?.describedObject, metricName: m.object?.metric?.name, selector: m.object?.metric?.selector, targetValue: t(m.object).value, averageValue: t(m.object).averageValue }) };
    case 'External':
      return { type: 'External', external: defined({ metricName: m.external?.metric?.name, metricSelector: m.external?.metric?.selector, targetValue: t(m.external).value, targetAverageValue: t(m.external).averageValue }) };
    default:
      return m;
  }
}

function target(utilization: unknown, averageValue: unknown, value?: unknown): Obj {
  if (utilization !== undefined) return { type: 'Utilization', averageUtilization: utilization };
  if (averageValue !== undefined) return { type: 'AverageValue', averageValue };
  return defined({ type: 'Value', value });
}

function metricSpecFromV1(m: Obj): Obj {
  switch (m.type) {
    case 'Resource':
      return { type: 'Resource', resource: { name: m.resource?.name, target: target(m.resource?.targetAverageUtilization, m.resource?.targetAverageValue) } };
    case 'ContainerResource':
      return { type: 'ContainerResource', containerResource: { name: m.containerResource?.name, container: m.containerResource?.container, target: target(m.containerResource?.targetAverageUtilization, m.containerResource?.targetAverageValue) } };
    case 'Pods':
      return { type: 'Pods', pods: { metric: defined({ name: m.pods?.metricName, selector: m.pods?.selector }), target: { type: 'AverageValue', averageValue: m.pods?.targetAverageValue } } };
    case 'Object':
      return { type: 'Object', object: { describedObject: m.object?.target, metric: defined({ name: m.object?.metricName, selector: m.object?.selector }), target: target(undefined, m.object?.averageValue, m.object?.targetValue) } };
    case 'External':
      return { type: 'External', external: { metric: defined({ name: m.external?.metricName, selector: m.external?.metricSelector }), target: target(undefined, m.external?.targetAverageValue, m.external?.targetValue) } };
    default:
      return m;
  }
}

function metricStatusToV1(m: Obj): Obj {
  const c = (x: Obj | undefined) => x?.current ?? {};
  switch (m.type) {
    case 'Resource':
      return { type: 'Resource', resource: defined({ name: m.resource?.name, currentAverageUtilization: c(m.resource).averageUtilization, currentAverageValue: c(m.resource).averageValue }) };
    case 'ContainerResource':
      return { type: 'ContainerResource', containerResource: defined({ name: m.containerResource?.name, container: m.containerResource?.container, currentAverageUtilization: c(m.containerResource).averageUtilization, currentAverageValue: c(m.containerResource).averageValue }) };
    case 'Pods':
      return { type: 'Pods', pods: defined({ metricName: m.pods?.metric?.name, selector: m.pods?.metric?.selector, currentAverageValue: c(m.pods).averageValue }) };
    case 'Object':
      return { type: 'Object', object: defined({ target: m.object?.describedObject, metricName: m.object?.metric?.name, selector: m.object?.metric?.selector, currentValue: c(m.object).value, averageValue: c(m.object).averageValue }) };
    case 'External':
      return { type: 'External', external: defined({ metricName: m.external?.metric?.name, metricSelector: m.external?.metric?.selector, currentValue: c(m.external).value, currentAverageValue: c(m.external).averageValue }) };
    default:
      return m;
  }
}

function metricStatusFromV1(m: Obj): Obj {
  switch (m.type) {
    case 'Resource':
      return { type: 'Resource', resource: { name: m.resource?.name, current: defined({ averageUtilization: m.resource?.currentAverageUtilization, averageValue: m.resource?.currentAverageValue }) } };
    case 'ContainerResource':
      return { type: 'ContainerResource', containerResource: { name: m.containerResource?.name, container: m.containerResource?.container, current: defined({ averageUtilization: m.containerResource?.currentAverageUtilization, averageValue: m.containerResource?.currentAverageValue }) } };
    case 'Pods':
      return { type: 'Pods', pods: { metric: defined({ name: m.pods?.metricName, selector: m.pods?.selector }), current: defined({ averageValue: m.pods?.currentAverageValue }) } };
    case 'Object':
      return { type: 'Object', object: { describedObject: m.object?.target, metric: defined({ name: m.object?.metricName, selector: m.object?.selector }), current: defined({ value: m.object?.currentValue, averageValue: m.object?.averageValue }) } };
    case 'External':
      return { type: 'External', external: { metric: defined({ name: m.external?.metricName, selector: m.external?.metricSelector }), current: defined({ value: m.external?.currentValue, averageValue: m.external?.currentAverageValue }) } };
    default:
      return m;
  }
}

const isCpuUtilization = (m: Obj) => m.type === 'Resource' && m.resource?.name === 'cpu' && m.resource?.target?.type === 'Utilization' && m.resource?.target?.averageUtilization !== undefined;

function parseAnnotation(value: unknown): Obj[] | Obj | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    return JSON.parse(value);
  } catch {
    return undefined; // upstream ignores an annotation it cannot parse
  }
}

/** autoscaling/v2 (storage) → autoscaling/v1. */
export function hpaV2ToV1(obj: Obj): Obj {
  const spec = obj.spec ?? {};
  const status = obj.status;
  const annotations: Obj = { ...(obj.metadata?.annotations ?? {}) };
  for (const k of ROUND_TRIP) delete annotations[k];
  let cpuTarget: number | undefined;
  const other: Obj[] = [];
  for (const m of spec.metrics ?? []) {
    if (cpuTarget === undefined && isCpuUtilization(m)) cpuTarget = m.resource.target.averageUtilization;
    else other.push(metricSpecToV1(m));
  }
  if (other.length > 0) annotations[METRIC_SPECS_ANNOTATION] = JSON.stringify(other);
  if (spec.behavior) annotations[BEHAVIOR_ANNOTATION] = JSON.stringify(spec.behavior);
  const out: Obj = {
    ...obj,
    apiVersion: 'autoscaling/v1',
    metadata: { ...obj.metadata },
    spec: defined({ scaleTargetRef: spec.scaleTargetRef, minReplicas: spec.minReplicas, maxReplicas: spec.maxReplicas, targetCPUUtilizationPercentage: cpuTarget }),
  };
  if (status) {
    let currentCpu: number | undefined;
    const otherStatus: Obj[] = [];
    for (const m of status.currentMetrics ?? []) {
      if (currentCpu === undefined && m.type === 'Resource' && m.resource?.name === 'cpu' && m.resource?.current?.averageUtilization !== undefined) currentCpu = m.resource.current.averageUtilization;
      else otherStatus.push(metricStatusToV1(m));
    }
    if (otherStatus.length > 0) annotations[METRIC_STATUSES_ANNOTATION] = JSON.stringify(otherStatus);
    if (status.conditions?.length) annotations[CONDITIONS_ANNOTATION] = JSON.stringify(status.conditions);
    out.status = defined({ observedGeneration: status.observedGeneration, lastScaleTime: status.lastScaleTime, currentReplicas: status.currentReplicas ?? 0, desiredReplicas: status.desiredReplicas ?? 0, currentCPUUtilizationPercentage: currentCpu });
  }
  if (Object.keys(annotations).length > 0) out.metadata.annotations = annotations;
  else delete out.metadata.annotations;
  return out;
}

/** autoscaling/v1 → autoscaling/v2 (storage). */
export function hpaV1ToV2(obj: Obj): Obj {
  const spec = obj.spec ?? {};
  const annotations: Obj = { ...(obj.metadata?.annotations ?? {}) };
  const metrics: Obj[] = [];
  const other = parseAnnotation(annotations[METRIC_SPECS_ANNOTATION]);
  if (Array.isArray(other)) metrics.push(...other.map(metricSpecFromV1));
  if (spec.targetCPUUtilizationPercentage !== undefined && spec.targetCPUUtilizationPercentage !== null) {
    metrics.push({ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: spec.targetCPUUtilizationPercentage } } });
  }
  const behavior = parseAnnotation(annotations[BEHAVIOR_ANNOTATION]);
  const out: Obj = {
    ...obj,
    apiVersion: 'autoscaling/v2',
    metadata: { ...obj.metadata },
    spec: defined({ scaleTargetRef: spec.scaleTargetRef, minReplicas: spec.minReplicas, maxReplicas: spec.maxReplicas, metrics: metrics.length ? metrics : undefined, behavior: behavior && !Array.isArray(behavior) ? behavior : undefined }),
  };
  if (obj.status) {
    const s = obj.status;
    const current: Obj[] = [];
    const otherStatus = parseAnnotation(annotations[METRIC_STATUSES_ANNOTATION]);
    if (Array.isArray(otherStatus)) current.push(...otherStatus.map(metricStatusFromV1));
    if (s.currentCPUUtilizationPercentage !== undefined && s.currentCPUUtilizationPercentage !== null) {
      current.push({ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: s.currentCPUUtilizationPercentage } } });
    }
    const conditions = parseAnnotation(annotations[CONDITIONS_ANNOTATION]);
    out.status = defined({
      observedGeneration: s.observedGeneration,
      lastScaleTime: s.lastScaleTime,
      currentReplicas: s.currentReplicas,
      desiredReplicas: s.desiredReplicas,
      currentMetrics: current.length ? current : undefined,
      conditions: Array.isArray(conditions) ? conditions : undefined,
    });
  }
  for (const k of ROUND_TRIP) delete annotations[k];
  if (Object.keys(annotations).length > 0) out.metadata.annotations = annotations;
  else delete out.metadata.annotations;
  return out;
}
